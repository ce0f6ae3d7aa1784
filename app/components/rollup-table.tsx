/**
 * The ranked table of units (or any rollup items) as of a date: every count a link to the task list
 * behind it, ranked by share overdue, sortable through the URL (`?sort=ontime&dir=asc#units`) so it
 * works without JavaScript. Also the small pieces every dashboard number uses: a count link that
 * carries its number (`data-count`) and shares formatted for the language.
 */
import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { RollupCell } from "~/domain/drilldown";
import { UNIT_SORTS, sortRows, type RollupRow, type SortDir, type UnitSort } from "~/domain/rollup-rows";
import type { MessageKey } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { TaskHeadCells } from "./task-head-cells";
import { TableCard } from "./ui/table-card";

/** A share (fraction 0–1) as the language writes a percentage: "12,3 %" in Vietnamese, "12.3%" in English. */
const shareFormatters = {
  vi: new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

export function formatShare(fraction: number, lang: "vi" | "en"): string {
  const percent = Math.round(fraction * 1000) / 10;
  const n = shareFormatters[lang === "vi" ? "vi" : "en"].format(percent);
  return lang === "vi" ? `${n}\u00a0%` : `${n}%`;
}

/**
 * A number that counts tasks, as a link to the list of exactly those tasks. `data-count` carries the
 * number so tests (and anyone checking) can compare it with the list's total without reading text.
 */
export function CountLink({
  to,
  count,
  label,
  className = "",
  figure,
  children,
}: {
  to: string;
  count: number;
  /** The accessible name; it starts with the number, as shown. Omit when the content names the link. */
  label?: string;
  className?: string;
  /** Names a headline figure (`data-figure`), for tests and anyone checking the page. */
  figure?: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Link
      to={to}
      data-count={count}
      data-figure={figure}
      aria-label={label}
      className={`tabular-nums underline decoration-current/30 underline-offset-2 hover:decoration-current ${count === 0 ? "text-slate-500" : ""} ${className}`}
    >
      {children ?? formatNumber(count, t.lang)}
    </Link>
  );
}

// The rows and their order are decided below the components (the loaders rank and cut them); re-exported for the tables' users.
export { UNIT_SORTS, sortRows, type RollupRow, type SortDir, type UnitSort };

type CountCell = "total" | "doneOnTime" | "doneLate" | "openOnTime" | "overdue";
/**
 * Columns in reading order: what the ranking is about (issued, overdue, share overdue) first, so a
 * phone shows it without scrolling sideways; then done on time, done late, open within deadline.
 */
const COLUMNS: Array<
  | { kind: "count"; cell: CountCell; label: MessageKey; tone?: string; sort?: UnitSort }
  | { kind: "share"; field: "shareOverdue" | "shareDoneOnTime"; label: MessageKey; tone?: string; sort: UnitSort }
> = [
  { kind: "count", cell: "total", label: "dash.col.total", sort: "total" },
  { kind: "count", cell: "overdue", label: "dash.col.overdue", tone: "font-semibold text-red-800" },
  { kind: "share", field: "shareOverdue", label: "dash.col.shareOverdue", tone: "font-semibold text-red-800", sort: "overdue" },
  { kind: "count", cell: "doneOnTime", label: "dash.col.doneOnTime" },
  { kind: "share", field: "shareDoneOnTime", label: "dash.col.shareDoneOnTime", sort: "ontime" },
  { kind: "count", cell: "doneLate", label: "dash.col.doneLate" },
  { kind: "count", cell: "openOnTime", label: "dash.col.openOnTime" },
];

function SortHeader({
  sort,
  label,
  current,
  dir,
  anchor,
}: {
  sort: UnitSort;
  label: string;
  current: UnitSort;
  dir: SortDir;
  anchor: string;
}) {
  const t = useT();
  const location = useLocation();
  const active = sort === current;
  const nextDir: SortDir = active && dir === "desc" ? "asc" : "desc";
  const params = new URLSearchParams(location.search);
  params.set("sort", sort);
  params.set("dir", nextDir);
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "desc" ? "descending" : "ascending") : undefined}
      className="px-3 py-2.5 text-right align-bottom"
    >
      <Link
        to={`${location.pathname}?${params}#${anchor}`}
        preventScrollReset
        className="inline-flex items-center gap-1 text-slate-700 no-underline hover:text-brand-700 hover:underline"
        aria-label={t(nextDir === "desc" ? "dash.sort.desc" : "dash.sort.asc", { column: label })}
      >
        {label}
        <span aria-hidden="true" className={active ? "text-brand-700" : "text-slate-400"}>
          {active ? (dir === "desc" ? "▼" : "▲") : "↕"}
        </span>
      </Link>
    </th>
  );
}

export function RollupTable({
  caption,
  itemLabel,
  rows,
  footRows = [],
  hrefFor,
  sort,
  dir,
  anchor,
}: {
  caption: string;
  /** Header of the first column ("Unit", "Goal"). */
  itemLabel: string;
  rows: RollupRow[];
  /** Rows outside the ranking (tasks led directly by the scope's unit, the whole scope). */
  footRows?: RollupRow[];
  hrefFor: (row: RollupRow, cell: RollupCell) => string;
  sort: UnitSort;
  dir: SortDir;
  /** The id of the section heading: sorting links come back to it. */
  anchor: string;
}) {
  const t = useT();
  const sorted = sortRows(rows, sort, dir);
  const th = "px-3 py-2.5 text-right align-bottom";
  const row = (r: RollupRow, foot: boolean) => (
    <tr key={`${foot ? "foot" : "row"}-${r.key}`} className={foot ? "bg-slate-50" : "hover:bg-slate-50"}>
      <td className="px-3 py-2 text-right align-top tabular-nums text-slate-500">{r.rank ?? ""}</td>
      <th
        scope="row"
        className={`sticky left-0 min-w-[11rem] px-3 py-2 text-left align-top ${foot ? "bg-slate-50 font-semibold" : "bg-white font-normal"}`}
      >
        {r.href ? (
          <Link to={r.href} className="font-semibold">
            {r.name}
          </Link>
        ) : (
          r.name
        )}
        {r.note ? <span className="block text-xs font-normal text-slate-500">{r.note}</span> : null}
      </th>
      {COLUMNS.map((c) =>
        c.kind === "count" ? (
          <td key={c.cell} className="px-3 py-2 text-right align-top">
            <CountLink
              to={hrefFor(r, c.cell)}
              count={r.numbers[c.cell]}
              label={t("dash.cellLink", { count: formatNumber(r.numbers[c.cell], t.lang), what: t(c.label), item: r.name })}
              className={r.numbers[c.cell] > 0 && c.tone ? c.tone : ""}
            />
          </td>
        ) : (
          <td
            key={c.field}
            className={`whitespace-nowrap px-3 py-2 text-right align-top tabular-nums ${r.numbers[c.field] > 0 && c.tone ? c.tone : ""}`}
          >
            {r.numbers.total ? formatShare(r.numbers[c.field], t.lang) : t("common.none")}
          </td>
        ),
      )}
    </tr>
  );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2.5 text-right align-bottom">
              <abbr title={t("dash.col.rankLong")} className="no-underline">
                {t("dash.col.rank")}
              </abbr>
            </th>
            <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2.5 text-left align-bottom">
              {itemLabel}
            </th>
            {COLUMNS.map((c) =>
              c.sort ? (
                <SortHeader key={c.label} sort={c.sort} label={t(c.label)} current={sort} dir={dir} anchor={anchor} />
              ) : (
                <th key={c.label} scope="col" className={th}>
                  {t(c.label)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{sorted.map((r) => row(r, false))}</tbody>
        {footRows.length ? <tfoot className="border-t-2 border-slate-300">{footRows.map((r) => row(r, true))}</tfoot> : null}
      </table>
    </div>
  );
}

/** One of the most overdue tasks as of the date (lead unit and owner as they were then). */
export interface OverdueRow {
  taskId: number;
  title: string;
  leadUnitId: number | null;
  leadUnitName: string | null;
  ownerName: string | null;
  deadline: string | null;
  daysOverdue: number;
}

export function MostOverdueTable({
  rows,
  caption,
  showOwner = true,
}: {
  rows: OverdueRow[];
  caption: string;
  /** Off where every row is the reader's own. */ showOwner?: boolean;
}) {
  const t = useT();
  const th = "px-3 py-2.5 text-left align-bottom";
  return (
    <TableCard caption={caption}>
      <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
        <tr>
          <TaskHeadCells showOwner={showOwner} th={th} />
          <th scope="col" className={`${th} text-right`}>
            {t("dash.col.daysOverdue")}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.taskId} className="hover:bg-slate-50">
            <th scope="row" className="px-3 py-2 text-left align-top font-normal">
              <Link to={`/tasks/${r.taskId}`} className="font-semibold leading-snug">
                {r.title}
              </Link>
              <span className="block text-xs text-slate-600">{t("dash.overdue.deadline", { date: t.date(r.deadline) })}</span>
              <span className="block text-xs text-slate-600 md:hidden">
                {r.leadUnitName ?? t("common.none")}
                {showOwner ? ` · ${r.ownerName ?? t("common.none")}` : ""}
              </span>
            </th>
            <td className="hidden px-3 py-2 align-top md:table-cell">
              {r.leadUnitId && r.leadUnitName ? (
                <Link to={`/units/${r.leadUnitId}`} className="text-slate-800 underline decoration-slate-300 underline-offset-2">
                  {r.leadUnitName}
                </Link>
              ) : (
                t("common.none")
              )}
            </td>
            {showOwner ? <td className="hidden px-3 py-2 align-top md:table-cell">{r.ownerName ?? t("common.none")}</td> : null}
            <td className="whitespace-nowrap px-3 py-2 text-right align-top font-semibold tabular-nums text-red-800">
              {t("dash.overdue.days", { days: formatNumber(r.daysOverdue, t.lang) })}
            </td>
          </tr>
        ))}
      </tbody>
    </TableCard>
  );
}
