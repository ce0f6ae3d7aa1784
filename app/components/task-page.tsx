/** The task page's parts: its facts, the panel of forms this user may use, and the sub-tasks of a cascade. */
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Standing, TaskStatus } from "~/domain/task-rules";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import type { TaskPageData } from "~/models/task-page.server";
import { ProgressMeter } from "./progress-meter";
import { StandingBadge, StatusBadge } from "./standing-badge";
import { DoneForm, ExtensionDecisionForm, ExtensionRequestForm, ProgressForm, ReasonForm, type ActionReply } from "./task-actions";
import { FiveClearTag } from "./task-form";

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
