/**
 * /programs/:code — one program (CCHC, CDS or DA06) as of a date: its numbers, its goals with the
 * indicator's target against the latest reading and how their tasks stand, its units ranked by share
 * overdue, and its most overdue tasks. Every count links to the list behind it.
 */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { appToday, notFound, requirePermission, requireUser } from "~/auth/request.server";
import { StackedBar } from "~/components/charts/stacked-bars";
import { AsOfForm, HeadlineFigures } from "~/components/headline-figures";
import { AsOfLine, PastDateNote } from "~/components/overview/as-of-note";
import { MostOverdueSection } from "~/components/overview/most-overdue-section";
import { GoalCards } from "~/components/program-report/goal-cards";
import { RollupTable } from "~/components/rollup-table";
import { db } from "~/db.server";
import { drillDownHref, type RollupCell } from "~/domain/drilldown";
import { readAsOf } from "~/domain/rollup";
import { readRankedTableParams } from "~/domain/rollup-rows";
import { PROGRAM_CODES, type ProgramCode } from "~/domain/task-rules";
import { env } from "~/env.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { programReportView } from "~/models/program-report.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "dash.program.title");
  return [{ title: args.data ? `${args.data.program.name} · ${base.title}` : base.title }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const code = params.code;
  if (!code || !(PROGRAM_CODES as readonly string[]).includes(code)) notFound();
  const today = appToday();
  const { APP_TZ: timeZone, REPORT_CUTOFF_DAY: cutoffDay } = env();
  const search = new URL(request.url).searchParams;
  const { sort, dir } = readRankedTableParams(search);
  const { asOf, asOfError, asOfTyped, recentCutoffs } = readAsOf(search.get("asOf"), today, cutoffDay);
  const view = await programReportView(
    db(),
    { program: code as ProgramCode, asOf, readerUnitId: user.unitId, lang: user.language },
    today,
    timeZone,
  );
  return json({ today, asOf, asOfTyped, asOfError, recentCutoffs, sort, dir, ...view }, { status: asOfError ? 400 : 200 });
}

export default function ProgramPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const past = data.asOf < data.today;
  const code = data.program.code;
  const label = t(`lists.program.${code}`);
  const programHref = (cell: RollupCell) => drillDownHref({ program: code }, cell, data.asOf, data.today);
  const unitFoot = data.unitFoot.map((r) => ({
    ...r,
    note: r.note === "direct" ? t("dash.units.direct") : t("dash.program.whole", { program: label }),
  }));
  const overviewHref = past ? `/?asOf=${encodeURIComponent(t.date(data.asOf))}` : "/";

  return (
    <div className="space-y-8">
      <nav aria-label={t("dash.program.breadcrumb")}>
        <ol className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <li>
            <Link to={overviewHref}>{t("dash.title")}</Link>
          </li>
          <li className="flex items-center gap-2">
            <span aria-hidden="true">›</span>
            <span aria-current="page" className="text-slate-900">
              {label}
            </span>
          </li>
        </ol>
      </nav>

      <div>
        <p className="text-xs font-bold uppercase tracking-wide text-brand-700">{t("dash.program.kicker", { program: label })}</p>
        <h1 className="text-2xl font-bold text-slate-900">{data.program.name}</h1>
        <p className="mt-1 text-sm">
          <Link to={`/assistant?scope=program&program=${data.program.code}`} className="font-semibold">
            {t("nav.assistant")} →
          </Link>
        </p>
        <AsOfLine asOf={data.asOf} today={data.today} />
      </div>

      <AsOfForm
        action={`/programs/${code}`}
        asOf={data.asOf}
        today={data.today}
        typed={data.asOfTyped}
        error={data.asOfError}
        recentCutoffs={data.recentCutoffs}
      />

      <PastDateNote asOf={data.asOf} today={data.today} />

      <section aria-labelledby="headline-heading" className="space-y-3">
        <h2 id="headline-heading" className="text-lg font-semibold text-slate-900">
          {t("dash.headline", { scope: data.program.name })}
        </h2>
        <HeadlineFigures numbers={data.numbers} hrefFor={programHref} label={t("dash.headline", { scope: data.program.name })} />
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:max-w-xl">
          <h3 className="mb-3 text-sm font-semibold text-slate-800">{t("dash.program.byStanding")}</h3>
          <StackedBar
            id={`program-${code}`}
            title={t("dash.chart.programTitle", { program: data.program.name })}
            numbers={data.numbers}
            hrefFor={programHref}
          />
        </div>
      </section>

      <GoalCards goals={data.goals} asOf={data.asOf} today={data.today} />

      <section aria-labelledby="units-heading" className="space-y-3">
        <div>
          <h2 id="units-heading" className="text-lg font-semibold text-slate-900">
            {t("dash.program.units", { program: label })}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("dash.units.intro")}</p>
        </div>
        <RollupTable
          caption={t("dash.program.unitsCaption", { program: data.program.name, date: t.date(data.asOf) })}
          itemLabel={t("dash.col.unit")}
          rows={data.units}
          footRows={unitFoot}
          hrefFor={(row, cell) => {
            if (row.key === "all") return programHref(cell);
            const direct = row.key.startsWith("direct:");
            const unitId = Number(direct ? row.key.slice("direct:".length) : row.key);
            return drillDownHref({ unitId, includeSubunits: !direct, program: code }, cell, data.asOf, data.today);
          }}
          sort={data.sort}
          dir={data.dir}
          anchor="units-heading"
        />
      </section>

      <MostOverdueSection
        heading={t("dash.program.overdue", { program: label })}
        rows={data.overdue}
        asOf={data.asOf}
        allHref={programHref("overdue")}
        allCount={data.numbers.overdue}
      />
    </div>
  );
}
