import { describe, expect, it } from "vitest";
import { todayIn } from "~/i18n/format";
import { addDays } from "./dates";
import { DEFAULT_REMINDER_SCHEDULE as S, type ReminderSchedule } from "./reminder-schedule";
import {
  digestBucket,
  extensionRemindersDue,
  isMonday,
  isOverdueReminderDay,
  remindersDue,
  reminderKey,
  type TaskFacts,
} from "./reminders";

const deadline = "2026-12-01";
const task = (over: Partial<TaskFacts> = {}): TaskFacts => ({
  taskId: 12,
  status: "in_progress",
  deadline,
  ownerId: 5,
  ownerActive: true,
  leadHeadIds: [3],
  committeeIds: [90, 91],
  ...over,
});
const on = (daysAfterDeadline: number, t = task(), schedule: ReminderSchedule = S) =>
  remindersDue(t, addDays(t.deadline ?? deadline, daysAfterDeadline), schedule);
const kinds = (list: ReturnType<typeof remindersDue>) => list.map((r) => `${r.kind} ${r.rule} →${r.userId}`);

describe("owner reminders before and on the deadline", () => {
  it("reminds the owner 7, 3 and 1 days before, with the days in the data", () => {
    for (const n of [7, 3, 1]) {
      const due = on(-n);
      expect(kinds(due)).toEqual([`deadline_before before:${n} →5`]);
      expect(due[0].data).toEqual({ days: n });
      expect(due[0].dedupeKey).toBe(`task:12|before:${n}|2026-12-01|user:5`);
    }
  });
  it("says nothing on the days in between", () => {
    for (const n of [8, 6, 5, 4, 2]) expect(on(-n)).toEqual([]);
  });
  it("reminds on the deadline day itself (rule due), unless the schedule turns it off", () => {
    expect(kinds(on(0))).toEqual(["deadline_today due →5"]);
    expect(on(0, task(), { ...S, onDeadlineDay: false })).toEqual([]);
  });
  it("follows an edited schedule", () => {
    expect(kinds(on(-14, task(), { ...S, beforeDays: [14, 2] }))).toEqual(["deadline_before before:14 →5"]);
    expect(on(-7, task(), { ...S, beforeDays: [14, 2] })).toEqual([]);
  });
});

describe("overdue reminders", () => {
  it("fire on day 1 and then weekly: 1, 8, 15, 22 — not 2..7 or 9..14", () => {
    const fired = [];
    for (let d = 1; d <= 22; d++) if (on(d).some((r) => r.kind === "overdue")) fired.push(d);
    expect(fired).toEqual([1, 8, 15, 22]);
    expect(on(8).find((r) => r.kind === "overdue")).toMatchObject({
      rule: "after:8",
      data: { days: 8 },
      dedupeKey: "task:12|after:8|2026-12-01|user:5",
    });
  });
  it("no repeats when repeatAfterDays is 0; a later first day shifts the series", () => {
    expect(isOverdueReminderDay(1, { firstAfterDays: 1, repeatAfterDays: 0 })).toBe(true);
    expect(isOverdueReminderDay(8, { firstAfterDays: 1, repeatAfterDays: 0 })).toBe(false);
    expect([1, 2, 3, 5, 7].filter((d) => isOverdueReminderDay(d, { firstAfterDays: 3, repeatAfterDays: 2 }))).toEqual([3, 5, 7]);
  });
});

describe("escalations", () => {
  it("tell the head of the lead unit at 7 days overdue, not at 6 or 8", () => {
    expect(on(6).filter((r) => r.kind === "escalation_head")).toEqual([]);
    expect(kinds(on(7).filter((r) => r.kind === "escalation_head"))).toEqual(["escalation_head escalate-head:7 →3"]);
    expect(on(8).filter((r) => r.kind === "escalation_head")).toEqual([]);
  });
  it("tell every committee member and admin at 30 days overdue, not at 29", () => {
    expect(on(29).filter((r) => r.kind === "escalation_committee")).toEqual([]);
    const at30 = on(30).filter((r) => r.kind === "escalation_committee");
    expect(at30.map((r) => r.userId)).toEqual([90, 91]);
    expect(at30[0].dedupeKey).toBe("task:12|escalate-committee:30|2026-12-01|user:90");
  });
  it("never chase anyone but the owner, the lead unit's heads and the committee", () => {
    const everyone = new Set<number>();
    for (let d = -10; d <= 60; d++) for (const r of on(d)) everyone.add(r.userId);
    expect([...everyone].sort()).toEqual([3, 5, 90, 91]);
  });
});

describe("which tasks are reminded", () => {
  it("never drafts, done or cancelled tasks", () => {
    for (const status of ["draft", "done", "cancelled"] as const) {
      for (const d of [-7, 0, 1, 7, 30]) expect(on(d, task({ status }))).toEqual([]);
    }
  });
  it("not-started and in-progress tasks alike", () => {
    expect(kinds(on(0, task({ status: "not_started" })))).toEqual(["deadline_today due →5"]);
  });
  it("a task without a deadline gives nothing", () => {
    expect(remindersDue(task({ deadline: null }), "2026-12-01", S)).toEqual([]);
  });
});

describe("a deactivated owner", () => {
  it("gets nothing; the head gets one owner_inactive per task and deadline, on any day", () => {
    const t = task({ ownerActive: false });
    for (const d of [-7, -2, 0, 1, 3]) {
      const due = on(d, t).filter((r) => r.kind !== "escalation_head" && r.kind !== "escalation_committee");
      expect(kinds(due)).toEqual(["owner_inactive owner-inactive →3"]);
      expect(due[0].dedupeKey).toBe("task:12|owner-inactive|2026-12-01|user:3");
    }
  });
  it("escalations still go out", () => {
    expect(kinds(on(7, task({ ownerActive: false })))).toEqual(["owner_inactive owner-inactive →3", "escalation_head escalate-head:7 →3"]);
  });
});

describe("an approved extension restarts the schedule", () => {
  it("the new deadline in force gives new keys, so the before-reminders come again", () => {
    const before = on(-3);
    const extended = task({ deadline: "2026-12-20" });
    const after = remindersDue(extended, "2026-12-17", S);
    expect(after[0].rule).toBe(before[0].rule);
    expect(after[0].dedupeKey).toBe("task:12|before:3|2026-12-20|user:5");
    expect(after[0].dedupeKey).not.toBe(before[0].dedupeKey);
    // On the old deadline day nothing fires for the extended task.
    expect(remindersDue(extended, deadline, S)).toEqual([]);
  });
});

describe("the day is the day in APP_TZ", () => {
  it("16:59Z and 17:00Z on 30/11 are different days in Asia/Ho_Chi_Minh, so different reminders", () => {
    const tz = "Asia/Ho_Chi_Minh";
    const late = todayIn(tz, new Date("2026-11-30T16:59:59Z"));
    const midnight = todayIn(tz, new Date("2026-11-30T17:00:00Z"));
    expect([late, midnight]).toEqual(["2026-11-30", "2026-12-01"]);
    expect(kinds(remindersDue(task(), late, S))).toEqual(["deadline_before before:1 →5"]);
    expect(kinds(remindersDue(task(), midnight, S))).toEqual(["deadline_today due →5"]);
  });
});

describe("pending extension requests", () => {
  const ext = {
    extensionId: 45,
    taskId: 12,
    taskStatus: "in_progress" as const,
    deadline,
    requestedDeadline: "2026-12-20",
    requestedOn: "2026-11-20",
    deciderIds: [90, 91],
  };
  it("tell every decider once the request has waited 3 days, keyed by the request", () => {
    expect(extensionRemindersDue(ext, "2026-11-22", S)).toEqual([]);
    const due = extensionRemindersDue(ext, "2026-11-23", S);
    expect(due.map((r) => [r.kind, r.rule, r.userId, r.dedupeKey])).toEqual([
      ["extension_pending", "extension-pending:3", 90, "task:12|extension-pending:3|ext:45|user:90"],
      ["extension_pending", "extension-pending:3", 91, "task:12|extension-pending:3|ext:45|user:91"],
    ]);
    // Later days give the same keys (inserted once).
    expect(extensionRemindersDue(ext, "2026-11-25", S).map((r) => r.dedupeKey)).toEqual(due.map((r) => r.dedupeKey));
  });
  it("not for a task that is already closed", () => {
    expect(extensionRemindersDue({ ...ext, taskStatus: "done" }, "2026-11-25", S)).toEqual([]);
  });
});

describe("digest helpers", () => {
  it("buckets by the deadline", () => {
    expect(digestBucket("2026-11-27", "2026-11-28")).toBe("overdue");
    expect(digestBucket("2026-11-28", "2026-11-28")).toBe("today");
    expect(digestBucket("2026-12-05", "2026-11-28")).toBe("week");
    expect(digestBucket("2026-12-06", "2026-11-28")).toBeNull();
  });
  it("knows Mondays", () => {
    expect(isMonday("2026-11-30")).toBe(true);
    expect(isMonday("2026-11-28")).toBe(false);
  });
  it("keys are readable", () => {
    expect(reminderKey(1, "due", "2026-01-02", 3)).toBe("task:1|due|2026-01-02|user:3");
  });
});
