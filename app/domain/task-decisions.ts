/**
 * The decisions behind every write on a task, as pure functions: given the task as loaded, the input
 * and today (plus the facts the command looked up and the policy's answers), each returns the change
 * to write or the refusal with its field errors. The commands (~/models/task-commands.server) load,
 * authorise and write; the rules live here, where a table of cases can test them without a database.
 */
import { errorKey } from "~/i18n";
import { extensionRequestProblem, canTransition, missingFiveClear, type TaskPriority, type TaskStatus } from "./task-rules";
import { isSafeLink, type TaskFields } from "./task-schema";

export type FieldErrors = Record<string, string[]>;
export type Changes = Record<string, { before: unknown; after: unknown }>;
export type Decision<C> = { ok: true; change: C } | { ok: false; fieldErrors: FieldErrors };

const refuse = (fieldErrors: FieldErrors) => ({ ok: false as const, fieldErrors });
const add = (errors: FieldErrors, field: string, message: string) => (errors[field] ??= []).push(message);

// ---------------------------------------------------------------------------------------------
// A task's content (what the forms, the API and the import edit)

export interface TaskContent {
  title: string;
  description: string | null;
  ownerId: number | null;
  leadUnitId: number | null;
  coordinatingUnitIds: number[];
  deadline: string | null;
  startDate: string | null;
  deliverable: string | null;
  programs: string[];
  goalId: number | null;
  priority: TaskPriority;
  sourceDocNumber: string | null;
  sourceDocDate: string | null;
  sourceDocIssuer: string | null;
}

/** The content after applying `fields` to `base` (a field not given keeps its value; `null` empties it). */
export function taskContent(fields: Partial<TaskFields>, base?: TaskContent): TaskContent {
  const pick = <K extends keyof TaskContent>(key: K, value: TaskContent[K] | undefined): TaskContent[K] =>
    value !== undefined ? value : base ? base[key] : (null as TaskContent[K]);
  return {
    title: fields.title ?? base?.title ?? "",
    description: pick("description", fields.description),
    ownerId: pick("ownerId", fields.ownerId),
    leadUnitId: pick("leadUnitId", fields.leadUnitId),
    coordinatingUnitIds: fields.coordinatingUnitIds ?? base?.coordinatingUnitIds ?? [],
    deadline: pick("deadline", fields.deadline),
    startDate: pick("startDate", fields.startDate),
    deliverable: pick("deliverable", fields.deliverable),
    programs: fields.programs ?? base?.programs ?? [],
    goalId: pick("goalId", fields.goalId),
    priority: fields.priority ?? base?.priority ?? "normal",
    sourceDocNumber: pick("sourceDocNumber", fields.sourceDocNumber),
    sourceDocDate: pick("sourceDocDate", fields.sourceDocDate),
    sourceDocIssuer: pick("sourceDocIssuer", fields.sourceDocIssuer),
  };
}

/** The fields whose value differs, as the history records them. */
export function changesBetween(before: object, after: object): Changes {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const changes: Changes = {};
  for (const key of Object.keys(a)) {
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) changes[key] = { before: b[key] ?? null, after: a[key] ?? null };
  }
  return changes;
}

/**
 * What the command looked up about the references a content names: each unit (lead and coordinating)
 * and whether it is active; the owner (undefined: no such person) with whether they belong to the lead
 * unit's subtree; whether the goal exists.
 */
export interface ReferenceFacts {
  units: ReadonlyMap<number, { active: boolean }>;
  owner?: { active: boolean; inLeadUnit: boolean };
  goalExists: boolean;
}

/** Errors in the references a content names (unknown or closed units, an owner outside the lead unit, …). */
export function referenceErrors(p: TaskContent, facts: ReferenceFacts, errors: FieldErrors = {}): FieldErrors {
  if (p.leadUnitId !== null) {
    const u = facts.units.get(p.leadUnitId);
    if (!u) add(errors, "leadUnitId", errorKey("error.invalidChoice"));
    else if (!u.active) add(errors, "leadUnitId", errorKey("task.unitInactive"));
  }
  for (const id of p.coordinatingUnitIds) {
    const u = facts.units.get(id);
    if (!u) add(errors, "coordinatingUnitIds", errorKey("error.invalidChoice"));
    else if (!u.active) add(errors, "coordinatingUnitIds", errorKey("task.unitInactive"));
    if (id === p.leadUnitId) add(errors, "coordinatingUnitIds", errorKey("task.coordinatingIsLead"));
  }
  if (p.ownerId !== null) {
    if (!facts.owner) add(errors, "ownerId", errorKey("error.invalidChoice"));
    else if (!facts.owner.active) add(errors, "ownerId", errorKey("task.ownerInactive"));
    else if (p.leadUnitId !== null && facts.units.get(p.leadUnitId) && !facts.owner.inLeadUnit) {
      add(errors, "ownerId", errorKey("task.ownerNotInLeadUnit"));
    }
  }
  if (p.goalId !== null && !facts.goalExists) add(errors, "goalId", errorKey("task.goalUnknown"));
  if (p.startDate && p.deadline && p.startDate > p.deadline) add(errors, "startDate", errorKey("task.startAfterDeadline"));
  return errors;
}

/** The "5 rõ" gate of an issued task, and (when issuing) a deadline not in the past. */
export function fiveClearErrors(p: TaskContent, today: string, issuing: boolean, errors: FieldErrors = {}): FieldErrors {
  for (const field of missingFiveClear(p)) add(errors, field, errorKey(`task.missing.${field}`));
  if (p.programs.length === 0) add(errors, "programs", errorKey("task.missing.programs"));
  if (issuing && p.deadline && p.deadline < today) add(errors, "deadline", errorKey("task.deadlinePast"));
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Editing and issuing

export interface EditChange {
  content: TaskContent;
  changes: Changes;
  issuing: boolean;
}

/**
 * An edit of a task's content. The deadline of an issued task is locked (extensions only); issuing a
 * draft applies the 5-rõ gate and refuses a past deadline; an issued task keeps passing the gate.
 * `leadUnit` is the policy's answer about moving the lead unit (asked by the command): "allowed", or why not.
 */
export function decideEdit(
  current: { status: TaskStatus; content: TaskContent },
  fields: Partial<TaskFields>,
  input: { issue?: boolean; leadUnit: "allowed" | "forbidden" | "cannot_clear"; facts: ReferenceFacts },
  today: string,
): Decision<EditChange> {
  const { status } = current;
  if (status === "cancelled") return refuse({ status: [errorKey("task.badTransition", { from: "cancelled", to: "cancelled" })] });
  const p = taskContent(fields, current.content);
  const errors: FieldErrors = {};
  if (status !== "draft" && fields.deadline !== undefined && fields.deadline !== current.content.deadline) {
    errors.deadline = [errorKey("task.deadlineLocked")];
  }
  if (
    status !== "draft" &&
    fields.startDate !== undefined &&
    fields.startDate !== current.content.startDate &&
    p.deadline &&
    fields.startDate &&
    fields.startDate > p.deadline
  ) {
    errors.startDate = [errorKey("task.startAfterDeadline")];
  }
  if (p.leadUnitId !== current.content.leadUnitId) {
    if (input.leadUnit === "cannot_clear") errors.leadUnitId = [errorKey("task.missing.leadUnitId")];
    else if (input.leadUnit === "forbidden") errors.leadUnitId = [errorKey("error.forbiddenUnit")];
  }
  referenceErrors(p, input.facts, errors);
  const issuing = status === "draft" && input.issue === true;
  if (issuing || status !== "draft") fiveClearErrors(p, today, issuing, errors);
  if (Object.keys(errors).length) return refuse(errors);
  const changes = changesBetween(current.content, p);
  if (issuing) changes.status = { before: "draft", after: "not_started" };
  return { ok: true, change: { content: p, changes, issuing } };
}

/** A new task: a draft, or issued at once when `issue` (the 5-rõ gate, a deadline not in the past). */
export function decideCreate(
  fields: Partial<TaskFields>,
  input: { issue: boolean; facts: ReferenceFacts },
  today: string,
): Decision<TaskContent> {
  const p = taskContent(fields);
  const errors = referenceErrors(p, input.facts);
  if (input.issue) fiveClearErrors(p, today, true, errors);
  return Object.keys(errors).length ? refuse(errors) : { ok: true, change: p };
}

// ---------------------------------------------------------------------------------------------
// Progress, completion, reopening and cancelling

export interface ProgressChange {
  status: TaskStatus;
  progress: number;
  /** Set when the task becomes done (completed_on is today in APP_TZ). */
  completedOn: string | null;
  kind: "progress" | "done";
  note: string;
  changes: Changes;
}

/**
 * A progress post. Any progress above 0 starts a task that has not started; `complete` finishes it,
 * which needs a note and a piece of evidence (a link or a file); a post that changes nothing needs a note.
 */
export function decideProgress(
  current: { status: TaskStatus; progress: number },
  input: { progress: number; note?: string; complete?: boolean; evidenceUrl?: string; hasFile?: boolean },
  today: string,
): Decision<ProgressChange> {
  const errors: FieldErrors = {};
  const target: TaskStatus = input.complete
    ? "done"
    : input.progress > 0 && current.status === "not_started"
      ? "in_progress"
      : current.status;
  if (current.status !== "not_started" && current.status !== "in_progress") {
    errors.status = [errorKey("task.badTransition", { from: current.status, to: target })];
  } else if (target !== current.status && !canTransition(current.status, target)) {
    errors.status = [errorKey("task.badTransition", { from: current.status, to: target })];
  }
  if (input.evidenceUrl && !isSafeLink(input.evidenceUrl)) errors.evidenceUrl = [errorKey("error.link")];
  const note = input.note?.trim() ?? "";
  const hasEvidence = Boolean(input.evidenceUrl || input.hasFile);
  if (input.complete && (!note || !hasEvidence)) errors.evidence = [errorKey("task.evidenceRequired")];
  if (!input.complete && !note && input.progress === current.progress) errors.note = [errorKey("task.noteRequired")];
  if (Object.keys(errors).length) return refuse(errors);

  const progress = input.complete ? 100 : input.progress;
  const changes: Changes = {};
  if (progress !== current.progress) changes.progress = { before: current.progress, after: progress };
  if (target !== current.status) changes.status = { before: current.status, after: target };
  return {
    ok: true,
    change: {
      status: target,
      progress,
      completedOn: target === "done" ? today : null,
      kind: input.complete ? "done" : "progress",
      note,
      changes,
    },
  };
}

export interface StatusChange {
  to: "in_progress" | "cancelled";
  /** The progress after the change: a reopened task is below 100 %. */
  progress: number;
  kind: "reopen" | "cancel";
  reason: string;
  changes: Changes;
}

/** Reopening a done task or cancelling one, each with a reason. */
export function decideStatusChange(
  current: { status: TaskStatus; progress: number },
  input: { to: "in_progress" | "cancelled"; reason: string },
): Decision<StatusChange> {
  if (!canTransition(current.status, input.to))
    return refuse({ status: [errorKey("task.badTransition", { from: current.status, to: input.to })] });
  if (!input.reason.trim()) return refuse({ reason: [errorKey("error.reasonRequired")] });
  const cancelling = input.to === "cancelled";
  return {
    ok: true,
    change: {
      to: input.to,
      progress: cancelling ? current.progress : Math.min(current.progress, 99),
      kind: cancelling ? "cancel" : "reopen",
      reason: input.reason,
      changes: { status: { before: current.status, after: input.to } },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Extensions

/** A request for a later deadline: only on an open task, before its deadline, one at a time. */
export function decideExtensionRequest(
  task: { status: TaskStatus; deadline: string | null },
  input: { deadline: string },
  today: string,
  hasPending: boolean,
): Decision<{ previousDeadline: string; requestedDeadline: string }> {
  const problem = extensionRequestProblem(task, input.deadline, today, hasPending);
  if (problem) return refuse({ deadline: [errorKey(problem)] });
  return { ok: true, change: { previousDeadline: task.deadline!, requestedDeadline: input.deadline } };
}

/** Deciding a request: once; approving needs the task still open (rejecting is always possible). */
export function decideExtensionDecision(
  request: { status: string },
  task: { status: TaskStatus },
  decision: "approve" | "reject",
): Decision<{ status: "approved" | "rejected" }> {
  if (request.status !== "pending") return refuse({ decision: [errorKey("extension.alreadyDecided")] });
  if (decision === "approve" && (task.status === "done" || task.status === "cancelled"))
    return refuse({ decision: [errorKey("extension.notOpen")] });
  return { ok: true, change: { status: decision === "approve" ? "approved" : "rejected" } };
}
