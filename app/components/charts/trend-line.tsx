/**
 * Share overdue at each report cut-off, as a line. Server-rendered SVG (readable without JavaScript,
 * no style attributes), named by its <title> and described by its <desc>, with the numbers as a table
 * in a <details> under it; each count there links to the list as of that cut-off.
 */
import type { RollupCell } from "~/domain/drilldown";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { CountLink, formatShare } from "../rollup-table";

export interface TrendPoint {
  /** The period's cut-off date (YYYY-MM-DD). */
  periodEnd: string;
  total: number;
  overdue: number;
  shareOverdue: number;
}

const W = 640;
const H = 220;
const PAD = { left: 52, right: 20, top: 16, bottom: 44 };

/** The smallest "round" top of the axis that fits the largest share. */
function axisMax(largest: number): number {
  for (const step of [0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.75, 1]) if (largest <= step) return step;
  return 1;
}

export function TrendLine({
  id,
  title,
  points: all,
  hrefFor,
}: {
  id: string;
  title: string;
  points: TrendPoint[];
  hrefFor: (periodEnd: string, cell: RollupCell) => string;
}) {
  const t = useT();
  // A period without any issued task has no share to draw (0 % would read as "nothing overdue"); its row stays in the table.
  const points = all.filter((p) => p.total > 0);
  if (points.length === 0) return <p className="text-sm text-slate-600">{t("dash.trend.none")}</p>;
  const top = axisMax(Math.max(...points.map((p) => p.shareOverdue)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xOf = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const yOf = (share: number) => PAD.top + plotH - (share / top) * plotH;
  const ticks = [0, top / 2, top];
  const monthLabel = (date: string) => {
    const [y, m] = date.split("-").map(Number);
    return t.lang === "vi"
      ? `T${m}`
      : new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  };
  const first = points[0];
  const last = points[points.length - 1];
  const peak = points.reduce((a, b) => (b.shareOverdue > a.shareOverdue ? b : a));
  const desc = t("dash.trend.desc", {
    count: points.length,
    from: t.date(first.periodEnd),
    to: t.date(last.periodEnd),
    first: formatShare(first.shareOverdue, t.lang),
    last: formatShare(last.shareOverdue, t.lang),
    peak: formatShare(peak.shareOverdue, t.lang),
    peakDate: t.date(peak.periodEnd),
  });
  return (
    <figure className="space-y-3">
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${W} ${H}`}
          width={W}
          height={H}
          className="block h-auto w-full max-w-3xl min-w-[34rem]"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={W - PAD.right} y1={yOf(tick)} y2={yOf(tick)} className="stroke-slate-200" strokeWidth="1" />
              <text x={PAD.left - 8} y={yOf(tick) + 4} textAnchor="end" fontSize="12" className="fill-slate-600">
                {formatShare(tick, t.lang)}
              </text>
            </g>
          ))}
          <polyline
            points={points.map((p, i) => `${xOf(i)},${yOf(p.shareOverdue)}`).join(" ")}
            fill="none"
            strokeWidth="2.5"
            strokeLinejoin="round"
            className="stroke-red-700"
          />
          {points.map((p, i) => {
            const year = p.periodEnd.slice(0, 4);
            const showYear = i === 0 || points[i - 1].periodEnd.slice(0, 4) !== year;
            return (
              <g key={p.periodEnd}>
                <circle cx={xOf(i)} cy={yOf(p.shareOverdue)} r="4" className="fill-white stroke-red-700" strokeWidth="2">
                  <title>
                    {t("dash.trend.point", {
                      date: t.date(p.periodEnd),
                      share: formatShare(p.shareOverdue, t.lang),
                      overdue: formatNumber(p.overdue, t.lang),
                      total: formatNumber(p.total, t.lang),
                    })}
                  </title>
                </circle>
                <text x={xOf(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="12" className="fill-slate-700">
                  {monthLabel(p.periodEnd)}
                </text>
                {showYear ? (
                  <text x={xOf(i)} y={H - PAD.bottom + 34} textAnchor="middle" fontSize="11" className="fill-slate-500">
                    {year}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="rounded-md border border-slate-200 bg-white">
        <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-brand-700">{t("dash.trend.tableSummary")}</summary>
        <div className="overflow-x-auto border-t border-slate-200">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("dash.chart.tableOf", { title })}</caption>
            <thead className="bg-slate-50 text-xs font-semibold text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("dash.trend.period")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("dash.col.total")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("dash.col.overdue")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("dash.col.shareOverdue")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {all.map((p) => (
                <tr key={p.periodEnd}>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal tabular-nums">
                    {t.date(p.periodEnd)}
                  </th>
                  <td className="px-3 py-1.5 text-right">
                    <CountLink
                      to={hrefFor(p.periodEnd, "total")}
                      count={p.total}
                      label={t("dash.cellLink", {
                        count: formatNumber(p.total, t.lang),
                        what: t("dash.col.total"),
                        item: t.date(p.periodEnd),
                      })}
                    />
                  </td>
                  <td className="px-3 py-1.5 text-right">
                    <CountLink
                      to={hrefFor(p.periodEnd, "overdue")}
                      count={p.overdue}
                      label={t("dash.cellLink", {
                        count: formatNumber(p.overdue, t.lang),
                        what: t("dash.col.overdue"),
                        item: t.date(p.periodEnd),
                      })}
                      className={p.overdue > 0 ? "font-semibold text-red-800" : ""}
                    />
                  </td>
                  <td className="px-3 py-1.5 text-right tabular-nums">
                    {p.total ? formatShare(p.shareOverdue, t.lang) : t("common.none")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
