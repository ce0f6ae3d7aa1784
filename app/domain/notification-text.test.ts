import { describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { NOTIFICATION_KINDS, notificationText, ruleDays } from "./notification-text";

const base = { data: "{}", deadline: "2026-12-01" };

describe("notificationText", () => {
  it("takes the days from data, else from the rule", () => {
    expect(notificationText({ ...base, kind: "deadline_before", rule: "before:7", data: '{"days":7}' })).toMatchObject({
      key: "notif.text.deadline_before",
      params: { days: 7 },
    });
    expect(notificationText({ ...base, kind: "overdue", rule: "after:8" })).toMatchObject({
      key: "notif.text.overdue",
      params: { days: 8 },
    });
    expect(notificationText({ ...base, kind: "escalation_committee", rule: "escalate-committee:30", data: "not json" }).params).toEqual({
      days: 30,
    });
    expect(ruleDays("due")).toBeNull();
  });

  it("reads kinds without a day count", () => {
    expect(notificationText({ ...base, kind: "deadline_today", rule: "due" })).toEqual({
      key: "notif.text.deadline_today",
      params: {},
      deadline: "2026-12-01",
    });
    expect(notificationText({ ...base, kind: "owner_inactive", rule: "owner-inactive" }).key).toBe("notif.text.owner_inactive");
  });

  it("falls back to a generic line for an unknown kind or a missing day count", () => {
    expect(notificationText({ ...base, kind: "weekly_digest", rule: "digest:2026-W48" }).key).toBe("notif.text.other");
    expect(notificationText({ ...base, kind: "overdue", rule: "after" }).key).toBe("notif.text.other");
    expect(notificationText({ kind: "overdue", rule: "x", data: null, deadline: null }).key).toBe("notif.text.other");
  });

  it("has a sentence in both languages for every kind, with its days filled in", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const text = notificationText({ ...base, kind, rule: `${kind}:5` });
      for (const lang of ["vi", "en"] as const) {
        const sentence = translate(lang, text.key, text.params);
        expect(sentence, `${kind} ${lang}`).not.toMatch(/[{}]/);
        expect(sentence.length).toBeGreaterThan(5);
      }
    }
  });
});
