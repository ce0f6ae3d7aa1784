import { Link } from "@remix-run/react";
import { drillDownHref, type RollupCell } from "~/domain/drilldown";
import type { RollupNumbers } from "~/domain/rollup";
import { useT } from "~/i18n/react";
import { StackedBar } from "../charts/stacked-bars";
import { GoalIndicator } from "../goal-indicator";
import { IssuedFigure } from "../overview/issued-figure";

type GoalCard = Parameters<typeof GoalIndicator>[0]["goal"] & {
  id: number;
  title: string;
  leadUnitName: string;
  dueDate: string;
  numbers: RollupNumbers;
};

/** A program's goals: each with its indicator against the target, its tasks issued and how they stand. */
export function GoalCards({ goals, asOf, today }: { goals: GoalCard[]; asOf: string; today: string }) {
  const t = useT();
  return (
    <section aria-labelledby="goals-heading" className="space-y-3">
      <h2 id="goals-heading" className="text-lg font-semibold text-slate-900">
        {t("dash.program.goals", { count: goals.length })}
      </h2>
      {goals.length === 0 ? (
        <p className="text-sm text-slate-600">{t("goals.emptyProgram")}</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {goals.map((g) => {
            const goalHref = (cell: RollupCell) => drillDownHref({ goalId: g.id }, cell, asOf, today);
            return (
              <li key={g.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div>
                  <h3 className="font-semibold leading-snug">
                    <Link to={`/goals/${g.id}`}>{g.title}</Link>
                  </h3>
                  <p className="mt-0.5 text-xs text-slate-600">
                    {g.leadUnitName} · {t("goals.due", { date: t.date(g.dueDate) })}
                  </p>
                </div>
                <GoalIndicator goal={g} compact />
                <p className="text-sm text-slate-700">
                  <IssuedFigure to={goalHref("total")} count={g.numbers.total} item={g.title} className="font-semibold" />
                </p>
                <StackedBar
                  id={`goal-${g.id}`}
                  title={t("dash.chart.goalTitle", { goal: g.title })}
                  numbers={g.numbers}
                  hrefFor={goalHref}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
