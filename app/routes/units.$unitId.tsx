import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { appToday, notFound, requirePermission, requireUser } from "~/auth/request.server";
import { STANDING_ORDER, StandingCountLinks, StandingCounts, type StandingCountsValue } from "~/components/standing-counts";
import { TaskTable, toTaskListItem } from "~/components/task-table";
import { Badge } from "~/components/ui/badge";
import { db } from "~/db.server";
import type { Standing } from "~/domain/task-rules";
import { formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listTasks } from "~/models/task.server";
import { getUnit, unitAncestors, unitOptions } from "~/models/unit.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "unitPage.title");
  return [{ title: args.data ? `${args.data.unit.name} · ${base.title}` : base.title }];
};

const LIST_SHOWN = 10;
const ISSUED = ["not_started", "in_progress", "done"] as const;

function parseUnitId(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) notFound();
  return id;
}

/** Counts by standing for a unit and everything below it, each from the query of the list it links to. */
async function standingCounts(unitId: number, today: string): Promise<StandingCountsValue> {
  const entries = await Promise.all(
    STANDING_ORDER.map(async (standing) => {
      const { total } = await listTasks(db(), { unitId, includeSubunits: true, standing, limit: 0, offset: 0 }, today);
      return [standing, total] as const;
    }),
  );
  return Object.fromEntries(entries) as StandingCountsValue;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "unit:read");
  const id = parseUnitId(params.unitId);
  const unit = await getUnit(db(), id);
  if (!unit) notFound();
  const today = appToday();
  const scope = { unitId: id, includeSubunits: true };

  const [ancestors, counts, overdue, dueSoon, subtree] = await Promise.all([
    unitAncestors(db(), id),
    standingCounts(id, today),
    listTasks(db(), { ...scope, standing: "overdue", sort: "deadline", limit: LIST_SHOWN, offset: 0 }, today),
    listTasks(db(), { ...scope, standing: "due_soon", sort: "deadline", limit: LIST_SHOWN, offset: 0 }, today),
    unitOptions(db(), { withinUnitId: id }),
  ]);
  const children = subtree.filter((u) => u.depth === 1);
  const childCounts = await Promise.all(children.map(async (c) => ({ id: c.id, name: c.name, kind: c.kind, counts: await standingCounts(c.id, today) })));

  return json({
    unit: { id: unit.id, name: unit.name, code: unit.code, kind: unit.kind, active: unit.active },
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
    counts,
    overdue: { total: overdue.total, items: overdue.items.map(toTaskListItem) },
    dueSoon: { total: dueSoon.total, items: dueSoon.items.map(toTaskListItem) },
    children: childCounts,
  });
}

function listHref(unitId: number, params: Record<string, string | readonly string[]>) {
  const search = new URLSearchParams({ unit: String(unitId), sub: "1" });
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
  return `/tasks?${search}`;
}

function total(counts: StandingCountsValue) {
  return STANDING_ORDER.reduce((sum, s) => sum + counts[s], 0);
}

export default function UnitTasksPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const issued = total(data.counts);
  const overdueShare = issued ? (data.counts.overdue / issued) * 100 : 0;
  const standingHref = (unitId: number) => (s: Standing) => listHref(unitId, { standing: s });
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

      <div>
        <h1 className="text-2xl font-bold text-slate-900">{data.unit.name}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Badge tone="blue">{t(`unitKind.${data.unit.kind}`)}</Badge>
          {data.unit.active ? null : <Badge tone="red">{t("common.closed")}</Badge>}
          <span>{t("unitPage.scope")}</span>
        </div>
      </div>

      <section aria-labelledby="counts-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="counts-heading" className="text-lg font-semibold text-slate-900">
            {t("unitPage.countsHeading")}
          </h2>
          <p className="text-sm text-slate-700">
            <Link to={listHref(data.unit.id, { status: ISSUED })} className="font-semibold">
              {t("unitPage.issuedTotal", { count: issued })}
            </Link>
            {issued ? <span> · {t("unitPage.overdueShare", { share: formatNumber(Math.round(overdueShare * 10) / 10, t.lang) })}</span> : null}
          </p>
        </div>
        <StandingCounts counts={data.counts} hrefFor={standingHref(data.unit.id)} label={t("unitPage.countsHeading")} />
      </section>

      {data.children.length ? (
        <section aria-labelledby="children-heading" className="space-y-2">
          <h2 id="children-heading" className="text-lg font-semibold text-slate-900">
            {t("unitPage.childrenHeading")}
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("unitPage.childrenCaption", { unit: data.unit.name })}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2.5 text-left">
                    {t("unitPage.unit")}
                  </th>
                  {STANDING_ORDER.map((s) => (
                    <th key={s} scope="col" className="px-3 py-2.5 text-right">
                      {t(`standing.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.children.map((c) => (
                  <tr key={c.id} className="hover:bg-slate-50">
                    <th scope="row" className="min-w-[12rem] px-3 py-2 text-left font-normal">
                      <Link to={`/units/${c.id}`} className="font-semibold">
                        {c.name}
                      </Link>
                    </th>
                    <StandingCountLinks counts={c.counts} hrefFor={standingHref(c.id)} />
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
                <Link to={listHref(data.unit.id, { standing: "overdue" })} className="font-semibold">
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
                <Link to={listHref(data.unit.id, { standing: "due_soon" })} className="font-semibold">
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
