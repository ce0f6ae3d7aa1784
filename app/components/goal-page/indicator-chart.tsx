/**
 * The indicator over time: readings as a line toward the target and the due date (server-rendered
 * SVG; the readings table carries every value, so the chart is never the only way to read them).
 */
import { daysBetween } from "~/domain/dates";
import { formatNumber } from "~/i18n/format";
import type { T } from "~/i18n/react";
import { numberWithUnit } from "../goal-indicator";

export interface ChartReading {
  value: number;
  asOf: string;
}

const CHART = { width: 400, height: 210, left: 44, right: 14, top: 18, bottom: 36 };

/** A round step for about `count` ticks over `span` (1, 2 or 5 × 10ⁿ). */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / magnitude;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10) * magnitude;
}

/** Where everything goes on the chart: x by day from the first reading to the due date (or the last reading), y from zero (or below) to the largest value. */
function indicatorChartGeometry(readings: ChartReading[], target: number | null, baseline: number | null, dueDate: string) {
  const sorted = [...readings].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const start = sorted[0].asOf;
  const end = [dueDate, sorted[sorted.length - 1].asOf].sort()[1];
  const days = Math.max(1, daysBetween(start, end));
  const values = [...sorted.map((r) => r.value), ...(target !== null ? [target] : []), ...(baseline !== null ? [baseline] : [])];
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  const step = niceStep(high - low || 1, 4);
  const yMin = Math.floor(low / step) * step;
  const yMax = Math.ceil(high / step) * step || step;
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (date: string) => CHART.left + (daysBetween(start, date) / days) * plotWidth;
  const y = (value: number) => CHART.top + plotHeight - ((value - yMin) / (yMax - yMin || 1)) * plotHeight;
  const ticks: number[] = [];
  for (let v = yMin; v <= yMax + step / 2; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  return { sorted, start, end, x, y, ticks, plotWidth, plotHeight };
}

export function IndicatorChart({
  t,
  name,
  unit,
  readings,
  target,
  baseline,
  dueDate,
}: {
  t: T;
  name: string;
  unit: string | null;
  readings: ChartReading[];
  target: number | null;
  baseline: number | null;
  dueDate: string;
}) {
  const withUnit = (v: number) => numberWithUnit(v, unit, t.lang);
  const g = indicatorChartGeometry(readings, target, baseline, dueDate);
  const first = g.sorted[0];
  const last = g.sorted[g.sorted.length - 1];
  const points = g.sorted.map((r) => `${g.x(r.asOf).toFixed(1)},${g.y(r.value).toFixed(1)}`).join(" ");
  const bottom = CHART.top + g.plotHeight;
  const descParams = {
    count: g.sorted.length,
    first: t.date(first.asOf),
    firstValue: withUnit(first.value),
    last: t.date(last.asOf),
    lastValue: withUnit(last.value),
    due: t.date(dueDate),
  };
  return (
    <svg
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby="indicator-chart-title indicator-chart-desc"
      className="h-auto w-full max-w-lg"
    >
      <title id="indicator-chart-title">{t("goalChart.title", { name })}</title>
      <desc id="indicator-chart-desc">
        {target !== null ? t("goalChart.desc", { ...descParams, target: withUnit(target) }) : t("goalChart.descNoTarget", descParams)}
      </desc>
      {g.ticks.map((v) => (
        <g key={v}>
          <line x1={CHART.left} x2={CHART.width - CHART.right} y1={g.y(v)} y2={g.y(v)} className="stroke-slate-200" strokeWidth={1} />
          <text x={CHART.left - 6} y={g.y(v) + 4} textAnchor="end" className="fill-slate-600 text-[12px]">
            {formatNumber(v, t.lang)}
          </text>
        </g>
      ))}
      <line x1={CHART.left} x2={CHART.left} y1={CHART.top} y2={bottom} className="stroke-slate-400" strokeWidth={1} />
      {target !== null ? (
        <g>
          <line
            x1={CHART.left}
            x2={CHART.width - CHART.right}
            y1={g.y(target)}
            y2={g.y(target)}
            className="stroke-emerald-700"
            strokeWidth={1.5}
            strokeDasharray="6 4"
          />
          <text x={CHART.left + 4} y={g.y(target) - 5} className="fill-emerald-800 text-[12px] font-semibold">
            {t("goalChart.target", { value: withUnit(target) })}
          </text>
        </g>
      ) : null}
      <g>
        <line
          x1={g.x(dueDate)}
          x2={g.x(dueDate)}
          y1={CHART.top}
          y2={bottom}
          className="stroke-amber-600"
          strokeWidth={1.5}
          strokeDasharray="4 4"
        />
        <text x={g.x(dueDate) - 4} y={bottom + 26} textAnchor="end" className="fill-amber-800 text-[12px] font-semibold">
          {t("goalChart.due", { date: t.date(dueDate) })}
        </text>
      </g>
      {target !== null && last.asOf < dueDate ? (
        <line
          x1={g.x(last.asOf)}
          y1={g.y(last.value)}
          x2={g.x(dueDate)}
          y2={g.y(target)}
          className="stroke-brand-600"
          strokeOpacity={0.5}
          strokeWidth={1.5}
          strokeDasharray="2 4"
        />
      ) : null}
      <polyline points={points} fill="none" className="stroke-brand-700" strokeWidth={2.5} strokeLinejoin="round" />
      {g.sorted.map((r, i) => (
        <circle key={`${r.asOf}-${i}`} cx={g.x(r.asOf)} cy={g.y(r.value)} r={4} className="fill-white stroke-brand-700" strokeWidth={2}>
          <title>{`${t.date(r.asOf)}: ${withUnit(r.value)}`}</title>
        </circle>
      ))}
      <text x={CHART.left} y={bottom + 14} className="fill-slate-600 text-[12px]">
        {t.date(first.asOf)}
      </text>
      {g.x(last.asOf) - g.x(first.asOf) > 80 && g.x(dueDate) - g.x(last.asOf) > 80 ? (
        <text x={g.x(last.asOf)} y={bottom + 14} textAnchor="middle" className="fill-slate-600 text-[12px]">
          {t.date(last.asOf)}
        </text>
      ) : null}
    </svg>
  );
}
