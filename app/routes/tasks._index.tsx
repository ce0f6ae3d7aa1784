import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { can } from "~/auth/policy";
import { appToday, requireUser, toActor } from "~/auth/request.server";
import { TaskFilterPanel, TaskFilters, activeFilterCount } from "~/components/task-filters";
import { TaskTable, toTaskListItem } from "~/components/task-table";
import { ButtonLink, buttonClass } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { db } from "~/db.server";
import { TASK_SORT_OPTIONS, readTaskListParams, taskFilterOf } from "~/domain/task-filters";
import { env } from "~/env.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { goalOptions } from "~/models/goal.server";
import { listTasks } from "~/models/task.server";
import { subtreeIds, unitOptions, unitPath } from "~/models/unit.server";
import { getUserById, listUsers } from "~/models/user.server";

export const meta: MetaFunction = (args) => pageTitle(args, "lists.tasks.title");

const PAGE_SIZE = 50;

/** The most people the owner filter lists (a unit with more offers its first ones by name, plus the chosen one). */
const OWNER_CHOICES_MAX = 300;

/**
 * The people the owner filter offers: those of the filtered unit (and the units below it, with "sub"),
 * never every user of the city (5,000 at scale), plus the chosen owner wherever they are. Without a
 * unit the filter lists only the chosen owner and asks for a unit first.
 */
async function ownerFilterChoices(params: ReturnType<typeof readTaskListParams>) {
  const unitIds = params.unit ? (params.sub ? await subtreeIds(db(), params.unit) : [params.unit]) : null;
  const listed = unitIds ? await listUsers(db(), { unitIds, limit: OWNER_CHOICES_MAX, offset: 0 }) : { total: 0, items: [] };
  const items = listed.items.map((o) => ({ id: o.id, fullName: o.fullName, active: o.active }));
  if (params.owner && !items.some((o) => o.id === params.owner)) {
    const chosen = await getUserById(db(), params.owner);
    if (chosen) items.unshift({ id: chosen.id, fullName: chosen.fullName, active: chosen.active });
  }
  return { items, complete: unitIds !== null && listed.total <= OWNER_CHOICES_MAX };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = appToday();
  const url = new URL(request.url);
  const params = readTaskListParams(url);
  // A date that does not parse is left out of the filter, and shown back as typed with a message.
  const unparsed = (key: "from" | "to") => {
    const raw = url.searchParams.get(key)?.trim() ?? "";
    return raw && !params[key] ? raw.slice(0, 20) : "";
  };
  const filter = { ...taskFilterOf(params), timeZone: env().APP_TZ };
  let offset = (params.page - 1) * PAGE_SIZE;
  let result = await listTasks(db(), { ...filter, limit: PAGE_SIZE, offset }, today);
  if (result.items.length === 0 && result.total > 0) {
    // A page past the end (an old link): show the last page instead.
    offset = Math.floor((result.total - 1) / PAGE_SIZE) * PAGE_SIZE;
    result = await listTasks(db(), { ...filter, limit: PAGE_SIZE, offset }, today);
  }

  const [units, owners, goals, ownPath] = await Promise.all([
    unitOptions(db()),
    ownerFilterChoices(params),
    goalOptions(db()),
    unitPath(db(), user.unitId),
  ]);
  const actor = toActor(user);
  const ownUnit = { unitPath: ownPath, unitId: user.unitId };
  const filtered =
    Boolean(params.program || params.unit || params.owner || params.status.length || params.standing || params.from || params.to) ||
    Boolean(params.extended || params.goal || params.q || unparsed("from") || unparsed("to"));
  // Conditions a dashboard number links with (app/domain/drilldown.ts): shown above the list, kept by the filter form.
  const drillDown = {
    asOf: params.asOf && params.asOf < today ? params.asOf : "",
    judged: Boolean(params.judged),
    coord: Boolean(params.coord && params.unit),
  };
  return json({
    values: {
      q: params.q ?? "",
      program: params.program ?? "",
      unit: params.unit ? String(params.unit) : "",
      sub: Boolean(params.sub),
      owner: params.owner ? String(params.owner) : "",
      status: params.status,
      standing: params.standing ?? "",
      from: params.from ?? "",
      to: params.to ?? "",
      fromUnparsed: unparsed("from"),
      toUnparsed: unparsed("to"),
      extended: Boolean(params.extended),
      goal: params.goal ? String(params.goal) : "",
      sort: params.sort ?? "deadline",
    },
    filtered: filtered || Boolean(drillDown.asOf || drillDown.judged || drillDown.coord),
    drillDown,
    total: result.total,
    offset,
    limit: PAGE_SIZE,
    items: result.items.map(toTaskListItem),
    options: {
      units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
      owners: owners.items,
      ownersComplete: owners.complete,
      goals: goals.map((g) => ({ id: g.id, title: g.title, programCode: g.programCode })),
    },
    canCreate: can(actor, "task:create", ownUnit),
    canCascade: can(actor, "task:cascade", ownUnit),
  });
}

export default function TasksPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const page = Math.floor(data.offset / data.limit) + 1;
  const pages = Math.max(1, Math.ceil(data.total / data.limit));
  const location = useLocation();
  const exportParams = new URLSearchParams(location.search);
  exportParams.delete("page");
  const exportHref = `/tasks/export.xlsx${exportParams.toString() ? `?${exportParams}` : ""}`;
  const drillDownParams = new URLSearchParams(location.search);
  for (const key of ["asOf", "judged", "coord", "page"]) drillDownParams.delete(key);
  const drillDownHidden: Record<string, string> = {};
  if (data.drillDown.asOf) drillDownHidden.asOf = data.drillDown.asOf;
  if (data.drillDown.judged) drillDownHidden.judged = "1";
  if (data.drillDown.coord) drillDownHidden.coord = "1";
  const sortLabel = t(
    `lists.sort.${(TASK_SORT_OPTIONS as readonly string[]).includes(data.values.sort) ? (data.values.sort as (typeof TASK_SORT_OPTIONS)[number]) : "deadline"}`,
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("lists.tasks.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("lists.tasks.intro")}</p>
        </div>
        {data.canCreate || data.canCascade ? (
          <div className="flex flex-wrap gap-2">
            {data.canCreate ? (
              <ButtonLink to="/tasks/new">
                <span aria-hidden="true">+</span>
                {t("lists.newTask")}
              </ButtonLink>
            ) : null}
            {data.canCascade ? (
              <ButtonLink to="/tasks/cascade" variant="secondary">
                {t("lists.cascadeTask")}
              </ButtonLink>
            ) : null}
            {data.canCreate ? (
              <ButtonLink to="/tasks/import" variant="secondary">
                {t("excel.import.link")}
              </ButtonLink>
            ) : null}
          </div>
        ) : null}
      </div>

      <section aria-labelledby="filters-heading">
        <TaskFilterPanel active={activeFilterCount(data.values)}>
          <TaskFilters values={data.values} options={data.options} filtered={data.filtered} hidden={drillDownHidden} />
        </TaskFilterPanel>
      </section>

      {data.drillDown.asOf || data.drillDown.judged || data.drillDown.coord ? (
        <section aria-labelledby="drilldown-heading" className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          <h2 id="drilldown-heading" className="font-semibold">
            {data.drillDown.asOf ? t("dash.list.asOf", { date: t.date(data.drillDown.asOf) }) : t("dash.list.heading")}
          </h2>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {data.drillDown.asOf ? <li>{t("dash.list.asOfNote")}</li> : null}
            {data.drillDown.judged ? <li>{t("dash.list.judged")}</li> : null}
            {data.drillDown.coord ? <li>{t("dash.list.coord")}</li> : null}
          </ul>
          <p className="mt-2">
            <Link to={`/tasks${drillDownParams.toString() ? `?${drillDownParams}` : ""}`} className="font-semibold">
              {t("dash.list.clear")}
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="results-heading" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="results-heading" className="text-base font-semibold text-slate-800" aria-live="polite">
            {t("lists.found", { count: data.total })}
          </h2>
          {data.total > 0 ? (
            // A download (resource route) with the list's own filters and order: a plain link, not client navigation.
            <a
              href={exportHref}
              download
              className={buttonClass("secondary", "py-1.5")}
              aria-label={t("excel.export.linkLabel", { count: data.total })}
            >
              {t("excel.export.link")}
            </a>
          ) : null}
        </div>
        {data.items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
            <p className="text-slate-700">{data.filtered ? t("lists.emptyFiltered") : t("lists.empty")}</p>
            {data.filtered ? (
              <p className="mt-3">
                <Link to="/tasks" className="font-semibold">
                  {t("common.clearFilters")}
                </Link>
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <TaskTable items={data.items} caption={t("lists.tableCaption", { page, pages, sort: sortLabel })} />
            <Pagination total={data.total} limit={data.limit} offset={data.offset} />
          </>
        )}
      </section>
    </div>
  );
}
