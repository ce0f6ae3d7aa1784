/**
 * How a set of tasks stands as one stacked bar: done on time, done late, open within deadline,
 * overdue. Server-rendered SVG (readable without JavaScript, no style attributes), named by its
 * <title> and described by its <desc>; the table under it is both the legend and the chart's text
 * alternative, each count a link to the list behind it.
 */
import type { RollupCell } from "~/domain/drilldown";
import type { RollupNumbers } from "~/domain/rollup";
import type { MessageKey } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { CountLink, formatShare } from "../rollup-table";

type SegmentCell = "doneOnTime" | "doneLate" | "openOnTime" | "overdue";

/** In the order of the government report; colours as the committee reads standings (green done, blue open, red overdue). */
export const SEGMENTS: ReadonlyArray<{ cell: SegmentCell; label: MessageKey; fill: string; swatch: string }> = [
  { cell: "doneOnTime", label: "dash.cat.doneOnTime", fill: "fill-emerald-600", swatch: "bg-emerald-600" },
  { cell: "doneLate", label: "dash.cat.doneLate", fill: "fill-lime-400", swatch: "bg-lime-400" },
  { cell: "openOnTime", label: "dash.cat.openOnTime", fill: "fill-sky-500", swatch: "bg-sky-500" },
  { cell: "overdue", label: "dash.cat.overdue", fill: "fill-red-600", swatch: "bg-red-600" },
];

export function StackedBar({
  id,
  title,
  numbers,
  hrefFor,
}: {
  /** Unique on the page: names the SVG's title and description. */
  id: string;
  /** The chart's accessible name, e.g. "Chuyển đổi số: nhiệm vụ theo tình trạng". */
  title: string;
  numbers: RollupNumbers;
  hrefFor: (cell: RollupCell) => string;
}) {
  const t = useT();
  const total = numbers.total;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  const desc =
    total === 0
      ? t("dash.chart.empty")
      : SEGMENTS.map((s) =>
          t("dash.chart.segment", {
            label: t(s.label),
            count: formatNumber(numbers[s.cell], t.lang),
            share: formatShare(share(numbers[s.cell]), t.lang),
          }),
        ).join("; ");
  let x = 0;
  return (
    <figure className="space-y-2">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox="0 0 100 8"
        preserveAspectRatio="none"
        width="100%"
        height="20"
        className="block h-5 w-full overflow-hidden rounded"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <rect x="0" y="0" width="100" height="8" className="fill-slate-200" />
        {SEGMENTS.map((s) => {
          const width = share(numbers[s.cell]) * 100;
          const rect = width > 0 ? <rect key={s.cell} x={x} y="0" width={width} height="8" className={s.fill} /> : null;
          x += width;
          return rect;
        })}
      </svg>
      <table className="w-full text-sm">
        <caption className="sr-only">{t("dash.chart.tableOf", { title })}</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">{t("dash.col.category")}</th>
            <th scope="col">{t("dash.col.count")}</th>
            <th scope="col">{t("dash.col.share")}</th>
          </tr>
        </thead>
        <tbody>
          {SEGMENTS.map((s) => (
            <tr key={s.cell}>
              <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-700">
                <span aria-hidden="true" className={`mr-2 inline-block h-2.5 w-2.5 rounded-sm align-middle ${s.swatch}`} />
                {t(s.label)}
                {s.cell === "openOnTime" && numbers.dueSoon > 0 ? (
                  <span className="block pl-[1.125rem] text-xs text-slate-500">
                    {t("dash.chart.ofWhichDueSoon")}{" "}
                    <CountLink
                      to={hrefFor("dueSoon")}
                      count={numbers.dueSoon}
                      label={t("dash.cellLink", { count: formatNumber(numbers.dueSoon, t.lang), what: t("dash.cat.dueSoon"), item: title })}
                      className="font-semibold text-amber-800"
                    />
                  </span>
                ) : null}
              </th>
              <td className="py-0.5 text-right align-top font-semibold">
                <CountLink
                  to={hrefFor(s.cell)}
                  count={numbers[s.cell]}
                  label={t("dash.cellLink", { count: formatNumber(numbers[s.cell], t.lang), what: t(s.label), item: title })}
                  className={s.cell === "overdue" && numbers.overdue > 0 ? "text-red-800" : ""}
                />
              </td>
              <td className="w-16 py-0.5 text-right align-top tabular-nums text-slate-600">
                {total ? formatShare(share(numbers[s.cell]), t.lang) : t("common.none")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
