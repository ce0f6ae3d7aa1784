/**
 * /programs/:code — one program (CCHC, CDS or DA06) as of a date: its numbers, its goals with the
 * indicator's target against the latest reading and how their tasks stand, its units ranked by share
 * overdue, and its most overdue tasks. Every count links to the list behind it.
 */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { appToday, notFound, requirePermission, requireUser } from "~/auth/request.server";
import { StackedBar } from "~/components/charts/stacked-bars";
import { GoalIndicator } from "~/components/goal-indicator";
import { AsOfForm, HeadlineFigures } from "~/components/headline-figures";
import { CountLink, MostOverdueTable, RollupTable, UNIT_SORTS, type OverdueRow, type RollupRow } from "~/components/rollup-table";
import { db } from "~/db.server";
import { drillDownHref, type RollupCell } from "~/domain/drilldown";
import { emptyNumbers, finish, rankByShareOverdue, readAsOf, type RollupNumbers } from "~/domain/rollup";
import { PROGRAM_CODES, type ProgramCode } from "~/domain/task-rules";
import { env } from "~/env.server";
import { formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listGoalReadings, listGoals } from "~/models/goal.server";
import { classifiedStatesAsOf, computeRollup, describeOverdue, tallyStates } from "~/models/rollup.server";
import { getUnit, unitPath } from "~/models/unit.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "dash.program.title");
  return [{ title: args.data ? `${args.data.program.name} · ${base.title}` : base.title }];
};

const OVERDUE_SHOWN = 10;

const ProgramParams = z.object({
  sort: z.enum(UNIT_SORTS).catch("overdue"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const code = params.code;
  if (!code || !(PROGRAM_CODES as readonly string[]).includes(code)) notFound();
  const program = code as ProgramCode;
  const today = appToday();
  const { APP_TZ: timeZone, REPORT_CUTOFF_DAY: cutoffDay } = env();
  const url = new URL(request.url);
  const { sort, dir } = ProgramParams.parse({ sort: url.searchParams.get("sort"), dir: url.searchParams.get("dir") });

  const { asOf, asOfError, asOfTyped, recentCutoffs } = readAsOf(url.searchParams.get("asOf"), today, cutoffDay);

  const lang = user.language;
  const path = await unitPath(db(), user.unitId);
  const cityId = path[path.length - 1] ?? user.unitId;
  const [byProgram, byGoal, byUnit, goals, classified, city] = await Promise.all([
    computeRollup(db(), { by: "program", asOf, lang }, today, timeZone),
    computeRollup(db(), { by: "goal", asOf, lang }, today, timeZone),
    computeRollup(db(), { by: "unit", asOf, lang }, today, timeZone),
    listGoals(db(), { program }),
    classifiedStatesAsOf(db(), asOf, today, timeZone),
    getUnit(db(), cityId),
  ]);
  const item = byProgram.items.find((i) => i.key === program);
  const numbers: RollupNumbers = item ?? finish(emptyNumbers());
  const cityKey = String(cityId);

  // Goals: the indicator's latest reading on or before the date, and how the goal's tasks stand.
  const goalRows = await Promise.all(
    goals.map(async (g) => {
      const readings = await listGoalReadings(db(), g.id);
      const reading = readings.find((r) => r.asOf <= asOf) ?? null;
      return {
        id: g.id,
        title: g.title,
        leadUnitName: g.leadUnitName,
        dueDate: g.dueDate,
        indicatorName: g.indicatorName,
        indicatorUnit: g.indicatorUnit,
        indicatorTarget: g.indicatorTarget,
        indicatorBaseline: g.indicatorBaseline,
        current: reading ? { value: reading.value, asOf: reading.asOf } : null,
        numbers: (byGoal.items.find((i) => i.key === String(g.id)) as RollupNumbers | undefined) ?? finish(emptyNumbers()),
      };
    }),
  );

  // Units directly below the city, each with everything below it: the unit rollup's tree gives each
  // lead unit's top-level ancestor (every ancestor of a lead unit is an item of that rollup).
  const parentOf = new Map(byUnit.items.map((i) => [i.key, i.parentKey ?? null]));
  const topOf = (unitId: number): string | null => {
    let key: string | null = String(unitId);
    for (let guard = 0; key !== null && guard < 64; guard++) {
      const parent: string | null = parentOf.get(key) ?? null;
      if (parent === cityKey) return key;
      key = parent;
    }
    return null;
  };
  // Tallied once per date and version (cached like the rollups), not on every request.
  const byTop = await tallyStates(db(), asOf, today, timeZone, `program-units:${program}:${cityKey}`, (s) => {
    if (s.leadUnitId === null || !s.programs.includes(program)) return [];
    const key = s.leadUnitId === cityId ? `direct:${cityKey}` : topOf(s.leadUnitId);
    return key ? [key] : [];
  });
  const nameOf = new Map(byUnit.items.map((i) => [i.key, i.name]));
  const units: RollupRow[] = rankByShareOverdue(
    [...byTop.entries()]
      .filter(([k]) => !k.startsWith("direct:"))
      .map(([k, n]) => ({ key: k, name: nameOf.get(k) ?? k, href: `/units/${k}`, numbers: n })),
  ).map((r, index) => ({ ...r, rank: index + 1 }));
  const direct = byTop.get(`direct:${cityKey}`);
  const unitFoot: RollupRow[] = [];
  if (direct) unitFoot.push({ key: `direct:${cityKey}`, name: city?.name ?? "", note: "direct", numbers: direct });
  unitFoot.push({ key: "all", name: city?.name ?? "", note: "whole", numbers });

  // The program's most overdue tasks, as they stood on the date.
  const overdueStates = classified
    .filter(({ state, c }) => c.category === "overdue" && state.programs.includes(program))
    .map(({ state: s, c }) => ({ s, c }))
    .sort((a, b) => b.c.daysOverdue - a.c.daysOverdue || a.s.taskId - b.s.taskId)
    .slice(0, OVERDUE_SHOWN);
  const overdue: OverdueRow[] = await describeOverdue(
    db(),
    overdueStates.map(({ s, c }) => ({
      taskId: s.taskId,
      daysOverdue: c.daysOverdue,
      deadline: s.deadline,
      leadUnitId: s.leadUnitId,
      ownerId: s.ownerId,
    })),
  );

  return json(
    {
      today,
      asOf,
      asOfTyped,
      asOfError,
      recentCutoffs,
      sort,
      dir,
      program: { code: program, name: item?.name ?? program },
      numbers,
      goals: goalRows,
      units,
      unitFoot,
      overdue,
    },
    { status: asOfError ? 400 : 200 },
  );
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
        <p className="mt-1 text-slate-600">
          {past ? t("dash.asOfPast", { date: t.date(data.asOf) }) : t("dash.asOfToday", { date: t.date(data.asOf) })}
        </p>
      </div>

      <AsOfForm
        action={`/programs/${code}`}
        asOf={data.asOf}
        today={data.today}
        typed={data.asOfTyped}
        error={data.asOfError}
        recentCutoffs={data.recentCutoffs}
      />

      {past ? (
        <p role="note" className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          {t("dash.pastNote", { date: t.date(data.asOf) })}
        </p>
      ) : null}

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

      <section aria-labelledby="goals-heading" className="space-y-3">
        <h2 id="goals-heading" className="text-lg font-semibold text-slate-900">
          {t("dash.program.goals", { count: data.goals.length })}
        </h2>
        {data.goals.length === 0 ? (
          <p className="text-sm text-slate-600">{t("goals.emptyProgram")}</p>
        ) : (
          <ul className="grid gap-4 lg:grid-cols-2">
            {data.goals.map((g) => {
              const goalHref = (cell: RollupCell) => drillDownHref({ goalId: g.id }, cell, data.asOf, data.today);
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
                    <CountLink
                      to={goalHref("total")}
                      count={g.numbers.total}
                      label={t("dash.cellLink", { count: formatNumber(g.numbers.total, t.lang), what: t("dash.col.total"), item: g.title })}
                      className="font-semibold"
                    />{" "}
                    {t("dash.programs.issued")}
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

      <section aria-labelledby="overdue-heading" className="space-y-3">
        <h2 id="overdue-heading" className="text-lg font-semibold text-slate-900">
          {t("dash.program.overdue", { program: label })}
        </h2>
        {data.overdue.length === 0 ? (
          <p className="text-sm text-slate-600">{t("dash.overdue.none")}</p>
        ) : (
          <>
            <MostOverdueTable rows={data.overdue} caption={t("dash.overdue.caption", { date: t.date(data.asOf) })} />
            <p className="text-sm">
              <CountLink to={programHref("overdue")} count={data.numbers.overdue} className="font-semibold">
                {t("dash.overdue.all", { count: formatNumber(data.numbers.overdue, t.lang) })}
              </CountLink>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
