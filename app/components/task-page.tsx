/** The task page's parts: its facts, the panel of forms this user may use, and the sub-tasks of a cascade. */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Standing, TaskStatus } from "~/domain/task-rules";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import type { TaskPageData } from "~/models/task-page.server";
import { ProgramBadges } from "./program-badge";
import { ProgressMeter } from "./progress-meter";
import { PriorityBadge, StandingBadge, StatusBadge } from "./standing-badge";
import { DoneForm, ExtensionDecisionForm, ExtensionRequestForm, ProgressForm, ReasonForm, type ActionReply } from "./task-actions";
import { FiveClearTag, fieldLabel } from "./task-form";
import { ButtonLink } from "./ui/button";
import { Notice } from "./ui/error-summary";

/** What the evidence upload accepts (from the server's settings). */
export interface UploadLimits {
  accept: string;
  maxMb: number;
}

export function Fact({
  tag,
  label,
  children,
}: {
  tag?: "title" | "ownerId" | "deadline" | "leadUnitId" | "deliverable" | "authority";
  label: string;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-1 border-t border-slate-100 py-3 first:border-t-0 sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="text-sm font-semibold text-slate-600">
        {label}
        {tag ? <FiveClearTag item={tag} /> : null}
      </dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </div>
  );
}

export function TaskActionsPanel({
  data,
  actionData,
}: {
  data: SerializeFrom<TaskPageData & { upload: UploadLimits }>;
  actionData: ActionReply | undefined;
}) {
  const t = useT();
  const task = data.task;
  const a = data.actions;
  const hasActions = a.progress || a.reopen || a.cancel || a.requestExtension || a.decideExtension;
  return (
    <aside aria-labelledby="actions-heading" className="space-y-4 lg:col-start-3 lg:row-span-2 lg:row-start-1">
      <h2 id="actions-heading" className="text-lg font-semibold text-slate-900">
        {t("task.actions")}
      </h2>
      {!hasActions ? <p className="text-sm text-slate-600">{t("task.noActions")}</p> : null}
      {a.decideExtension && data.pending ? (
        <section aria-labelledby="decide-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
          <h3 id="decide-heading" className="font-semibold text-slate-900">
            {t("extension.decideTitle")}
          </h3>
          <p className="mt-1 text-sm text-slate-800">
            {t("extension.summary", {
              name: data.pending.requestedByName,
              from: t.date(data.pending.previousDeadline),
              to: t.date(data.pending.requestedDeadline),
            })}
          </p>
          <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">
            <span className="font-semibold">{t("field.reason")}:</span> {data.pending.reason}
          </p>
          <div className="mt-3">
            <ExtensionDecisionForm extensionId={data.pending.id} version={task.version} reply={actionData} />
          </div>
        </section>
      ) : null}
      {a.progress ? (
        <ProgressForm
          version={task.version}
          progress={task.progress}
          reply={actionData}
          accept={data.upload.accept}
          maxMb={data.upload.maxMb}
        />
      ) : null}
      {a.progress ? (
        <DoneForm
          version={task.version}
          reply={actionData}
          accept={data.upload.accept}
          maxMb={data.upload.maxMb}
          deliverable={task.deliverable}
        />
      ) : null}
      {a.requestExtension ? <ExtensionRequestForm version={task.version} reply={actionData} deadline={task.deadline} /> : null}
      {a.reopen ? (
        <ReasonForm intent="reopen" version={task.version} reply={actionData} title={t("task.action.reopen")} help={t("task.reopenHelp")} />
      ) : null}
      {a.cancel ? (
        <ReasonForm intent="cancel" version={task.version} reply={actionData} title={t("task.action.cancel")} help={t("task.cancelHelp")} />
      ) : null}
    </aside>
  );
}

interface ChildrenData {
  total: number;
  summary: {
    total: number;
    done: number;
    doneOnTime: number;
    doneLate: number;
    overdue: number;
    dueSoon: number;
    onTrack: number;
    draft: number;
    cancelled: number;
  };
  items: Array<{
    id: number;
    title: string;
    leadUnitName: string | null;
    ownerName: string | null;
    deadline: string | null;
    status: TaskStatus;
    standing: Standing | null;
    progress: number;
  }>;
}

export function ChildrenSection({ subtasks }: { subtasks: ChildrenData }) {
  const t = useT();
  const s = subtasks.summary;
  const stats: Array<[MessageKey, number, string]> = [
    ["children.done", s.done, "text-emerald-800"],
    ["children.doneOnTime", s.doneOnTime, "text-emerald-800"],
    ["children.doneLate", s.doneLate, "text-amber-800"],
    ["children.overdue", s.overdue, "text-red-800"],
    ["children.open", s.onTrack + s.dueSoon, "text-brand-800"],
  ];
  return (
    <section aria-labelledby="children-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="children-heading" className="text-lg font-semibold text-slate-900">
        {t("children.title", { count: s.total })}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("children.intro")}</p>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {stats.map(([key, value, tone]) => (
          <div key={key} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <dt className="text-xs font-semibold text-slate-600">{t(key)}</dt>
            <dd className={`text-2xl font-bold tabular-nums ${tone}`}>
              {value}
              <span className="text-sm font-normal text-slate-500">/{s.total}</span>
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">{t("children.title", { count: s.total })}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3">
                {t("taskForm.label.leadUnit")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("taskForm.label.owner")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("taskForm.label.deadline")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("field.status")}
              </th>
              <th scope="col" className="py-2">
                {t("field.progress")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {subtasks.items.map((c) => (
              <tr key={c.id}>
                <td className="py-2 pr-3">
                  <Link to={`/tasks/${c.id}`} className="font-medium">
                    {c.leadUnitName ?? c.title}
                  </Link>
                </td>
                <td className="py-2 pr-3">{c.ownerName ?? "—"}</td>
                <td className="py-2 pr-3 tabular-nums">{t.date(c.deadline)}</td>
                <td className="py-2 pr-3">
                  <span className="inline-flex flex-wrap gap-1">
                    <StatusBadge status={c.status} />
                    <StandingBadge standing={c.standing} />
                  </span>
                </td>
                <td className="py-2">
                  <ProgressMeter value={c.progress} label={`${t("field.progress")}: ${c.leadUnitName ?? c.title}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {subtasks.total > subtasks.items.length ? (
        <p className="mt-2 text-sm text-slate-600">{t("children.more", { shown: subtasks.items.length, total: subtasks.total })}</p>
      ) : null}
    </section>
  );
}

type PageTask = SerializeFrom<TaskPageData>["task"];

/** The breadcrumb, the task's badges, title, edit button and progress. */
export function TaskHeader({ task, canEdit }: { task: PageTask; canEdit: boolean }) {
  const t = useT();
  return (
    <>
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to="/tasks">{t("nav.tasks")}</Link>
        {task.parent ? (
          <>
            {" "}
            <span aria-hidden="true">›</span> <Link to={`/tasks/${task.parent.id}`}>{task.parent.title}</Link>
          </>
        ) : null}
      </nav>

      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={task.status} />
          <StandingBadge standing={task.standing} />
          <PriorityBadge priority={task.priority} />
          <ProgramBadges codes={task.programs} />
        </div>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <h1 className="max-w-4xl break-words text-2xl font-bold text-slate-900">{task.title || t("task.untitled")}</h1>
          {canEdit ? (
            <ButtonLink to={`/tasks/${task.id}/edit`} variant="secondary">
              {task.status === "draft" ? t("task.editDraft") : t("common.edit")}
            </ButtonLink>
          ) : null}
        </div>
        {task.status !== "draft" && task.status !== "cancelled" ? (
          <div className="max-w-md">
            <ProgressMeter value={task.progress} label={t("field.progress")} />
          </div>
        ) : null}
      </header>
    </>
  );
}

/** What a reader must know first: a refused action, a draft's missing items, a cancellation, a pending extension. */
export function TaskNotices({ data, generalError }: { data: SerializeFrom<TaskPageData>; generalError: string[] }) {
  const t = useT();
  const task = data.task;
  return (
    <>
      {generalError.length ? <Notice kind="error">{generalError.map((e) => t.error(e)).join(" ")}</Notice> : null}
      {task.status === "draft" ? (
        <Notice kind="warning">
          <p className="font-semibold">{t("task.draftNotice")}</p>
          {data.missing.length ? (
            <p className="mt-1">
              {t("task.draftMissing")} {data.missing.map((f) => fieldLabel(t, f)).join("; ")}.
            </p>
          ) : (
            <p className="mt-1">{t("task.draftReady")}</p>
          )}
        </Notice>
      ) : null}
      {task.status === "cancelled" ? (
        <Notice kind="warning">
          {t("task.cancelledNotice")} {task.cancelReason}
        </Notice>
      ) : null}
      {data.pending ? (
        <Notice kind="info">
          {t("task.pendingExtension", { name: data.pending.requestedByName, to: t.date(data.pending.requestedDeadline) })}
        </Notice>
      ) : null}
    </>
  );
}

/** The "5 rõ" of the task and the facts around them. */
export function TaskFacts({ task }: { task: PageTask }) {
  const t = useT();
  const none = <span className="text-slate-400">{t("task.notSet")}</span>;
  return (
    <section aria-labelledby="facts-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="facts-heading" className="text-lg font-semibold text-slate-900">
        {t("task.fiveClear")}
      </h2>
      <dl className="mt-2">
        <Fact tag="title" label={t("taskForm.label.title")}>
          <p className="font-semibold">{task.title || none}</p>
          {task.description ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{task.description}</p> : null}
        </Fact>
        <Fact tag="ownerId" label={t("taskForm.label.owner")}>
          {task.ownerName ?? none}
          {task.ownerActive === false ? (
            <span className="ml-2 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
              {t("task.ownerInactiveWarning")}
            </span>
          ) : null}
        </Fact>
        <Fact tag="deadline" label={t("taskForm.label.deadline")}>
          {task.deadline ? <span className="font-semibold">{t.date(task.deadline)}</span> : none}
          {task.extensionCount > 0 ? (
            <span className="mt-1 block text-sm text-slate-700">
              {t("task.extendedFrom", { original: t.date(task.originalDeadline), count: task.extensionCount })}
            </span>
          ) : null}
          {task.startDate ? (
            <span className="mt-1 block text-sm text-slate-600">{t("task.startsOn", { date: t.date(task.startDate) })}</span>
          ) : null}
          {task.completedOn ? (
            <span className="mt-1 block text-sm text-slate-600">{t("task.completedOn", { date: t.date(task.completedOn) })}</span>
          ) : null}
        </Fact>
        <Fact tag="leadUnitId" label={t("taskForm.label.leadUnit")}>
          {task.leadUnitName ?? none}
          {task.leadUnitClosed ? <span className="ml-2 text-xs font-semibold text-red-700">{t("common.closed")}</span> : null}
          {task.coordinatingUnits.length ? (
            <span className="mt-1 block text-sm text-slate-700">
              <span className="font-semibold">{t("field.coordinatingUnits")}:</span>{" "}
              {task.coordinatingUnits.map((u) => u.name + (u.closed ? ` (${t("common.closed")})` : "")).join(", ")}
            </span>
          ) : null}
        </Fact>
        <Fact tag="deliverable" label={t("taskForm.label.deliverable")}>
          {task.deliverable ? <span className="whitespace-pre-line">{task.deliverable}</span> : none}
        </Fact>
        {task.sourceDocNumber || task.sourceDocDate || task.sourceDocIssuer ? (
          <Fact tag="authority" label={t("taskForm.section.document")}>
            {[
              task.sourceDocNumber,
              task.sourceDocDate ? t("task.docDated", { date: t.date(task.sourceDocDate) }) : null,
              task.sourceDocIssuer,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Fact>
        ) : null}
        <Fact label={t("field.programs")}>
          {task.programs.length
            ? task.programs.map((p) => `${t(`program.${p}` as MessageKey)} (${t(`programName.${p}` as MessageKey)})`).join(", ")
            : none}
        </Fact>
        {task.goal ? (
          <Fact label={t("field.goal")}>
            <Link to={`/goals/${task.goal.id}`}>{task.goal.title}</Link>
          </Fact>
        ) : null}
        {task.parent ? (
          <Fact label={t("task.parent")}>
            <Link to={`/tasks/${task.parent.id}`}>{task.parent.title}</Link>
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}
