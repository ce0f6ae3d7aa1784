import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { toastCookie } from "~/auth/cookies.server";
import { appToday, forbidden, notFound, requireUser, taskContext, toActor, type CurrentUser, parseId } from "~/auth/request.server";
import { ProgramBadges } from "~/components/program-badge";
import { ProgressMeter } from "~/components/progress-meter";
import { PriorityBadge, StandingBadge, StatusBadge } from "~/components/standing-badge";
import {
  DoneForm,
  ExtensionDecisionForm,
  ExtensionRequestForm,
  ProgressForm,
  ReasonForm,
  type ActionReply,
} from "~/components/task-actions";
import { FiveClearTag, fieldLabel } from "~/components/task-form";
import { TaskHistory, TaskTimeline, historyReferences } from "~/components/task-timeline";
import { ButtonLink } from "~/components/ui/button";
import { Notice } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { idField, optionalText, versionField } from "~/domain/form-fields";
import { canTransition, isOpen, missingFiveClear, type Standing, type TaskStatus } from "~/domain/task-rules";
import { ExtensionDecisionSchema, ExtensionRequestSchema, ProgressSchema, ReasonSchema, isSafeLink } from "~/domain/task-schema";
import { env } from "~/env.server";
import { EVIDENCE_ACCEPT, checkEvidenceFile, readUploadForm, removeEvidence, storeEvidence } from "~/evidence-storage.server";
import { errorKey, translate, type Language, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import {
  changeStatusWithReason,
  childSummary,
  decideExtension,
  evidenceFileInUse,
  getTask,
  getTaskTimeline,
  listTasks,
  postProgress,
  requestExtension,
  taskPermissions,
  taskReferenceNames,
  type EvidenceInput,
  type TaskResult,
  type TaskView,
} from "~/models/task.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m?.id === "root")?.data as { lang?: Language } | undefined;
  const app = translate(root?.lang ?? "vi", "app.name");
  return [{ title: data ? `${data.task.title || translate(root?.lang ?? "vi", "task.untitled")} — ${app}` : app }];
};

const CHILDREN_SHOWN = 500;

async function loadTask(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  const id = parseId(rawId);
  const task = await getTask(db(), id, appToday());
  if (!task) notFound();
  return { user, task };
}

/** Which forms this user sees, given the policy and where the task is in its life. */
async function availableActions(user: CurrentUser, task: TaskView, pending: { requestedBy: number } | null, today: string) {
  const p = await taskPermissions(db(), toActor(user), task, pending);
  const hasPending = pending !== null;
  const open = isOpen(task.status);
  return {
    edit: p.update && task.status !== "cancelled",
    progress: p.progress && open,
    reopen: p.reopen && task.status === "done",
    cancel: p.cancel && canTransition(task.status, "cancelled"),
    requestExtension: p.requestExtension && open && !hasPending && task.deadline !== null && today <= task.deadline,
    // The requester of the pending extension never decides it (the policy says no).
    decideExtension: p.decideExtension,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, task } = await loadTask(request, params.taskId);
  const today = appToday();
  const [timeline, children] = await Promise.all([
    getTaskTimeline(db(), task.id),
    listTasks(db(), { parentId: task.id, limit: CHILDREN_SHOWN, offset: 0, sort: "deadline" }, today),
  ]);
  const pending = timeline.extensions.find((e) => e.status === "pending") ?? null;
  const refs = historyReferences(timeline.history);
  const names = await taskReferenceNames(db(), {
    unitIds: [...refs.unitIds, ...task.coordinatingUnitIds, ...(task.leadUnitId ? [task.leadUnitId] : [])],
    userIds: refs.userIds,
    goalIds: [...refs.goalIds, ...(task.goalId ? [task.goalId] : [])],
    taskIds: [...refs.taskIds, ...(task.parentId ? [task.parentId] : [])],
  });
  return json({
    task: {
      id: task.id,
      title: task.title,
      description: task.description,
      ownerId: task.ownerId,
      ownerName: task.ownerName,
      ownerActive: task.ownerActive,
      leadUnitId: task.leadUnitId,
      leadUnitName: task.leadUnitName,
      leadUnitClosed: task.leadUnitId ? names.closedUnitIds.includes(task.leadUnitId) : false,
      coordinatingUnits: task.coordinatingUnitIds.map((id) => ({
        id,
        name: names.units[String(id)] ?? `#${id}`,
        closed: names.closedUnitIds.includes(id),
      })),
      startDate: task.startDate,
      deadline: task.deadline,
      originalDeadline: task.originalDeadline,
      extensionCount: task.extensionCount,
      deliverable: task.deliverable,
      programs: task.programs,
      goal: task.goalId ? { id: task.goalId, title: names.goals[String(task.goalId)] ?? `#${task.goalId}` } : null,
      parent: task.parentId ? { id: task.parentId, title: names.tasks[String(task.parentId)] ?? `#${task.parentId}` } : null,
      priority: task.priority,
      status: task.status,
      standing: task.standing,
      progress: task.progress,
      issuedAt: task.issuedAt,
      completedAt: task.completedAt,
      completedOn: task.completedOn,
      cancelReason: task.cancelReason,
      sourceDocNumber: task.sourceDocNumber,
      sourceDocDate: task.sourceDocDate,
      sourceDocIssuer: task.sourceDocIssuer,
      version: task.version,
    },
    missing: task.status === "draft" ? missingFiveClear(task) : [],
    actions: await availableActions(user, task, pending, today),
    pending,
    children:
      children.total > 0
        ? {
            total: children.total,
            summary: await childSummary(db(), task.id, today),
            items: children.items.map((c) => ({
              id: c.id,
              title: c.title,
              leadUnitName: c.leadUnitName,
              ownerName: c.ownerName,
              deadline: c.deadline,
              status: c.status,
              standing: c.standing,
              progress: c.progress,
            })),
          }
        : null,
    timeline: { updates: timeline.updates, evidence: timeline.evidence, extensions: timeline.extensions },
    history: timeline.history.map((h) => ({ id: h.id, occurredAt: h.occurredAt, action: h.action, data: h.data, actorName: h.actorName })),
    names: { units: names.units, users: names.users, goals: names.goals, tasks: names.tasks },
    upload: { accept: EVIDENCE_ACCEPT, maxMb: env().MAX_UPLOAD_MB },
  });
}

// --- actions

// Completion is always 100%: whatever "progress" a client sends with it is ignored.
const DoneSchema = z.object({
  version: versionField,
  note: optionalText(4000),
  evidenceUrl: optionalText(2000),
  progress: z.preprocess(() => 100, z.number()),
});
const DecisionSchema = ExtensionDecisionSchema.extend({ extensionId: idField });

const TOASTS: Record<string, MessageKey> = {
  progress: "task.toast.progress",
  done: "task.toast.done",
  reopen: "task.toast.reopened",
  cancel: "task.toast.cancelled",
  "extension-request": "task.toast.extensionRequested",
};

function reply(body: ActionReply, status: number) {
  return json(body, { status });
}

function done(taskId: number, key: MessageKey) {
  return redirect(`/tasks/${taskId}`, { headers: { "Set-Cookie": toastCookie({ key }) } });
}

/** The model's refusal as an HTTP answer: 403/404 thrown, field errors 422, a stale version 409. */
function refusal<T>(
  result: Exclude<TaskResult<T>, { ok: true }>,
  intent: string,
  submission: { reply: (o?: { fieldErrors?: Record<string, string[]> }) => ActionReply["result"] },
  extensionId?: number,
) {
  switch (result.error) {
    case "forbidden":
      return forbidden();
    case "not_found":
      return notFound();
    case "invalid":
      return reply({ intent, extensionId, result: submission.reply({ fieldErrors: result.fieldErrors }), conflict: null }, 422);
    case "conflict":
      return reply(
        {
          intent,
          extensionId,
          result: submission.reply(),
          conflict: { currentVersion: result.currentVersion, changedFields: result.changedFields },
        },
        409,
      );
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, task } = await loadTask(request, params.taskId);
  const upload = await readUploadForm(request);
  if (!upload) throw new Response("Bad Request", { status: 400 });
  const { formData } = upload;
  const ctx = taskContext(user, context);
  const intent = formData.get("intent");

  if (intent === "progress" || intent === "done") {
    const submission =
      intent === "progress" ? parseWithZod(formData, { schema: ProgressSchema }) : parseWithZod(formData, { schema: DoneSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply(), conflict: null }, 422);
    const { version, note, evidenceUrl } = submission.value;
    const errors: Record<string, string[]> = {};
    if (evidenceUrl && !isSafeLink(evidenceUrl)) errors.evidenceUrl = [errorKey("error.link")];
    const file = formData.get("evidenceFile");
    let bytes: Uint8Array | null = null;
    let checked: ReturnType<typeof checkEvidenceFile> | null = null;
    if (upload.tooLarge) {
      errors.evidenceFile = [errorKey("error.fileTooLarge", { max: env().MAX_UPLOAD_MB })];
    } else if (file instanceof File && (file.size > 0 || file.name)) {
      bytes = new Uint8Array(await file.arrayBuffer());
      checked = checkEvidenceFile(file.name, bytes);
      if (!checked.ok) errors.evidenceFile = [errorKey(checked.error)];
    } else if (typeof file === "string" && file !== "") {
      errors.evidenceFile = [errorKey("error.file")];
    }
    if (Object.keys(errors).length)
      return reply({ intent, result: submission.reply({ fieldErrors: errors }), conflict: null }, upload.tooLarge ? 413 : 422);

    // Nothing is written to disk for someone who may not post, or for a form that is already stale.
    const permissions = await taskPermissions(db(), ctx.actor, task);
    if (!permissions.progress) forbidden();
    const evidence: EvidenceInput = {};
    if (evidenceUrl) evidence.url = evidenceUrl;
    let stored: Awaited<ReturnType<typeof storeEvidence>> | null = null;
    if (bytes && checked?.ok && version === task.version) {
      stored = await storeEvidence(bytes);
      evidence.file = {
        fileName: checked.fileName,
        storageKey: stored.storageKey,
        mimeType: checked.mimeType,
        sizeBytes: bytes.byteLength,
        sha256: stored.sha256,
      };
    }
    // (A stale form posts no file: the model answers with the conflict before anything is stored.)
    const input = { progress: submission.value.progress, note, complete: intent === "done", evidence };
    const result = await postProgress(db(), task.id, version, input, ctx);
    if (result.ok) return done(task.id, TOASTS[intent]);
    if (stored?.created && !(await evidenceFileInUse(db(), stored.sha256))) await removeEvidence(stored.storageKey);
    return refusal(result, intent, submission);
  }

  if (intent === "reopen" || intent === "cancel") {
    const submission = parseWithZod(formData, { schema: ReasonSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply(), conflict: null }, 422);
    const result = await changeStatusWithReason(
      db(),
      task.id,
      submission.value.version,
      { to: intent === "cancel" ? "cancelled" : "in_progress", reason: submission.value.reason },
      ctx,
    );
    if (result.ok) return done(task.id, TOASTS[intent]);
    return refusal(result, intent, submission);
  }

  if (intent === "extension-request") {
    const submission = parseWithZod(formData, { schema: ExtensionRequestSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply(), conflict: null }, 422);
    const result = await requestExtension(db(), task.id, submission.value, ctx);
    if (result.ok) return done(task.id, TOASTS[intent]);
    return refusal(result, intent, submission);
  }

  if (intent === "extension-decide") {
    const submission = parseWithZod(formData, { schema: DecisionSchema });
    const rawId = Number(formData.get("extensionId"));
    const extensionId = Number.isInteger(rawId) ? rawId : null;
    if (submission.status !== "success") return reply({ intent, extensionId, result: submission.reply(), conflict: null }, 422);
    const timeline = await getTaskTimeline(db(), task.id);
    if (!timeline.extensions.some((e) => e.id === submission.value.extensionId)) notFound();
    const result = await decideExtension(
      db(),
      submission.value.extensionId,
      { decision: submission.value.decision, note: submission.value.note },
      ctx,
    );
    if (result.ok)
      return done(task.id, result.value.status === "approved" ? "task.toast.extensionApproved" : "task.toast.extensionRejected");
    return refusal(result, intent, submission, submission.value.extensionId);
  }

  return reply({ intent: null, result: { status: "error", error: { "": [errorKey("error.unknownAction")] } }, conflict: null }, 400);
}

// --- page

function Fact({
  tag,
  label,
  children,
}: {
  tag?: "title" | "ownerId" | "deadline" | "leadUnitId" | "deliverable" | "authority";
  label: string;
  children: React.ReactNode;
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

export default function TaskPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const t = useT();
  const task = data.task;
  const a = data.actions;
  const none = <span className="text-slate-400">{t("task.notSet")}</span>;
  const generalError = actionData && actionData.intent === null ? (actionData.result?.error?.[""] ?? []) : [];

  return (
    <div className="space-y-6">
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
          {a.edit ? (
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

      {/* On a phone: the facts, then what the user can do, then the story; on a wide screen the actions sit beside both. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 space-y-6 lg:col-span-2">
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

          {data.children ? <ChildrenSection subtasks={data.children} /> : null}
        </div>

        <TaskActionsPanel data={data} actionData={actionData} />

        <div className="min-w-0 space-y-6 lg:col-span-2 lg:self-start">
          <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="timeline-heading" className="mb-4 text-lg font-semibold text-slate-900">
              {t("timeline.title")}
            </h2>
            <TaskTimeline
              taskId={task.id}
              updates={data.timeline.updates}
              evidence={data.timeline.evidence}
              extensions={data.timeline.extensions}
            />
          </section>

          <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <details>
              <summary className="cursor-pointer text-lg font-semibold text-slate-900" id="history-heading">
                {t("history.title", { count: data.history.length })}
              </summary>
              <div className="mt-3">
                <TaskHistory events={data.history} names={data.names} />
              </div>
            </details>
          </section>
        </div>
      </div>
    </div>
  );
}

function TaskActionsPanel({ data, actionData }: { data: SerializeFrom<typeof loader>; actionData: ActionReply | undefined }) {
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

function ChildrenSection({ subtasks }: { subtasks: ChildrenData }) {
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
