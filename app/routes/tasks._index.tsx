import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/auth/policy";
import { appToday, requireUser, toActor } from "~/auth/request.server";
import { TaskFilterPanel, TaskFilters, TASK_SORT_OPTIONS, activeFilterCount } from "~/components/task-filters";
import { TaskTable, toTaskListItem } from "~/components/task-table";
import { ButtonLink } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { db } from "~/db.server";
import { parseUserDate } from "~/domain/dates";
import { PROGRAM_CODES, STANDINGS, TASK_STATUSES, type TaskStatus } from "~/domain/task-rules";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { goalOptions } from "~/models/goal.server";
import { listTasks, type TaskFilter } from "~/models/task.server";
import { unitOptions, unitPath } from "~/models/unit.server";
import { listUsers } from "~/models/user.server";

export const meta: MetaFunction = (args) => pageTitle(args, "lists.tasks.title");

const PAGE_SIZE = 50;
const Q_MAX = 200;

const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const dateParam = z
  .string()
  .transform((v) => parseUserDate(v) ?? undefined)
  .optional()
  .catch(undefined);

/**
 * Filters live in the URL, so every view can be linked. A value that does not parse is ignored
 * (the list is shown without that filter), never an error page.
 */
const TaskListParams = z.object({
  program: z.enum(PROGRAM_CODES).optional().catch(undefined),
  unit: idParam.optional().catch(undefined),
  sub: z.literal("1").optional().catch(undefined),
  owner: idParam.optional().catch(undefined),
  status: z
    .array(z.string())
    .transform((values) => [...new Set(values.filter((v): v is TaskStatus => (TASK_STATUSES as readonly string[]).includes(v)))])
    .catch([]),
  standing: z.enum(STANDINGS).optional().catch(undefined),
  from: dateParam,
  to: dateParam,
  extended: z.literal("1").optional().catch(undefined),
  goal: idParam.optional().catch(undefined),
  q: z
    .string()
    .transform((v) => v.normalize("NFC").slice(0, Q_MAX).trim() || undefined)
    .optional()
    .catch(undefined),
  // The picker's list, not the model's TASK_SORTS: this schema is built in the browser bundle too, where .server modules are empty.
  sort: z.enum(TASK_SORT_OPTIONS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

function readParams(url: URL) {
  const raw: Record<string, unknown> = {};
  for (const key of url.searchParams.keys()) {
    raw[key] = key === "status" ? url.searchParams.getAll(key) : url.searchParams.get(key);
  }
  return TaskListParams.parse(raw);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = appToday();
  const url = new URL(request.url);
  const params = readParams(url);
  // A date that does not parse is left out of the filter, and shown back as typed with a message.
  const unparsed = (key: "from" | "to") => {
    const raw = url.searchParams.get(key)?.trim() ?? "";
    return raw && !params[key] ? raw.slice(0, 20) : "";
  };
  const filter: Omit<TaskFilter, "limit" | "offset"> = {
    program: params.program,
    unitId: params.unit,
    includeSubunits: Boolean(params.sub),
    ownerId: params.owner,
    status: params.status.length ? params.status : undefined,
    standing: params.standing,
    deadlineFrom: params.from,
    deadlineTo: params.to,
    extended: Boolean(params.extended),
    goalId: params.goal,
    q: params.q,
    sort: params.sort,
  };
  let offset = (params.page - 1) * PAGE_SIZE;
  let result = await listTasks(db(), { ...filter, limit: PAGE_SIZE, offset }, today);
  if (result.items.length === 0 && result.total > 0) {
    // A page past the end (an old link): show the last page instead.
    offset = Math.floor((result.total - 1) / PAGE_SIZE) * PAGE_SIZE;
    result = await listTasks(db(), { ...filter, limit: PAGE_SIZE, offset }, today);
  }

  const [units, owners, goals, ownPath] = await Promise.all([
    unitOptions(db()),
    listUsers(db(), { limit: 5000, offset: 0 }),
    goalOptions(db()),
    unitPath(db(), user.unitId),
  ]);
  const actor = toActor(user);
  const ownUnit = { unitPath: ownPath, unitId: user.unitId };
  const filtered =
    Boolean(params.program || params.unit || params.owner || params.status.length || params.standing || params.from || params.to) ||
    Boolean(params.extended || params.goal || params.q || unparsed("from") || unparsed("to"));
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
    filtered,
    total: result.total,
    offset,
    limit: PAGE_SIZE,
    items: result.items.map(toTaskListItem),
    options: {
      units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
      owners: owners.items.map((o) => ({ id: o.id, fullName: o.fullName, active: o.active })),
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
  const sortLabel = t(`lists.sort.${(TASK_SORT_OPTIONS as readonly string[]).includes(data.values.sort) ? (data.values.sort as (typeof TASK_SORT_OPTIONS)[number]) : "deadline"}`);
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
          </div>
        ) : null}
      </div>

      <section aria-labelledby="filters-heading">
        <TaskFilterPanel active={activeFilterCount(data.values)}>
          <TaskFilters values={data.values} options={data.options} filtered={data.filtered} />
        </TaskFilterPanel>
      </section>

      <section aria-labelledby="results-heading" className="space-y-2">
        <h2 id="results-heading" className="text-base font-semibold text-slate-800" aria-live="polite">
          {t("lists.found", { count: data.total })}
        </h2>
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
