/**
 * A task: its facts, timeline and history, its sub-tasks, and the forms this user may use. The view
 * model is a query (~/models/task-page.server); each form's intent maps to one task command.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { toastCookie } from "~/auth/cookies.server";
import { appToday, forbidden, notFound, parseId, requireUser, taskContext, toActor } from "~/auth/request.server";
import type { ActionReply } from "~/components/task-actions";
import { ChildrenSection, TaskActionsPanel, TaskFacts, TaskHeader, TaskNotices } from "~/components/task-page";
import { TaskHistory, TaskTimeline } from "~/components/task-timeline";
import { db } from "~/db.server";
import { idField, optionalText, versionField } from "~/domain/form-fields";
import { ExtensionDecisionSchema, ExtensionRequestSchema, ProgressSchema, ReasonSchema, isSafeLink } from "~/domain/task-schema";
import { env } from "~/env.server";
import {
  EVIDENCE_ACCEPT,
  checkEvidenceFile,
  readUploadForm,
  removeEvidence,
  storeEvidence,
  type UploadedForm,
} from "~/evidence-storage.server";
import { errorKey, translate, type Language, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import {
  changeStatusWithReason,
  decideExtension,
  postProgress,
  progressPreflight,
  requestExtension,
  type EvidenceInput,
  type TaskContext,
  type TaskResult,
} from "~/models/task-commands.server";
import { taskPage } from "~/models/task-page.server";
import { evidenceFileInUse } from "~/models/task.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m?.id === "root")?.data as { lang?: Language } | undefined;
  const app = translate(root?.lang ?? "vi", "app.name");
  return [{ title: data ? `${data.task.title || translate(root?.lang ?? "vi", "task.untitled")} — ${app}` : app }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await taskPage(db(), toActor(user), parseId(params.taskId), appToday());
  if (!page) notFound();
  return json({ ...page, upload: { accept: EVIDENCE_ACCEPT, maxMb: env().MAX_UPLOAD_MB } });
}

// --- actions: one intent, one command

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

type Submission = { reply: (o?: { fieldErrors?: Record<string, string[]> }) => ActionReply["result"] };

/** A command's refusal as an HTTP answer: 403/404 thrown, field errors 422, a stale version 409. */
function refusal<T>(result: Exclude<TaskResult<T>, { ok: true }>, intent: string, submission: Submission, extensionId?: number) {
  switch (result.error) {
    case "forbidden":
      return forbidden();
    case "not_found":
      return notFound();
    case "invalid":
      return reply({ intent, extensionId, result: submission.reply({ fieldErrors: result.fieldErrors }), conflict: null }, 422);
    case "conflict": {
      const conflict = { currentVersion: result.currentVersion, changedFields: result.changedFields };
      return reply({ intent, extensionId, result: submission.reply(), conflict }, 409);
    }
  }
}

interface IntentArgs {
  taskId: number;
  intent: string;
  upload: UploadedForm;
  ctx: TaskContext;
}

/** Progress or completion, with a link or a file as evidence. */
async function postProgressIntent({ taskId, intent, upload, ctx }: IntentArgs) {
  const { formData } = upload;
  const submission = parseWithZod(formData, { schema: intent === "done" ? DoneSchema : ProgressSchema });
  if (submission.status !== "success") return reply({ intent, result: submission.reply(), conflict: null }, 422);
  const { version, note, evidenceUrl } = submission.value;
  const file = formData.get("evidenceFile");
  let fileError: string | null = null;
  let upfile: { bytes: Uint8Array; checked: Extract<ReturnType<typeof checkEvidenceFile>, { ok: true }> } | null = null;
  if (upload.tooLarge) fileError = errorKey("error.fileTooLarge", { max: env().MAX_UPLOAD_MB });
  else if (file instanceof File && (file.size > 0 || file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = checkEvidenceFile(file.name, bytes);
    if (checked.ok) upfile = { bytes, checked };
    else fileError = errorKey(checked.error);
  } else if (typeof file === "string" && file !== "") fileError = errorKey("error.file");
  if (fileError) {
    const fieldErrors: Record<string, string[]> = { evidenceFile: [fileError] };
    // A link that is not one is named too, so one round trip shows every mistake.
    if (evidenceUrl && !isSafeLink(evidenceUrl)) fieldErrors.evidenceUrl = [errorKey("error.link")];
    return reply({ intent, result: submission.reply({ fieldErrors }), conflict: null }, upload.tooLarge ? 413 : 422);
  }

  const evidence: EvidenceInput = evidenceUrl ? { url: evidenceUrl } : {};
  let stored: Awaited<ReturnType<typeof storeEvidence>> | null = null;
  if (upfile) {
    // A file is written to disk before the transaction (no file I/O inside one), so the command is asked
    // first whether this user may post and the form is current: nothing is stored for a refused post.
    const allowed = await progressPreflight(db(), taskId, version, ctx);
    if (!allowed.ok) return refusal(allowed, intent, submission);
    stored = await storeEvidence(upfile.bytes);
    const { fileName, mimeType } = upfile.checked;
    evidence.file = { fileName, mimeType, storageKey: stored.storageKey, sizeBytes: upfile.bytes.byteLength, sha256: stored.sha256 };
  }
  const result = await postProgress(
    db(),
    taskId,
    version,
    { progress: submission.value.progress, note, complete: intent === "done", evidence },
    ctx,
  );
  if (result.ok) return done(taskId, TOASTS[intent]);
  if (stored?.created && !(await evidenceFileInUse(db(), stored.sha256))) await removeEvidence(stored.storageKey);
  return refusal(result, intent, submission);
}

async function statusIntent({ taskId, intent, upload, ctx }: IntentArgs) {
  const submission = parseWithZod(upload.formData, { schema: ReasonSchema });
  if (submission.status !== "success") return reply({ intent, result: submission.reply(), conflict: null }, 422);
  const { version, reason } = submission.value;
  const result = await changeStatusWithReason(
    db(),
    taskId,
    version,
    { to: intent === "cancel" ? "cancelled" : "in_progress", reason },
    ctx,
  );
  return result.ok ? done(taskId, TOASTS[intent]) : refusal(result, intent, submission);
}

async function extensionRequestIntent({ taskId, intent, upload, ctx }: IntentArgs) {
  const submission = parseWithZod(upload.formData, { schema: ExtensionRequestSchema });
  if (submission.status !== "success") return reply({ intent, result: submission.reply(), conflict: null }, 422);
  const result = await requestExtension(db(), taskId, submission.value, ctx);
  return result.ok ? done(taskId, TOASTS[intent]) : refusal(result, intent, submission);
}

async function extensionDecisionIntent({ taskId, intent, upload, ctx }: IntentArgs) {
  const submission = parseWithZod(upload.formData, { schema: DecisionSchema });
  const rawId = Number(upload.formData.get("extensionId"));
  const extensionId = Number.isInteger(rawId) ? rawId : null;
  if (submission.status !== "success") return reply({ intent, extensionId, result: submission.reply(), conflict: null }, 422);
  const { decision, note } = submission.value;
  // A request of another task is not this page's to decide: 404, like an unknown one.
  const result = await decideExtension(db(), submission.value.extensionId, { decision, note }, ctx, { taskId });
  if (!result.ok) return refusal(result, intent, submission, submission.value.extensionId);
  return done(taskId, result.value.status === "approved" ? "task.toast.extensionApproved" : "task.toast.extensionRejected");
}

const INTENTS: Record<string, (args: IntentArgs) => Promise<Response>> = {
  progress: postProgressIntent,
  done: postProgressIntent,
  reopen: statusIntent,
  cancel: statusIntent,
  "extension-request": extensionRequestIntent,
  "extension-decide": extensionDecisionIntent,
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const taskId = parseId(params.taskId);
  const upload = await readUploadForm(request);
  if (!upload) throw new Response("Bad Request", { status: 400 });
  const intent = String(upload.formData.get("intent") ?? "");
  const handle = Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : null;
  if (!handle)
    return reply({ intent: null, result: { status: "error", error: { "": [errorKey("error.unknownAction")] } }, conflict: null }, 400);
  return handle({ taskId, intent, upload, ctx: taskContext(user, context) });
}

// --- page

export default function TaskPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const t = useT();
  const task = data.task;
  const a = data.actions;
  const generalError = actionData && actionData.intent === null ? (actionData.result?.error?.[""] ?? []) : [];

  return (
    <div className="space-y-6">
      <TaskHeader task={task} canEdit={a.edit} />
      <TaskNotices data={data} generalError={generalError} />

      {/* On a phone: the facts, then what the user can do, then the story; on a wide screen the actions sit beside both. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <TaskFacts task={task} />

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
