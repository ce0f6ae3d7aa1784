/**
 * "/" — the committee's overview as of a date (default today): headline figures, the three programs,
 * units ranked by share overdue, the most overdue tasks, extension requests waiting, and the monthly
 * trend. Every count links to the task list behind it (drillDownHref), whose total is that count.
 * Heads see their unit (with a switch to the whole city), staff their own tasks (with the same switch).
 * A past date is read from task_states, so its numbers never change afterwards.
 */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/auth/policy";
import { appToday, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { AsOfForm, HeadlineFigures } from "~/components/headline-figures";
import { AsOfLine, PastDateNote } from "~/components/overview/as-of-note";
import { ExtensionsWaiting } from "~/components/overview/extensions-waiting";
import { MostOverdueSection } from "~/components/overview/most-overdue-section";
import { ProgramCards } from "~/components/overview/program-cards";
import { ScopeSwitch } from "~/components/overview/scope-switch";
import { TrendSection } from "~/components/overview/trend-section";
import { UnitsRanking } from "~/components/overview/units-ranking";
import { CountLink } from "~/components/rollup-table";
import { db } from "~/db.server";
import { drillDownHref, type RollupCell, type RollupScope } from "~/domain/drilldown";
import { OVERVIEW_SCOPES } from "~/domain/overview-scope";
import { readAsOf } from "~/domain/rollup";
import { readRankedTableParams } from "~/domain/rollup-rows";
import { env } from "~/env.server";
import { formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { overviewView } from "~/models/overview.server";

export const meta: MetaFunction = (args) => pageTitle(args, "dash.title");

/** An unknown scope falls back quietly to the reader's default: a hand-edited URL never breaks the page. */
const ScopeParam = z.enum(OVERVIEW_SCOPES).optional().catch(undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const today = appToday();
  const { APP_TZ: timeZone, REPORT_CUTOFF_DAY: cutoffDay } = env();
  const search = new URL(request.url).searchParams;
  const { asOf, asOfError, asOfTyped, recentCutoffs } = readAsOf(search.get("asOf"), today, cutoffDay);
  const { sort, dir } = readRankedTableParams(search);
  const view = await overviewView(
    db(),
    {
      reader: { id: user.id, unitId: user.unitId, role: user.role, language: user.language },
      scope: ScopeParam.parse(search.get("scope") ?? undefined),
      sort,
      dir,
      allUnits: search.get("units") === "all",
      asOf,
      decidesExtensions: can(toActor(user), "extension:decide"),
    },
    today,
    timeZone,
    cutoffDay,
  );
  const reader = { id: user.id, fullName: user.fullName, role: user.role };
  return json({ today, asOf, asOfTyped, asOfError, recentCutoffs, sort, dir, user: reader, ...view }, { status: asOfError ? 400 : 200 });
}

export default function OverviewPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
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
  const coordinatingHref = (cell: RollupCell) =>
    drillDownHref({ unitId: data.scopeUnit.id, coordinating: true }, cell, data.asOf, data.today);

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
          <AsOfLine asOf={data.asOf} today={data.today} />
        </div>
        <ScopeSwitch scopes={data.scopes} scope={data.scope} ownUnitName={data.ownUnitName} asOf={data.asOf} today={data.today} />
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

      <PastDateNote asOf={data.asOf} today={data.today} />

      <section aria-labelledby="headline-heading" className="space-y-3">
        <h2 id="headline-heading" className="text-lg font-semibold text-slate-900">
          {data.scope === "me" ? t("dash.headline.me") : t("dash.headline", { scope: data.scopeUnit.name })}
        </h2>
        <HeadlineFigures numbers={data.headline} hrefFor={hrefFor({})} label={t("dash.headline", { scope: data.scopeUnit.name })} />
        {data.coordinating ? (
          <p className="text-sm text-slate-700">
            {t("dash.coord.before", { unit: data.scopeUnit.name })}{" "}
            <CountLink
              to={coordinatingHref("total")}
              count={data.coordinating.total}
              label={t("dash.coord.totalLink", { count: formatNumber(data.coordinating.total, t.lang) })}
              className="font-semibold"
            />{" "}
            {t("dash.coord.tasks")}{" "}
            <CountLink
              to={coordinatingHref("overdue")}
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

      {data.programs.length ? <ProgramCards programs={data.programs} asOfParam={asOfParam} hrefFor={hrefFor} /> : null}

      {data.scope !== "me" ? (
        <UnitsRanking
          heading={data.scope === "city" ? t("dash.units.heading") : t("dash.units.headingSub", { unit: data.scopeUnit.name })}
          scopeName={data.scopeUnit.name}
          units={data.units}
          unitFoot={data.unitFoot}
          unitCount={data.unitCount}
          asOf={data.asOf}
          today={data.today}
          sort={data.sort}
          dir={data.dir}
        />
      ) : null}

      <div className={`grid gap-8 ${data.extensions ? "lg:grid-cols-3" : ""}`}>
        <MostOverdueSection
          heading={data.scope === "me" ? t("dash.overdue.headingMe") : t("dash.overdue.heading")}
          rows={data.overdue}
          asOf={data.asOf}
          showOwner={data.scope !== "me"}
          allHref={hrefFor({})("overdue")}
          allCount={data.headline.overdue}
          className={`space-y-3 ${data.extensions ? "lg:col-span-2" : ""}`}
        />
        {data.extensions ? <ExtensionsWaiting count={data.extensions.count} oldest={data.extensions.oldest} /> : null}
      </div>

      {data.scope !== "me" ? (
        <TrendSection points={data.trend} cityName={data.cityName} cityScope={data.scope === "city"} today={data.today} />
      ) : null}
    </div>
  );
}
