import { Link } from "@remix-run/react";
import type { RollupCell, RollupScope } from "~/domain/drilldown";
import type { RollupNumbers } from "~/domain/rollup";
import { useT } from "~/i18n/react";
import { StackedBar } from "../charts/stacked-bars";
import { formatShare } from "../rollup-table";
import { IssuedFigure } from "./issued-figure";

/** The three programs side by side: tasks issued, share overdue, how they stand, and a link to each program's page. */
export function ProgramCards({
  programs,
  asOfParam,
  hrefFor,
}: {
  programs: Array<{ code: string; name: string; numbers: RollupNumbers }>;
  /** The query that keeps a past date on the program pages ("" for today). */
  asOfParam: string;
  hrefFor: (extra: RollupScope) => (cell: RollupCell) => string;
}) {
  const t = useT();
  return (
    <section aria-labelledby="programs-heading" className="space-y-3">
      <h2 id="programs-heading" className="text-lg font-semibold text-slate-900">
        {t("dash.programs.heading")}
      </h2>
      <ul className="grid gap-4 md:grid-cols-3">
        {programs.map((p) => (
          <li key={p.code} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div>
              <p className="text-xs font-bold uppercase tracking-wide text-brand-700">
                {t(`lists.program.${p.code as "CCHC" | "CDS" | "DA06"}`)}
              </p>
              <h3 className="font-semibold leading-snug text-slate-900">
                <Link to={`/programs/${p.code}${asOfParam}`}>{p.name}</Link>
              </h3>
            </div>
            <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
              <span>
                <IssuedFigure
                  to={hrefFor({ program: p.code })("total")}
                  count={p.numbers.total}
                  item={p.name}
                  className="text-2xl font-bold text-slate-900"
                  wordClassName="text-slate-600"
                />
              </span>
              <span className="text-red-800">
                <span className="font-bold tabular-nums">
                  {p.numbers.total ? formatShare(p.numbers.shareOverdue, t.lang) : t("common.none")}
                </span>{" "}
                {t("dash.programs.overdueShare")}
              </span>
            </div>
            <StackedBar
              id={`program-${p.code}`}
              title={t("dash.chart.programTitle", { program: p.name })}
              numbers={p.numbers}
              hrefFor={hrefFor({ program: p.code })}
            />
            <p className="mt-auto text-sm">
              <Link to={`/programs/${p.code}${asOfParam}`} className="font-semibold">
                {t("dash.programs.more", { program: t(`lists.program.${p.code as "CCHC" | "CDS" | "DA06"}`) })} →
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
