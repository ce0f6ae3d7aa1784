/**
 * What may happen to a user's placement: a user joins (or moves to) only an open unit, and comes back
 * only while their unit is open. Pure: the caller reads the unit and passes what it found.
 */
import { errorKey } from "~/i18n";

/** Why the user may not be placed in this unit (null when they may). `unit` is undefined when the id names none. */
export function placementProblem(unit: { active: boolean } | undefined): string | null {
  return unit?.active ? null : errorKey("error.invalidChoice");
}

/** Why the account may not change to `active` (null when it may): nobody is reactivated into a closed unit. */
export function activationProblem(active: boolean, unitActive: boolean): string | null {
  return active && !unitActive ? errorKey("error.unitClosed") : null;
}
