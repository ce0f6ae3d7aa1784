/**
 * A unit as the committee reads it before a meeting: its figures as of a date (the report categories,
 * from computeRollup, the same as the API and the printable report) against the city's, the units
 * below it, and its overdue and due-soon tasks. Every number links to the task list that has exactly
 * that many rows (drillDownHref).
 *
 * URL: ?asOf=dd/mm/yyyy (default today; a future date is refused) &own=1 (the unit's own tasks only)
 * &role=coordinating (tasks it coordinates instead of leads).
 */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { appToday, notFound, parseId, requestLanguage, requirePermission, requireUser } from "~/auth/request.server";
import { Badge } from "~/components/ui/badge";
import { buttonClass } from "~/components/ui/button";
import { CityComparison } from "~/components/unit-report/city-comparison";
import { UnitReportControls } from "~/components/unit-report/controls";
import { TaskListSection } from "~/components/unit-report/task-list-section";
import { Tiles, UnitCountLink } from "~/components/unit-report/tiles";
import { UnitsBelowTable } from "~/components/unit-report/units-below-table";
import { db } from "~/db.server";
import { drillDownHref, type RollupScope } from "~/domain/drilldown";
import { readUnitReportParams } from "~/domain/report-params";
import { AGE_BANDS } from "~/domain/rollup";
import { env } from "~/env.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { unitReportView } from "~/models/unit-report.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "unitPage.title");
  return [{ title: args.data ? `${args.data.unit.name} · ${base.title}` : base.title }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "unit:read");
  const unitId = parseId(params.unitId);
  const today = appToday();
  const { date, includeSubunits, role } = readUnitReportParams(new URL(request.url).searchParams, today);
  const lang = requestLanguage(request, user);
  const view = await unitReportView(db(), { unitId, asOf: date.asOf, includeSubunits, role, lang }, today, env().APP_TZ);
  if (!view) notFound();
  return json({ ...view, today, asOf: date.asOf, asOfInput: date.input, asOfError: date.error, includeSubunits, role });
}

export default function UnitPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const coordinating = data.role === "coordinating";
  const scopeOf = (unitId: number): RollupScope => ({ unitId, includeSubunits: data.includeSubunits, coordinating });
  const scope = scopeOf(data.unit.id);
  const past = data.asOf < data.today;
  const printParams = new URLSearchParams({
    asOf: data.asOf,
    unit: String(data.unit.id),
    sub: data.includeSubunits ? "1" : "0",
    role: data.role,
  });

  return (
    <div className="space-y-8">
      {data.ancestors.length ? (
        <nav aria-label={t("unitPage.breadcrumb")}>
          <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
            {data.ancestors.map((a, i) => (
              <li key={a.id} className="flex items-center gap-2">
                {i > 0 ? <span aria-hidden="true">›</span> : null}
                <Link to={`/units/${a.id}`}>{a.name}</Link>
              </li>
            ))}
            <li className="flex items-center gap-2">
              <span aria-hidden="true">›</span>
              <span aria-current="page" className="text-slate-900">
                {data.unit.name}
              </span>
            </li>
          </ol>
        </nav>
      ) : null}

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{data.unit.name}</h1>
          <p className="mt-1 text-sm">
            <Link to={`/assistant?scope=unit&unit=${data.unit.id}`} className="font-semibold">
              {t("nav.assistant")} →
            </Link>
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <Badge tone="blue">{t(`unitKind.${data.unit.kind}`)}</Badge>
            {data.unit.active ? null : <Badge tone="red">{t("common.closed")}</Badge>}
            <span>
              {t(data.includeSubunits ? "unitReport.scopeSub" : "unitReport.scopeOwn", { date: t.date(data.asOf) })}{" "}
              {t(coordinating ? "unitReport.scopeCoordinating" : "unitReport.scopeLead")}
            </span>
          </div>
        </div>
        <Link to={`/reports/print?${printParams}`} className={buttonClass("secondary")}>
          {t("unitReport.print")}
        </Link>
      </div>

      <UnitReportControls asOfInput={data.asOfInput} asOfError={data.asOfError} includeSubunits={data.includeSubunits} role={data.role} />

      {past ? (
        <p role="status" className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-3 text-sm text-amber-950">
          {t("unitReport.pastDate")}
        </p>
      ) : null}

      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-lg font-semibold text-slate-900">
          {t("unitReport.countsHeading")}
        </h2>
        {data.numbers.total === 0 ? <p className="text-sm text-slate-600">{t("unitReport.noTasks")}</p> : null}
        <Tiles numbers={data.numbers} scope={scope} asOf={data.asOf} today={data.today} />
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-700">
          <p>
            <span className="font-semibold">{t("rollup.overdueByAge")}:</span>{" "}
            {AGE_BANDS.map((band, i) => (
              <Fragment key={band}>
                {i > 0 ? " · " : null}
                <span className="whitespace-nowrap">
                  {t(`rollup.age.${band}`)}{" "}
                  <UnitCountLink scope={scope} cell={`overdue:${band}`} numbers={data.numbers} asOf={data.asOf} today={data.today} />
                </span>
              </Fragment>
            ))}
          </p>
          <p>
            <span className="font-semibold">{t("rollup.notCounted")}</span> {t("rollup.drafts")}{" "}
            <UnitCountLink scope={scope} cell="drafts" numbers={data.numbers} asOf={data.asOf} today={data.today} /> ·{" "}
            {t("rollup.cancelled")}{" "}
            <UnitCountLink scope={scope} cell="cancelled" numbers={data.numbers} asOf={data.asOf} today={data.today} />
          </p>
        </div>
      </section>

      {/* The city itself has nothing to be compared with. */}
      {data.ancestors.length === 0 ? null : (
        <CityComparison unitName={data.unit.name} numbers={data.numbers} city={data.city} asOf={data.asOf} />
      )}

      {data.rows.length ? (
        <UnitsBelowTable
          unitName={data.unit.name}
          rows={data.rows}
          includeSubunits={data.includeSubunits}
          role={data.role}
          asOf={data.asOf}
          today={data.today}
          scopeOf={scopeOf}
        />
      ) : null}

      <TaskListSection
        id="overdue-heading"
        heading={t("unitPage.overdueHeading")}
        empty={t("unitPage.noOverdue")}
        list={data.overdue}
        allHref={drillDownHref(scope, "overdue", data.asOf, data.today)}
      />

      <TaskListSection
        id="due-soon-heading"
        heading={t("unitPage.dueSoonHeading")}
        empty={t("unitPage.noDueSoon")}
        list={data.dueSoon}
        allHref={drillDownHref(scope, "dueSoon", data.asOf, data.today)}
      />
    </div>
  );
}
