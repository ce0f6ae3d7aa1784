/** How rollup cells read on the unit page and the printed report: labels, values, percentages. */
import type { RollupCell } from "~/domain/drilldown";
import type { AGE_BANDS, RollupNumbers } from "~/domain/rollup";
import type { MessageKey } from "~/i18n";
import type { T } from "~/i18n/react";

/** A share (0–1) as the language writes a percentage: "12,3 %" / "12.3%". */
const shareFormatters = {
  vi: new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

export function formatShare(share: number, t: T): string {
  const value = shareFormatters[t.lang === "vi" ? "vi" : "en"].format(Math.round(share * 1000) / 10);
  return t("rollup.percent", { value });
}

export const CELL_LABEL: Record<RollupCell, MessageKey> = {
  total: "rollup.total",
  doneOnTime: "rollup.doneOnTime",
  doneLate: "rollup.doneLate",
  openOnTime: "rollup.openOnTime",
  dueSoon: "rollup.dueSoon",
  overdue: "rollup.overdue",
  "overdue:1-30": "rollup.age.1-30",
  "overdue:31-60": "rollup.age.31-60",
  "overdue:61-120": "rollup.age.61-120",
  "overdue:120+": "rollup.age.120+",
  extended: "rollup.extended",
  drafts: "rollup.drafts",
  cancelled: "rollup.cancelled",
};

export function countOf(numbers: RollupNumbers, cell: RollupCell): number {
  if (cell.startsWith("overdue:")) return numbers.overdueByAge[cell.slice("overdue:".length) as (typeof AGE_BANDS)[number]];
  return numbers[cell as Exclude<RollupCell, `overdue:${string}`>];
}
