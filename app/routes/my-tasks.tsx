import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { appToday, requireUser } from "~/auth/request.server";
import { STANDING_ORDER, StandingCounts, type StandingCountsValue } from "~/components/standing-counts";
import { TaskTable, toTaskListItem } from "~/components/task-table";
import { ButtonLink } from "~/components/ui/button";
import { db } from "~/db.server";
import type { Standing } from "~/domain/task-rules";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listTasks } from "~/models/task.server";

export const meta: MetaFunction = (args) => pageTitle(args, "myTasks.title");

/** Open tasks shown at once; past this the page links to the full list. */
const OPEN_SHOWN = 300;
const DONE_SHOWN = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = appToday();
  const mine = { ownerId: user.id };
  // Each count comes from the same query as the list it links to, so the two always agree.
  const countEntries = await Promise.all(
    STANDING_ORDER.map(
      async (standing) => [standing, (await listTasks(db(), { ...mine, standing, limit: 0, offset: 0 }, today)).total] as const,
    ),
  );
  const [open, done] = await Promise.all([
    listTasks(db(), { ...mine, status: ["not_started", "in_progress"], sort: "deadline", limit: OPEN_SHOWN, offset: 0 }, today),
    listTasks(db(), { ...mine, status: ["done"], sort: "-updated", limit: DONE_SHOWN, offset: 0 }, today),
  ]);
  const openItems = open.items.map(toTaskListItem);
  return json({
    userId: user.id,
    isHead: user.role === "head",
    unitId: user.unitId,
    counts: Object.fromEntries(countEntries) as StandingCountsValue,
    groups: {
      overdue: openItems.filter((t) => t.standing === "overdue"),
      due_soon: openItems.filter((t) => t.standing === "due_soon"),
      on_track: openItems.filter((t) => t.standing === "on_track"),
    },
    openTotal: open.total,
    openShown: openItems.length,
    done: { total: done.total, items: done.items.map(toTaskListItem) },
  });
}

const GROUPS = ["overdue", "due_soon", "on_track"] as const satisfies readonly Standing[];

export default function MyTasksPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const listHref = (params: Record<string, string | string[]>) => {
    const search = new URLSearchParams({ owner: String(data.userId) });
    for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
    return `/tasks?${search}`;
  };
  const nothingOpen = data.openTotal === 0;
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("myTasks.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("myTasks.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {data.isHead ? (
            <ButtonLink to={`/units/${data.unitId}`} variant="secondary">
              {t("myTasks.myUnit")}
            </ButtonLink>
          ) : null}
          <ButtonLink to={listHref({})} variant="ghost">
            {t("myTasks.allMine")}
          </ButtonLink>
        </div>
      </div>

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="sr-only">
          {t("myTasks.countsHeading")}
        </h2>
        <StandingCounts counts={data.counts} hrefFor={(s) => listHref({ standing: s })} label={t("myTasks.countsHeading")} />
      </section>

      {nothingOpen ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="text-slate-700">{t("myTasks.noneOpen")}</p>
        </div>
      ) : (
        GROUPS.map((g) =>
          data.groups[g].length === 0 ? null : (
            <section key={g} aria-labelledby={`group-${g}`} className="space-y-2">
              <h2 id={`group-${g}`} className="flex items-center gap-2 text-lg font-semibold text-slate-900">
                {t(`myTasks.group.${g}`)}
                <Link to={listHref({ standing: g })} className="text-sm font-semibold">
                  {t("myTasks.groupCount", { count: data.counts[g] })}
                </Link>
              </h2>
              <TaskTable items={data.groups[g]} caption={t(`myTasks.group.${g}`)} showOwner={false} />
            </section>
          ),
        )
      )}
      {data.openTotal > data.openShown ? (
        <p className="text-sm text-slate-700">
          {t("myTasks.more", { shown: data.openShown, total: data.openTotal })}{" "}
          <Link to={listHref({ status: ["not_started", "in_progress"] })} className="font-semibold">
            {t("myTasks.seeAll")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="done-heading">
        <details className="group rounded-lg border border-slate-200 bg-white shadow-sm">
          <summary className="cursor-pointer list-none rounded-lg px-4 py-3 hover:bg-slate-50">
            <h2 id="done-heading" className="inline text-lg font-semibold text-slate-900">
              <span aria-hidden="true" className="mr-2 inline-block transition-transform group-open:rotate-90">
                ›
              </span>
              {t("myTasks.doneHeading", { count: data.done.total })}
            </h2>
          </summary>
          <div className="space-y-2 border-t border-slate-200 p-4">
            {data.done.items.length === 0 ? (
              <p className="text-sm text-slate-600">{t("myTasks.noneDone")}</p>
            ) : (
              <>
                <TaskTable items={data.done.items} caption={t("myTasks.doneCaption")} showOwner={false} />
                <p className="text-sm">
                  <Link to={listHref({ status: "done", sort: "-updated" })} className="font-semibold">
                    {t("myTasks.allDone", { count: data.done.total })}
                  </Link>
                </p>
              </>
            )}
          </div>
        </details>
      </section>
    </div>
  );
}
