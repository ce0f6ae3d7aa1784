import { Link } from "@remix-run/react";
import { type RollupCell, type RollupScope, drillDownHref } from "~/domain/drilldown";
import type { RollupNumbers } from "~/domain/rollup";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { CELL_LABEL, countOf, formatShare } from "../rollup-cells";

/** A count that links to the list behind it; the link's text is the number alone, its name says what it counts. */
export function UnitCountLink({
  scope,
  cell,
  numbers,
  asOf,
  today,
  unitName,
  className = "",
}: {
  scope: RollupScope;
  cell: RollupCell;
  numbers: RollupNumbers;
  asOf: string;
  today: string;
  unitName?: string;
  className?: string;
}) {
  const t = useT();
  const count = countOf(numbers, cell);
  const label = cell.startsWith("overdue:") ? `${t("rollup.overdueShort")} ${t(CELL_LABEL[cell])}` : t(CELL_LABEL[cell]);
  const name = unitName ? t("rollup.countLinkOf", { unit: unitName, label, count }) : t("rollup.countLink", { label, count });
  return (
    <Link
      to={drillDownHref(scope, cell, asOf, today)}
      aria-label={name}
      className={`tabular-nums ${count === 0 ? "text-slate-500 no-underline hover:underline" : "font-semibold"} ${className}`}
    >
      {formatNumber(count, t.lang)}
    </Link>
  );
}

const TILES: Array<{ cell: RollupCell; tone: string }> = [
  { cell: "total", tone: "border-slate-300 bg-white" },
  { cell: "doneOnTime", tone: "border-emerald-200 bg-emerald-50" },
  { cell: "doneLate", tone: "border-emerald-200 bg-emerald-50" },
  { cell: "openOnTime", tone: "border-brand-100 bg-brand-50" },
  { cell: "overdue", tone: "border-red-300 bg-red-50" },
  { cell: "extended", tone: "border-slate-300 bg-white" },
];

export function Tiles({ numbers, scope, asOf, today }: { numbers: RollupNumbers; scope: RollupScope; asOf: string; today: string }) {
  const t = useT();
  return (
    <ul aria-label={t("unitReport.countsHeading")} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {TILES.map(({ cell, tone }) => (
        <li key={cell} className={`flex flex-col rounded-lg border p-3 shadow-sm ${tone}`}>
          <UnitCountLink scope={scope} cell={cell} numbers={numbers} asOf={asOf} today={today} className="text-2xl" />
          <span className="text-sm font-semibold text-slate-800">{t(CELL_LABEL[cell])}</span>
          {cell === "openOnTime" ? (
            <span className="mt-1 text-xs text-amber-900">
              {t("rollup.dueSoon")}: <UnitCountLink scope={scope} cell="dueSoon" numbers={numbers} asOf={asOf} today={today} />
            </span>
          ) : null}
          {cell === "overdue" ? (
            <span className="mt-1 text-xs text-red-900">
              {t("rollup.shareOverdue")}: <strong className="tabular-nums">{formatShare(numbers.shareOverdue, t)}</strong>
            </span>
          ) : null}
          {cell === "doneOnTime" ? (
            <span className="mt-1 text-xs text-emerald-900">
              {t("rollup.shareDoneOnTime")}: <strong className="tabular-nums">{formatShare(numbers.shareDoneOnTime, t)}</strong>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
