import { Link } from "@remix-run/react";
import type { TaskListItem } from "~/domain/task-list-item";
import { useT } from "~/i18n/react";
import { TaskTable } from "../task-table";

/** The first tasks of one list (overdue, due soon) and a link to all of them when there are more. */
export function TaskListSection({
  id,
  heading,
  empty,
  list,
  allHref,
}: {
  id: string;
  heading: string;
  empty: string;
  list: { total: number; items: TaskListItem[] };
  allHref: string;
}) {
  const t = useT();
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {heading}
      </h2>
      {list.items.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <>
          <TaskTable items={list.items} caption={heading} />
          {list.total > list.items.length ? (
            <p className="text-sm">
              <Link to={allHref} className="font-semibold">
                {t("unitPage.seeAll", { count: list.total })}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
