import type { RollupNumbers } from "~/domain/rollup";
import { useT, type T } from "~/i18n/react";
import { formatShare } from "../rollup-cells";
import { Badge } from "../ui/badge";

/** Horizontal bars, unit against city, for the two headline shares (the table beside it carries the same values). */
function CompareChart({
  unitName,
  unit,
  city,
}: {
  unitName: string;
  unit: RollupNumbers;
  city: { shareOverdue: number; shareDoneOnTime: number };
}) {
  const t = useT();
  const width = 360;
  const labelWidth = 120;
  const barMax = width - labelWidth - 60;
  const groups = [
    { label: t("rollup.shareOverdue"), unit: unit.shareOverdue, city: city.shareOverdue, fill: "fill-red-700" },
    { label: t("rollup.shareDoneOnTime"), unit: unit.shareDoneOnTime, city: city.shareDoneOnTime, fill: "fill-emerald-700" },
  ];
  const rowHeight = 18;
  const groupHeight = rowHeight * 2 + 26;
  const height = groups.length * groupHeight + 4;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="compare-title compare-desc" className="h-auto w-full max-w-md">
      <title id="compare-title">{t("unitReport.compareChartTitle", { unit: unitName })}</title>
      <desc id="compare-desc">
        {t("unitReport.compareChartDesc", {
          unitOverdue: formatShare(unit.shareOverdue, t),
          cityOverdue: formatShare(city.shareOverdue, t),
          unitOnTime: formatShare(unit.shareDoneOnTime, t),
          cityOnTime: formatShare(city.shareDoneOnTime, t),
        })}
      </desc>
      {groups.map((g, gi) => {
        const top = gi * groupHeight;
        return (
          <g key={g.label}>
            <text x={0} y={top + 14} className="fill-slate-800 text-[12px] font-semibold">
              {g.label}
            </text>
            {[
              { who: unitName, value: g.unit, fill: g.fill },
              { who: t("unitReport.cityLabel"), value: g.city, fill: "fill-slate-400" },
            ].map((bar, bi) => {
              const y = top + 22 + bi * rowHeight;
              return (
                <g key={bi}>
                  <text x={0} y={y + 11} className="fill-slate-600 text-[11px]">
                    {bar.who.length > 18 ? `${bar.who.slice(0, 17)}…` : bar.who}
                  </text>
                  <rect x={labelWidth} y={y} width={barMax} height={12} rx={2} className="fill-slate-100" />
                  <rect x={labelWidth} y={y} width={Math.max(0, Math.min(1, bar.value)) * barMax} height={12} rx={2} className={bar.fill} />
                  <text x={labelWidth + barMax + 6} y={y + 11} className="fill-slate-800 text-[11px] font-semibold">
                    {formatShare(bar.value, t)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

function verdict(t: T, unit: number, city: number, higherIsWorse: boolean) {
  if (Math.round(unit * 1000) === Math.round(city * 1000)) return <span className="text-xs text-slate-600">{t("unitReport.same")}</span>;
  const worse = higherIsWorse ? unit > city : unit < city;
  return (
    <span className="whitespace-nowrap">
      {worse ? <Badge tone="red">{t("unitReport.worse")}</Badge> : <Badge tone="green">{t("unitReport.better")}</Badge>}
    </span>
  );
}

type CityShares = { shareOverdue: number; shareDoneOnTime: number };

/** The unit's two headline shares against the city's, as a table and as bars. */
export function CityComparison({
  unitName,
  numbers,
  city,
  asOf,
}: {
  unitName: string;
  numbers: RollupNumbers;
  city: CityShares;
  asOf: string;
}) {
  const t = useT();
  return (
    <section aria-labelledby="compare-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="compare-heading" className="text-lg font-semibold text-slate-900">
        {t("unitReport.compareHeading")}
      </h2>
      <div className="grid gap-6 lg:grid-cols-2 lg:items-center">
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("unitReport.compareCaption", { date: t.date(asOf) })}</caption>
            <thead className="border-b border-slate-200 text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 text-left">
                  {t("unitReport.measure")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  {unitName}
                </th>
                <th scope="col" className="py-2 text-right">
                  {t("unitReport.cityLabel")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              <tr>
                <th scope="row" className="py-2 pr-3 text-left align-top font-normal">
                  {t("rollup.shareOverdue")}
                </th>
                <td className="py-2 pr-3 text-right">
                  <span className="block font-semibold tabular-nums">{formatShare(numbers.shareOverdue, t)}</span>
                  {numbers.total ? verdict(t, numbers.shareOverdue, city.shareOverdue, true) : null}
                </td>
                <td className="py-2 text-right align-top tabular-nums">{formatShare(city.shareOverdue, t)}</td>
              </tr>
              <tr>
                <th scope="row" className="py-2 pr-3 text-left align-top font-normal">
                  {t("rollup.shareDoneOnTime")}
                </th>
                <td className="py-2 pr-3 text-right">
                  <span className="block font-semibold tabular-nums">{formatShare(numbers.shareDoneOnTime, t)}</span>
                  {numbers.total ? verdict(t, numbers.shareDoneOnTime, city.shareDoneOnTime, false) : null}
                </td>
                <td className="py-2 text-right align-top tabular-nums">{formatShare(city.shareDoneOnTime, t)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <CompareChart unitName={unitName} unit={numbers} city={city} />
      </div>
    </section>
  );
}
