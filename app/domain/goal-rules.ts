/**
 * What a goal and its indicator readings must satisfy. Pure: the caller reads the lead unit and the
 * goal, and passes today's date in.
 */
import { errorKey } from "~/i18n";
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
