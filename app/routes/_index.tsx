/**
 * "/" — the committee's overview as of a date (default today): headline figures, the three programs,
 * units ranked by share overdue, the most overdue tasks, extension requests waiting, and the monthly
 * trend. Every count links to the task list behind it (drillDownHref), whose total is that count.
 * Heads see their unit (with a switch to the whole city), staff their own tasks (with the same switch).
 * A past date is read from task_states, so its numbers never change afterwards.
 */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/auth/policy";
import { appToday, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { StackedBar } from "~/components/charts/stacked-bars";
import { TrendLine } from "~/components/charts/trend-line";
import { AsOfForm, HeadlineFigures } from "~/components/headline-figures";
import {
  CountLink,
  MostOverdueTable,
  RollupTable,
  UNIT_SORTS,
  formatShare,
  sortRows,
  type OverdueRow,
  type RollupRow,
} from "~/components/rollup-table";
import { db } from "~/db.server";
import { drillDownHref, type RollupCell, type RollupScope } from "~/domain/drilldown";
import { emptyNumbers, finish, pastPeriodEnds, rankByShareOverdue, readAsOf, type RollupNumbers } from "~/domain/rollup";
import { PROGRAM_CODES } from "~/domain/task-rules";
import { env } from "~/env.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import {
  cityNumbers,
  classifiedStatesAsOf,
  computeRollup,
  countPendingExtensions,
  describeOverdue,
  monthlyTrend,
  overdueAsOf,
  tallyStates,
} from "~/models/rollup.server";
import { listExtensions } from "~/models/task.server";
import { getUnit, subtreeIds, unitPath } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "dash.title");

const OVERDUE_SHOWN = 10;
/**
 * Units ranked on the page unless "show all" is asked for (?units=all): at city scale (20 departments
 * and 126 wards/communes) the full table is ~150 rows and 1,300 links, most of the page's weight.
 */
const UNITS_SHOWN = 30;
const EXTENSIONS_SHOWN = 5;
const TREND_PERIODS = 12;

const SCOPES = ["city", "unit", "me"] as const;
type Scope = (typeof SCOPES)[number];

/** Everything but the date is optional and falls back quietly: a hand-edited URL never breaks the page. */
const OverviewParams = z.object({
  scope: z.enum(SCOPES).optional().catch(undefined),
  sort: z.enum(UNIT_SORTS).catch("overdue"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});

/** The scopes a role may switch between, the default first. */
function scopesFor(role: string): Scope[] {
  if (role === "head") return ["unit", "city"];
  if (role === "staff") return ["me", "city"];
  return ["city"];
}

const byOverdue = (a: { daysOverdue: number; taskId: number }, b: { daysOverdue: number; taskId: number }) =>
  b.daysOverdue - a.daysOverdue || a.taskId - b.taskId;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const today = appToday();
  const { APP_TZ: timeZone, REPORT_CUTOFF_DAY: cutoffDay } = env();
  const url = new URL(request.url);
  const params = OverviewParams.parse({
    scope: url.searchParams.get("scope") ?? undefined,
    sort: url.searchParams.get("sort"),
    dir: url.searchParams.get("dir"),
  });

  const { asOf, asOfError, asOfTyped, recentCutoffs } = readAsOf(url.searchParams.get("asOf"), today, cutoffDay);

  const scopes = scopesFor(user.role);
  const scope: Scope = params.scope && scopes.includes(params.scope) ? params.scope : scopes[0];
  const path = await unitPath(db(), user.unitId);
  const cityId = path[path.length - 1] ?? user.unitId;
  const [city, ownUnit] = await Promise.all([getUnit(db(), cityId), getUnit(db(), user.unitId)]);
  const actor = toActor(user);
  const lang = user.language;
  const rollupOf = (q: Omit<Parameters<typeof computeRollup>[1], "asOf" | "lang">) =>
    computeRollup(db(), { ...q, asOf, lang }, today, timeZone);

  let headline: RollupNumbers;
  let programs: Array<{ code: string; name: string; numbers: RollupNumbers }> = [];
  let units: RollupRow[] = [];
  let unitCount = 0;
  const allUnits = url.searchParams.get("units") === "all";
  const unitFoot: RollupRow[] = [];
  let overdue: OverdueRow[] = [];
  let coordinating: RollupNumbers | null = null;
  const scopeUnitId = scope === "city" ? cityId : user.unitId;

  if (scope === "me") {
    headline =
      (await tallyStates(db(), asOf, today, timeZone, `owner:${user.id}`, (s) => (s.ownerId === user.id ? ["me"] : []))).get("me") ??
      finish(emptyNumbers());
    const overdueMine = (await classifiedStatesAsOf(db(), asOf, today, timeZone))
      .filter(({ state, c }) => state.ownerId === user.id && c.category === "overdue")
      .map(({ state: s, c }) => ({
        taskId: s.taskId,
        daysOverdue: c.daysOverdue,
        deadline: s.deadline,
        leadUnitId: s.leadUnitId,
        ownerId: s.ownerId,
      }))
      .sort(byOverdue)
      .slice(0, OVERDUE_SHOWN);
    overdue = await describeOverdue(db(), overdueMine);
  } else {
    const [byProgram, byUnit, direct] = await Promise.all([
      rollupOf({ by: "program" }),
      rollupOf({ by: "unit", unitId: scope === "unit" ? scopeUnitId : undefined }),
      rollupOf({ by: "unit", unitId: scope === "unit" ? scopeUnitId : undefined, includeSubunits: false }),
    ]);
    const whole = byUnit.items.find((i) => i.key === String(scopeUnitId));
    if (scope === "city") {
      headline = await cityNumbers(db(), asOf, today, timeZone);
      programs = byProgram.items.map((i) => ({ code: i.key, name: i.name, numbers: i }));
      overdue = await describeOverdue(db(), await overdueAsOf(db(), asOf, today, timeZone, { limit: OVERDUE_SHOWN }));
    } else {
      headline = byUnit.overall;
      const inScope = new Set(await subtreeIds(db(), scopeUnitId));
      const byCode = await tallyStates(db(), asOf, today, timeZone, `programs-in:${scopeUnitId}`, (s) =>
        s.leadUnitId !== null && inScope.has(s.leadUnitId) ? s.programs : [],
      );
      programs = byProgram.items.map((i) => ({ code: i.key, name: i.name, numbers: byCode.get(i.key) ?? finish(emptyNumbers()) }));
      overdue = await describeOverdue(
        db(),
        await overdueAsOf(db(), asOf, today, timeZone, { unitIds: [...inScope], limit: OVERDUE_SHOWN }),
      );
      coordinating = (await rollupOf({ by: "unit", unitId: scopeUnitId, role: "coordinating" })).overall;
    }
    // The units directly below the scope, each with everything below it, ranked by share overdue.
    const children = byUnit.items.filter((i) => i.parentKey === String(scopeUnitId));
    const ranked = rankByShareOverdue(
      children.map((i) => ({ key: i.key, name: i.name, href: `/units/${i.key}`, numbers: i as RollupNumbers })),
    ).map((r, index) => ({ ...r, rank: index + 1 }));
    unitCount = ranked.length;
    // The first rows in the table's own order (the table sorts the same way).
    units = allUnits ? ranked : sortRows(ranked, params.sort, params.dir).slice(0, UNITS_SHOWN);
    const scopeName = scope === "city" ? (city?.name ?? "") : (ownUnit?.name ?? "");
    const directItem = direct.items.find((i) => i.key === String(scopeUnitId));
    if (directItem && directItem.total > 0)
      unitFoot.push({ key: `${scopeUnitId}:direct`, name: scopeName, note: "direct", numbers: directItem });
    if (whole) unitFoot.push({ key: String(scopeUnitId), name: scopeName, note: "whole", numbers: whole });
  }
  // Keep only programs that exist in code (the rollup lists what the database has).
  programs = programs.filter((p) => (PROGRAM_CODES as readonly string[]).includes(p.code));

  const trend =
    scope === "me"
      ? []
      : (await monthlyTrend(db(), pastPeriodEnds(today, TREND_PERIODS, cutoffDay), today, timeZone)).map((p) => ({
          periodEnd: p.periodEnd,
          total: p.numbers.total,
          overdue: p.numbers.overdue,
          shareOverdue: p.numbers.shareOverdue,
        }));

  const canDecide = can(actor, "extension:decide");
  let extensions: {
    count: number;
    oldest: Array<{
      id: number;
      taskId: number;
      taskTitle: string;
      leadUnitName: string | null;
      requestedAt: string;
      requestedDeadline: string;
    }>;
  } | null = null;
  if (canDecide) {
    const [count, pending] = await Promise.all([
      countPendingExtensions(db()),
      listExtensions(db(), { status: "pending", oldestFirst: true, limit: EXTENSIONS_SHOWN }),
    ]);
    const oldest = [...pending]
      .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : a.id - b.id))
      .slice(0, EXTENSIONS_SHOWN)
      .map((e) => ({
        id: e.id,
        taskId: e.taskId,
        taskTitle: e.taskTitle,
        leadUnitName: e.leadUnitName,
        requestedAt: e.requestedAt,
        requestedDeadline: e.requestedDeadline,
      }));
    extensions = { count, oldest };
  }

  const status = asOfError ? 400 : 200;
  return json(
    {
      today,
      asOf,
      asOfTyped,
      asOfError,
      recentCutoffs,
      scope,
      scopes,
      sort: params.sort,
      dir: params.dir,
      user: { id: user.id, fullName: user.fullName, role: user.role },
      cityName: city?.name ?? "",
      scopeUnit: { id: scopeUnitId, name: (scope === "city" ? city?.name : ownUnit?.name) ?? "" },
      ownUnitName: ownUnit?.name ?? "",
      headline,
      programs,
      units,
      unitFoot,
      unitCount,
      allUnits,
      coordinating,
      overdue,
      extensions,
      trend,
    },
    { status },
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function ScopeSwitch({ data }: { data: Data }) {
  const t = useT();
  if (data.scopes.length < 2) return null;
  const label = (s: Scope) =>
    s === "city" ? t("dash.scope.city") : s === "unit" ? t("dash.scope.unit", { unit: data.ownUnitName }) : t("dash.scope.me");
  const href = (s: Scope) => {
    const p = new URLSearchParams({ scope: s });
    if (data.asOf < data.today) p.set("asOf", formatDate(data.asOf, "UTC"));
    return `/?${p}`;
  };
  return (
    <nav aria-label={t("dash.scope.label")}>
      <ul className="inline-flex flex-wrap gap-1 rounded-lg border border-slate-200 bg-white p-1 shadow-sm">
        {(data.scopes as Scope[]).map((s) => (
          <li key={s}>
            <Link
              to={href(s)}
              aria-current={s === data.scope ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm font-semibold no-underline ${s === data.scope ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {label(s)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The current query with every unit shown. */
function unitsAllParams(search: string) {
  const params = new URLSearchParams(search);
  params.set("units", "all");
  return params.toString();
}

export default function OverviewPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const past = data.asOf < data.today;
  const asOfParam = past ? `?asOf=${encodeURIComponent(t.date(data.asOf))}` : "";
  const scope: RollupScope = data.scope === "unit" ? { unitId: data.scopeUnit.id } : {};
  const withOwner = (href: string) => (data.scope === "me" ? `${href}&owner=${data.user.id}` : href);
  const hrefFor = (extra: RollupScope) => (cell: RollupCell) =>
    withOwner(drillDownHref({ ...scope, ...extra }, cell, data.asOf, data.today));
  const title =
    data.scope === "city"
      ? t("dash.h1.city", { city: data.cityName })
      : data.scope === "unit"
        ? t("dash.h1.unit", { unit: data.scopeUnit.name })
        : t("dash.h1.me");
  const unitFoot = data.unitFoot.map((r) => ({ ...r, note: r.note === "direct" ? t("dash.units.direct") : t("dash.units.whole") }));

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">
            {/* Who is signed in, above what they look at (the greeting people land on after sign-in). */}
            <span className="block text-sm font-medium text-slate-600">{t("home.greeting", { name: data.user.fullName })}</span>
            <span className="sr-only"> — </span>
            {title}
          </h1>
          <p className="mt-1 text-slate-600">
            {past ? t("dash.asOfPast", { date: t.date(data.asOf) }) : t("dash.asOfToday", { date: t.date(data.asOf) })}
          </p>
        </div>
        <ScopeSwitch data={data} />
      </div>

      <AsOfForm
        action="/"
        asOf={data.asOf}
        today={data.today}
        typed={data.asOfTyped}
        error={data.asOfError}
        recentCutoffs={data.recentCutoffs}
        keep={data.scope !== data.scopes[0] ? { scope: data.scope } : {}}
      />

      {past ? (
        <p role="note" className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          {t("dash.pastNote", { date: t.date(data.asOf) })}
        </p>
      ) : null}

      <section aria-labelledby="headline-heading" className="space-y-3">
        <h2 id="headline-heading" className="text-lg font-semibold text-slate-900">
          {data.scope === "me" ? t("dash.headline.me") : t("dash.headline", { scope: data.scopeUnit.name })}
        </h2>
        <HeadlineFigures numbers={data.headline} hrefFor={hrefFor({})} label={t("dash.headline", { scope: data.scopeUnit.name })} />
        {data.coordinating ? (
          <p className="text-sm text-slate-700">
            {t("dash.coord.before", { unit: data.scopeUnit.name })}{" "}
            <CountLink
              to={drillDownHref({ unitId: data.scopeUnit.id, coordinating: true }, "total", data.asOf, data.today)}
              count={data.coordinating.total}
              label={t("dash.coord.totalLink", { count: formatNumber(data.coordinating.total, t.lang) })}
              className="font-semibold"
            />{" "}
            {t("dash.coord.tasks")}{" "}
            <CountLink
              to={drillDownHref({ unitId: data.scopeUnit.id, coordinating: true }, "overdue", data.asOf, data.today)}
              count={data.coordinating.overdue}
              label={t("dash.coord.overdueLink", { count: formatNumber(data.coordinating.overdue, t.lang) })}
              className="font-semibold text-red-800"
            />{" "}
            {t("dash.coord.overdue")}
          </p>
        ) : null}
      </section>

      {data.scope === "me" ? (
        <p>
          <Link
            to="/my-tasks"
            className="inline-flex items-center gap-2 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white no-underline shadow-sm hover:bg-brand-800"
          >
            {t("dash.me.open")} →
          </Link>
        </p>
      ) : null}

      {data.programs.length ? (
        <section aria-labelledby="programs-heading" className="space-y-3">
          <h2 id="programs-heading" className="text-lg font-semibold text-slate-900">
            {t("dash.programs.heading")}
          </h2>
          <ul className="grid gap-4 md:grid-cols-3">
            {data.programs.map((p) => (
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
                    <CountLink
                      to={hrefFor({ program: p.code })("total")}
                      count={p.numbers.total}
                      label={t("dash.cellLink", { count: formatNumber(p.numbers.total, t.lang), what: t("dash.col.total"), item: p.name })}
                      className="text-2xl font-bold text-slate-900"
                    />{" "}
                    <span className="text-slate-600">{t("dash.programs.issued")}</span>
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
      ) : null}

      {data.scope !== "me" ? (
        <section aria-labelledby="units-heading" className="space-y-3">
          <div>
            <h2 id="units-heading" className="text-lg font-semibold text-slate-900">
              {data.scope === "city" ? t("dash.units.heading") : t("dash.units.headingSub", { unit: data.scopeUnit.name })}
            </h2>
            {data.units.length ? <p className="mt-1 text-sm text-slate-600">{t("dash.units.intro")}</p> : null}
          </div>
          {data.units.length === 0 ? (
            // Nothing to rank: every task is led by the scope's unit itself (its figures are above).
            <p className="text-sm text-slate-600">{t("dash.units.none", { unit: data.scopeUnit.name })}</p>
          ) : (
            <RollupTable
              caption={t("dash.units.caption", { date: t.date(data.asOf) })}
              itemLabel={t("dash.col.unit")}
              rows={data.units}
              footRows={unitFoot}
              hrefFor={(row, cell) => {
                const direct = row.key.endsWith(":direct");
                const unitId = Number(direct ? row.key.slice(0, -":direct".length) : row.key);
                return drillDownHref({ unitId, includeSubunits: !direct }, cell, data.asOf, data.today);
              }}
              sort={data.sort}
              dir={data.dir}
              anchor="units-heading"
            />
          )}
          {data.unitCount > data.units.length ? (
            <p className="text-sm">
              <Link to={`?${unitsAllParams(location.search)}#units-heading`} preventScrollReset>
                {t("dash.units.showAll", { shown: data.units.length, count: data.unitCount })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <div className={`grid gap-8 ${data.extensions ? "lg:grid-cols-3" : ""}`}>
        <section aria-labelledby="overdue-heading" className={`space-y-3 ${data.extensions ? "lg:col-span-2" : ""}`}>
          <h2 id="overdue-heading" className="text-lg font-semibold text-slate-900">
            {data.scope === "me" ? t("dash.overdue.headingMe") : t("dash.overdue.heading")}
          </h2>
          {data.overdue.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dash.overdue.none")}</p>
          ) : (
            <>
              <MostOverdueTable
                rows={data.overdue}
                caption={t("dash.overdue.caption", { date: t.date(data.asOf) })}
                showOwner={data.scope !== "me"}
              />
              <p className="text-sm">
                <CountLink to={hrefFor({})("overdue")} count={data.headline.overdue} className="font-semibold">
                  {t("dash.overdue.all", { count: formatNumber(data.headline.overdue, t.lang) })}
                </CountLink>
              </p>
            </>
          )}
        </section>

        {data.extensions ? (
          <section aria-labelledby="extensions-heading" className="space-y-3">
            <h2 id="extensions-heading" className="text-lg font-semibold text-slate-900">
              {t("dash.ext.heading")}
            </h2>
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <p>
                <Link to="/extensions" className="text-2xl font-bold tabular-nums">
                  {formatNumber(data.extensions.count, t.lang)}
                </Link>{" "}
                <span className="text-sm text-slate-700">{t("dash.ext.waiting")}</span>
              </p>
              {data.extensions.oldest.length ? (
                <>
                  <h3 className="mt-3 text-sm font-semibold text-slate-800">{t("dash.ext.oldest")}</h3>
                  <ul className="mt-2 divide-y divide-slate-100 text-sm">
                    {data.extensions.oldest.map((e) => (
                      <li key={e.id} className="py-2">
                        <Link to={`/tasks/${e.taskId}`} className="font-semibold leading-snug">
                          {e.taskTitle}
                        </Link>
                        <span className="block text-xs text-slate-600">
                          {e.leadUnitName ? `${e.leadUnitName} · ` : ""}
                          {t("dash.ext.requested", { date: t.date(e.requestedAt), deadline: t.date(e.requestedDeadline) })}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p className="mt-3 text-sm">
                <Link to="/extensions" className="font-semibold">
                  {t("dash.ext.open")} →
                </Link>
              </p>
            </div>
          </section>
        ) : null}
      </div>

      {data.scope !== "me" ? (
        <section aria-labelledby="trend-heading" className="space-y-3">
          <div>
            <h2 id="trend-heading" className="text-lg font-semibold text-slate-900">
              {t("dash.trend.heading", { count: data.trend.length })}
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {data.scope === "city" ? t("dash.trend.intro") : t("dash.trend.introCity", { city: data.cityName })}
            </p>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <TrendLine
              id="trend"
              title={t("dash.trend.title", { city: data.cityName })}
              points={data.trend}
              hrefFor={(periodEnd, cell) => drillDownHref({}, cell, periodEnd, data.today)}
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
