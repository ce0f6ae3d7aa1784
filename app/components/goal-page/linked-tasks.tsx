/** The tasks linked to a goal: counts by standing (each a link to its list) and the first of them by deadline. */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { STANDING_ORDER, StandingCounts, type StandingCountsValue } from "../standing-counts";
import { TaskTable, type TaskListItem } from "../task-table";

export function LinkedTasks({
  goalTitle,
  counts,
  tasks,
  tasksHref,
  issuedHref,
}: {
  goalTitle: string;
  counts: StandingCountsValue;
  tasks: { total: number; items: TaskListItem[] };
  /** The task list filtered to this goal (standings add to it). */
  tasksHref: string;
  /** The task list of this goal's issued tasks. */
  issuedHref: string;
}) {
  const t = useT();
  const issued = STANDING_ORDER.reduce((sum, s) => sum + counts[s], 0);
  return (
    <section aria-labelledby="tasks-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="tasks-heading" className="text-lg font-semibold text-slate-900">
          {t("goals.tasksHeading")}
        </h2>
        <p className="text-sm">
          <Link to={issuedHref} className="font-semibold">
            {t("goals.issuedCount", { count: issued })}
          </Link>
        </p>
      </div>
      <StandingCounts counts={counts} hrefFor={(s) => `${tasksHref}&standing=${s}`} label={t("goals.tasksHeading")} />
      {tasks.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("goals.noTasks")}</p>
      ) : (
        <>
          <TaskTable items={tasks.items} caption={t("goals.tasksCaption", { title: goalTitle })} />
          {tasks.total > tasks.items.length ? (
            <p className="text-sm">
              <Link to={tasksHref} className="font-semibold">
                {t("goals.allTasks", { count: tasks.total })}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
