/**
 * Every number on a dashboard links to the task list behind it, and that list's count equals the
 * number. This maps a rollup cell (scope + column) to the /tasks query that selects exactly those
 * tasks: the same categories as app/domain/rollup.ts, expressed with the list's URL filters.
 */
import { addDays } from "./dates";
import type { AgeBand } from "./rollup";

export type RollupCell =
  "total" | "doneOnTime" | "doneLate" | "openOnTime" | "dueSoon" | "overdue" | `overdue:${AgeBand}` | "extended" | "drafts" | "cancelled";

export const ROLLUP_CELLS: readonly RollupCell[] = [
  "total",
  "doneOnTime",
  "doneLate",
  "openOnTime",
  "dueSoon",
  "overdue",
  "overdue:1-30",
  "overdue:31-60",
  "overdue:61-120",
  "overdue:120+",
  "extended",
  "drafts",
  "cancelled",
];

export interface RollupScope {
  unitId?: number;
  /** Count the units below the unit too (the default for unit rollups). */
  includeSubunits?: boolean;
  /** Tasks the unit coordinates rather than leads. */
  coordinating?: boolean;
  program?: string;
  goalId?: number;
}

/** The /tasks search params for a cell; `asOf` is carried only for a past date. */
export function drillDownParams(scope: RollupScope, cell: RollupCell, asOf: string, today: string): URLSearchParams {
  const p = new URLSearchParams();
  if (scope.unitId !== undefined) {
    p.set("unit", String(scope.unitId));
    if (scope.includeSubunits !== false) p.set("sub", "1");
    if (scope.coordinating) p.set("coord", "1");
  }
  if (scope.program) p.set("program", scope.program);
  if (scope.goalId !== undefined) p.set("goal", String(scope.goalId));
  switch (cell) {
    case "total":
      p.set("judged", "1");
      break;
    case "doneOnTime":
      p.set("standing", "done_on_time");
      break;
    case "doneLate":
      p.set("standing", "done_late");
      break;
    case "openOnTime":
      p.set("standing", "open");
      break;
    case "dueSoon":
      p.set("standing", "due_soon");
      break;
    case "overdue":
      p.set("standing", "overdue");
      break;
    case "extended":
      p.set("judged", "1");
      p.set("extended", "1");
      break;
    case "drafts":
      p.append("status", "draft");
      break;
    case "cancelled":
      p.append("status", "cancelled");
      break;
    default: {
      // Overdue by age: days overdue = asOf − deadline.
      const band = cell.slice("overdue:".length) as AgeBand;
      p.set("standing", "overdue");
      const [min, max] = { "1-30": [1, 30], "31-60": [31, 60], "61-120": [61, 120], "120+": [121, null] }[band] as [number, number | null];
      p.set("to", addDays(asOf, -min));
      if (max !== null) p.set("from", addDays(asOf, -max));
    }
  }
  if (asOf < today) p.set("asOf", asOf);
  return p;
}

export function drillDownHref(scope: RollupScope, cell: RollupCell, asOf: string, today: string): string {
  return `/tasks?${drillDownParams(scope, cell, asOf, today).toString()}`;
}
