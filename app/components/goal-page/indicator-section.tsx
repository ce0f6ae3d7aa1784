/** The goal's indicator: target against the latest reading, how far is left before the due date, and the chart. */
import { indicatorStanding } from "~/domain/goal-rules";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { GoalIndicator, numberWithUnit } from "../goal-indicator";
import { IndicatorChart, type ChartReading } from "./indicator-chart";

interface IndicatorGoal {
  indicatorName: string | null;
  indicatorUnit: string | null;
  indicatorTarget: number | null;
  indicatorBaseline: number | null;
  dueDate: string;
}

/** Readings come newest first. */
function IndicatorProgress({ goal, readings, today }: { goal: IndicatorGoal; readings: ChartReading[]; today: string }) {
  const t = useT();
  if (!goal.indicatorName) return null;
  const { reached, gap, daysLeft } = indicatorStanding(goal, readings, today);
  return (
    <figure aria-labelledby="indicator-progress-heading" className="mt-5 space-y-2 border-t border-slate-100 pt-4">
      <h3 id="indicator-progress-heading" className="text-sm font-semibold text-slate-800">
        {t("goalChart.heading")}
      </h3>
      {readings.length === 0 ? (
        <p className="text-sm text-slate-600">{t("goalChart.noReadings")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {reached === null || gap === null
              ? null
              : reached
                ? t("goalChart.reached")
                : t("goalChart.gap", { gap: numberWithUnit(gap, goal.indicatorUnit, t.lang) })}{" "}
            {daysLeft >= 0
              ? t("goalChart.daysLeft", { days: formatNumber(daysLeft, t.lang) })
              : t("goalChart.daysPast", { days: formatNumber(-daysLeft, t.lang) })}
          </p>
          <IndicatorChart
            t={t}
            name={goal.indicatorName}
            unit={goal.indicatorUnit}
            readings={readings}
            target={goal.indicatorTarget}
            baseline={goal.indicatorBaseline}
            dueDate={goal.dueDate}
          />
          <figcaption className="text-xs text-slate-600">
            <a href="#readings-heading">{t("goalChart.tableNote", { table: t("goals.readings") })}</a>
          </figcaption>
        </>
      )}
    </figure>
  );
}

export function IndicatorSection({ goal, readings, today }: { goal: IndicatorGoal; readings: ChartReading[]; today: string }) {
  const t = useT();
  const latest = readings[0] ?? null;
  return (
    <section aria-labelledby="indicator-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="indicator-heading" className="mb-3 text-lg font-semibold text-slate-900">
        {t("goals.indicator")}
      </h2>
      <GoalIndicator goal={{ ...goal, current: latest ? { value: latest.value, asOf: latest.asOf } : null }} />
      <IndicatorProgress goal={goal} readings={readings} today={today} />
    </section>
  );
}
