/**
 * PATCH /api/v1/tasks/:id — one request may carry field edits and a progress or status change. They map
 * onto the task model (which checks the policy and the version itself):
 *   content fields (title, ownerId, …)          → updateTask
 *   status "not_started" on a draft             → updateTask, issuing it (the 5-rõ gate)
 *   progress / note / evidenceUrl               → postProgress
 *   status "done"                               → postProgress, complete (needs note + evidenceUrl)
 *   status "in_progress" on a done task         → reopen, `note` is the reason
 *   status "cancelled"                          → cancel, `note` is the reason
 * Field edits go first, then the progress/status step with the version they produced. Because the two
 * steps are two transactions, everything either step could refuse is checked before the first one runs
 * (policy, types, the deadline lock, the version, the status rules), so a refused PATCH changes nothing.
 */
import type { Action } from "~/auth/policy";
import type { Db } from "~/db.server";
import { canTransition, type TaskStatus } from "~/domain/task-rules";
import { ProgressSchema, isSafeLink } from "~/domain/task-schema";
import { errorKey, type Language } from "~/i18n";
import {
  canOnTask,
  changeStatusWithReason,
  getTask,
  getTaskTimeline,
  postProgress,
  taskJson,
  updateTask,
  type FieldErrors,
  type TaskContext,
} from "~/models/task.server";
import {
  conflictResponse,
  forbiddenResponse,
  hasOwn,
  invalidResponse,
  jsonResponse,
  notFoundResponse,
  taskFailureResponse,
  zodFieldErrors,
} from "./json.server";
import { CONTENT_KEYS, TaskPatchBody, taskFieldsFrom } from "./task-input.server";
import { changedFieldsSince } from "./task-json.server";

type StatusStep = "progress" | "start" | "complete" | "reopen" | "cancel" | "refused";

const PROGRESS_KEYS = ["progress", "note", "evidenceUrl"] as const;
const REASON_MAX = 2000;

export async function patchTask(db: Db, id: number, body: Record<string, unknown>, ctx: TaskContext, lang: Language): Promise<Response> {
  const current = await getTask(db, id, ctx.today);
  if (!current) return notFoundResponse(lang);

  // The deadline of an issued task moves only through an approved extension — whoever asks.
  if (hasOwn(body, "deadline") && current.status !== "draft") return invalidResponse(lang, { deadline: [errorKey("task.deadlineLocked")] });

  // What the body asks for, read from its raw keys so that a refused role gets 403 before any validation.
  const hasContent = CONTENT_KEYS.some((k) => hasOwn(body, k));
  const hasProgressKeys = PROGRESS_KEYS.some((k) => hasOwn(body, k));
  const requested = typeof body.status === "string" && body.status !== current.status ? body.status : undefined;
  const issue = requested === "not_started" && current.status === "draft";
  let step: StatusStep | null = null;
  if (requested === "cancelled") step = "cancel";
  else if (requested === "in_progress" && current.status === "done") step = "reopen";
  else if (requested === "in_progress") step = "start";
  else if (requested === "done") step = "complete";
  else if (requested !== undefined && !issue) step = "refused";
  else if (hasProgressKeys) step = "progress";

  const actions = new Set<Action>();
  if (hasContent || issue) actions.add("task:update");
  if (step === "cancel") actions.add("task:cancel");
  if (step === "reopen") actions.add("task:reopen");
  if (step === "progress" || step === "start" || step === "complete") actions.add("task:progress");
  for (const action of actions) {
    if (!(await canOnTask(db, ctx.actor, action, current))) return forbiddenResponse(lang);
  }

  const parsed = TaskPatchBody.safeParse(body);
  if (!parsed.success) return invalidResponse(lang, zodFieldErrors(parsed.error));
  const input = parsed.data;

  if (input.version !== current.version) {
    const { history } = await getTaskTimeline(db, id);
    return conflictResponse(lang, current.version, changedFieldsSince(history, input.version));
  }

  const content = hasContent ? taskFieldsFrom(input, "patch") : { ok: true as const, fields: {} };
  if (!content.ok) return invalidResponse(lang, content.fieldErrors);

  // The progress/status step, checked against the status the task will have after the field edits.
  const errors: FieldErrors = {};
  const statusAfterEdit: TaskStatus = issue ? "not_started" : current.status;
  const extras = ProgressSchema.pick({ note: true, evidenceUrl: true }).safeParse({
    note: input.note ?? undefined,
    evidenceUrl: input.evidenceUrl ?? undefined,
  });
  if (!extras.success) Object.assign(errors, zodFieldErrors(extras.error));
  const note = extras.success ? extras.data.note : undefined;
  const evidenceUrl = extras.success ? extras.data.evidenceUrl : undefined;
  if (evidenceUrl && !isSafeLink(evidenceUrl)) errors.evidenceUrl = [errorKey("error.link")];
  const badTransition = (to: string) => (errors.status = [errorKey("task.badTransition", { from: statusAfterEdit, to })]);

  switch (step) {
    case "refused":
      badTransition(requested!);
      break;
    case "cancel":
    case "reopen": {
      const to = step === "cancel" ? "cancelled" : "in_progress";
      if (!canTransition(statusAfterEdit, to)) badTransition(to);
      if (input.progress !== undefined || evidenceUrl) errors.progress = [errorKey("api.progressWithStatus")];
      if (!note) errors.note = [errorKey("error.reasonRequired")];
      else if (note.length > REASON_MAX) errors.note = [errorKey("error.tooLong", { max: REASON_MAX })];
      break;
    }
    case "progress":
    case "start":
    case "complete": {
      const target = step === "complete" ? "done" : "in_progress";
      if (statusAfterEdit !== "not_started" && statusAfterEdit !== "in_progress") badTransition(target);
      else if (step === "complete" && (!note || !evidenceUrl)) errors.evidenceUrl = [errorKey("task.evidenceRequired")];
      else if (step === "start" && statusAfterEdit === "not_started" && !(input.progress && input.progress > 0))
        errors.progress = [errorKey("api.startNeedsProgress")];
      else if (step === "progress" && !note && (input.progress ?? current.progress) === current.progress)
        errors.note = [errorKey("task.noteRequired")];
      break;
    }
  }
  if (Object.keys(errors).length) return invalidResponse(lang, errors);

  let version = input.version;
  let task = current;
  if (hasContent || issue) {
    const edited = await updateTask(db, id, version, content.fields, { issue }, ctx);
    if (!edited.ok) return taskFailureResponse(lang, edited);
    task = edited.value;
    version = task.version;
  }
  if (step === "cancel" || step === "reopen") {
    const changed = await changeStatusWithReason(
      db,
      id,
      version,
      { to: step === "cancel" ? "cancelled" : "in_progress", reason: note! },
      ctx,
    );
    if (!changed.ok) return taskFailureResponse(lang, changed, { reason: "note" });
    task = changed.value;
  } else if (step === "progress" || step === "start" || step === "complete") {
    const posted = await postProgress(
      db,
      id,
      version,
      {
        progress: input.progress ?? task.progress,
        note,
        complete: step === "complete",
        evidence: evidenceUrl ? { url: evidenceUrl } : undefined,
      },
      ctx,
    );
    if (!posted.ok) return taskFailureResponse(lang, posted);
    task = posted.value;
  }
  return jsonResponse(taskJson(task), { lang });
}
