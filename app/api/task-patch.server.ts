/**
 * PATCH /api/v1/tasks/:id — one request may carry field edits and a progress or status change, applied
 * by the task commands' steps to ONE read of the task in ONE transaction:
 *   content fields (title, ownerId, …)          → editStep
 *   status "not_started" on a draft             → editStep, issuing it (the 5-rõ gate)
 *   progress / note / evidenceUrl               → progressStep
 *   status "done"                               → progressStep, complete (needs note + evidenceUrl)
 *   status "in_progress" on a done task         → statusStep, reopen; `note` is the reason
 *   status "cancelled"                          → statusStep, cancel; `note` is the reason
 * Field edits go first, then the progress/status step on the task they produced (two versions, two
 * history entries). A refusal by either step rolls the whole request back, so a refused PATCH changes
 * nothing. This module adds only the API's reading of the body (which steps, which keys, which status).
 */
import { can, type Action } from "~/auth/policy";
import type { Db } from "~/db.server";
import { canTransition, type TaskStatus } from "~/domain/task-rules";
import { ProgressSchema, isSafeLink, type TaskFields } from "~/domain/task-schema";
import { errorKey, type Language } from "~/i18n";
import { editStep, progressStep, statusStep, type FieldErrors, type TaskContext } from "~/models/task-commands.server";
import { conflict, inTransaction, invalid, loadTaskForWrite, notFound, type LoadedTask } from "~/models/task-record.server";
import { forbiddenResponse, hasOwn, invalidResponse, jsonResponse, taskFailureResponse, zodFieldErrors } from "./json.server";
import { CONTENT_KEYS, TaskPatchBody, taskFieldsFrom } from "./task-input.server";
import { taskJson } from "./task-json.server";

type StatusStep = "progress" | "start" | "complete" | "reopen" | "cancel" | "refused";

const PROGRESS_KEYS = ["progress", "note", "evidenceUrl"] as const;
const REASON_MAX = 2000;

export async function patchTask(db: Db, id: number, body: Record<string, unknown>, ctx: TaskContext, lang: Language): Promise<Response> {
  const result = await inTransaction<LoadedTask | Response>(db, async (trx) => {
    const loaded = await loadTaskForWrite(trx, id, ctx.today);
    if (!loaded) return notFound;
    const planned = planPatch(loaded, body, ctx, lang);
    if (planned instanceof Response) return { ok: true, value: planned };
    if (planned.stale) return conflict(trx, id, planned.version);
    let current = loaded;
    if (planned.edit) {
      const edited = await editStep(trx, current, planned.edit.fields, { issue: planned.edit.issue }, ctx);
      if (!edited.ok) return edited;
      current = edited.value;
    }
    const step = planned.step;
    if (step?.kind === "status") {
      const changed = await statusStep(trx, current, step.input, ctx);
      if (!changed.ok) return changed.error === "invalid" ? invalid(renameFields(changed.fieldErrors, { reason: "note" })) : changed;
      current = changed.value;
    } else if (step?.kind === "progress") {
      const input = { ...step.input, progress: step.input.progress ?? current.task.progress };
      const posted = await progressStep(trx, current, input, ctx);
      if (!posted.ok) return posted;
      current = posted.value;
    }
    return { ok: true, value: current };
  });
  if (!result.ok) return taskFailureResponse(lang, result);
  return result.value instanceof Response ? result.value : jsonResponse(taskJson(result.value.task), { lang });
}

type StatusInput = { to: "in_progress" | "cancelled"; reason: string };
type ProgressPlan = { progress?: number; note?: string; complete: boolean; evidence?: { url: string } };
interface PatchPlan {
  stale: boolean;
  version: number;
  edit: { fields: Partial<TaskFields>; issue: boolean } | null;
  step: { kind: "status"; input: StatusInput } | { kind: "progress"; input: ProgressPlan } | null;
}

function renameFields(errors: FieldErrors, rename: Record<string, string>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [rename[k] ?? k, v]));
}

/**
 * Reads a PATCH body against the loaded task: which steps it asks for, whether this user may take each
 * (a refused role gets 403 before any validation), and the API's own input rules. Answers a Response
 * for a refusal of the request itself, or the plan the command steps carry out.
 */
function planPatch(loaded: LoadedTask, body: Record<string, unknown>, ctx: TaskContext, lang: Language): PatchPlan | Response {
  const current = loaded.task;
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
    if (!can(ctx.actor, action, loaded.resource)) return forbiddenResponse(lang);
  }

  const parsed = TaskPatchBody.safeParse(body);
  if (!parsed.success) return invalidResponse(lang, zodFieldErrors(parsed.error));
  const input = parsed.data;
  if (input.version !== current.version) return { stale: true, version: input.version, edit: null, step: null };

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

  const edit = hasContent || issue ? { fields: content.fields, issue } : null;
  if (step === "cancel" || step === "reopen") {
    return {
      stale: false,
      version: input.version,
      edit,
      step: { kind: "status", input: { to: step === "cancel" ? "cancelled" : "in_progress", reason: note! } },
    };
  }
  if (step === "progress" || step === "start" || step === "complete") {
    const progressInput: ProgressPlan = {
      progress: input.progress,
      note,
      complete: step === "complete",
      evidence: evidenceUrl ? { url: evidenceUrl } : undefined,
    };
    return { stale: false, version: input.version, edit, step: { kind: "progress", input: progressInput } };
  }
  return { stale: false, version: input.version, edit, step: null };
}
