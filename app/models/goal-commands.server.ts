/**
 * Goals: every change to one, as a command. Each runs in its caller's transaction, asks the policy once,
 * loads the goal once, checks the version once, asks app/domain/goal-rules for the decision, and writes the
 * goal (or its reading) with its audit entry (entity "goal").
 */
import { can } from "~/auth/policy";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { goalProblems, readingProblem } from "~/domain/goal-rules";
import { foldForSearch, toNfc } from "~/domain/text";
import { recordAudit } from "./audit.server";
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  ok,
  type CommandContext,
  type CommandResult,
  type Trx,
  writeIfVersion,
} from "./command-result";
import { getGoal, type GoalInput, type GoalRow } from "./goal.server";
import { getUnit } from "./unit.server";

/** A stale form gets the goal as stored now, so nothing is overwritten. */
export type GoalResult = CommandResult<GoalRow, { current: GoalRow }>;

function normalized(input: GoalInput): GoalInput {
  const text = (v: string | null) => (v === null ? null : toNfc(v) || null);
  return {
    programCode: input.programCode,
    title: toNfc(input.title),
    description: text(input.description),
    leadUnitId: input.leadUnitId,
    dueDate: input.dueDate,
    indicatorName: text(input.indicatorName),
    indicatorUnit: text(input.indicatorUnit),
    indicatorTarget: input.indicatorTarget,
    indicatorBaseline: input.indicatorBaseline,
  };
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

async function problemsOf(trx: Trx, input: GoalInput, before?: GoalRow) {
  const leadUnit = before?.leadUnitId === input.leadUnitId ? "kept" : await getUnit(trx, input.leadUnitId);
  const errors = goalProblems(input.programCode, leadUnit);
  return Object.keys(errors).length ? errors : null;
}

export async function create(trx: Trx, ctx: CommandContext, raw: GoalInput): Promise<CommandResult<GoalRow>> {
  if (!can(ctx.actor, "goal:manage")) return forbidden;
  const input = normalized(raw);
  const problems = await problemsOf(trx, input);
  if (problems) return invalid(problems);
  const now = (ctx.now ?? clock.now()).toISOString();
  const row = await trx
    .insertInto("goals")
    .values({ ...columnsOf(input), created_by: ctx.actor.id, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(trx, ctx, "goal.create", row.id, { version: 1, after: input });
  return ok((await getGoal(trx, row.id))!);
}

/** Edits a goal, refusing a stale version. */
export async function update(
  trx: Trx,
  ctx: CommandContext,
  input: { id: number; version: number; fields: GoalInput },
): Promise<GoalResult> {
  if (!can(ctx.actor, "goal:manage")) return forbidden;
  const before = await getGoal(trx, input.id);
  if (!before) return notFound;
  if (before.version !== input.version) return conflict({ current: before });
  const fields = normalized(input.fields);
  const problems = await problemsOf(trx, fields, before);
  if (problems) return invalid(problems);

  const old = normalized(before);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(fields) as Array<keyof GoalInput>) {
    if (old[key] !== fields[key]) changes[key] = { before: old[key], after: fields[key] };
  }
  const now = (ctx.now ?? clock.now()).toISOString();
  const written = await writeIfVersion(trx, "goals", { id: input.id, version: input.version }, { ...columnsOf(fields), updated_at: now });
  if (!written) return conflict({ current: (await getGoal(trx, input.id))! });
  await audit(trx, ctx, "goal.update", input.id, { version: input.version + 1, changes });
  return ok((await getGoal(trx, input.id))!);
}

/** Records one reading of the goal's indicator (a goal without an indicator takes none; no reading is dated ahead of today). */
export async function addReading(
  trx: Trx,
  ctx: CommandContext,
  input: { goalId: number; value: number; asOf: string; note: string | null; today: string },
): Promise<CommandResult<{ id: number }>> {
  if (!can(ctx.actor, "goal:manage")) return forbidden;
  const goal = await getGoal(trx, input.goalId);
  if (!goal) return notFound;
  const problem = readingProblem(goal, input.asOf, input.today);
  if (problem) return invalid(problem);
  const note = input.note === null ? null : toNfc(input.note) || null;
  const now = (ctx.now ?? clock.now()).toISOString();
  const row = await trx
    .insertInto("goal_indicator_values")
    .values({ goal_id: goal.id, value: input.value, as_of: input.asOf, note, recorded_by: ctx.actor.id, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(trx, ctx, "goal.reading", goal.id, { readingId: row.id, value: input.value, asOf: input.asOf, note });
  return ok({ id: row.id });
}

function audit(trx: Trx, ctx: CommandContext, action: string, goalId: number, data: Record<string, unknown>) {
  return recordAudit(trx, { actorUserId: ctx.actor.id, action, entityType: "goal", entityId: goalId, data, ip: ctx.ip, now: ctx.now });
}

/** Outside a request (test fixtures): creates a goal in its own transaction. Web actions call `create` in theirs. */
export function createGoal(db: Db, input: GoalInput, ctx: CommandContext) {
  return db.transaction().execute((trx) => create(trx, ctx, input));
}
