import { describe, expect, it } from "vitest";
import { translateError } from "~/i18n";
import { DEFAULT_REMINDER_SCHEDULE, parseReminderSchedule, scheduleFormValues } from "./reminder-schedule";

const good = { ...scheduleFormValues(DEFAULT_REMINDER_SCHEDULE), onDeadlineDay: "on" };

function errorsOf(input: Record<string, unknown>) {
  const result = parseReminderSchedule(input);
  if (result.ok) throw new Error("expected errors");
  return Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, v!.map((m) => translateError("en", m))]));
}

describe("parseReminderSchedule", () => {
  it("reads the default form back into the default schedule", () => {
    expect(parseReminderSchedule(good)).toEqual({ ok: true, schedule: DEFAULT_REMINDER_SCHEDULE });
  });

  it("accepts commas, semicolons and spaces, and sorts the days before from farthest to nearest", () => {
    const result = parseReminderSchedule({ ...good, beforeDays: " 1;14 ,3  7 " });
    expect(result.ok && result.schedule.beforeDays).toEqual([14, 7, 3, 1]);
  });

  it("reads an unticked checkbox (absent) as off", () => {
    const { onDeadlineDay: _omit, ...rest } = good;
    const result = parseReminderSchedule(rest);
    expect(result.ok && result.schedule.onDeadlineDay).toBe(false);
  });

  it("refuses an empty list of days before the deadline", () => {
    expect(errorsOf({ ...good, beforeDays: "" })).toEqual({
      beforeDays: ["Enter at least one day to remind before the deadline, e.g. 7, 3, 1."],
    });
    expect(errorsOf({ ...good, beforeDays: " , ; " }).beforeDays).toHaveLength(1);
  });

  it("names negative, zero, fractional, non-numeric, duplicate and too-large days", () => {
    expect(errorsOf({ ...good, beforeDays: "7, -3" }).beforeDays).toEqual(["Must be 1 day or more (you entered -3)."]);
    expect(errorsOf({ ...good, beforeDays: "0" }).beforeDays).toEqual(["Must be 1 day or more (you entered 0)."]);
    expect(errorsOf({ ...good, beforeDays: "7, 2.5" }).beforeDays).toEqual([
      "“2.5” is not a number of days: enter a whole number, e.g. 7.",
    ]);
    expect(errorsOf({ ...good, beforeDays: "bảy" }).beforeDays).toEqual(["“bảy” is not a number of days: enter a whole number, e.g. 7."]);
    expect(errorsOf({ ...good, beforeDays: "7, 3, 7, 7" }).beforeDays).toEqual(["Day 7 is entered twice: enter each day once."]);
    expect(errorsOf({ ...good, beforeDays: "400" }).beforeDays).toEqual(["At most 365 days."]);
    expect(errorsOf({ ...good, beforeDays: "1 2 3 4 5 6 7 8 9 10 11" }).beforeDays).toEqual(["At most 10 reminders before the deadline."]);
  });

  it("checks every number: required, whole, in range; repeats may be 0", () => {
    expect(errorsOf({ ...good, firstAfterDays: "" })).toEqual({ firstAfterDays: ["Enter a number of days."] });
    expect(errorsOf({ ...good, firstAfterDays: "0" })).toEqual({ firstAfterDays: ["Must be 1 day or more (you entered 0)."] });
    expect(errorsOf({ ...good, repeatAfterDays: "-1" })).toEqual({ repeatAfterDays: ["Cannot be negative (you entered -1)."] });
    expect(parseReminderSchedule({ ...good, repeatAfterDays: "0" }).ok).toBe(true);
    expect(errorsOf({ ...good, extensionPendingDays: "abc" })).toEqual({
      extensionPendingDays: ["“abc” is not a number of days: enter a whole number, e.g. 7."],
    });
    expect(errorsOf({ ...good, escalateHeadAfterDays: "366", escalateCommitteeAfterDays: "400" })).toEqual({
      escalateHeadAfterDays: ["At most 365 days."],
      escalateCommitteeAfterDays: ["At most 365 days."],
    });
    expect(parseReminderSchedule({ ...good, extensionPendingDays: "365" }).ok).toBe(true);
  });

  it("requires the committee to be told later than the head", () => {
    expect(errorsOf({ ...good, escalateHeadAfterDays: "30", escalateCommitteeAfterDays: "30" })).toEqual({
      escalateCommitteeAfterDays: ["Must be more than the days for the unit head (30): the committee is told after the head."],
    });
    expect(errorsOf({ ...good, escalateHeadAfterDays: "30", escalateCommitteeAfterDays: "7" }).escalateCommitteeAfterDays).toHaveLength(1);
    expect(parseReminderSchedule({ ...good, escalateHeadAfterDays: "30", escalateCommitteeAfterDays: "31" }).ok).toBe(true);
  });

  it("reports every bad field at once", () => {
    const errors = errorsOf({
      beforeDays: "",
      firstAfterDays: "x",
      repeatAfterDays: "",
      escalateHeadAfterDays: "-1",
      escalateCommitteeAfterDays: "0",
      extensionPendingDays: "1.5",
    });
    expect(Object.keys(errors).sort()).toEqual([
      "beforeDays",
      "escalateCommitteeAfterDays",
      "escalateHeadAfterDays",
      "extensionPendingDays",
      "firstAfterDays",
      "repeatAfterDays",
    ]);
  });
});
