/**
 * What may happen to a unit in the tree: where it may hang, and when it may close or reopen.
 * Pure: the caller reads the facts (the parent, its path, the counts) and passes them in.
 */
import { errorKey } from "~/i18n";

/** The chosen parent as stored: whether it is open, and its path up to the root (itself first). */
export interface ParentFacts {
  active: boolean;
  path: readonly number[];
}

/**
 * Why a unit may not hang under this parent (null when it may). `parent` is undefined when the id
 * names no unit; `movingUnitId` is set when an existing unit moves, to refuse a cycle.
 */
export function parentProblem(parentId: number | null, parent: ParentFacts | undefined, movingUnitId?: number): string | null {
  if (parentId === null) return null;
  if (!parent) return errorKey("error.invalidChoice");
  if (!parent.active) return errorKey("error.unitParentClosed");
  if (movingUnitId !== undefined && parent.path.includes(movingUnitId)) return errorKey("error.unitParentCycle");
  return null;
}

export interface UnitStatusFacts {
  /** The state asked for: true to reopen, false to close. */
  active: boolean;
  openChildren: number;
  activeMembers: number;
  /** Null for a unit at the top (nothing above it to be closed). */
  parentActive: boolean | null;
}

/**
 * Why the unit may not close or reopen (null when it may): a unit closes only once nothing open hangs
 * under it and nobody active works in it; it reopens only under an open parent.
 */
export function statusChangeProblem(facts: UnitStatusFacts): string | null {
  if (!facts.active) {
    if (facts.openChildren > 0) return errorKey("error.unitHasActiveChildren");
    if (facts.activeMembers > 0) return errorKey("error.unitHasActiveUsers", { count: facts.activeMembers });
    return null;
  }
  if (facts.parentActive === false) return errorKey("error.unitParentClosed");
  return null;
}
