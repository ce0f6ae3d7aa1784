/**
 * The compact task table behind every list (all tasks, my tasks, a unit, a goal). On a phone the
 * secondary columns fold into the first cell instead of squeezing the table.
 */
import { Link } from "@remix-run/react";
import { toTaskListItem, type TaskListItem } from "~/domain/task-list-item";
import { useT } from "~/i18n/react";
import { ProgramBadges } from "./program-badge";
import { ProgressMeter } from "./progress-meter";
import { StandingBadge, StatusBadge } from "./standing-badge";
import { TaskHeadCells } from "./task-head-cells";
import { TableCard } from "./ui/table-card";

// What a list row carries is decided with the queries (app/domain/task-list-item); re-exported for the lists' loaders.
export { toTaskListItem, type TaskListItem };

function Owner({ task }: { task: TaskListItem }) {
  const t = useT();
  if (!task.ownerName) return <span className="text-slate-400">{t("common.none")}</span>;
  return (
    <>
      {task.ownerName}
      {task.ownerActive === false ? (
        <span className="ml-1 whitespace-nowrap rounded bg-slate-200 px-1 text-xs font-semibold text-slate-700">
          {t("lists.ownerInactive")}
        </span>
      ) : null}
    </>
  );
}

function Deadline({ task }: { task: TaskListItem }) {
  const t = useT();
  if (!task.deadline) return <span className="text-slate-400">{t("common.none")}</span>;
  return (
    <>
      <span className={`tabular-nums ${task.standing === "overdue" ? "font-semibold text-red-800" : ""}`}>{t.date(task.deadline)}</span>
      {task.extensionCount > 0 ? (
        <span className="block text-xs text-slate-600">
          {t("lists.extendedTimes", { count: task.extensionCount })}
          {task.originalDeadline && task.originalDeadline !== task.deadline ? (
            <>
              {" · "}
              {t("lists.originalDeadline", { date: t.date(task.originalDeadline) })}
            </>
          ) : null}
        </span>
      ) : null}
    </>
  );
}

function LeadUnit({ task }: { task: TaskListItem }) {
  const t = useT();
  if (!task.leadUnitId || !task.leadUnitName) return <span className="text-slate-400">{t("common.none")}</span>;
  return (
    <Link
      to={`/units/${task.leadUnitId}`}
      className="text-slate-800 underline decoration-slate-300 underline-offset-2 hover:text-brand-700"
    >
      {task.leadUnitName}
    </Link>
  );
}

export function TaskTable({
  items,
  caption,
  captionVisible = false,
  showOwner = true,
}: {
  items: TaskListItem[];
  caption: string;
  captionVisible?: boolean;
  /** Off where every row is the reader's own (my tasks). */
  showOwner?: boolean;
}) {
  const t = useT();
  const th = "px-3 py-2.5 text-left align-bottom";
  return (
    <TableCard caption={caption} captionVisible={captionVisible}>
      <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
        <tr>
          <TaskHeadCells showOwner={showOwner} th={th} />
          <th scope="col" className={`${th} hidden md:table-cell`}>
            {t("lists.col.deadline")}
          </th>
          <th scope="col" className={`${th} hidden lg:table-cell`}>
            {t("field.status")}
          </th>
          <th scope="col" className={`${th} hidden sm:table-cell`}>
            {t("field.standing")}
          </th>
          <th scope="col" className={`${th} hidden sm:table-cell`}>
            {t("lists.col.progress")}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((task) => (
          <tr key={task.id} className={task.standing === "overdue" ? "bg-red-50/40 hover:bg-red-50" : "hover:bg-slate-50"}>
            <th scope="row" className="px-3 py-3 sm:min-w-[14rem] text-left align-top font-normal">
              <Link to={`/tasks/${task.id}`} prefetch="intent" className="font-semibold leading-snug">
                {task.title}
              </Link>
              <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
                <ProgramBadges codes={task.programs} />
                {task.standing ? (
                  <span className="sm:hidden">
                    <StandingBadge standing={task.standing} />
                  </span>
                ) : null}
                <span className="lg:hidden">
                  <StatusBadge status={task.status} />
                </span>
              </div>
              {/* Folded columns on small screens. */}
              <dl className="mt-1.5 space-y-0.5 text-xs text-slate-700 md:hidden">
                <div>
                  <dt className="inline font-semibold text-slate-500">{t("lists.col.leadUnit")}: </dt>
                  <dd className="inline">
                    <LeadUnit task={task} />
                  </dd>
                </div>
                {showOwner ? (
                  <div>
                    <dt className="inline font-semibold text-slate-500">{t("lists.col.owner")}: </dt>
                    <dd className="inline">
                      <Owner task={task} />
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt className="inline font-semibold text-slate-500">{t("lists.col.deadline")}: </dt>
                  <dd className="inline">
                    <Deadline task={task} />
                  </dd>
                </div>
                <div className="sm:hidden">
                  <dt className="sr-only">{t("lists.col.progress")}</dt>
                  <dd>
                    <ProgressMeter
                      value={task.progress}
                      label={t("lists.progressOf", { progress: task.progress })}
                      tone={task.status === "done" ? "green" : "brand"}
                    />
                  </dd>
                </div>
              </dl>
            </th>
            <td className="hidden min-w-[10rem] px-3 py-3 align-top md:table-cell">
              <LeadUnit task={task} />
            </td>
            {showOwner ? (
              <td className="hidden min-w-[9rem] px-3 py-3 align-top md:table-cell">
                <Owner task={task} />
              </td>
            ) : null}
            <td className="hidden whitespace-nowrap px-3 py-3 align-top md:table-cell">
              <Deadline task={task} />
            </td>
            <td className="hidden whitespace-nowrap px-3 py-3 align-top lg:table-cell">
              <StatusBadge status={task.status} />
            </td>
            <td className="hidden whitespace-nowrap px-3 py-3 align-top sm:table-cell">
              <StandingBadge standing={task.standing} />
            </td>
            <td className="hidden whitespace-nowrap px-3 py-3 align-top sm:table-cell">
              <ProgressMeter
                value={task.progress}
                label={t("lists.progressOf", { progress: task.progress })}
                tone={task.status === "done" ? "green" : "brand"}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </TableCard>
  );
}
