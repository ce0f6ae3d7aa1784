/**
 * The reminder schedule: when owners are reminded and when slipping work is escalated. Stored by the
 * admin under settings key "reminder_schedule" as JSON; these defaults apply until it is edited.
 * (Validation of an admin's edit lives beside this type so the form, the API and the job agree.)
 */
export interface ReminderSchedule {
  /** Days before the deadline on which the owner is reminded, e.g. [7, 3, 1]. */
  beforeDays: number[];
  /** Remind the owner on the deadline day itself. */
  onDeadlineDay: boolean;
  /** First reminder this many days after the deadline (1 = the day after). */
  firstAfterDays: number;
  /** Then every this many days while still overdue (7 = weekly; 0 = no repeats). */
  repeatAfterDays: number;
  /** Overdue this many days → the head of the lead unit is told (once per deadline). */
  escalateHeadAfterDays: number;
  /** Overdue this many days → the committee and the admins are told (once per deadline). */
  escalateCommitteeAfterDays: number;
  /** An extension request undecided this many days → the members who can decide it are told. */
  extensionPendingDays: number;
}

export const SCHEDULE_SETTING_KEY = "reminder_schedule";

export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = {
  beforeDays: [7, 3, 1],
  onDeadlineDay: true,
  firstAfterDays: 1,
  repeatAfterDays: 7,
  escalateHeadAfterDays: 7,
  escalateCommitteeAfterDays: 30,
  extensionPendingDays: 3,
};

/** The largest number of days any rule may name (a year). */
export const SCHEDULE_MAX_DAYS = 365;
/** At most this many early reminders. */
export const SCHEDULE_MAX_BEFORE = 10;

export const SCHEDULE_FIELDS = [
  "beforeDays",
  "onDeadlineDay",
  "firstAfterDays",
  "repeatAfterDays",
  "escalateHeadAfterDays",
  "escalateCommitteeAfterDays",
  "extensionPendingDays",
] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

/** Field errors as dictionary keys ("key" or "key|{json params}", the forms' convention). */
export type ScheduleFieldErrors = Partial<Record<ScheduleField, string[]>>;

export type ScheduleParseResult = { ok: true; schedule: ReminderSchedule } | { ok: false; fieldErrors: ScheduleFieldErrors };

const err = (key: string, params?: Record<string, string | number>) => (params ? `${key}|${JSON.stringify(params)}` : key);

/**
 * One whole number of days from a form value. `min` is 1 for every rule except the repeat interval
 * (0 = no repeats). Returns the number or the error key.
 */
function parseDays(raw: unknown, min: 0 | 1): { value: number } | { error: string } {
  const text = typeof raw === "string" ? raw.normalize("NFC").trim() : typeof raw === "number" ? String(raw) : "";
  if (text === "") return { error: err("schedule.error.required") };
  if (!/^[+-]?\d+$/.test(text)) return { error: err("schedule.error.notWholeNumber", { value: text.slice(0, 20) }) };
  const value = Number(text);
  if (value < min) return { error: err(min === 0 ? "schedule.error.negative" : "schedule.error.atLeastOne", { value }) };
  if (value > SCHEDULE_MAX_DAYS) return { error: err("schedule.error.tooLarge", { max: SCHEDULE_MAX_DAYS }) };
  return { value };
}

/**
 * The admin's schedule form (or any object of strings) → a schedule, or specific errors per field.
 *
 * Decisions:
 * - "Days before the deadline" is a list such as "7, 3, 1" (commas, semicolons or spaces). An empty
 *   list is an error: an owner would then hear nothing until the deadline day, which the issue counts
 *   as a bad value. Zero, negative, fractional, duplicate or > 365 entries are errors too, each named.
 * - Every other number is a whole number of days from 1 to 365, except the repeat interval, where 0
 *   means "no repeats after the first overdue reminder".
 * - The committee is told later than the head: its threshold must be greater.
 */
export function parseReminderSchedule(input: Record<string, unknown>): ScheduleParseResult {
  const fieldErrors: ScheduleFieldErrors = {};
  const add = (field: ScheduleField, message: string) => (fieldErrors[field] ??= []).push(message);

  const beforeRaw =
    typeof input.beforeDays === "string"
      ? input.beforeDays.normalize("NFC")
      : Array.isArray(input.beforeDays)
        ? input.beforeDays.join(",")
        : "";
  const tokens = beforeRaw.split(/[\s,;]+/).filter((t) => t !== "");
  const beforeDays: number[] = [];
  if (tokens.length === 0) add("beforeDays", err("schedule.error.beforeEmpty"));
  else if (tokens.length > SCHEDULE_MAX_BEFORE) add("beforeDays", err("schedule.error.beforeTooMany", { max: SCHEDULE_MAX_BEFORE }));
  else {
    const seen = new Set<number>();
    for (const token of tokens) {
      const parsed = parseDays(token, 1);
      if ("error" in parsed) {
        if (!fieldErrors.beforeDays?.includes(parsed.error)) add("beforeDays", parsed.error);
        continue;
      }
      if (seen.has(parsed.value)) {
        const message = err("schedule.error.duplicate", { value: parsed.value });
        if (!fieldErrors.beforeDays?.includes(message)) add("beforeDays", message);
        continue;
      }
      seen.add(parsed.value);
      beforeDays.push(parsed.value);
    }
  }

  const numbers = {} as Record<Exclude<ScheduleField, "beforeDays" | "onDeadlineDay">, number>;
  for (const field of [
    "firstAfterDays",
    "repeatAfterDays",
    "escalateHeadAfterDays",
    "escalateCommitteeAfterDays",
    "extensionPendingDays",
  ] as const) {
    const parsed = parseDays(input[field], field === "repeatAfterDays" ? 0 : 1);
    if ("error" in parsed) add(field, parsed.error);
    else numbers[field] = parsed.value;
  }
  if (
    numbers.escalateHeadAfterDays !== undefined &&
    numbers.escalateCommitteeAfterDays !== undefined &&
    numbers.escalateCommitteeAfterDays <= numbers.escalateHeadAfterDays
  ) {
    add("escalateCommitteeAfterDays", err("schedule.error.committeeAfterHead", { head: numbers.escalateHeadAfterDays }));
  }

  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const on = input.onDeadlineDay;
  return {
    ok: true,
    schedule: {
      beforeDays: beforeDays.sort((a, b) => b - a),
      onDeadlineDay: on === true || on === "on" || on === "true" || on === "1",
      firstAfterDays: numbers.firstAfterDays,
      repeatAfterDays: numbers.repeatAfterDays,
      escalateHeadAfterDays: numbers.escalateHeadAfterDays,
      escalateCommitteeAfterDays: numbers.escalateCommitteeAfterDays,
      extensionPendingDays: numbers.extensionPendingDays,
    },
  };
}

/** A schedule as the form's text values. */
export function scheduleFormValues(
  schedule: ReminderSchedule,
): Record<Exclude<ScheduleField, "onDeadlineDay">, string> & { onDeadlineDay: boolean } {
  return {
    beforeDays: schedule.beforeDays.join(", "),
    onDeadlineDay: schedule.onDeadlineDay,
    firstAfterDays: String(schedule.firstAfterDays),
    repeatAfterDays: String(schedule.repeatAfterDays),
    escalateHeadAfterDays: String(schedule.escalateHeadAfterDays),
    escalateCommitteeAfterDays: String(schedule.escalateCommitteeAfterDays),
    extensionPendingDays: String(schedule.extensionPendingDays),
  };
}
