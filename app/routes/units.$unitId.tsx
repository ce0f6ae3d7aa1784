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
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { appToday, notFound, requestLanguage, requirePermission, requireUser } from "~/auth/request.server";
import { CELL_LABEL, countOf, formatShare } from "~/components/rollup-cells";
import { TaskTable, toTaskListItem } from "~/components/task-table";
import { Badge } from "~/components/ui/badge";
import { buttonClass } from "~/components/ui/button";
import { DateField } from "~/components/ui/date-field";
import { db } from "~/db.server";
import { parseUserDate } from "~/domain/dates";
import { drillDownHref, type RollupCell, type RollupScope } from "~/domain/drilldown";
import { AGE_BANDS, emptyNumbers, type RollupNumbers } from "~/domain/rollup";
import { env } from "~/env.server";
import type { MessageKey } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT, type T } from "~/i18n/react";
import { cityNumbers, computeRollup } from "~/models/rollup.server";
import { listTasks } from "~/models/task.server";
import { getUnit, listUnits, unitAncestors } from "~/models/unit.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "unitPage.title");
  return [{ title: args.data ? `${args.data.unit.name} · ${base.title}` : base.title }];
};

const LIST_SHOWN = 10;

function parseUnitId(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) notFound();
  return id;
}

/** The date of the figures: typed as dd/mm/yyyy (or YYYY-MM-DD); a bad or future one falls back to today, with a message. */
function readAsOf(raw: string | null, today: string): { asOf: string; input: string; error: MessageKey | null } {
  const input = (raw ?? "").trim().slice(0, 20);
  if (!input) return { asOf: today, input: formatDate(today, "UTC"), error: null };
  const parsed = parseUserDate(input);
  if (!parsed) return { asOf: today, input, error: "reports.error.asOfInvalid" };
  if (parsed > today) return { asOf: today, input, error: "reports.error.asOfFuture" };
  return { asOf: parsed, input: formatDate(parsed, "UTC"), error: null };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "unit:read");
  const id = parseUnitId(params.unitId);
  const unit = await getUnit(db(), id);
  if (!unit) notFound();
  const today = appToday();
  const timeZone = env().APP_TZ;
  const lang = requestLanguage(request, user);
  const search = new URL(request.url).searchParams;
  const date = readAsOf(search.get("asOf"), today);
  const asOf = date.asOf;
  const includeSubunits = search.get("own") !== "1";
  const role = search.get("role") === "coordinating" ? ("coordinating" as const) : ("lead" as const);
  const coordinating = role === "coordinating";

  // The lists use the drill-down's own filters, so "see all N" lands on a list of N rows.
  const listFilter = { unitId: id, includeSubunits, coordinating, asOf, timeZone, sort: "deadline" as const, limit: LIST_SHOWN, offset: 0 };
  const [ancestors, rollup, city, allUnits, overdue, dueSoon] = await Promise.all([
    unitAncestors(db(), id),
    computeRollup(db(), { by: "unit", asOf, unitId: id, includeSubunits, role, lang }, today, timeZone),
    cityNumbers(db(), asOf, today, timeZone),
    listUnits(db(), { includeClosed: true }),
    listTasks(db(), { ...listFilter, standing: "overdue" }, today),
    listTasks(db(), { ...listFilter, standing: "due_soon" }, today),
  ]);

  const byKey = new Map(rollup.items.map((item) => [item.key, item]));
  // With sub-units the scope's whole subtree counts once per task (the rollup's overall); own tasks only: the unit's own row.
  const numbers: RollupNumbers = includeSubunits ? rollup.overall : (byKey.get(String(id)) ?? emptyNumbers());

  // The units below: the direct children (each with its subtree), or every unit below (each with its own
  // tasks), in tree order. A closed unit is listed only while it still has tasks on the date.
  const children = new Map<number, typeof allUnits>();
  for (const u of allUnits) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const rows: Array<{ id: number; name: string; depth: number; closed: boolean; numbers: RollupNumbers }> = [];
  const walk = (parentId: number, depth: number) => {
    for (const u of [...(children.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name, "vi"))) {
      const item = byKey.get(String(u.id));
      if (u.active || item) rows.push({ id: u.id, name: u.name, depth, closed: !u.active, numbers: item ?? emptyNumbers() });
      if (!includeSubunits && depth < 64) walk(u.id, depth + 1);
    }
  };
  walk(id, 1);

  const asStanding = (standing: "overdue" | "due_soon") => (t: Parameters<typeof toTaskListItem>[0]) => ({
    ...toTaskListItem(t),
    standing,
  });
  return json({
    unit: { id: unit.id, name: unit.name, code: unit.code, kind: unit.kind, active: unit.active },
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
    today,
    asOf,
    asOfInput: date.input,
    asOfError: date.error,
    includeSubunits,
    role,
    numbers,
    city: { shareOverdue: city.shareOverdue, shareDoneOnTime: city.shareDoneOnTime, total: city.total },
    rows,
    // Judged as of the date: every row of these lists is overdue (due soon) then.
    overdue: { total: overdue.total, items: overdue.items.map(asStanding("overdue")) },
    dueSoon: { total: dueSoon.total, items: dueSoon.items.map(asStanding("due_soon")) },
  });
}

/** A count that links to the list behind it; the link's text is the number alone, its name says what it counts. */
function CountLink({
  scope,
  cell,
  numbers,
  asOf,
  today,
  unitName,
  className = "",
}: {
  scope: RollupScope;
  cell: RollupCell;
  numbers: RollupNumbers;
  asOf: string;
  today: string;
  unitName?: string;
  className?: string;
}) {
  const t = useT();
  const count = countOf(numbers, cell);
  const label = cell.startsWith("overdue:") ? `${t("rollup.overdueShort")} ${t(CELL_LABEL[cell])}` : t(CELL_LABEL[cell]);
  const name = unitName ? t("rollup.countLinkOf", { unit: unitName, label, count }) : t("rollup.countLink", { label, count });
  return (
    <Link
      to={drillDownHref(scope, cell, asOf, today)}
      aria-label={name}
      className={`tabular-nums ${count === 0 ? "text-slate-500 no-underline hover:underline" : "font-semibold"} ${className}`}
    >
      {formatNumber(count, t.lang)}
    </Link>
  );
}

const TILES: Array<{ cell: RollupCell; tone: string }> = [
  { cell: "total", tone: "border-slate-300 bg-white" },
  { cell: "doneOnTime", tone: "border-emerald-200 bg-emerald-50" },
  { cell: "doneLate", tone: "border-emerald-200 bg-emerald-50" },
  { cell: "openOnTime", tone: "border-brand-100 bg-brand-50" },
  { cell: "overdue", tone: "border-red-300 bg-red-50" },
  { cell: "extended", tone: "border-slate-300 bg-white" },
];

function Tiles({ numbers, scope, asOf, today }: { numbers: RollupNumbers; scope: RollupScope; asOf: string; today: string }) {
  const t = useT();
  return (
    <ul aria-label={t("unitReport.countsHeading")} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {TILES.map(({ cell, tone }) => (
        <li key={cell} className={`flex flex-col rounded-lg border p-3 shadow-sm ${tone}`}>
          <CountLink scope={scope} cell={cell} numbers={numbers} asOf={asOf} today={today} className="text-2xl" />
          <span className="text-sm font-semibold text-slate-800">{t(CELL_LABEL[cell])}</span>
          {cell === "openOnTime" ? (
            <span className="mt-1 text-xs text-amber-900">
              {t("rollup.dueSoon")}: <CountLink scope={scope} cell="dueSoon" numbers={numbers} asOf={asOf} today={today} />
            </span>
          ) : null}
          {cell === "overdue" ? (
            <span className="mt-1 text-xs text-red-900">
              {t("rollup.shareOverdue")}: <strong className="tabular-nums">{formatShare(numbers.shareOverdue, t)}</strong>
            </span>
          ) : null}
          {cell === "doneOnTime" ? (
            <span className="mt-1 text-xs text-emerald-900">
              {t("rollup.shareDoneOnTime")}: <strong className="tabular-nums">{formatShare(numbers.shareDoneOnTime, t)}</strong>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars, unit against city, for the two headline shares (the table beside it carries the same values). */
function CompareChart({
  unitName,
  unit,
  city,
}: {
  unitName: string;
  unit: RollupNumbers;
  city: { shareOverdue: number; shareDoneOnTime: number };
}) {
  const t = useT();
  const width = 360;
  const labelWidth = 120;
  const barMax = width - labelWidth - 60;
  const groups = [
    { label: t("rollup.shareOverdue"), unit: unit.shareOverdue, city: city.shareOverdue, fill: "fill-red-700" },
    { label: t("rollup.shareDoneOnTime"), unit: unit.shareDoneOnTime, city: city.shareDoneOnTime, fill: "fill-emerald-700" },
  ];
  const rowHeight = 18;
  const groupHeight = rowHeight * 2 + 26;
  const height = groups.length * groupHeight + 4;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="compare-title compare-desc" className="h-auto w-full max-w-md">
      <title id="compare-title">{t("unitReport.compareChartTitle", { unit: unitName })}</title>
      <desc id="compare-desc">
        {t("unitReport.compareChartDesc", {
          unitOverdue: formatShare(unit.shareOverdue, t),
          cityOverdue: formatShare(city.shareOverdue, t),
          unitOnTime: formatShare(unit.shareDoneOnTime, t),
          cityOnTime: formatShare(city.shareDoneOnTime, t),
        })}
      </desc>
      {groups.map((g, gi) => {
        const top = gi * groupHeight;
        return (
          <g key={g.label}>
            <text x={0} y={top + 14} className="fill-slate-800 text-[12px] font-semibold">
              {g.label}
            </text>
            {[
              { who: unitName, value: g.unit, fill: g.fill },
              { who: t("unitReport.cityLabel"), value: g.city, fill: "fill-slate-400" },
            ].map((bar, bi) => {
              const y = top + 22 + bi * rowHeight;
              return (
                <g key={bi}>
                  <text x={0} y={y + 11} className="fill-slate-600 text-[11px]">
                    {bar.who.length > 18 ? `${bar.who.slice(0, 17)}…` : bar.who}
                  </text>
                  <rect x={labelWidth} y={y} width={barMax} height={12} rx={2} className="fill-slate-100" />
                  <rect x={labelWidth} y={y} width={Math.max(0, Math.min(1, bar.value)) * barMax} height={12} rx={2} className={bar.fill} />
                  <text x={labelWidth + barMax + 6} y={y + 11} className="fill-slate-800 text-[11px] font-semibold">
                    {formatShare(bar.value, t)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

function verdict(t: T, unit: number, city: number, higherIsWorse: boolean) {
  if (Math.round(unit * 1000) === Math.round(city * 1000)) return <span className="text-xs text-slate-600">{t("unitReport.same")}</span>;
  const worse = higherIsWorse ? unit > city : unit < city;
  return (
    <span className="whitespace-nowrap">
      {worse ? <Badge tone="red">{t("unitReport.worse")}</Badge> : <Badge tone="green">{t("unitReport.better")}</Badge>}
    </span>
  );
}

const ROW_CELLS: RollupCell[] = ["total", "doneOnTime", "doneLate", "openOnTime", "dueSoon", "overdue"];

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
  const th = "px-3 py-2.5 text-right align-bottom";

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

      <Form method="get" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="controls-heading">
        <h2 id="controls-heading" className="sr-only">
          {t("unitReport.controls")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[12rem_auto_auto_auto] lg:items-end">
          <DateField
            id="unit-asof"
            name="asOf"
            label={t("unitReport.asOf")}
            typed={data.asOfInput}
            errorShownAt={data.asOfError ? "unit-asof-error" : null}
          />
          <div className="flex items-start gap-2 lg:pb-2">
            <input
              id="unit-own"
              name="own"
              type="checkbox"
              value="1"
              defaultChecked={!data.includeSubunits}
              aria-describedby="unit-own-help"
              className="mt-1 h-4 w-4 rounded border-slate-300"
            />
            <span>
              <label htmlFor="unit-own" className="block text-sm font-semibold text-slate-800">
                {t("unitReport.ownOnly")}
              </label>
              <span id="unit-own-help" className="block text-xs text-slate-600">
                {t("unitReport.ownOnlyHelp")}
              </span>
            </span>
          </div>
          <fieldset className="space-y-1">
            <legend className="text-sm font-semibold text-slate-800">{t("unitReport.role")}</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1">
              {(["lead", "coordinating"] as const).map((r) => (
                <label key={r} className="inline-flex items-center gap-2 text-sm">
                  <input type="radio" name="role" value={r} defaultChecked={data.role === r} className="h-4 w-4" />
                  {t(`reports.role.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <button type="submit" className={buttonClass("primary")}>
              {t("unitReport.apply")}
            </button>
          </div>
        </div>
        {data.asOfError ? (
          <p id="unit-asof-error" role="alert" className="mt-2 text-sm font-medium text-red-700">
            {t(data.asOfError)}
          </p>
        ) : null}
      </Form>

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
                  <CountLink scope={scope} cell={`overdue:${band}`} numbers={data.numbers} asOf={data.asOf} today={data.today} />
                </span>
              </Fragment>
            ))}
          </p>
          <p>
            <span className="font-semibold">{t("rollup.notCounted")}</span> {t("rollup.drafts")}{" "}
            <CountLink scope={scope} cell="drafts" numbers={data.numbers} asOf={data.asOf} today={data.today} /> · {t("rollup.cancelled")}{" "}
            <CountLink scope={scope} cell="cancelled" numbers={data.numbers} asOf={data.asOf} today={data.today} />
          </p>
        </div>
      </section>

      {/* The city itself has nothing to be compared with. */}
      {data.ancestors.length === 0 ? null : (
        <section aria-labelledby="compare-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="compare-heading" className="text-lg font-semibold text-slate-900">
            {t("unitReport.compareHeading")}
          </h2>
          <div className="grid gap-6 lg:grid-cols-2 lg:items-center">
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">{t("unitReport.compareCaption", { date: t.date(data.asOf) })}</caption>
                <thead className="border-b border-slate-200 text-xs font-semibold uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 text-left">
                      {t("unitReport.measure")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      {data.unit.name}
                    </th>
                    <th scope="col" className="py-2 text-right">
                      {t("unitReport.cityLabel")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  <tr>
                    <th scope="row" className="py-2 pr-3 text-left align-top font-normal">
                      {t("rollup.shareOverdue")}
                    </th>
                    <td className="py-2 pr-3 text-right">
                      <span className="block font-semibold tabular-nums">{formatShare(data.numbers.shareOverdue, t)}</span>
                      {data.numbers.total ? verdict(t, data.numbers.shareOverdue, data.city.shareOverdue, true) : null}
                    </td>
                    <td className="py-2 text-right align-top tabular-nums">{formatShare(data.city.shareOverdue, t)}</td>
                  </tr>
                  <tr>
                    <th scope="row" className="py-2 pr-3 text-left align-top font-normal">
                      {t("rollup.shareDoneOnTime")}
                    </th>
                    <td className="py-2 pr-3 text-right">
                      <span className="block font-semibold tabular-nums">{formatShare(data.numbers.shareDoneOnTime, t)}</span>
                      {data.numbers.total ? verdict(t, data.numbers.shareDoneOnTime, data.city.shareDoneOnTime, false) : null}
                    </td>
                    <td className="py-2 text-right align-top tabular-nums">{formatShare(data.city.shareDoneOnTime, t)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            <CompareChart unitName={data.unit.name} unit={data.numbers} city={data.city} />
          </div>
        </section>
      )}

      {data.rows.length ? (
        <section aria-labelledby="children-heading" className="space-y-2">
          <h2 id="children-heading" className="text-lg font-semibold text-slate-900">
            {t("unitReport.childrenHeading")}
          </h2>
          <p className="text-sm text-slate-600">{t(data.includeSubunits ? "unitReport.childrenSubNote" : "unitReport.childrenOwnNote")}</p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("unitReport.childrenCaption", { unit: data.unit.name, date: t.date(data.asOf) })}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2.5 text-left align-bottom">
                    {t("unitPage.unit")}
                  </th>
                  {ROW_CELLS.map((cell) => (
                    <th key={cell} scope="col" className={th}>
                      {t(
                        cell === "openOnTime"
                          ? "rollup.openOnTimeShort"
                          : cell === "overdue"
                            ? "rollup.overdueShort"
                            : cell === "dueSoon"
                              ? "rollup.dueSoonShort"
                              : CELL_LABEL[cell],
                      )}
                    </th>
                  ))}
                  <th scope="col" className={th}>
                    {t("rollup.shareOverdue")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.rows.map((row) => (
                  <tr key={row.id} className="hover:bg-slate-50">
                    <th scope="row" className="min-w-[12rem] px-3 py-2 text-left font-normal">
                      <span className={data.includeSubunits ? "" : ["", "pl-0", "pl-4", "pl-8", "pl-12"][Math.min(row.depth, 4)]}>
                        <Link
                          to={`/units/${row.id}?${new URLSearchParams({ asOf: data.asOf, ...(data.includeSubunits ? {} : { own: "1" }), role: data.role })}`}
                          className="font-semibold"
                        >
                          {row.name}
                        </Link>
                        {row.closed ? (
                          <>
                            {" "}
                            <Badge tone="neutral">{t("common.closed")}</Badge>
                          </>
                        ) : null}
                      </span>
                    </th>
                    {ROW_CELLS.map((cell) => (
                      <td key={cell} className={`px-3 py-2 text-right ${cell === "overdue" && row.numbers.overdue ? "text-red-800" : ""}`}>
                        <CountLink
                          scope={scopeOf(row.id)}
                          cell={cell}
                          numbers={row.numbers}
                          asOf={data.asOf}
                          today={data.today}
                          unitName={row.name}
                        />
                      </td>
                    ))}
                    <td className="px-3 py-2 text-right tabular-nums">
                      {row.numbers.total ? formatShare(row.numbers.shareOverdue, t) : t("common.none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="overdue-heading" className="space-y-2">
        <h2 id="overdue-heading" className="text-lg font-semibold text-slate-900">
          {t("unitPage.overdueHeading")}
        </h2>
        {data.overdue.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("unitPage.noOverdue")}</p>
        ) : (
          <>
            <TaskTable items={data.overdue.items} caption={t("unitPage.overdueHeading")} />
            {data.overdue.total > data.overdue.items.length ? (
              <p className="text-sm">
                <Link to={drillDownHref(scope, "overdue", data.asOf, data.today)} className="font-semibold">
                  {t("unitPage.seeAll", { count: data.overdue.total })}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="due-soon-heading" className="space-y-2">
        <h2 id="due-soon-heading" className="text-lg font-semibold text-slate-900">
          {t("unitPage.dueSoonHeading")}
        </h2>
        {data.dueSoon.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("unitPage.noDueSoon")}</p>
        ) : (
          <>
            <TaskTable items={data.dueSoon.items} caption={t("unitPage.dueSoonHeading")} />
            {data.dueSoon.total > data.dueSoon.items.length ? (
              <p className="text-sm">
                <Link to={drillDownHref(scope, "dueSoon", data.asOf, data.today)} className="font-semibold">
                  {t("unitPage.seeAll", { count: data.dueSoon.total })}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
