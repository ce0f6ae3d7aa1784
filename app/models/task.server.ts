/**
 * Tasks: all SQL for reading and changing them. Every change runs in one transaction with its
 * history entry (audit_events, entity "task"), bumps the version, and refuses a stale version.
 * Write functions take the acting user and ask the policy themselves, so the web pages and the
 * JSON API cannot drift apart.
 */
import { sql, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { can, type Action, type Actor } from "~/auth/policy";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { addDays } from "~/domain/dates";
import type { TaskFilter, TaskSort } from "~/domain/task-filters";
import {
  DUE_SOON_DAYS,
  canTransition,
  extensionRequestProblem,
  missingFiveClear,
  ownerBelongsToLeadUnit,
  standing,
  type Standing,
  type TaskPriority,
  type TaskStatus,
} from "~/domain/task-rules";
import { isSafeLink, type TaskFields } from "~/domain/task-schema";
import { containsPattern, foldForSearch } from "~/domain/text";
import { errorKey } from "~/i18n";
import { recordAudit, recordAudits } from "./audit.server";
import { isUniqueViolation } from "./db-errors.server";
import { subtreeIds, unitPath } from "./unit.server";

export interface TaskContext {
  actor: Actor;
  /** Today in APP_TZ (YYYY-MM-DD). */
  today: string;
  now?: Date;
  ip?: string | null;
}

export type FieldErrors = Record<string, string[]>;

export type TaskResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "forbidden" }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; error: "conflict"; currentVersion: number; changedFields: string[] };

const invalid = (fieldErrors: FieldErrors) => ({ ok: false as const, error: "invalid" as const, fieldErrors });
const forbidden = { ok: false as const, error: "forbidden" as const };
const notFound = { ok: false as const, error: "not_found" as const };

// ---------------------------------------------------------------------------------------------
// Reading

const taskColumns = [
  "tasks.id",
  "tasks.title",
  "tasks.description",
  "tasks.owner_id as ownerId",
  "tasks.lead_unit_id as leadUnitId",
  "tasks.start_date as startDate",
  "tasks.deadline",
  "tasks.original_deadline as originalDeadline",
  "tasks.extension_count as extensionCount",
  "tasks.deliverable",
  "tasks.goal_id as goalId",
  "tasks.parent_id as parentId",
  "tasks.priority",
  "tasks.status",
  "tasks.progress",
  "tasks.issued_at as issuedAt",
  "tasks.completed_at as completedAt",
  "tasks.completed_on as completedOn",
  "tasks.cancelled_at as cancelledAt",
  "tasks.cancel_reason as cancelReason",
  "tasks.last_update_at as lastUpdateAt",
  "tasks.source_doc_number as sourceDocNumber",
  "tasks.source_doc_date as sourceDocDate",
  "tasks.source_doc_issuer as sourceDocIssuer",
  "tasks.created_by as createdBy",
  "tasks.created_at as createdAt",
  "tasks.updated_at as updatedAt",
  "tasks.version",
] as const;

export interface TaskRow {
  id: number;
  title: string;
  description: string | null;
  ownerId: number | null;
  leadUnitId: number | null;
  startDate: string | null;
  deadline: string | null;
  originalDeadline: string | null;
  extensionCount: number;
  deliverable: string | null;
  goalId: number | null;
  parentId: number | null;
  priority: TaskPriority;
  status: TaskStatus;
  progress: number;
  issuedAt: string | null;
  completedAt: string | null;
  completedOn: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  lastUpdateAt: string | null;
  sourceDocNumber: string | null;
  sourceDocDate: string | null;
  sourceDocIssuer: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TaskView extends TaskRow {
  programs: string[];
  coordinatingUnitIds: number[];
  standing: Standing | null;
  ownerName: string | null;
  ownerActive: boolean | null;
  leadUnitName: string | null;
}

async function getTaskRow(db: Db | Transaction<Database>, id: number): Promise<TaskRow | undefined> {
  return (await db.selectFrom("tasks").select(taskColumns).where("tasks.id", "=", id).executeTakeFirst()) as TaskRow | undefined;
}

async function attachRelations(db: Db, rows: TaskRow[], today: string): Promise<TaskView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [programs, coordinating, owners, units] = await Promise.all([
    db.selectFrom("task_programs").select(["task_id", "program_code"]).where("task_id", "in", ids).execute(),
    db.selectFrom("task_coordinating_units").select(["task_id", "unit_id"]).where("task_id", "in", ids).execute(),
    db
      .selectFrom("users")
      .select(["id", "full_name", "active"])
      .where("id", "in", [...new Set(rows.map((r) => r.ownerId).filter((x): x is number => x !== null))].concat([-1]))
      .execute(),
    db
      .selectFrom("units")
      .select(["id", "name"])
      .where("id", "in", [...new Set(rows.map((r) => r.leadUnitId).filter((x): x is number => x !== null))].concat([-1]))
      .execute(),
  ]);
  const programOrder = ["CCHC", "CDS", "DA06"];
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  const unitById = new Map(units.map((u) => [u.id, u.name]));
  // Grouped by task once (an export page has 1,000 tasks).
  const programsOf = new Map<number, string[]>();
  for (const p of programs) programsOf.set(p.task_id, [...(programsOf.get(p.task_id) ?? []), p.program_code]);
  const coordinatingOf = new Map<number, number[]>();
  for (const c of coordinating) coordinatingOf.set(c.task_id, [...(coordinatingOf.get(c.task_id) ?? []), c.unit_id]);
  return rows.map((r) => ({
    ...r,
    programs: (programsOf.get(r.id) ?? []).sort((a, b) => programOrder.indexOf(a) - programOrder.indexOf(b)),
    coordinatingUnitIds: coordinatingOf.get(r.id) ?? [],
    standing: standing(r, today),
    ownerName: r.ownerId ? (ownerById.get(r.ownerId)?.full_name ?? null) : null,
    ownerActive: r.ownerId ? ownerById.get(r.ownerId)?.active === 1 : null,
    leadUnitName: r.leadUnitId ? (unitById.get(r.leadUnitId) ?? null) : null,
  }));
}

export async function getTask(db: Db, id: number, today: string): Promise<TaskView | undefined> {
  const row = await getTaskRow(db, id);
  if (!row) return undefined;
  return (await attachRelations(db, [row], today))[0];
}

/** The JSON shape of a task in the API (field names are a contract). */
export function taskJson(t: TaskView) {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    ownerId: t.ownerId,
    leadUnitId: t.leadUnitId,
    coordinatingUnitIds: t.coordinatingUnitIds,
    programs: t.programs,
    goalId: t.goalId,
    parentId: t.parentId,
    deadline: t.deadline,
    originalDeadline: t.originalDeadline,
    extensionCount: t.extensionCount,
    startDate: t.startDate,
    deliverable: t.deliverable,
    priority: t.priority,
    status: t.status,
    progress: t.progress,
    completedAt: t.completedAt,
    standing: t.standing,
    sourceDocument:
      t.sourceDocNumber || t.sourceDocDate || t.sourceDocIssuer
        ? { number: t.sourceDocNumber, date: t.sourceDocDate, issuer: t.sourceDocIssuer }
        : null,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** The tasks a filter selects (no order, no paging): shared by the list, its total and the export's ids. */
async function filteredTasks(db: Db, filter: Omit<TaskFilter, "limit" | "offset">, today: string) {
  // Filters read either today's columns or, for a past date, the state row in force then.
  const asOf = filter.asOf && filter.timeZone && filter.asOf < today ? filter.asOf : undefined;
  const judgeDay = asOf ?? today;
  const c = asOf
    ? {
        status: "s.status",
        lead: "s.lead_unit_id",
        owner: "s.owner_id",
        deadline: "s.deadline",
        completed: "s.completed_on",
        ext: "s.extension_count",
        goal: "s.goal_id",
      }
    : {
        status: "tasks.status",
        lead: "tasks.lead_unit_id",
        owner: "tasks.owner_id",
        deadline: "tasks.deadline",
        completed: "tasks.completed_on",
        ext: "tasks.extension_count",
        goal: "tasks.goal_id",
      };
  const ref = (column: string) => sql.ref(column);

  let query = db.selectFrom("tasks");
  if (asOf) {
    const { latestStateIds } = await import("./rollup.server");
    query = query
      .innerJoin("task_states as s", "s.task_id", "tasks.id")
      .where("s.id", "in", latestStateIds(db, asOf, filter.timeZone!)) as unknown as typeof query;
  }
  if (filter.program) {
    const program = filter.program;
    query = asOf
      ? query.where(sql<boolean>`(',' || s.programs || ',') like ${`%,${program},%`}`)
      : query.where((eb) =>
          eb.exists(
            eb
              .selectFrom("task_programs")
              .whereRef("task_programs.task_id", "=", "tasks.id")
              .where("task_programs.program_code", "=", program)
              .select(sql`1`.as("one")),
          ),
        );
  }
  if (filter.unitId !== undefined) {
    const ids = filter.includeSubunits ? await subtreeIds(db, filter.unitId) : [filter.unitId];
    const unitIds = ids.length ? ids : [-1];
    if (filter.coordinating) {
      query = asOf
        ? query.where(
            sql<boolean>`(${sql.join(
              unitIds.map((id) => sql`(',' || s.coordinating_unit_ids || ',') like ${`%,${id},%`}`),
              sql` or `,
            )})`,
          )
        : query.where((eb) =>
            eb.exists(
              eb
                .selectFrom("task_coordinating_units")
                .whereRef("task_coordinating_units.task_id", "=", "tasks.id")
                .where("task_coordinating_units.unit_id", "in", unitIds)
                .select(sql`1`.as("one")),
            ),
          );
    } else {
      query = query.where(ref(c.lead), "in", unitIds);
    }
  }
  if (filter.ownerId !== undefined) query = query.where(ref(c.owner), "=", filter.ownerId);
  if (filter.status?.length) query = query.where(ref(c.status), "in", filter.status);
  if (filter.judged) query = query.where(ref(c.status), "not in", ["draft", "cancelled"]);
  if (filter.goalId !== undefined) query = query.where(ref(c.goal), "=", filter.goalId);
  if (filter.parentId !== undefined) query = query.where("tasks.parent_id", "=", filter.parentId);
  if (filter.extended) query = query.where(ref(c.ext), ">", 0);
  if (filter.deadlineFrom) query = query.where(ref(c.deadline), ">=", filter.deadlineFrom);
  if (filter.deadlineTo) query = query.where(ref(c.deadline), "<=", filter.deadlineTo);
  if (filter.q?.trim()) {
    const pattern = containsPattern(filter.q);
    query = query.where(sql<boolean>`tasks.search_folded like ${pattern} escape '\\'`);
  }
  if (filter.standing) {
    const soon = addDays(judgeDay, DUE_SOON_DAYS);
    const open = ["not_started", "in_progress"] as TaskStatus[];
    switch (filter.standing) {
      case "overdue":
        query = query.where(ref(c.status), "in", open).where(ref(c.deadline), "<", judgeDay);
        break;
      case "open":
        query = query.where(ref(c.status), "in", open).where(ref(c.deadline), ">=", judgeDay);
        break;
      case "due_soon":
        query = query.where(ref(c.status), "in", open).where(ref(c.deadline), ">=", judgeDay).where(ref(c.deadline), "<=", soon);
        break;
      case "on_track":
        query = query.where(ref(c.status), "in", open).where(ref(c.deadline), ">", soon);
        break;
      case "done_on_time":
        query = query.where(ref(c.status), "=", "done").where(sql<boolean>`${ref(c.completed)} <= ${ref(c.deadline)}`);
        break;
      case "done_late":
        query = query.where(ref(c.status), "=", "done").where(sql<boolean>`${ref(c.completed)} > ${ref(c.deadline)}`);
        break;
    }
  }

  return query;
}

/** The list's order (every sort ends with the id, so pages never overlap). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely select builder over tasks; its orderBy overloads cannot be named generically
function inListOrder<Q extends { orderBy: (...args: any[]) => Q }>(query: Q, sort: TaskSort = "deadline"): Q {
  switch (sort) {
    case "deadline":
      // Matches the expression index tasks_list_order_idx (migration 2026_11_28_1500): keep them identical.
      return query
        .orderBy(sql`case when tasks.deadline is null then 1 else 0 end`)
        .orderBy("tasks.deadline", "asc")
        .orderBy("tasks.id", "asc");
    case "-deadline":
      // Tasks without a deadline last either way (SQLite sorts NULL first ascending, PostgreSQL last).
      return query
        .orderBy(sql`case when tasks.deadline is null then 1 else 0 end`)
        .orderBy("tasks.deadline", "desc")
        .orderBy("tasks.id", "asc");
    case "updated":
      return query.orderBy("tasks.updated_at", "asc").orderBy("tasks.id", "asc");
    case "-updated":
      return query.orderBy("tasks.updated_at", "desc").orderBy("tasks.id", "asc");
    case "title":
      return query.orderBy("tasks.search_folded", "asc").orderBy("tasks.id", "asc");
    case "progress":
      return query.orderBy("tasks.progress", "asc").orderBy("tasks.id", "asc");
    case "-progress":
      return query.orderBy("tasks.progress", "desc").orderBy("tasks.id", "asc");
  }
}

/** The task list behind every page and the API: filters, standing for `today`, sorting, paging, total. */
export async function listTasks(db: Db, filter: TaskFilter, today: string) {
  const query = await filteredTasks(db, filter, today);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = (await inListOrder(query.select(taskColumns), filter.sort).limit(filter.limit).offset(filter.offset).execute()) as TaskRow[];
  return { total: Number(total), items: await attachRelations(db, rows, today) };
}

/**
 * Every id the filter selects, in list order: one sorted read of ids, after which an export reads the
 * rows a page at a time by id (getTasksByIds) instead of re-running the filter and sort per page.
 */
export async function listTaskIds(db: Db, filter: Omit<TaskFilter, "limit" | "offset">, today: string): Promise<number[]> {
  const query = await filteredTasks(db, filter, today);
  const rows = await inListOrder(query.select("tasks.id"), filter.sort).execute();
  return rows.map((r) => r.id);
}

/** The tasks with these ids, in the order given (ids that do not exist are left out). */
export async function getTasksByIds(db: Db, ids: number[], today: string): Promise<TaskView[]> {
  if (ids.length === 0) return [];
  const rows = (await db.selectFrom("tasks").select(taskColumns).where("tasks.id", "in", ids).execute()) as TaskRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return attachRelations(
    db,
    ids.flatMap((id) => byId.get(id) ?? []),
    today,
  );
}

export async function getTaskTimeline(db: Db, taskId: number) {
  const [updates, evidence, extensions, history] = await Promise.all([
    db
      .selectFrom("task_updates")
      .innerJoin("users", "users.id", "task_updates.author_id")
      .select([
        "task_updates.id",
        "task_updates.kind",
        "task_updates.progress",
        "task_updates.note",
        "task_updates.created_at as createdAt",
        "users.full_name as authorName",
      ])
      .where("task_updates.task_id", "=", taskId)
      .orderBy("task_updates.id", "desc")
      .execute(),
    db
      .selectFrom("task_evidence")
      .select([
        "id",
        "update_id as updateId",
        "kind",
        "url",
        "file_name as fileName",
        "mime_type as mimeType",
        "size_bytes as sizeBytes",
        "sha256",
        "created_at as createdAt",
      ])
      .where("task_id", "=", taskId)
      .orderBy("id")
      .execute(),
    listExtensions(db, { taskId }),
    db
      .selectFrom("audit_events")
      .leftJoin("users", "users.id", "audit_events.actor_user_id")
      .select([
        "audit_events.id",
        "audit_events.occurred_at as occurredAt",
        "audit_events.action",
        "audit_events.data",
        "users.full_name as actorName",
        "audit_events.actor_user_id as actorId",
      ])
      .where("audit_events.entity_type", "=", "task")
      .where("audit_events.entity_id", "=", String(taskId))
      .orderBy("audit_events.id", "desc")
      .execute(),
  ]);
  return { updates, evidence, extensions, history };
}

export async function listExtensions(
  db: Db,
  filter: { taskId?: number; status?: "pending" | "approved" | "rejected"; limit?: number; oldestFirst?: boolean },
) {
  let q = db
    .selectFrom("task_extensions")
    .innerJoin("tasks", "tasks.id", "task_extensions.task_id")
    .innerJoin("users as requester", "requester.id", "task_extensions.requested_by")
    .leftJoin("users as decider", "decider.id", "task_extensions.decided_by")
    .leftJoin("units", "units.id", "tasks.lead_unit_id")
    .select([
      "task_extensions.id",
      "task_extensions.task_id as taskId",
      "tasks.title as taskTitle",
      "units.name as leadUnitName",
      "task_extensions.requested_at as requestedAt",
      "task_extensions.previous_deadline as previousDeadline",
      "task_extensions.requested_deadline as requestedDeadline",
      "task_extensions.reason",
      "task_extensions.status",
      "task_extensions.decided_at as decidedAt",
      "task_extensions.decision_note as decisionNote",
      "task_extensions.requested_by as requestedBy",
      "requester.full_name as requestedByName",
      "decider.full_name as decidedByName",
    ]);
  if (filter.taskId !== undefined) q = q.where("task_extensions.task_id", "=", filter.taskId);
  if (filter.status) q = q.where("task_extensions.status", "=", filter.status);
  return q
    .orderBy("task_extensions.id", filter.oldestFirst ? "asc" : "desc")
    .limit(filter.limit ?? 500)
    .execute();
}

/** Children of a cascaded task, counted by standing. */
export async function childSummary(db: Db, parentId: number, today: string) {
  const rows = (await db.selectFrom("tasks").select(taskColumns).where("parent_id", "=", parentId).execute()) as TaskRow[];
  const counts = { total: rows.length, done: 0, doneOnTime: 0, doneLate: 0, overdue: 0, dueSoon: 0, onTrack: 0, draft: 0, cancelled: 0 };
  for (const r of rows) {
    const s = standing(r, today);
    if (r.status === "done") counts.done++;
    if (s === "done_on_time") counts.doneOnTime++;
    else if (s === "done_late") counts.doneLate++;
    else if (s === "overdue") counts.overdue++;
    else if (s === "due_soon") counts.dueSoon++;
    else if (s === "on_track") counts.onTrack++;
    else if (r.status === "draft") counts.draft++;
    else if (r.status === "cancelled") counts.cancelled++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Permission and validation helpers

async function taskResource(db: Db, task: Pick<TaskRow, "leadUnitId" | "ownerId">) {
  return {
    unitPath: task.leadUnitId ? await unitPath(db, task.leadUnitId) : undefined,
    unitId: task.leadUnitId ?? undefined,
    userId: task.ownerId ?? undefined,
  };
}

export async function canOnTask(
  db: Db,
  actor: Actor,
  action: Action,
  task: Pick<TaskRow, "leadUnitId" | "ownerId">,
  request?: { requestedBy: number },
) {
  return can(actor, action, { ...(await taskResource(db, task)), ...(request ? { requestedBy: request.requestedBy } : {}) });
}

/**
 * What the user may do with this task, for the page's buttons (the same answers the actions get).
 * `pending` is the extension request waiting on it, if any: its requester may not decide it.
 */
export async function taskPermissions(
  db: Db,
  actor: Actor,
  task: Pick<TaskRow, "leadUnitId" | "ownerId" | "status">,
  pending?: { requestedBy: number } | null,
) {
  const resource = await taskResource(db, task);
  return {
    update: can(actor, "task:update", resource),
    progress: can(actor, "task:progress", resource),
    reopen: can(actor, "task:reopen", resource),
    cancel: can(actor, "task:cancel", resource),
    requestExtension: can(actor, "extension:request", resource),
    decideExtension: pending ? can(actor, "extension:decide", { ...resource, requestedBy: pending.requestedBy }) : false,
    cascade: can(actor, "task:cascade", resource),
  };
}

/** What a change to a task's content would store, after the references were checked. */
interface Prepared {
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

async function checkReferences(db: Db, p: Prepared, errors: FieldErrors) {
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const unitIds = [...new Set([p.leadUnitId, ...p.coordinatingUnitIds].filter((x): x is number => x !== null))];
  const units = unitIds.length ? await db.selectFrom("units").select(["id", "active"]).where("id", "in", unitIds).execute() : [];
  const unitById = new Map(units.map((u) => [u.id, u]));
  if (p.leadUnitId !== null) {
    const u = unitById.get(p.leadUnitId);
    if (!u) add("leadUnitId", errorKey("error.invalidChoice"));
    else if (u.active !== 1) add("leadUnitId", errorKey("task.unitInactive"));
  }
  for (const id of p.coordinatingUnitIds) {
    const u = unitById.get(id);
    if (!u) add("coordinatingUnitIds", errorKey("error.invalidChoice"));
    else if (u.active !== 1) add("coordinatingUnitIds", errorKey("task.unitInactive"));
    if (id === p.leadUnitId) add("coordinatingUnitIds", errorKey("task.coordinatingIsLead"));
  }
  if (p.ownerId !== null) {
    const owner = await db.selectFrom("users").select(["id", "active", "unit_id"]).where("id", "=", p.ownerId).executeTakeFirst();
    if (!owner) add("ownerId", errorKey("error.invalidChoice"));
    else if (owner.active !== 1) add("ownerId", errorKey("task.ownerInactive"));
    else if (p.leadUnitId !== null && unitById.get(p.leadUnitId)) {
      if (!ownerBelongsToLeadUnit(await unitPath(db, owner.unit_id), p.leadUnitId)) add("ownerId", errorKey("task.ownerNotInLeadUnit"));
    }
  }
  if (p.goalId !== null) {
    const goal = await db.selectFrom("goals").select("id").where("id", "=", p.goalId).executeTakeFirst();
    if (!goal) add("goalId", errorKey("task.goalUnknown"));
  }
  if (p.startDate && p.deadline && p.startDate > p.deadline) add("startDate", errorKey("task.startAfterDeadline"));
}

function gateErrors(p: Prepared, errors: FieldErrors, today: string, checkDeadlineNotPast: boolean) {
  for (const field of missingFiveClear(p)) (errors[field] ??= []).push(errorKey(`task.missing.${field}`));
  if (p.programs.length === 0) (errors.programs ??= []).push(errorKey("task.missing.programs"));
  if (checkDeadlineNotPast && p.deadline && p.deadline < today) (errors.deadline ??= []).push(errorKey("task.deadlinePast"));
}

function searchText(p: { title: string; description: string | null; deliverable: string | null; sourceDocNumber: string | null }) {
  return foldForSearch([p.title, p.description ?? "", p.deliverable ?? "", p.sourceDocNumber ?? ""].join(" "));
}

async function writeRelations(trx: Transaction<Database>, taskId: number, programs: string[], coordinatingUnitIds: number[]) {
  await trx.deleteFrom("task_programs").where("task_id", "=", taskId).execute();
  await trx.deleteFrom("task_coordinating_units").where("task_id", "=", taskId).execute();
  if (programs.length)
    await trx
      .insertInto("task_programs")
      .values(programs.map((program_code) => ({ task_id: taskId, program_code })))
      .execute();
  if (coordinatingUnitIds.length)
    await trx
      .insertInto("task_coordinating_units")
      .values(coordinatingUnitIds.map((unit_id) => ({ task_id: taskId, unit_id })))
      .execute();
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { before: before[key] ?? null, after: after[key] ?? null };
  }
  return changes;
}

async function conflict(db: Db, taskId: number, sinceVersion: number): Promise<TaskResult<never>> {
  const row = await getTaskRow(db, taskId);
  const events = await db
    .selectFrom("audit_events")
    .select(["data"])
    .where("entity_type", "=", "task")
    .where("entity_id", "=", String(taskId))
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  const fields = new Set<string>();
  for (const e of events) {
    try {
      const data = JSON.parse(e.data) as { version?: number; changes?: Record<string, unknown> };
      if ((data.version ?? 0) > sinceVersion) for (const f of Object.keys(data.changes ?? {})) fields.add(f);
    } catch {
      // history rows are written by this module as JSON; an unreadable one just adds nothing
    }
  }
  return { ok: false, error: "conflict", currentVersion: row?.version ?? 0, changedFields: [...fields] };
}

/**
 * Appends the task's rollup-relevant state (task_states) and bumps the rollup version, inside the
 * transaction of the change: reports "as of" a date read these rows, caches key on the version.
 */
async function recordTaskState(trx: Transaction<Database>, taskId: number, now: string) {
  const row = await trx
    .selectFrom("tasks")
    .select(["status", "lead_unit_id", "owner_id", "deadline", "completed_on", "extension_count", "goal_id"])
    .where("id", "=", taskId)
    .executeTakeFirstOrThrow();
  const [programs, coordinating] = await Promise.all([
    trx.selectFrom("task_programs").select("program_code").where("task_id", "=", taskId).orderBy("program_code").execute(),
    trx.selectFrom("task_coordinating_units").select("unit_id").where("task_id", "=", taskId).orderBy("unit_id").execute(),
  ]);
  await trx
    .insertInto("task_states")
    .values({
      task_id: taskId,
      valid_from: now,
      ...row,
      programs: programs.map((p) => p.program_code).join(","),
      coordinating_unit_ids: coordinating.map((c) => c.unit_id).join(","),
    })
    .execute();
  await bumpRollupVersion(trx);
}

/** A counter every task write bumps; rollup caches (on any server) compare it before answering. */
export async function bumpRollupVersion(trx: Transaction<Database> | Db) {
  await sql`insert into meta (key, value) values ('rollup_version', '1')
    on conflict (key) do update set value = cast(cast(meta.value as integer) + 1 as text)`.execute(trx);
}

/** Bumps the version of a task only if it is still `version`; false when someone else got there first. */
async function bumpVersion(trx: Transaction<Database>, id: number, version: number, set: Partial<Record<string, unknown>>, now: string) {
  const result = await trx
    .updateTable("tasks")
    .set({ ...(set as object), updated_at: now, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function prepared(fields: Partial<TaskFields>, base?: Prepared): Prepared {
  const pick = <K extends keyof Prepared>(key: K, value: Prepared[K] | undefined): Prepared[K] =>
    value !== undefined ? value : base ? base[key] : (null as Prepared[K]);
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

function columnsOf(p: Prepared) {
  return {
    title: p.title,
    description: p.description,
    search_folded: searchText(p),
    owner_id: p.ownerId,
    lead_unit_id: p.leadUnitId,
    start_date: p.startDate,
    deadline: p.deadline,
    deliverable: p.deliverable,
    goal_id: p.goalId,
    priority: p.priority,
    source_doc_number: p.sourceDocNumber,
    source_doc_date: p.sourceDocDate,
    source_doc_issuer: p.sourceDocIssuer,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Creates a task: a draft, or issued at once when `issue` and all five are clear. */
export async function createTask(
  db: Db,
  fields: Partial<TaskFields>,
  options: { issue: boolean; parentId?: number | null },
  ctx: TaskContext,
): Promise<TaskResult<TaskView>> {
  const p = prepared(fields);
  if (p.leadUnitId !== null && !(await db.selectFrom("units").select("id").where("id", "=", p.leadUnitId).executeTakeFirst())) {
    return invalid({ leadUnitId: [errorKey("error.invalidChoice")] });
  }
  // A head creates within their own subtree; a draft needs a lead unit for that check.
  const resource = { unitPath: p.leadUnitId ? await unitPath(db, p.leadUnitId) : undefined, unitId: p.leadUnitId ?? undefined };
  if (!can(ctx.actor, "task:create", resource)) {
    // A head may draft without naming the unit yet: say what is missing rather than refuse.
    if (ctx.actor.role === "head" && p.leadUnitId === null) return invalid({ leadUnitId: [errorKey("task.missing.leadUnitId")] });
    return forbidden;
  }
  const errors: FieldErrors = {};
  await checkReferences(db, p, errors);
  if (options.issue) gateErrors(p, errors, ctx.today, true);
  if (Object.keys(errors).length) return invalid(errors);

  const now = (ctx.now ?? clock.now()).toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("tasks")
      .values({
        ...columnsOf(p),
        original_deadline: options.issue ? p.deadline : null,
        status: options.issue ? "not_started" : "draft",
        issued_at: options.issue ? now : null,
        parent_id: options.parentId ?? null,
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeRelations(trx, row.id, p.programs, p.coordinatingUnitIds);
    await recordTaskState(trx, row.id, now);
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: options.issue ? "task.issue" : "task.create_draft",
      entityType: "task",
      entityId: row.id,
      data: { version: 1, changes: diff({}, { ...p, status: options.issue ? "not_started" : "draft" }) },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return { ok: true, value: (await getTask(db, id, ctx.today))! };
}

/**
 * Edits a task's content. The deadline of an issued task is refused (extensions only); issuing a
 * draft (`issue`) applies the 5-rõ gate. Only the fields given change.
 */
export async function updateTask(
  db: Db,
  id: number,
  version: number,
  fields: Partial<TaskFields>,
  options: { issue?: boolean },
  ctx: TaskContext,
): Promise<TaskResult<TaskView>> {
  const current = await getTask(db, id, ctx.today);
  if (!current) return notFound;
  if (!(await canOnTask(db, ctx.actor, "task:update", current))) return forbidden;
  if (current.version !== version) return conflict(db, id, version);
  if (current.status === "cancelled") return invalid({ status: [errorKey("task.badTransition", { from: "cancelled", to: "cancelled" })] });

  const base = prepared(
    {},
    {
      title: current.title,
      description: current.description,
      ownerId: current.ownerId,
      leadUnitId: current.leadUnitId,
      coordinatingUnitIds: current.coordinatingUnitIds,
      deadline: current.deadline,
      startDate: current.startDate,
      deliverable: current.deliverable,
      programs: current.programs,
      goalId: current.goalId,
      priority: current.priority,
      sourceDocNumber: current.sourceDocNumber,
      sourceDocDate: current.sourceDocDate,
      sourceDocIssuer: current.sourceDocIssuer,
    },
  );
  const p = prepared(fields, base);
  const errors: FieldErrors = {};
  if (current.status !== "draft" && fields.deadline !== undefined && fields.deadline !== current.deadline) {
    errors.deadline = [errorKey("task.deadlineLocked")];
  }
  if (
    current.status !== "draft" &&
    fields.startDate !== undefined &&
    fields.startDate !== current.startDate &&
    p.deadline &&
    fields.startDate > p.deadline
  ) {
    errors.startDate = [errorKey("task.startAfterDeadline")];
  }
  // Moving the lead unit must stay within what the actor may manage.
  if (p.leadUnitId !== current.leadUnitId) {
    // Only a draft may lose its lead unit, and only by someone who manages tasks without one (a head would
    // lose the draft: they act within their unit's subtree).
    if (p.leadUnitId === null && (current.status !== "draft" || !can(ctx.actor, "task:update", {})))
      errors.leadUnitId = [errorKey("task.missing.leadUnitId")];
    else if (p.leadUnitId !== null && !can(ctx.actor, "task:update", { unitPath: await unitPath(db, p.leadUnitId), unitId: p.leadUnitId }))
      errors.leadUnitId = [errorKey("error.forbiddenUnit")];
  }
  await checkReferences(db, p, errors);
  const issuing = current.status === "draft" && options.issue === true;
  if (issuing || current.status !== "draft") gateErrors(p, errors, ctx.today, issuing);
  if (Object.keys(errors).length) return invalid(errors);

  const now = (ctx.now ?? clock.now()).toISOString();
  const changes = diff(base as unknown as Record<string, unknown>, p as unknown as Record<string, unknown>);
  if (issuing) changes.status = { before: "draft", after: "not_started" };
  if (Object.keys(changes).length === 0) return { ok: true, value: current };

  const ok = await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { ...columnsOf(p) };
    if (issuing) Object.assign(set, { status: "not_started", issued_at: now, original_deadline: p.deadline });
    if (!(await bumpVersion(trx, id, version, set, now))) return false;
    await writeRelations(trx, id, p.programs, p.coordinatingUnitIds);
    await recordTaskState(trx, id, now);
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: issuing ? "task.issue" : "task.update",
      entityType: "task",
      entityId: id,
      data: { version: version + 1, changes },
      ip: ctx.ip,
      now: ctx.now,
    });
    return true;
  });
  if (!ok) return conflict(db, id, version);
  return { ok: true, value: (await getTask(db, id, ctx.today))! };
}

export interface EvidenceInput {
  url?: string;
  file?: { fileName: string; storageKey: string; mimeType: string; sizeBytes: number; sha256: string };
}

/**
 * Posts progress (percent + note + optional evidence). `complete` marks the task done, which needs a
 * note and at least one piece of evidence.
 */
export async function postProgress(
  db: Db,
  id: number,
  version: number,
  input: { progress: number; note?: string; complete?: boolean; evidence?: EvidenceInput },
  ctx: TaskContext,
): Promise<TaskResult<TaskView>> {
  const current = await getTask(db, id, ctx.today);
  if (!current) return notFound;
  if (!(await canOnTask(db, ctx.actor, "task:progress", current))) return forbidden;
  if (current.version !== version) return conflict(db, id, version);

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
  if (input.evidence?.url && !isSafeLink(input.evidence.url)) errors.evidenceUrl = [errorKey("error.link")];
  const hasEvidence = Boolean(input.evidence?.url || input.evidence?.file);
  if (input.complete && (!input.note?.trim() || !hasEvidence)) errors.evidence = [errorKey("task.evidenceRequired")];
  if (!input.complete && !input.note?.trim() && input.progress === current.progress) errors.note = [errorKey("task.noteRequired")];
  if (Object.keys(errors).length) return invalid(errors);

  const nowDate = ctx.now ?? clock.now();
  const now = nowDate.toISOString();
  const progress = input.complete ? 100 : input.progress;
  const ok = await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { progress, status: target, last_update_at: now };
    if (target === "done") Object.assign(set, { completed_at: now, completed_on: ctx.today });
    if (!(await bumpVersion(trx, id, version, set, now))) return false;
    const update = await trx
      .insertInto("task_updates")
      .values({
        task_id: id,
        author_id: ctx.actor.id,
        kind: input.complete ? "done" : "progress",
        progress,
        note: input.note?.trim() ?? "",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.evidence?.url) {
      await trx
        .insertInto("task_evidence")
        .values({ task_id: id, update_id: update.id, kind: "link", url: input.evidence.url, uploaded_by: ctx.actor.id, created_at: now })
        .execute();
    }
    if (input.evidence?.file) {
      const f = input.evidence.file;
      await trx
        .insertInto("task_evidence")
        .values({
          task_id: id,
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
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (progress !== current.progress) changes.progress = { before: current.progress, after: progress };
    if (target !== current.status) changes.status = { before: current.status, after: target };
    await recordTaskState(trx, id, now);
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: input.complete ? "task.complete" : "task.progress",
      entityType: "task",
      entityId: id,
      data: {
        version: version + 1,
        changes,
        note: input.note?.trim() ?? "",
        evidence: input.evidence?.url ?? input.evidence?.file?.fileName ?? null,
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return true;
  });
  if (!ok) return conflict(db, id, version);
  return { ok: true, value: (await getTask(db, id, ctx.today))! };
}

/** Reopens a done task (with a reason) or cancels a task (admin/committee, with a reason). */
export async function changeStatusWithReason(
  db: Db,
  id: number,
  version: number,
  input: { to: "in_progress" | "cancelled"; reason: string },
  ctx: TaskContext,
): Promise<TaskResult<TaskView>> {
  const current = await getTask(db, id, ctx.today);
  if (!current) return notFound;
  const action: Action = input.to === "cancelled" ? "task:cancel" : "task:reopen";
  if (!(await canOnTask(db, ctx.actor, action, current))) return forbidden;
  if (current.version !== version) return conflict(db, id, version);
  if (!canTransition(current.status, input.to))
    return invalid({ status: [errorKey("task.badTransition", { from: current.status, to: input.to })] });
  if (!input.reason.trim()) return invalid({ reason: [errorKey("error.reasonRequired")] });

  const now = (ctx.now ?? clock.now()).toISOString();
  const ok = await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> =
      input.to === "cancelled"
        ? { status: "cancelled", cancelled_at: now, cancel_reason: input.reason }
        : { status: "in_progress", completed_at: null, completed_on: null, progress: Math.min(current.progress, 99), last_update_at: now };
    if (!(await bumpVersion(trx, id, version, set, now))) return false;
    await trx
      .insertInto("task_updates")
      .values({
        task_id: id,
        author_id: ctx.actor.id,
        kind: input.to === "cancelled" ? "cancel" : "reopen",
        progress: input.to === "cancelled" ? current.progress : Math.min(current.progress, 99),
        note: input.reason,
        created_at: now,
      })
      .execute();
    await recordTaskState(trx, id, now);
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: input.to === "cancelled" ? "task.cancel" : "task.reopen",
      entityType: "task",
      entityId: id,
      data: { version: version + 1, changes: { status: { before: current.status, after: input.to } }, reason: input.reason },
      ip: ctx.ip,
      now: ctx.now,
    });
    return true;
  });
  if (!ok) return conflict(db, id, version);
  return { ok: true, value: (await getTask(db, id, ctx.today))! };
}

export async function requestExtension(
  db: Db,
  taskId: number,
  input: { deadline: string; reason: string },
  ctx: TaskContext,
): Promise<TaskResult<{ id: number }>> {
  const task = await getTask(db, taskId, ctx.today);
  if (!task) return notFound;
  if (!(await canOnTask(db, ctx.actor, "extension:request", task))) return forbidden;
  const pending = await db
    .selectFrom("task_extensions")
    .select("id")
    .where("task_id", "=", taskId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  const problem = extensionRequestProblem(task, input.deadline, ctx.today, Boolean(pending));
  if (problem) return invalid({ deadline: [errorKey(problem)] });

  const now = (ctx.now ?? clock.now()).toISOString();
  // The check above can lose a race with a concurrent request; the one-pending index refuses the second.
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto("task_extensions")
        .values({
          task_id: taskId,
          requested_by: ctx.actor.id,
          requested_at: now,
          previous_deadline: task.deadline!,
          requested_deadline: input.deadline,
          reason: input.reason,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorUserId: ctx.actor.id,
        action: "task.extension_request",
        entityType: "task",
        entityId: taskId,
        data: { extensionId: row.id, deadline: { current: task.deadline, requested: input.deadline }, reason: input.reason },
        ip: ctx.ip,
        now: ctx.now,
      });
      return row.id;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (id === null) return invalid({ deadline: [errorKey("extension.pendingExists")] });
  return { ok: true, value: { id } };
}

class StaleExtension extends Error {}

/** Approving moves the deadline in force (the original stays) and counts the extension; rejecting changes nothing else. */
export async function decideExtension(
  db: Db,
  extensionId: number,
  input: { decision: "approve" | "reject"; note?: string },
  ctx: TaskContext,
): Promise<TaskResult<{ id: number; taskId: number; status: "approved" | "rejected" }>> {
  const ext = await db.selectFrom("task_extensions").selectAll().where("id", "=", extensionId).executeTakeFirst();
  if (!ext) return notFound;
  const task = await getTask(db, ext.task_id, ctx.today);
  if (!task) return notFound;
  if (!(await canOnTask(db, ctx.actor, "extension:decide", task, { requestedBy: ext.requested_by }))) return forbidden;
  if (ext.status !== "pending") return invalid({ decision: [errorKey("extension.alreadyDecided")] });
  if (input.decision === "approve" && (task.status === "done" || task.status === "cancelled")) {
    return invalid({ decision: [errorKey("extension.notOpen")] });
  }
  const status = input.decision === "approve" ? "approved" : "rejected";
  const now = (ctx.now ?? clock.now()).toISOString();
  const ok = await db
    .transaction()
    .execute(async (trx) => {
      const decided = await trx
        .updateTable("task_extensions")
        .set({ status, decided_by: ctx.actor.id, decided_at: now, decision_note: input.note ?? null })
        .where("id", "=", extensionId)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (Number(decided.numUpdatedRows) !== 1) return false;
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
        // The deadline moved under the request (cannot happen through the app): decide nothing.
        if (Number(moved.numUpdatedRows) !== 1) throw new StaleExtension();
        changes.deadline = { before: ext.previous_deadline, after: ext.requested_deadline };
        changes.extensionCount = { before: task.extensionCount, after: task.extensionCount + 1 };
        await recordTaskState(trx, task.id, now);
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
      return true;
    })
    .catch((error) => {
      // Throwing rolls the decision back; the request stays pending.
      if (error instanceof StaleExtension) return false;
      throw error;
    });
  if (!ok) return invalid({ decision: [errorKey("extension.alreadyDecided")] });
  return { ok: true, value: { id: extensionId, taskId: task.id, status } };
}

/** The default owner for a unit's cascaded task: its (first) active head. */
export async function unitHeads(db: Db, unitIds: number[]) {
  if (unitIds.length === 0) return new Map<number, { id: number; name: string }>();
  const rows = await db
    .selectFrom("users")
    .select(["id", "full_name", "unit_id"])
    .where("unit_id", "in", unitIds)
    .where("role", "=", "head")
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  const heads = new Map<number, { id: number; name: string }>();
  for (const r of rows) if (!heads.has(r.unit_id)) heads.set(r.unit_id, { id: r.id, name: r.full_name });
  return heads;
}

/**
 * "1 xuyên suốt": one directive to many units. Creates the parent (issued, led by the issuing unit)
 * and one issued child per receiving unit, owned by the chosen person or the unit's head — all or nothing.
 */
export async function cascadeTask(
  db: Db,
  fields: Partial<TaskFields>,
  input: { unitIds: number[]; owners?: Record<number, number> },
  ctx: TaskContext,
): Promise<TaskResult<{ parent: TaskView; childIds: number[] }>> {
  const p = prepared(fields);
  const parentResource = { unitPath: p.leadUnitId ? await unitPath(db, p.leadUnitId) : undefined, unitId: p.leadUnitId ?? undefined };
  if (!can(ctx.actor, "task:cascade", parentResource)) {
    if (ctx.actor.role === "head" && p.leadUnitId === null) return invalid({ leadUnitId: [errorKey("task.missing.leadUnitId")] });
    return forbidden;
  }
  const errors: FieldErrors = {};
  await checkReferences(db, p, errors);
  gateErrors(p, errors, ctx.today, true);
  const unitIds = [...new Set(input.unitIds)];
  if (unitIds.length === 0) errors.unitIds = [errorKey("task.cascadeUnitsRequired")];
  const units = unitIds.length ? await db.selectFrom("units").select(["id", "name", "active"]).where("id", "in", unitIds).execute() : [];
  if (units.length !== unitIds.length || units.some((u) => u.active !== 1)) (errors.unitIds ??= []).push(errorKey("error.invalidChoice"));
  for (const u of units) {
    if (!can(ctx.actor, "task:cascade", { unitPath: await unitPath(db, u.id), unitId: u.id })) return forbidden;
  }
  const heads = await unitHeads(db, unitIds);
  const owners = new Map<number, number>();
  const noOwner: string[] = [];
  for (const u of units) {
    const chosen = input.owners?.[u.id];
    const owner = chosen ?? heads.get(u.id)?.id;
    if (!owner) noOwner.push(u.name);
    else owners.set(u.id, owner);
  }
  if (noOwner.length) (errors.unitIds ??= []).push(errorKey("task.cascadeNoOwner", { units: noOwner.join(", ") }));
  // Each chosen owner must belong to their unit.
  for (const [unitId, ownerId] of owners) {
    const owner = await db.selectFrom("users").select(["unit_id", "active"]).where("id", "=", ownerId).executeTakeFirst();
    if (!owner || owner.active !== 1 || !ownerBelongsToLeadUnit(await unitPath(db, owner.unit_id), unitId)) {
      (errors[`owners.${unitId}`] ??= []).push(errorKey("task.ownerNotInLeadUnit"));
    }
  }
  if (Object.keys(errors).length) return invalid(errors);

  const now = (ctx.now ?? clock.now()).toISOString();
  const result = await db.transaction().execute(async (trx) => {
    const parent = await trx
      .insertInto("tasks")
      .values({
        ...columnsOf(p),
        original_deadline: p.deadline,
        status: "not_started",
        issued_at: now,
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeRelations(trx, parent.id, p.programs, p.coordinatingUnitIds);
    await recordTaskState(trx, parent.id, now);
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: "task.cascade",
      entityType: "task",
      entityId: parent.id,
      data: { version: 1, changes: diff({}, { ...p, status: "not_started" }), units: unitIds },
      ip: ctx.ip,
      now: ctx.now,
    });
    const childIds: number[] = [];
    for (const u of units) {
      const child: Prepared = { ...p, leadUnitId: u.id, ownerId: owners.get(u.id)!, coordinatingUnitIds: [] };
      const row = await trx
        .insertInto("tasks")
        .values({
          ...columnsOf(child),
          original_deadline: p.deadline,
          status: "not_started",
          issued_at: now,
          parent_id: parent.id,
          created_by: ctx.actor.id,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await writeRelations(trx, row.id, p.programs, []);
      await recordTaskState(trx, row.id, now);
      await recordAudit(trx, {
        actorUserId: ctx.actor.id,
        action: "task.issue",
        entityType: "task",
        entityId: row.id,
        data: { version: 1, parentId: parent.id, changes: diff({}, { ...child, status: "not_started" }) },
        ip: ctx.ip,
        now: ctx.now,
      });
      childIds.push(row.id);
    }
    return { parentId: parent.id, childIds };
  });
  return { ok: true, value: { parent: (await getTask(db, result.parentId, ctx.today))!, childIds: result.childIds } };
}

export async function getEvidence(db: Db, taskId: number, evidenceId: number) {
  return db
    .selectFrom("task_evidence")
    .select([
      "id",
      "kind",
      "url",
      "file_name as fileName",
      "storage_key as storageKey",
      "mime_type as mimeType",
      "size_bytes as sizeBytes",
      "sha256",
    ])
    .where("task_id", "=", taskId)
    .where("id", "=", evidenceId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Read-only helpers for the task pages (issue, edit, detail, cascade, extensions)

/** What the task form offers: active units with their parent, active people in active units, goals. */
export async function taskFormChoices(db: Db) {
  const [units, owners, goals] = await Promise.all([
    db.selectFrom("units").select(["id", "parent_id as parentId"]).where("active", "=", 1).execute(),
    db
      .selectFrom("users")
      .innerJoin("units", "units.id", "users.unit_id")
      .select(["users.id", "users.full_name as fullName", "users.role", "users.unit_id as unitId"])
      .where("users.active", "=", 1)
      .where("units.active", "=", 1)
      .execute(),
    db.selectFrom("goals").select(["id", "title", "program_code as programCode"]).orderBy("program_code").orderBy("id").execute(),
  ]);
  return { unitParents: units, owners, goals };
}

/** Names for the ids a task page shows (coordinating units, a closed lead unit, the goal, the parent, people in history). */
export async function taskReferenceNames(db: Db, refs: { unitIds?: number[]; userIds?: number[]; goalIds?: number[]; taskIds?: number[] }) {
  const ids = (list?: number[]) => [...new Set((list ?? []).filter((x) => Number.isInteger(x)))].concat([-1]);
  const [units, users, goals, tasks] = await Promise.all([
    db.selectFrom("units").select(["id", "name", "active"]).where("id", "in", ids(refs.unitIds)).execute(),
    db.selectFrom("users").select(["id", "full_name as name", "active"]).where("id", "in", ids(refs.userIds)).execute(),
    db.selectFrom("goals").select(["id", "title as name"]).where("id", "in", ids(refs.goalIds)).execute(),
    db.selectFrom("tasks").select(["id", "title as name"]).where("id", "in", ids(refs.taskIds)).execute(),
  ]);
  const byId = <T extends { id: number; name: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [String(r.id), r.name]));
  return {
    units: byId(units),
    closedUnitIds: units.filter((u) => u.active !== 1).map((u) => u.id),
    users: byId(users),
    goals: byId(goals),
    tasks: byId(tasks),
  };
}

/** Whether any evidence record still points at this stored file (files are shared by checksum). */
export async function evidenceFileInUse(db: Db, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom("task_evidence")
    .select("id")
    .where("kind", "=", "file")
    .where("sha256", "=", sha256)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/** One person as the owner picker shows them, active or not (for a task whose owner has left). */
export async function ownerChoice(db: Db, userId: number) {
  return db
    .selectFrom("users")
    .innerJoin("units", "units.id", "users.unit_id")
    .select([
      "users.id",
      "users.full_name as fullName",
      "users.role",
      "users.unit_id as unitId",
      "users.active",
      "units.name as unitName",
      "units.active as unitActive",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Importing many tasks at once (Excel)

export interface ImportTaskRow {
  fields: Partial<TaskFields>;
  /** Issue at once (all five clear); otherwise saved as a draft. */
  issue: boolean;
  /** Added to the task's history entry (e.g. the file and row it came from). */
  audit?: Record<string, unknown>;
}

export type ImportTasksResult =
  | { ok: true; value: { ids: number[]; issued: number; drafts: number } }
  | { ok: false; error: "forbidden" }
  /** Per row (index into the rows given): the same field errors createTask would answer. */
  | { ok: false; error: "invalid"; rowErrors: Array<{ index: number; fieldErrors: FieldErrors }> }
  /** `claim` answered false (e.g. the batch was confirmed already): nothing was written. */
  | { ok: false; error: "claimed" };

class ClaimRefused extends Error {}

/** Rows written per multi-row insert (SQLite allows 32,766 bound values in one statement). */
const IMPORT_CHUNK = 500;

/**
 * Creates many tasks in ONE transaction — all of them or none. Each row goes through createTask's own
 * checks (the policy's task:create on its lead unit, references, the 5-rõ gate when issuing) and the
 * same writes (task, programs, coordinating units, task_states row with the rollup version bump, a
 * history entry). `claim` runs first inside the transaction (e.g. marking an import batch as used);
 * when it answers false nothing is written. `finish` runs last inside it, with the new ids.
 */
export async function importTasks(
  db: Db,
  rows: ImportTaskRow[],
  ctx: TaskContext,
  options: {
    claim?: (trx: Transaction<Database>) => Promise<boolean>;
    finish?: (trx: Transaction<Database>, ids: number[]) => Promise<void>;
  } = {},
): Promise<ImportTasksResult> {
  const paths = new Map<number, number[]>();
  const pathOf = async (unitId: number) => {
    if (!paths.has(unitId)) paths.set(unitId, await unitPath(db, unitId));
    return paths.get(unitId)!;
  };
  const prepared_ = rows.map((row) => prepared(row.fields));
  const rowErrors: Array<{ index: number; fieldErrors: FieldErrors }> = [];
  const checked = new Map<string, FieldErrors>();
  for (const [index, p] of prepared_.entries()) {
    const errors: FieldErrors = {};
    const path = p.leadUnitId !== null ? await pathOf(p.leadUnitId) : undefined;
    if (p.leadUnitId !== null && path!.length === 0) {
      rowErrors.push({ index, fieldErrors: { leadUnitId: [errorKey("error.invalidChoice")] } });
      continue;
    }
    if (!can(ctx.actor, "task:create", { unitPath: path, unitId: p.leadUnitId ?? undefined })) {
      if (ctx.actor.role !== "head") return forbidden;
      rowErrors.push({
        index,
        fieldErrors: { leadUnitId: [errorKey(p.leadUnitId === null ? "task.missing.leadUnitId" : "error.forbiddenUnit")] },
      });
      continue;
    }
    // A plan repeats the same units and people on many rows: each distinct combination is checked once.
    const key = JSON.stringify([p.leadUnitId, p.coordinatingUnitIds, p.ownerId, p.goalId, p.startDate ? [p.startDate, p.deadline] : null]);
    let references = checked.get(key);
    if (!references) {
      references = {};
      await checkReferences(db, p, references);
      checked.set(key, references);
    }
    for (const [field, messages] of Object.entries(references)) errors[field] = [...messages];
    if (rows[index].issue) gateErrors(p, errors, ctx.today, true);
    if (Object.keys(errors).length) rowErrors.push({ index, fieldErrors: errors });
  }
  if (rowErrors.length) return { ok: false, error: "invalid", rowErrors };

  const now = (ctx.now ?? clock.now()).toISOString();
  const ids = await db
    .transaction()
    .execute(async (trx) => {
      if (options.claim && !(await options.claim(trx))) throw new ClaimRefused();
      const created: number[] = [];
      // createTask's writes, a chunk at a time: the tasks, then their programs and coordinating units,
      // state rows and history entries in a few multi-row inserts (a new task has none to replace).
      for (let start = 0; start < prepared_.length; start += IMPORT_CHUNK) {
        const chunk = prepared_.slice(start, start + IMPORT_CHUNK).map((p, i) => ({ p, index: start + i, id: 0 }));
        // One multi-row insert per chunk. Ids come from an ascending sequence assigned in VALUES order
        // (SQLite and PostgreSQL alike), so the returned ids, sorted, belong to the rows in order.
        const inserted = await trx
          .insertInto("tasks")
          .values(
            chunk.map((item) => {
              const issue = rows[item.index].issue;
              return {
                ...columnsOf(item.p),
                original_deadline: issue ? item.p.deadline : null,
                status: issue ? ("not_started" as const) : ("draft" as const),
                issued_at: issue ? now : null,
                parent_id: null,
                created_by: ctx.actor.id,
                created_at: now,
                updated_at: now,
              };
            }),
          )
          .returning("id")
          .execute();
        const newIds = inserted.map((r) => r.id).sort((a, b) => a - b);
        chunk.forEach((item, i) => (item.id = newIds[i]));
        const programs = chunk.flatMap(({ p, id }) => p.programs.map((program_code) => ({ task_id: id, program_code })));
        const coordinating = chunk.flatMap(({ p, id }) => p.coordinatingUnitIds.map((unit_id) => ({ task_id: id, unit_id })));
        // Two values per row: 5,000 rows stay well within SQLite's limit on bound values.
        for (let i = 0; i < programs.length; i += 5000)
          await trx
            .insertInto("task_programs")
            .values(programs.slice(i, i + 5000))
            .execute();
        for (let i = 0; i < coordinating.length; i += 5000)
          await trx
            .insertInto("task_coordinating_units")
            .values(coordinating.slice(i, i + 5000))
            .execute();
        // Each new task's state row is known without reading it back (what recordTaskState would read),
        // so states and audit events go in a few multi-row inserts too: one round trip per row would
        // dominate on PostgreSQL over a network.
        const states = chunk.map(({ p, index, id }) => ({
          task_id: id,
          valid_from: now,
          status: rows[index].issue ? ("not_started" as const) : ("draft" as const),
          lead_unit_id: p.leadUnitId,
          owner_id: p.ownerId,
          deadline: p.deadline,
          completed_on: null,
          extension_count: 0,
          goal_id: p.goalId,
          programs: [...p.programs].sort().join(","),
          coordinating_unit_ids: [...p.coordinatingUnitIds].sort((a, b) => a - b).join(","),
        }));
        for (let i = 0; i < states.length; i += 500)
          await trx
            .insertInto("task_states")
            .values(states.slice(i, i + 500))
            .execute();
        await recordAudits(
          trx,
          chunk.map(({ p, index, id }) => {
            const issue = rows[index].issue;
            return {
              actorUserId: ctx.actor.id,
              action: issue ? "task.issue" : "task.create_draft",
              entityType: "task",
              entityId: id,
              data: { version: 1, changes: diff({}, { ...p, status: issue ? "not_started" : "draft" }), ...rows[index].audit },
              ip: ctx.ip,
              now: ctx.now,
            };
          }),
        );
        for (const { id } of chunk) created.push(id);
      }
      if (created.length) await bumpRollupVersion(trx);
      await options.finish?.(trx, created);
      return created;
    })
    .catch((error) => {
      if (error instanceof ClaimRefused) return null;
      throw error;
    });
  if (!ids) return { ok: false, error: "claimed" };
  const issued = rows.filter((r) => r.issue).length;
  return { ok: true, value: { ids, issued, drafts: ids.length - issued } };
}
