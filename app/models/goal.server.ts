/**
 * Goals (mục tiêu / chỉ tiêu): all SQL for reading and changing them and their indicator readings.
 * Each write runs in one transaction with its audit entry (entity "goal"), and an edit refuses a
 * stale version. Writes ask the policy themselves, as the task model does, so no caller can skip it.
 */
import { sql } from "kysely";
import { can, type Actor } from "~/auth/policy";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { PROGRAM_CODES, type ProgramCode } from "~/domain/task-rules";
import { foldForSearch, toNfc } from "~/domain/text";
import { errorKey } from "~/i18n";
import { recordAudit } from "./audit.server";

export interface GoalContext {
  actor: Actor;
  ip?: string | null;
  now?: Date;
}

/** What a goal form stores (already parsed: dates YYYY-MM-DD, numbers finite). */
export interface GoalInput {
  programCode: ProgramCode;
  title: string;
  description: string | null;
  leadUnitId: number;
  dueDate: string;
  indicatorName: string | null;
  indicatorUnit: string | null;
  indicatorTarget: number | null;
  indicatorBaseline: number | null;
}

export interface GoalRow extends GoalInput {
  id: number;
  leadUnitName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface GoalReading {
  id: number;
  value: number;
  asOf: string;
  note: string | null;
  recordedByName: string | null;
  createdAt: string;
}

export type GoalWriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: "forbidden" }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; error: "conflict"; current: GoalRow };

/** Tasks that count toward a goal: issued ones (drafts are not issued, cancelled ones no longer count). */
export const GOAL_COUNTED_STATUSES = ["not_started", "in_progress", "done"] as const;

/** The task list behind a goal's counts: its issued tasks, or only the done ones. */
export function goalTasksHref(goalId: number, doneOnly = false) {
  const search = new URLSearchParams({ goal: String(goalId) });
  for (const s of doneOnly ? ["done"] : GOAL_COUNTED_STATUSES) search.append("status", s);
  return `/tasks?${search}`;
}

const goalColumns = [
  "goals.id",
  "goals.program_code as programCode",
  "goals.title",
  "goals.description",
  "goals.lead_unit_id as leadUnitId",
  "units.name as leadUnitName",
  "goals.due_date as dueDate",
  "goals.indicator_name as indicatorName",
  "goals.indicator_unit as indicatorUnit",
  "goals.indicator_target as indicatorTarget",
  "goals.indicator_baseline as indicatorBaseline",
  "goals.created_at as createdAt",
  "goals.updated_at as updatedAt",
  "goals.version",
] as const;

function goalsQuery(db: Db) {
  return db.selectFrom("goals").innerJoin("units", "units.id", "goals.lead_unit_id").select(goalColumns);
}

export async function getGoal(db: Db, id: number): Promise<GoalRow | undefined> {
  const row = await goalsQuery(db).where("goals.id", "=", id).executeTakeFirst();
  return row as GoalRow | undefined;
}

export interface GoalSummary extends GoalRow {
  /** The latest reading of the indicator (by date, then by entry). */
  current: { value: number; asOf: string } | null;
  /** Issued tasks linked to the goal, and how many of them are done. */
  taskTotal: number;
  taskDone: number;
}

/** Goals in program order, then by due date, with their latest reading and task counts. */
export async function listGoals(db: Db, filter: { program?: ProgramCode } = {}): Promise<GoalSummary[]> {
  let query = goalsQuery(db).select((eb) => [
    eb
      .selectFrom("tasks")
      .whereRef("tasks.goal_id", "=", "goals.id")
      .where("tasks.status", "in", [...GOAL_COUNTED_STATUSES])
      .select(eb.fn.countAll<number>().as("n"))
      .as("taskTotal"),
    eb
      .selectFrom("tasks")
      .whereRef("tasks.goal_id", "=", "goals.id")
      .where("tasks.status", "=", "done")
      .select(eb.fn.countAll<number>().as("n"))
      .as("taskDone"),
  ]);
  if (filter.program) query = query.where("goals.program_code", "=", filter.program);
  const rows = await query
    .orderBy(sql`case goals.program_code when 'CCHC' then 1 when 'CDS' then 2 when 'DA06' then 3 else 4 end`)
    .orderBy("goals.due_date")
    .orderBy("goals.id")
    .execute();
  const latest = await latestReadings(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...(r as unknown as GoalRow),
    current: latest.get(r.id) ?? null,
    taskTotal: Number(r.taskTotal ?? 0),
    taskDone: Number(r.taskDone ?? 0),
  }));
}

async function latestReadings(db: Db, goalIds: number[]) {
  const out = new Map<number, { value: number; asOf: string }>();
  if (goalIds.length === 0) return out;
  const rows = await db
    .selectFrom("goal_indicator_values")
    .select(["goal_id", "value", "as_of"])
    .where("goal_id", "in", goalIds)
    .orderBy("goal_id")
    .orderBy("as_of", "desc")
    .orderBy("id", "desc")
    .execute();
  for (const r of rows) if (!out.has(r.goal_id)) out.set(r.goal_id, { value: r.value, asOf: r.as_of });
  return out;
}

/** Every reading of the goal's indicator, newest first. */
export async function listGoalReadings(db: Db, goalId: number): Promise<GoalReading[]> {
  return db
    .selectFrom("goal_indicator_values")
    .leftJoin("users", "users.id", "goal_indicator_values.recorded_by")
    .select([
      "goal_indicator_values.id",
      "goal_indicator_values.value",
      "goal_indicator_values.as_of as asOf",
      "goal_indicator_values.note",
      "users.full_name as recordedByName",
      "goal_indicator_values.created_at as createdAt",
    ])
    .where("goal_indicator_values.goal_id", "=", goalId)
    .orderBy("goal_indicator_values.as_of", "desc")
    .orderBy("goal_indicator_values.id", "desc")
    .execute();
}

/** Goals as choices for a picker (task filters, task forms). */
export async function goalOptions(db: Db) {
  return db
    .selectFrom("goals")
    .select(["id", "title", "program_code as programCode"])
    .orderBy(sql`case program_code when 'CCHC' then 1 when 'CDS' then 2 when 'DA06' then 3 else 4 end`)
    .orderBy("title_folded")
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Writing

function normalized(input: GoalInput): GoalInput {
  const text = (v: string | null) => (v === null ? null : toNfc(v) || null);
  return {
    ...input,
    title: toNfc(input.title),
    description: text(input.description),
    indicatorName: text(input.indicatorName),
    indicatorUnit: text(input.indicatorUnit),
  };
}

async function checkInput(db: Db, input: GoalInput, before?: GoalRow) {
  const errors: Record<string, string[]> = {};
  if (!PROGRAM_CODES.includes(input.programCode)) errors.programCode = [errorKey("error.invalidChoice")];
  // A goal may keep a lead unit that has since closed, but a newly chosen one must be open.
  if (!before || before.leadUnitId !== input.leadUnitId) {
    const unit = await db.selectFrom("units").select(["id", "active"]).where("id", "=", input.leadUnitId).executeTakeFirst();
    if (!unit) errors.leadUnitId = [errorKey("error.invalidChoice")];
    else if (unit.active !== 1) errors.leadUnitId = [errorKey("error.unitClosed")];
  }
  return errors;
}

function columnsOf(input: GoalInput) {
  return {
    program_code: input.programCode,
    title: input.title,
    title_folded: foldForSearch(input.title),
    description: input.description,
    lead_unit_id: input.leadUnitId,
    due_date: input.dueDate,
    indicator_name: input.indicatorName,
    indicator_unit: input.indicatorUnit,
    indicator_target: input.indicatorTarget,
    indicator_baseline: input.indicatorBaseline,
  };
}

function fieldsOf(g: GoalInput): GoalInput {
  return {
    programCode: g.programCode,
    title: g.title,
    description: g.description,
    leadUnitId: g.leadUnitId,
    dueDate: g.dueDate,
    indicatorName: g.indicatorName,
    indicatorUnit: g.indicatorUnit,
    indicatorTarget: g.indicatorTarget,
    indicatorBaseline: g.indicatorBaseline,
  };
}

export async function createGoal(db: Db, raw: GoalInput, ctx: GoalContext): Promise<GoalWriteResult<GoalRow>> {
  if (!can(ctx.actor, "goal:manage")) return { ok: false, error: "forbidden" };
  const input = normalized(raw);
  const fieldErrors = await checkInput(db, input);
  if (Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors };
  const now = (ctx.now ?? clock.now()).toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("goals")
      .values({ ...columnsOf(input), created_by: ctx.actor.id, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: "goal.create",
      entityType: "goal",
      entityId: row.id,
      data: { version: 1, after: fieldsOf(input) },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return { ok: true, value: (await getGoal(db, id))! };
}

/** Edits a goal, refusing a stale version (the current goal comes back so nothing is overwritten). */
export async function updateGoal(db: Db, id: number, version: number, raw: GoalInput, ctx: GoalContext): Promise<GoalWriteResult<GoalRow>> {
  if (!can(ctx.actor, "goal:manage")) return { ok: false, error: "forbidden" };
  const before = await getGoal(db, id);
  if (!before) return { ok: false, error: "not_found" };
  if (before.version !== version) return { ok: false, error: "conflict", current: before };
  const input = normalized(raw);
  const fieldErrors = await checkInput(db, input, before);
  if (Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors };

  const oldFields = fieldsOf(before);
  const newFields = fieldsOf(input);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(newFields) as Array<keyof GoalInput>) {
    if (oldFields[key] !== newFields[key]) changes[key] = { before: oldFields[key], after: newFields[key] };
  }
  const now = (ctx.now ?? clock.now()).toISOString();
  const updated = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("goals")
      .set({ ...columnsOf(input), updated_at: now, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: "goal.update",
      entityType: "goal",
      entityId: id,
      data: { version: version + 1, changes },
      ip: ctx.ip,
      now: ctx.now,
    });
    return true;
  });
  const current = (await getGoal(db, id))!;
  if (!updated) return { ok: false, error: "conflict", current };
  return { ok: true, value: current };
}

/** Records one reading of the goal's indicator (a goal without an indicator takes none). */
export async function addGoalReading(
  db: Db,
  goalId: number,
  input: { value: number; asOf: string; note: string | null },
  ctx: GoalContext,
): Promise<GoalWriteResult<{ id: number }>> {
  if (!can(ctx.actor, "goal:manage")) return { ok: false, error: "forbidden" };
  const goal = await getGoal(db, goalId);
  if (!goal) return { ok: false, error: "not_found" };
  if (!goal.indicatorName) return { ok: false, error: "invalid", fieldErrors: { value: [errorKey("goals.error.noIndicator")] } };
  const note = input.note === null ? null : toNfc(input.note) || null;
  const now = (ctx.now ?? clock.now()).toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("goal_indicator_values")
      .values({ goal_id: goalId, value: input.value, as_of: input.asOf, note, recorded_by: ctx.actor.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: ctx.actor.id,
      action: "goal.reading",
      entityType: "goal",
      entityId: goalId,
      data: { readingId: row.id, value: input.value, asOf: input.asOf, note },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return { ok: true, value: { id } };
}
