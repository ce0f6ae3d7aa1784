/**
 * Tasks as the pages, the API and the exports read them: one task, filtered lists, the timeline, the
 * extension queue, and what the user may do with a task. Every write is a command:
 * ./task-commands.server (one task) and ./task-import.server (many at once).
 */
import { sql, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { can, type Action, type Actor } from "~/auth/policy";
import type { Db } from "~/db.server";
import { addDays } from "~/domain/dates";
import type { TaskFilter, TaskSort } from "~/domain/task-filters";
import { DUE_SOON_DAYS, standing, type Standing, type TaskPriority, type TaskStatus } from "~/domain/task-rules";
import { containsPattern } from "~/domain/text";
import { subtreeIds, unitPath } from "./unit.server";

// ---------------------------------------------------------------------------------------------
// Reading

/** The tasks columns a view reads, named as TaskRow names them. */
export const TASK_COLUMNS = [
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
  return (await db.selectFrom("tasks").select(TASK_COLUMNS).where("tasks.id", "=", id).executeTakeFirst()) as TaskRow | undefined;
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

/** The tasks a filter selects (no order, no paging): shared by the list, its total and the export's ids. */
/** A condition on a query over `tasks`: the task belongs to this program. */
export function taskInProgram(program: string) {
  return sql<boolean>`exists (select 1 from task_programs where task_programs.task_id = tasks.id and task_programs.program_code = ${program})`;
}

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
    query = asOf ? query.where(sql<boolean>`(',' || s.programs || ',') like ${`%,${program},%`}`) : query.where(taskInProgram(program));
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
  const rows = (await inListOrder(query.select(TASK_COLUMNS), filter.sort)
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()) as TaskRow[];
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
  const rows = (await db.selectFrom("tasks").select(TASK_COLUMNS).where("tasks.id", "in", ids).execute()) as TaskRow[];
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
  const rows = (await db.selectFrom("tasks").select(TASK_COLUMNS).where("parent_id", "=", parentId).execute()) as TaskRow[];
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
// What the user may do (the same answers the commands get)

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
