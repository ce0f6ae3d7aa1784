/**
 * Rows of a rollup table (units ranked by share overdue) and the URL's choice of their order.
 */
import { z } from "zod";
import type { RollupNumbers } from "./rollup";

export const UNIT_SORTS = ["overdue", "ontime", "total"] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];
export type SortDir = "asc" | "desc";

export interface RollupRow {
  key: string;
  name: string;
  /** The item's own page (a unit's page), if any. */
  href?: string;
  /** Position when ranked by share overdue (1 = the largest share overdue). */
  rank?: number;
  /** A second line under the name (e.g. "directly led"). */
  note?: string;
  numbers: RollupNumbers;
}

const SORT_VALUE: Record<UnitSort, (n: RollupNumbers) => number> = {
  overdue: (n) => n.shareOverdue,
  ontime: (n) => n.shareDoneOnTime,
  total: (n) => n.total,
};

/** The rows in the chosen order; ties keep the ranking order. */
export function sortRows(rows: RollupRow[], sort: UnitSort, dir: SortDir): RollupRow[] {
  const value = SORT_VALUE[sort];
  const sign = dir === "desc" ? -1 : 1;
  return [...rows].sort((a, b) => sign * (value(a.numbers) - value(b.numbers)) || (a.rank ?? 0) - (b.rank ?? 0));
}

/** ?sort= and ?dir= of a ranked table; a hand-edited URL falls back quietly to the ranking. */
export const RankedTableParams = z.object({
  sort: z.enum(UNIT_SORTS).catch("overdue"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});

export function readRankedTableParams(search: URLSearchParams) {
  return RankedTableParams.parse({ sort: search.get("sort"), dir: search.get("dir") });
}
