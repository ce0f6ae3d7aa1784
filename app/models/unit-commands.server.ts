/**
 * Units: every change to one, as a command. Each runs in its caller's transaction, loads the unit once,
 * asks the policy once, checks the version once, asks app/domain/unit-rules for the decision, and writes
 * the unit with its audit entry (entity "unit").
 */
import { can } from "~/auth/policy";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { foldForSearch, toNfc } from "~/domain/text";
import { parentProblem, statusChangeProblem, type ParentFacts } from "~/domain/unit-rules";
import { errorKey } from "~/i18n";
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
import { isUniqueViolation } from "./db-errors.server";
import { getUnit, getUnitByCode, unitPath, type UnitKind, type UnitRow } from "./unit.server";
import { getActor } from "./user.server";

/** A stale form gets the unit as stored now, so nothing is overwritten. */
export type UnitResult = CommandResult<UnitRow, { current: UnitRow }>;

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

async function parentFacts(trx: Trx, parentId: number | null): Promise<ParentFacts | undefined> {
  if (parentId === null) return undefined;
  const parent = await getUnit(trx, parentId);
  return parent && { active: parent.active, path: await unitPath(trx, parentId) };
}

async function countOf(trx: Trx, table: "units" | "users", column: "parent_id" | "unit_id", unitId: number) {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(column, "=", unitId)
    .where("active", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function create(trx: Trx, ctx: CommandContext, input: UnitInput): Promise<CommandResult<UnitRow>> {
  const parent = await parentFacts(trx, input.parentId);
  if (input.parentId !== null && !parent) return invalid({ parentId: [errorKey("error.invalidChoice")] });
  if (!can(ctx.actor, "unit:create", { unitPath: parent?.path ?? [], unitId: input.parentId ?? undefined })) return forbidden;
  const problem = parentProblem(input.parentId, parent);
  if (problem) return invalid({ parentId: [problem] });
  const code = input.code.trim().toUpperCase();
  const name = toNfc(input.name);
  if (await getUnitByCode(trx, code)) return invalid({ code: [errorKey("error.unitCodeTaken")] });

  const now = (ctx.now ?? clock.now()).toISOString();
  const inserted = await trx
    .insertInto("units")
    .values({ code, name, name_folded: foldForSearch(name), kind: input.kind, parent_id: input.parentId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow()
    .catch((error) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!inserted) return invalid({ code: [errorKey("error.unitCodeTaken")] });
  await audit(trx, ctx, "unit.create", inserted.id, { after: { code, name, kind: input.kind, parentId: input.parentId } });
  return ok((await getUnit(trx, inserted.id))!);
}

/** Rename, re-kind or move a unit; a move must be allowed where the unit lands, not only where it is. */
export async function update(
  trx: Trx,
  ctx: CommandContext,
  input: { id: number; version: number } & Omit<UnitInput, "code">,
): Promise<UnitResult> {
  const before = await getUnit(trx, input.id);
  if (!before) return notFound;
  const moving = input.parentId !== before.parentId;
  const parent = moving ? await parentFacts(trx, input.parentId) : undefined;
  const newUnitPath = moving ? (parent?.path ?? []) : undefined;
  const resource = { unitPath: await unitPath(trx, before.id), unitId: before.id, newUnitPath };
  if (!can(ctx.actor, "unit:update", resource)) return forbidden;
  if (moving && input.parentId !== null && !parent) return invalid({ parentId: [errorKey("error.invalidChoice")] });
  if (before.version !== input.version) return conflict({ current: before });
  const problem = moving ? parentProblem(input.parentId, parent, before.id) : null;
  if (problem) return invalid({ parentId: [problem] });

  const name = toNfc(input.name);
  const now = (ctx.now ?? clock.now()).toISOString();
  const changes = { name, name_folded: foldForSearch(name), kind: input.kind, parent_id: input.parentId, updated_at: now };
  if (!(await writeIfVersion(trx, "units", { id: before.id, version: input.version }, changes)))
    return conflict({ current: (await getUnit(trx, before.id))! });
  await audit(trx, ctx, moving ? "unit.move" : "unit.update", before.id, {
    before: { name: before.name, kind: before.kind, parentId: before.parentId },
    after: { name, kind: input.kind, parentId: input.parentId },
  });
  return ok((await getUnit(trx, before.id))!);
}

/** Close (hide from pickers, keep history) or reopen a unit. */
export async function setActive(
  trx: Trx,
  ctx: CommandContext,
  input: { id: number; version: number; active: boolean },
): Promise<UnitResult> {
  const before = await getUnit(trx, input.id);
  if (!before) return notFound;
  if (!can(ctx.actor, "unit:update", { unitPath: await unitPath(trx, before.id), unitId: before.id })) return forbidden;
  // Already in the asked-for state: someone else got there first.
  if (before.version !== input.version || before.active === input.active) return conflict({ current: before });
  const parent = before.parentId === null ? undefined : await getUnit(trx, before.parentId);
  const problem = statusChangeProblem({
    active: input.active,
    openChildren: input.active ? 0 : await countOf(trx, "units", "parent_id", before.id),
    activeMembers: input.active ? 0 : await countOf(trx, "users", "unit_id", before.id),
    parentActive: parent ? parent.active : null,
  });
  if (problem) return invalid({ form: [problem] });

  const now = (ctx.now ?? clock.now()).toISOString();
  const changes = { active: input.active ? 1 : 0, closed_at: input.active ? null : now, updated_at: now } as const;
  if (!(await writeIfVersion(trx, "units", { id: before.id, version: input.version }, changes)))
    return conflict({ current: (await getUnit(trx, before.id))! });
  await audit(trx, ctx, input.active ? "unit.reopen" : "unit.close", before.id, {
    before: { active: before.active },
    after: { active: input.active },
  });
  return ok((await getUnit(trx, before.id))!);
}

function audit(trx: Trx, ctx: CommandContext, action: string, unitId: number, data: Record<string, unknown>) {
  return recordAudit(trx, { actorUserId: ctx.actor.id, action, entityType: "unit", entityId: unitId, data, ip: ctx.ip, now: ctx.now });
}

/**
 * Outside a request (test fixtures, scripts): creates a unit in its own transaction, acting as that user.
 * Web actions call `create` in theirs.
 */
export async function createUnit(db: Db, input: UnitInput, ctx: { actorUserId: number; ip?: string | null; now?: Date }) {
  const result = await db.transaction().execute(async (trx) => {
    const actor = await getActor(trx, ctx.actorUserId);
    return actor ? create(trx, { ...ctx, actor }, input) : forbidden;
  });
  return result.ok ? { ok: true as const, unit: result.value } : result;
}
