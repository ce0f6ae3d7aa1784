/**
 * Goals (mục tiêu / chỉ tiêu): reading them and their indicator readings. Changes are commands in
 * goal-commands.server.ts.
 */
import { sql } from "kysely";
import type { Db } from "~/db.server";
import type { ProgramCode } from "~/domain/task-rules";

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
