/** A goal's indicator: target against the latest reading, and how far the way from baseline to target is gone. */
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { ProgressMeter } from "./progress-meter";

export interface IndicatorValues {
  indicatorName: string | null;
  indicatorUnit: string | null;
  indicatorTarget: number | null;
  indicatorBaseline: number | null;
  current: { value: number; asOf: string } | null;
}

/** Share of the way from baseline (or zero) to target reached by the current value, 0–100; null when it cannot be said. */
export function indicatorAchievement(g: IndicatorValues): number | null {
  if (g.indicatorTarget === null || !g.current) return null;
  const start = g.indicatorBaseline ?? 0;
  const span = g.indicatorTarget - start;
  if (span === 0) return g.current.value === g.indicatorTarget ? 100 : null;
  const share = ((g.current.value - start) / span) * 100;
  return Math.max(0, Math.min(100, share));
}

/** A value with its unit as people write it: "62,5%" hugs the percent sign, "12 ngày" takes a space. */
export function numberWithUnit(value: number, unit: string | null, lang: "vi" | "en") {
  return `${formatNumber(value, lang)}${unit ? (unit === "%" ? "%" : ` ${unit}`) : ""}`;
}

export function useNumberWithUnit() {
  const t = useT();
  return (value: number | null, unit: string | null) => (value === null ? t("common.none") : numberWithUnit(value, unit, t.lang));
}

export function GoalIndicator({ goal, compact = false }: { goal: IndicatorValues; compact?: boolean }) {
  const t = useT();
  const fmt = useNumberWithUnit();
  if (!goal.indicatorName) return <p className="text-sm text-slate-500">{t("goals.noIndicator")}</p>;
  const achievement = indicatorAchievement(goal);
  return (
    <div className="space-y-1 text-sm">
      <p className="font-medium text-slate-800">{goal.indicatorName}</p>
      <dl
        className={`grid gap-x-4 gap-y-0.5 text-slate-700 ${compact ? "grid-cols-[auto_1fr]" : "max-w-2xl grid-cols-[auto_1fr] sm:grid-cols-[auto_1fr_auto_1fr]"}`}
      >
        <dt className="text-slate-500">{t("goals.current")}</dt>
        <dd className="font-semibold tabular-nums text-slate-900">
          {goal.current ? (
            <>
              {fmt(goal.current.value, goal.indicatorUnit)}{" "}
              <span className="font-normal text-slate-500">({t("goals.asOf", { date: t.date(goal.current.asOf) })})</span>
            </>
          ) : (
            <span className="font-normal text-slate-500">{t("goals.noReading")}</span>
          )}
        </dd>
        <dt className="text-slate-500">{t("goals.target")}</dt>
        <dd className="font-semibold tabular-nums text-slate-900">{fmt(goal.indicatorTarget, goal.indicatorUnit)}</dd>
        {goal.indicatorBaseline !== null ? (
          <>
            <dt className="text-slate-500">{t("goals.baseline")}</dt>
            <dd className="tabular-nums">{fmt(goal.indicatorBaseline, goal.indicatorUnit)}</dd>
          </>
        ) : null}
      </dl>
      {achievement !== null ? (
        <p className="flex items-center gap-2 text-xs text-slate-600">
          <span>{t("goals.achievement")}</span>
          <ProgressMeter
            value={achievement}
            label={t("goals.achievementOf", { share: Math.round(achievement) })}
            tone={achievement >= 100 ? "green" : "brand"}
          />
        </p>
      ) : null}
    </div>
  );
}
