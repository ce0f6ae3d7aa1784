/**
 * What a goal and its indicator readings must satisfy. Pure: the caller reads the lead unit and the
 * goal, and passes today's date in.
 */
import { errorKey } from "~/i18n";
import { daysBetween } from "./dates";
import { PROGRAM_CODES, type ProgramCode } from "./task-rules";

export type GoalFieldErrors = Record<string, string[]>;

/**
 * Why the goal's fields may not be stored (empty when they may). A goal may keep a lead unit that has
 * since closed, but a newly chosen one must exist and be open: `leadUnit` is "kept" when unchanged,
 * undefined when the id names no unit.
 */
export function goalProblems(programCode: ProgramCode, leadUnit: { active: boolean } | "kept" | undefined): GoalFieldErrors {
  const errors: GoalFieldErrors = {};
  if (!PROGRAM_CODES.includes(programCode)) errors.programCode = [errorKey("error.invalidChoice")];
  if (leadUnit === undefined) errors.leadUnitId = [errorKey("error.invalidChoice")];
  else if (leadUnit !== "kept" && !leadUnit.active) errors.leadUnitId = [errorKey("error.unitClosed")];
  return errors;
}

/** Why a reading may not be recorded (null when it may): the goal must measure something, and the date must not be ahead of today. */
export function readingProblem(goal: { indicatorName: string | null }, asOf: string, today: string): GoalFieldErrors | null {
  if (asOf > today) return { asOf: [errorKey("goals.error.futureDate")] };
  if (!goal.indicatorName) return { value: [errorKey("goals.error.noIndicator")] };
  return null;
}

/**
 * Where the indicator stands against its target: `reached` and `gap` are null without a target or a reading;
 * `daysLeft` counts to the due date (negative once past). Readings come newest first.
 */
export function indicatorStanding(
  goal: { indicatorTarget: number | null; indicatorBaseline: number | null; dueDate: string },
  readings: ReadonlyArray<{ value: number }>,
  today: string,
): { reached: boolean | null; gap: number | null; daysLeft: number } {
  const daysLeft = daysBetween(today, goal.dueDate);
  const latest = readings[0];
  const target = goal.indicatorTarget;
  if (latest === undefined || target === null) return { reached: null, gap: null, daysLeft };
  // A goal goes up (coverage, share online) or down (days to process); the baseline, or the first reading, says which.
  const from = goal.indicatorBaseline ?? readings[readings.length - 1].value;
  const upward = target >= from;
  return { reached: upward ? latest.value >= target : latest.value <= target, gap: Math.abs(target - latest.value), daysLeft };
}
