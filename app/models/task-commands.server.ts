/**
 * Every write on a task, as commands (STYLE §14, ADR 0012). A command runs in the transaction its caller
 * gives (or opens one), loads the task once, authorises once through the policy, checks the version
 * once, asks the pure decision in ~/domain/task-decisions for the change, then writes the task, its
 * state row and its history entry. The web actions and the JSON API call these same commands and map
 * their one result shape (TaskResult) to HTTP; neither repeats a check.
 *
 * The `…Step` functions take a task already loaded, so one request can apply several steps to one read
 * in one transaction (the API's PATCH: an edit, then progress).
 */
import type { Transaction } from "kysely";
import type { Database } from "#db/schema";
import { can, type Action } from "~/auth/policy";
import * as clock from "~/clock.server";
import {
  decideCreate,
  decideEdit,
  decideExtensionDecision,
  decideExtensionRequest,
  decideProgress,
  decideStatusChange,
  changesBetween,
  taskContent,
  type TaskContent,
} from "~/domain/task-decisions";
import { ownerBelongsToLeadUnit, standing } from "~/domain/task-rules";
import type { TaskFields } from "~/domain/task-schema";
import { errorKey } from "~/i18n";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./db-errors.server";
import {
  bumpVersion,
  columnsOf,
  conflict,
  contentOf,
  forbidden,
  inTransaction,
  invalid,
  loadReferences,
  loadTaskForWrite,
  notFound,
  recordTaskState,
  sortPrograms,
  writeRelations,
  type Executor,
  type LoadedReferences,
  type LoadedTask,
  type TaskContext,
  type TaskResult,
} from "./task-record.server";
import { type TaskView, unitHeads } from "./task.server";
import { unitPath } from "./unit.server";

export type { TaskContext, TaskResult, FieldErrors } from "./task-record.server";

type Trx = Transaction<Database>;

const nowOf = (ctx: TaskContext) => ctx.now ?? clock.now();

/** The policy's answer for an action on a loaded task (the extension's requester, for a decision). */
function allowed(ctx: TaskContext, action: Action, loaded: LoadedTask, requestedBy?: number) {
  return can(ctx.actor, action, requestedBy === undefined ? loaded.resource : { ...loaded.resource, requestedBy });
}

/** The task after a write, without reading it back. */
function updatedView(task: TaskView, change: Partial<TaskView>, now: string, today: string): TaskView {
  const next = { ...task, ...change, version: task.version + 1, updatedAt: now };
  return { ...next, standing: standing(next, today) };
}

const viewOf = (r: TaskResult<LoadedTask>): TaskResult<TaskView> => (r.ok ? { ok: true, value: r.value.task } : r);

/** A loaded task with its version checked: the conflict answer when the caller's version is stale. */
export async function versionConflict(db: Executor, loaded: LoadedTask, version: number) {
  return loaded.task.version === version ? null : conflict(db, loaded.task.id, version);
}

/**
 * Loads the task once and authorises `action` on it, then runs `work` on it in the same transaction.
 * Every command on one task starts here; an adapter (the API) may read its body inside `work`, so that
 * a refused role hears "forbidden" before anything about its input.
 */
export function withTask<T>(
  db: Executor,
  id: number,
  action: Action,
  ctx: TaskContext,
  work: (trx: Trx, loaded: LoadedTask) => Promise<TaskResult<T>>,
): Promise<TaskResult<T>> {
  return inTransaction(db, async (trx) => {
    const loaded = await loadTaskForWrite(trx, id, ctx.today);
    if (!loaded) return notFound;
    if (!allowed(ctx, action, loaded)) return forbidden;
    return work(trx, loaded);
  });
}

// ---------------------------------------------------------------------------------------------
// Creating

/** The policy's resource for a lead unit (none for a draft without one). */
async function unitResource(db: Executor, unitId: number | null) {
  return { unitPath: unitId ? await unitPath(db, unitId) : undefined, unitId: unitId ?? undefined };
}

/**
 * May the actor create (or cascade) a task led by this unit? A head creates within their own subtree,
 * which needs a lead unit: a head's draft without one is told what is missing rather than refused.
 */
async function mayCreateIn(trx: Trx, action: "task:create" | "task:cascade", leadUnitId: number | null, ctx: TaskContext) {
  if (can(ctx.actor, action, await unitResource(trx, leadUnitId))) return null;
  if (ctx.actor.role === "head" && leadUnitId === null) return invalid({ leadUnitId: [errorKey("task.missing.leadUnitId")] });
  return forbidden;
}

/** Creates a task: a draft, or issued at once when `issue` and all five are clear. */
export async function createTask(
  db: Executor,
  fields: Partial<TaskFields>,
  options: { issue: boolean; parentId?: number | null },
  ctx: TaskContext,
): Promise<TaskResult<TaskView>> {
  return inTransaction(db, async (trx) => {
    const p = taskContent(fields);
    if (p.leadUnitId !== null && !(await trx.selectFrom("units").select("id").where("id", "=", p.leadUnitId).executeTakeFirst())) {
      return invalid({ leadUnitId: [errorKey("error.invalidChoice")] });
    }
    const refused = await mayCreateIn(trx, "task:create", p.leadUnitId, ctx);
    if (refused) return refused;
    const references = await loadReferences(trx, p);
    const decision = decideCreate(fields, { issue: options.issue, facts: references.facts }, ctx.today);
    if (!decision.ok) return invalid(decision.fieldErrors);
    const now = nowOf(ctx).toISOString();
    const id = await insertTask(trx, decision.change, { issue: options.issue, parentId: options.parentId ?? null, now }, ctx);
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: options.issue ? "task.issue" : "task.create_draft",
      entityType: "task",
      entityId: id,
      data: { version: 1, changes: changesBetween({}, { ...decision.change, status: options.issue ? "not_started" : "draft" }) },
      ip: ctx.ip,
      now: ctx.now,
    });
    return {
      ok: true,
      value: newView(id, decision.change, references, { issue: options.issue, parentId: options.parentId ?? null, now }, ctx),
    };
  });
}

/** Inserts a task with its programs, coordinating units and first state row; its history entry is the caller's. */
async function insertTask(trx: Trx, p: TaskContent, o: { issue: boolean; parentId: number | null; now: string }, ctx: TaskContext) {
  const status = o.issue ? ("not_started" as const) : ("draft" as const);
  const row = await trx
    .insertInto("tasks")
    .values({
      ...columnsOf(p),
      original_deadline: o.issue ? p.deadline : null,
      status,
      issued_at: o.issue ? o.now : null,
      parent_id: o.parentId,
      created_by: ctx.actor.id,
      created_at: o.now,
      updated_at: o.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeRelations(trx, row.id, p.programs, p.coordinatingUnitIds);
  await recordTaskState(trx, row.id, { ...p, status, completedOn: null, extensionCount: 0 }, o.now);
  return row.id;
}

/** A task just created, as a view (from what was written). */
function newView(
  id: number,
  p: TaskContent,
  references: LoadedReferences,
  o: { issue: boolean; parentId: number | null; now: string },
  ctx: TaskContext,
): TaskView {
  const row = {
    id,
    ...p,
    programs: sortPrograms(p.programs),
    originalDeadline: o.issue ? p.deadline : null,
    extensionCount: 0,
    parentId: o.parentId,
    status: o.issue ? ("not_started" as const) : ("draft" as const),
    progress: 0,
    issuedAt: o.issue ? o.now : null,
    completedAt: null,
    completedOn: null,
    cancelledAt: null,
    cancelReason: null,
    lastUpdateAt: null,
    createdBy: ctx.actor.id,
    createdAt: o.now,
    updatedAt: o.now,
    version: 1,
  };
  return {
    ...row,
    standing: standing(row, ctx.today),
    ownerName: references.owner?.name ?? null,
    ownerActive: p.ownerId ? (references.owner?.active ?? null) : null,
    leadUnitName: p.leadUnitId ? (references.unitNames.get(p.leadUnitId) ?? null) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Editing

/**
 * Edits a task's content. The deadline of an issued task is refused (extensions only); issuing a
 * draft (`issue`) applies the 5-rõ gate. Only the fields given change.
 */
export async function updateTask(
  db: Executor,
  id: number,
  version: number,
  fields: Partial<TaskFields>,
  options: { issue?: boolean },
  ctx: TaskContext,
): Promise<TaskResult<TaskView>> {
  return withTask(
    db,
    id,
    "task:update",
    ctx,
    async (trx, loaded) => (await versionConflict(trx, loaded, version)) ?? editStep(trx, loaded, fields, options, ctx),
  ).then(viewOf);
}

/** The edit on a loaded, authorised, current task. */
export async function editStep(
  trx: Trx,
  loaded: LoadedTask,
  fields: Partial<TaskFields>,
  options: { issue?: boolean },
  ctx: TaskContext,
): Promise<TaskResult<LoadedTask>> {
  const { task } = loaded;
  const leadUnitId = fields.leadUnitId !== undefined ? fields.leadUnitId : task.leadUnitId;
  // Moving the lead unit must stay within what the actor may manage. Only a draft may lose its lead
  // unit, and only by someone who manages tasks without one (a head would lose the draft).
  let leadUnit: "allowed" | "forbidden" | "cannot_clear" = "allowed";
  let newPath = loaded.resource.unitPath;
  if (leadUnitId !== task.leadUnitId) {
    if (leadUnitId === null) {
      if (task.status !== "draft" || !can(ctx.actor, "task:update", {})) leadUnit = "cannot_clear";
      newPath = undefined;
    } else {
      newPath = await unitPath(trx, leadUnitId);
      if (!can(ctx.actor, "task:update", { unitPath: newPath, unitId: leadUnitId })) leadUnit = "forbidden";
    }
  }
  const current = { status: task.status, content: contentOf(task) };
  const next = taskContent(fields, current.content);
  const references = await loadReferences(trx, next);
  const decision = decideEdit(current, fields, { issue: options.issue, leadUnit, facts: references.facts }, ctx.today);
  if (!decision.ok) return invalid(decision.fieldErrors);
  const { content, changes, issuing } = decision.change;
  if (Object.keys(changes).length === 0) return { ok: true, value: loaded };

  const now = nowOf(ctx).toISOString();
  const set: Record<string, unknown> = { ...columnsOf(content) };
  if (issuing) Object.assign(set, { status: "not_started", issued_at: now, original_deadline: content.deadline });
  if (!(await bumpVersion(trx, task.id, task.version, set, now))) return conflict(trx, task.id, task.version);
  await writeRelations(trx, task.id, content.programs, content.coordinatingUnitIds);
  const status = issuing ? ("not_started" as const) : task.status;
  await recordTaskState(trx, task.id, { ...content, status, completedOn: task.completedOn, extensionCount: task.extensionCount }, now);
  await recordAudit(trx, {
    actorUserId: ctx.actor.id,
    action: issuing ? "task.issue" : "task.update",
    entityType: "task",
    entityId: task.id,
    data: { version: task.version + 1, changes },
    ip: ctx.ip,
    now: ctx.now,
  });
  const view = updatedView(
    task,
    {
      ...content,
      programs: sortPrograms(content.programs),
      status,
      ...(issuing ? { issuedAt: now, originalDeadline: content.deadline } : {}),
      ownerName: content.ownerId ? (references.owner?.name ?? null) : null,
      ownerActive: content.ownerId ? (references.owner?.active ?? null) : null,
      leadUnitName: content.leadUnitId ? (references.unitNames.get(content.leadUnitId) ?? null) : null,
    },
    now,
    ctx.today,
  );
  return { ok: true, value: { task: view, resource: { ...loaded.resource, unitPath: newPath, unitId: content.leadUnitId ?? undefined } } };
}

// ---------------------------------------------------------------------------------------------
// Progress, completion, reopening, cancelling

export interface EvidenceInput {
  url?: string;
  file?: { fileName: string; storageKey: string; mimeType: string; sizeBytes: number; sha256: string };
}

export type ProgressInput = { progress: number; note?: string; complete?: boolean; evidence?: EvidenceInput };

/**
 * Posts progress (percent + note + optional evidence). `complete` marks the task done, which needs a
 * note and at least one piece of evidence.
 */
export async function postProgress(db: Executor, id: number, version: number, input: ProgressInput, ctx: TaskContext) {
  return withTask(
    db,
    id,
    "task:progress",
    ctx,
    async (trx, loaded) => (await versionConflict(trx, loaded, version)) ?? progressStep(trx, loaded, input, ctx),
  ).then(viewOf);
}

/**
 * May this user post progress on this task, and is the form current? Asked before an evidence file is
 * written to disk (a non-database step that may not run inside the transaction); the command decides again.
 */
export async function progressPreflight(db: Executor, id: number, version: number, ctx: TaskContext) {
  const loaded = await loadTaskForWrite(db, id, ctx.today);
  if (!loaded) return notFound;
  if (!allowed(ctx, "task:progress", loaded)) return forbidden;
  return (await versionConflict(db, loaded, version)) ?? { ok: true as const, value: loaded };
}

export async function progressStep(trx: Trx, loaded: LoadedTask, input: ProgressInput, ctx: TaskContext): Promise<TaskResult<LoadedTask>> {
  const { task } = loaded;
  const decision = decideProgress(
    task,
    {
      progress: input.progress,
      note: input.note,
      complete: input.complete,
      evidenceUrl: input.evidence?.url,
      hasFile: Boolean(input.evidence?.file),
    },
    ctx.today,
  );
  if (!decision.ok) return invalid(decision.fieldErrors);
  const change = decision.change;
  const now = nowOf(ctx).toISOString();
  const set: Record<string, unknown> = { progress: change.progress, status: change.status, last_update_at: now };
  if (change.status === "done") Object.assign(set, { completed_at: now, completed_on: change.completedOn });
  if (!(await bumpVersion(trx, task.id, task.version, set, now))) return conflict(trx, task.id, task.version);
  const update = await trx
    .insertInto("task_updates")
    .values({ task_id: task.id, author_id: ctx.actor.id, kind: change.kind, progress: change.progress, note: change.note, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const evidence = input.evidence;
  if (evidence?.url) {
    await trx
      .insertInto("task_evidence")
      .values({ task_id: task.id, update_id: update.id, kind: "link", url: evidence.url, uploaded_by: ctx.actor.id, created_at: now })
      .execute();
  }
  if (evidence?.file) {
    const f = evidence.file;
    await trx
      .insertInto("task_evidence")
      .values({
        task_id: task.id,
        update_id: update.id,
        kind: "file",
        file_name: f.fileName,
        storage_key: f.storageKey,
        mime_type: f.mimeType,
        size_bytes: f.sizeBytes,
        sha256: f.sha256,
        uploaded_by: ctx.actor.id,
        created_at: now,
      })
      .execute();
  }
  const completed = change.status === "done" ? { completedAt: now, completedOn: change.completedOn } : {};
  const view = updatedView(task, { progress: change.progress, status: change.status, lastUpdateAt: now, ...completed }, now, ctx.today);
  await recordTaskState(trx, task.id, view, now);
  await recordAudit(trx, {
    actorUserId: ctx.actor.id,
    action: input.complete ? "task.complete" : "task.progress",
    entityType: "task",
    entityId: task.id,
    data: {
      version: task.version + 1,
      changes: change.changes,
      note: change.note,
      evidence: evidence?.url ?? evidence?.file?.fileName ?? null,
    },
    ip: ctx.ip,
    now: ctx.now,
  });
  return { ok: true, value: { ...loaded, task: view } };
}

/** Reopens a done task (with a reason) or cancels a task (admin/committee, with a reason). */
export async function changeStatusWithReason(
  db: Executor,
  id: number,
  version: number,
  input: { to: "in_progress" | "cancelled"; reason: string },
  ctx: TaskContext,
): Promise<TaskResult<TaskView>> {
  const action = input.to === "cancelled" ? "task:cancel" : "task:reopen";
  return withTask(
    db,
    id,
    action,
    ctx,
    async (trx, loaded) => (await versionConflict(trx, loaded, version)) ?? statusStep(trx, loaded, input, ctx),
  ).then(viewOf);
}

export async function statusStep(
  trx: Trx,
  loaded: LoadedTask,
  input: { to: "in_progress" | "cancelled"; reason: string },
  ctx: TaskContext,
): Promise<TaskResult<LoadedTask>> {
  const { task } = loaded;
  const decision = decideStatusChange(task, input);
  if (!decision.ok) return invalid(decision.fieldErrors);
  const change = decision.change;
  const now = nowOf(ctx).toISOString();
  const cancelling = change.to === "cancelled";
  const set: Record<string, unknown> = cancelling
    ? { status: "cancelled", cancelled_at: now, cancel_reason: change.reason }
    : { status: "in_progress", completed_at: null, completed_on: null, progress: change.progress, last_update_at: now };
  if (!(await bumpVersion(trx, task.id, task.version, set, now))) return conflict(trx, task.id, task.version);
  await trx
    .insertInto("task_updates")
    .values({
      task_id: task.id,
      author_id: ctx.actor.id,
      kind: change.kind,
      progress: change.progress,
      note: change.reason,
      created_at: now,
    })
    .execute();
  const view = updatedView(
    task,
    cancelling
      ? { status: "cancelled", cancelledAt: now, cancelReason: change.reason }
      : { status: "in_progress", completedAt: null, completedOn: null, progress: change.progress, lastUpdateAt: now },
    now,
    ctx.today,
  );
  await recordTaskState(trx, task.id, view, now);
  await recordAudit(trx, {
    actorUserId: ctx.actor.id,
    action: cancelling ? "task.cancel" : "task.reopen",
    entityType: "task",
    entityId: task.id,
    data: { version: task.version + 1, changes: change.changes, reason: change.reason },
    ip: ctx.ip,
    now: ctx.now,
  });
  return { ok: true, value: { ...loaded, task: view } };
}

// ---------------------------------------------------------------------------------------------
// Extensions

/** Asks for a later deadline (the deadline in force moves only when the request is approved). */
export function requestExtension(db: Executor, taskId: number, input: ExtensionRequestInput, ctx: TaskContext) {
  return withTask(db, taskId, "extension:request", ctx, (trx, loaded) => extensionRequestStep(trx, loaded, input, ctx));
}

export type ExtensionRequestInput = { deadline: string; reason: string };

export async function extensionRequestStep(
  trx: Trx,
  loaded: LoadedTask,
  input: ExtensionRequestInput,
  ctx: TaskContext,
): Promise<TaskResult<{ id: number }>> {
  const { task } = loaded;
  const pending = await trx
    .selectFrom("task_extensions")
    .select("id")
    .where("task_id", "=", task.id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  const decision = decideExtensionRequest(task, input, ctx.today, Boolean(pending));
  if (!decision.ok) return invalid(decision.fieldErrors);
  const now = nowOf(ctx).toISOString();
  let id: number;
  try {
    const row = await trx
      .insertInto("task_extensions")
      .values({
        task_id: task.id,
        requested_by: ctx.actor.id,
        requested_at: now,
        previous_deadline: decision.change.previousDeadline,
        requested_deadline: decision.change.requestedDeadline,
        reason: input.reason,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    id = row.id;
  } catch (error) {
    // A concurrent request can pass the check above; the one-pending index refuses the second (the
    // refusal rolls this transaction back, which PostgreSQL needs after a failed statement).
    if (isUniqueViolation(error)) return invalid({ deadline: [errorKey("extension.pendingExists")] });
    throw error;
  }
  await recordAudit(trx, {
    actorUserId: ctx.actor.id,
    action: "task.extension_request",
    entityType: "task",
    entityId: task.id,
    data: { extensionId: id, deadline: { current: task.deadline, requested: input.deadline }, reason: input.reason },
    ip: ctx.ip,
    now: ctx.now,
  });
  return { ok: true, value: { id } };
}

/** Approving moves the deadline in force (the original stays) and counts the extension; rejecting changes nothing else. */
export async function decideExtension(
  db: Executor,
  extensionId: number,
  input: { decision: "approve" | "reject"; note?: string },
  ctx: TaskContext,
  /** When the decision is made from a task's page: a request of another task is not found. */
  scope: { taskId?: number } = {},
): Promise<TaskResult<{ id: number; taskId: number; status: "approved" | "rejected" }>> {
  return inTransaction(db, async (trx) => {
    const ext = await trx.selectFrom("task_extensions").selectAll().where("id", "=", extensionId).executeTakeFirst();
    if (!ext || (scope.taskId !== undefined && ext.task_id !== scope.taskId)) return notFound;
    const loaded = await loadTaskForWrite(trx, ext.task_id, ctx.today);
    if (!loaded) return notFound;
    if (!allowed(ctx, "extension:decide", loaded, ext.requested_by)) return forbidden;
    const { task } = loaded;
    const decision = decideExtensionDecision(ext, task, input.decision);
    if (!decision.ok) return invalid(decision.fieldErrors);
    const status = decision.change.status;
    const now = nowOf(ctx).toISOString();
    const alreadyDecided = invalid({ decision: [errorKey("extension.alreadyDecided")] });
    const decided = await trx
      .updateTable("task_extensions")
      .set({ status, decided_by: ctx.actor.id, decided_at: now, decision_note: input.note ?? null })
      .where("id", "=", extensionId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) return alreadyDecided;
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (status === "approved") {
      const moved = await trx
        .updateTable("tasks")
        .set((eb) => ({
          deadline: ext.requested_deadline,
          extension_count: eb("extension_count", "+", 1),
          updated_at: now,
          version: eb("version", "+", 1),
        }))
        .where("id", "=", task.id)
        .where("deadline", "=", ext.previous_deadline)
        .executeTakeFirst();
      // The deadline moved under the request (cannot happen through the app): decide nothing (rolled back).
      if (Number(moved.numUpdatedRows) !== 1) return alreadyDecided;
      changes.deadline = { before: ext.previous_deadline, after: ext.requested_deadline };
      changes.extensionCount = { before: task.extensionCount, after: task.extensionCount + 1 };
      await recordTaskState(trx, task.id, { ...task, deadline: ext.requested_deadline, extensionCount: task.extensionCount + 1 }, now);
    }
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: status === "approved" ? "task.extension_approve" : "task.extension_reject",
      entityType: "task",
      entityId: task.id,
      data: { version: status === "approved" ? task.version + 1 : task.version, extensionId, changes, note: input.note ?? null },
      ip: ctx.ip,
      now: ctx.now,
    });
    return { ok: true as const, value: { id: extensionId, taskId: task.id, status } };
  });
}

// ---------------------------------------------------------------------------------------------
// Cascading ("1 xuyên suốt")

/**
 * One directive to many units. Creates the parent (issued, led by the issuing unit) and one issued
 * child per receiving unit, owned by the chosen person or the unit's head — all or nothing.
 */
export async function cascadeTask(
  db: Executor,
  fields: Partial<TaskFields>,
  input: { unitIds: number[]; owners?: Record<number, number> },
  ctx: TaskContext,
): Promise<TaskResult<{ parent: TaskView; childIds: number[] }>> {
  return inTransaction(db, async (trx) => {
    const p = taskContent(fields);
    const refused = await mayCreateIn(trx, "task:cascade", p.leadUnitId, ctx);
    if (refused) return refused;
    const references = await loadReferences(trx, p);
    const decision = decideCreate(fields, { issue: true, facts: references.facts }, ctx.today);
    const errors = decision.ok ? {} : decision.fieldErrors;
    const unitIds = [...new Set(input.unitIds)];
    if (unitIds.length === 0) errors.unitIds = [errorKey("task.cascadeUnitsRequired")];
    const units = unitIds.length ? await trx.selectFrom("units").select(["id", "name", "active"]).where("id", "in", unitIds).execute() : [];
    if (units.length !== unitIds.length || units.some((u) => u.active !== 1)) (errors.unitIds ??= []).push(errorKey("error.invalidChoice"));
    for (const u of units) {
      if (!can(ctx.actor, "task:cascade", { unitPath: await unitPath(trx, u.id), unitId: u.id })) return forbidden;
    }
    const heads = await unitHeads(trx, unitIds);
    const owners = new Map<number, number>();
    const noOwner: string[] = [];
    for (const u of units) {
      const owner = input.owners?.[u.id] ?? heads.get(u.id)?.id;
      if (!owner) noOwner.push(u.name);
      else owners.set(u.id, owner);
    }
    if (noOwner.length) (errors.unitIds ??= []).push(errorKey("task.cascadeNoOwner", { units: noOwner.join(", ") }));
    // Each chosen owner must belong to their unit.
    for (const [unitId, ownerId] of owners) {
      const owner = await trx.selectFrom("users").select(["unit_id", "active"]).where("id", "=", ownerId).executeTakeFirst();
      if (!owner || owner.active !== 1 || !ownerBelongsToLeadUnit(await unitPath(trx, owner.unit_id), unitId)) {
        (errors[`owners.${unitId}`] ??= []).push(errorKey("task.ownerNotInLeadUnit"));
      }
    }
    if (Object.keys(errors).length) return invalid(errors);

    const now = nowOf(ctx).toISOString();
    const parentId = await insertTask(trx, p, { issue: true, parentId: null, now }, ctx);
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: "task.cascade",
      entityType: "task",
      entityId: parentId,
      data: { version: 1, changes: changesBetween({}, { ...p, status: "not_started" }), units: unitIds },
      ip: ctx.ip,
      now: ctx.now,
    });
    const childIds: number[] = [];
    for (const u of units) {
      const child: TaskContent = { ...p, leadUnitId: u.id, ownerId: owners.get(u.id)!, coordinatingUnitIds: [] };
      const childId = await insertTask(trx, child, { issue: true, parentId, now }, ctx);
      await recordAudit(trx, {
        actorUserId: ctx.actor.id,
        action: "task.issue",
        entityType: "task",
        entityId: childId,
        data: { version: 1, parentId, changes: changesBetween({}, { ...child, status: "not_started" }) },
        ip: ctx.ip,
        now: ctx.now,
      });
      childIds.push(childId);
    }
    return { ok: true, value: { parent: newView(parentId, p, references, { issue: true, parentId: null, now }, ctx), childIds } };
  });
}
