import { drillDownHref } from "~/domain/drilldown";
import { useT } from "~/i18n/react";
import { TrendLine, type TrendPoint } from "../charts/trend-line";

/** The city's monthly trend (share overdue at each report cut-off), every point linking to its list. */
export function TrendSection({
  points,
  cityName,
  cityScope,
  today,
}: {
  points: TrendPoint[];
  cityName: string;
  cityScope: boolean;
  today: string;
}) {
  const t = useT();
  return (
    <section aria-labelledby="trend-heading" className="space-y-3">
      <div>
        <h2 id="trend-heading" className="text-lg font-semibold text-slate-900">
          {t("dash.trend.heading", { count: points.length })}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{cityScope ? t("dash.trend.intro") : t("dash.trend.introCity", { city: cityName })}</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <TrendLine
          id="trend"
          title={t("dash.trend.title", { city: cityName })}
          points={points}
          hrefFor={(periodEnd, cell) => drillDownHref({}, cell, periodEnd, today)}
        />
      </div>
    </section>
  );
}
