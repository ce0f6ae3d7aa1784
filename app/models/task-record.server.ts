/**
 * The task record as the commands read and write it: loading a task once for a write (with what the
 * policy needs), the facts its references need, and the rows every change writes beside the task —
 * programs and coordinating units, the task_states row with the rollup version bump, the version
 * guard, and the conflict answer. Shared by ./task-commands.server and ./task-import.server.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import type { Resource } from "~/auth/policy";
import type { ReferenceFacts, TaskContent, FieldErrors } from "~/domain/task-decisions";
import { ownerBelongsToLeadUnit, standing } from "~/domain/task-rules";
import { foldForSearch } from "~/domain/text";
import { forbidden, invalid, notFound, type CommandContext, type CommandResult } from "./command-result";
import { TASK_COLUMNS, type TaskRow, type TaskView } from "./task.server";
import { unitPath } from "./unit.server";

/** A database handle or the transaction a caller opened (a Kysely Transaction is a Kysely too). */
export type Executor = Kysely<Database>;

/** A command's context (who, from where, when) and today in APP_TZ (YYYY-MM-DD), which task decisions take. */
export interface TaskContext extends CommandContext {
  today: string;
}

/** The one result shape of every command (command-result.ts), with a task conflict's payload. */
export type TaskResult<T> = CommandResult<T, { currentVersion: number; changedFields: string[] }>;
export type TaskRefusal = Exclude<TaskResult<never>, { ok: true }>;
export type { FieldErrors };
export { invalid, forbidden, notFound };

/** Thrown inside a command's transaction to roll back what an earlier step of it wrote. */
class Refused extends Error {
  constructor(readonly result: TaskRefusal) {
    super(result.error);
  }
}

/**
 * Runs `work` in the caller's transaction, or in a new one when given the database. A refusal returned
 * by `work` after it wrote something (a PATCH whose second step is refused) rolls the whole write back.
 */
export async function inTransaction<T>(db: Executor, work: (trx: Transaction<Database>) => Promise<TaskResult<T>>): Promise<TaskResult<T>> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db
    .transaction()
    .execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) throw new Refused(result);
      return result;
    })
    .catch((error: unknown) => {
      if (error instanceof Refused) return error.result;
      throw error;
    });
}

// ---------------------------------------------------------------------------------------------
// Loading a task for a write

/** A task as a command loaded it: the view, and the policy's resource (its lead unit's path and owner). */
export interface LoadedTask {
  task: TaskView;
  resource: Resource;
}

/**
 * One read of the task (its row with owner and lead unit names, its programs and coordinating units)
 * and its lead unit's path for the policy. Commands read nothing else of the task.
 */
export async function loadTaskForWrite(db: Executor, id: number, today: string): Promise<LoadedTask | undefined> {
  const row = await db
    .selectFrom("tasks")
    .leftJoin("users as owner", "owner.id", "tasks.owner_id")
    .leftJoin("units as lead", "lead.id", "tasks.lead_unit_id")
    .select(TASK_COLUMNS)
    .select(["owner.full_name as ownerName", "owner.active as ownerActiveFlag", "lead.name as leadUnitName"])
    .where("tasks.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [programs, coordinating, path] = await Promise.all([
    db.selectFrom("task_programs").select("program_code").where("task_id", "=", id).execute(),
    db.selectFrom("task_coordinating_units").select("unit_id").where("task_id", "=", id).execute(),
    row.leadUnitId ? unitPath(db, row.leadUnitId) : Promise.resolve(undefined),
  ]);
  const { ownerActiveFlag, ...rest } = row;
  const taskRow = rest as unknown as TaskRow & { ownerName: string | null; leadUnitName: string | null };
  const task: TaskView = {
    ...taskRow,
    programs: sortPrograms(programs.map((p) => p.program_code)),
    coordinatingUnitIds: coordinating.map((c) => c.unit_id),
    standing: standing(taskRow, today),
    ownerActive: taskRow.ownerId ? ownerActiveFlag === 1 : null,
  };
  return { task, resource: taskResource(task, path) };
}

const PROGRAM_ORDER = ["CCHC", "CDS", "DA06"];
export function sortPrograms(codes: string[]): string[] {
  return [...codes].sort((a, b) => PROGRAM_ORDER.indexOf(a) - PROGRAM_ORDER.indexOf(b));
}

export function taskResource(task: Pick<TaskRow, "leadUnitId" | "ownerId">, path: number[] | undefined): Resource {
  return { unitPath: path, unitId: task.leadUnitId ?? undefined, userId: task.ownerId ?? undefined };
}

/** The task's content (the fields an edit may change), as the decisions take it. */
export function contentOf(t: TaskView): TaskContent {
  return {
    title: t.title,
    description: t.description,
    ownerId: t.ownerId,
    leadUnitId: t.leadUnitId,
    coordinatingUnitIds: t.coordinatingUnitIds,
    deadline: t.deadline,
    startDate: t.startDate,
    deliverable: t.deliverable,
    programs: t.programs,
    goalId: t.goalId,
    priority: t.priority,
    sourceDocNumber: t.sourceDocNumber,
    sourceDocDate: t.sourceDocDate,
    sourceDocIssuer: t.sourceDocIssuer,
  };
}

/** What the references of a content are (for `referenceErrors`), with the names a view shows. */
export interface LoadedReferences {
  facts: ReferenceFacts;
  unitNames: ReadonlyMap<number, string>;
  owner?: { name: string; active: boolean };
}

export async function loadReferences(db: Executor, p: TaskContent): Promise<LoadedReferences> {
  const unitIds = [...new Set([p.leadUnitId, ...p.coordinatingUnitIds].filter((x): x is number => x !== null))];
  const [units, owner, goal] = await Promise.all([
    unitIds.length ? db.selectFrom("units").select(["id", "name", "active"]).where("id", "in", unitIds).execute() : Promise.resolve([]),
    p.ownerId !== null
      ? db.selectFrom("users").select(["id", "full_name", "active", "unit_id"]).where("id", "=", p.ownerId).executeTakeFirst()
      : Promise.resolve(undefined),
    p.goalId !== null ? db.selectFrom("goals").select("id").where("id", "=", p.goalId).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const unitMap = new Map(units.map((u) => [u.id, { active: u.active === 1 }]));
  let inLeadUnit = false;
  if (owner && owner.active === 1 && p.leadUnitId !== null && unitMap.has(p.leadUnitId)) {
    inLeadUnit = ownerBelongsToLeadUnit(await unitPath(db, owner.unit_id), p.leadUnitId);
  }
  return {
    facts: {
      units: unitMap,
      owner: owner ? { active: owner.active === 1, inLeadUnit } : undefined,
      goalExists: Boolean(goal),
    },
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    owner: owner ? { name: owner.full_name, active: owner.active === 1 } : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

export function searchText(p: { title: string; description: string | null; deliverable: string | null; sourceDocNumber: string | null }) {
  return foldForSearch([p.title, p.description ?? "", p.deliverable ?? "", p.sourceDocNumber ?? ""].join(" "));
}

/** The tasks columns a content sets. */
export function columnsOf(p: TaskContent) {
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

export async function writeRelations(trx: Transaction<Database>, taskId: number, programs: string[], coordinatingUnitIds: number[]) {
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

/** The rollup-relevant state of a task, as task_states stores it. */
export type TaskState = Pick<TaskRow, "status" | "leadUnitId" | "ownerId" | "deadline" | "completedOn" | "extensionCount" | "goalId"> & {
  programs: string[];
  coordinatingUnitIds: number[];
};

export function stateRow(taskId: number, s: TaskState, now: string) {
  return {
    task_id: taskId,
    valid_from: now,
    status: s.status,
    lead_unit_id: s.leadUnitId,
    owner_id: s.ownerId,
    deadline: s.deadline,
    completed_on: s.completedOn,
    extension_count: s.extensionCount,
    goal_id: s.goalId,
    programs: [...s.programs].sort().join(","),
    coordinating_unit_ids: [...s.coordinatingUnitIds].sort((a, b) => a - b).join(","),
  };
}

/**
 * Appends the task's rollup-relevant state (task_states) and bumps the rollup version, inside the
 * transaction of the change: reports "as of" a date read these rows, caches key on the version.
 * The state is the one the command just wrote (known in memory, not read back).
 */
export async function recordTaskState(trx: Transaction<Database>, taskId: number, state: TaskState, now: string) {
  await trx
    .insertInto("task_states")
    .values(stateRow(taskId, state, now))
    .execute();
  await bumpRollupVersion(trx);
}

/** A counter every task write bumps; rollup caches (on any server) compare it before answering. */
export async function bumpRollupVersion(trx: Executor) {
  await sql`insert into meta (key, value) values ('rollup_version', '1')
    on conflict (key) do update set value = cast(cast(meta.value as integer) + 1 as text)`.execute(trx);
}

/** Bumps the version of a task only if it is still `version`; false when someone else got there first. */
export async function bumpVersion(trx: Transaction<Database>, id: number, version: number, set: Record<string, unknown>, now: string) {
  const result = await trx
    .updateTable("tasks")
    .set({ ...set, updated_at: now, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The conflict answer: the version now, and the fields changed since the version the form was read at. */
export async function conflict(db: Executor, taskId: number, sinceVersion: number): Promise<TaskRefusal> {
  const [row, events] = await Promise.all([
    db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirst(),
    db
      .selectFrom("audit_events")
      .select(["data"])
      .where("entity_type", "=", "task")
      .where("entity_id", "=", String(taskId))
      .orderBy("id", "desc")
      .limit(50)
      .execute(),
  ]);
  const fields = new Set<string>();
  for (const e of events) {
    try {
      const data = JSON.parse(e.data) as { version?: number; changes?: Record<string, unknown> };
      if ((data.version ?? 0) > sinceVersion) for (const f of Object.keys(data.changes ?? {})) fields.add(f);
    } catch {
      // history rows are written by the commands as JSON; an unreadable one just adds nothing
    }
  }
  return { ok: false, error: "conflict", currentVersion: row?.version ?? 0, changedFields: [...fields] };
}
