/**
 * Users: every change an administrator makes to an account, as a command. Each runs in its caller's
 * transaction, loads the user once, asks the policy once, checks the version once, asks
 * app/domain/user-rules for the decision, and writes the user with its audit entry (entity "user").
 *
 * Password hashing is slow, so it happens before the transaction (`prepareCredential`): the command
 * only stores the hash.
 */
import { generateOneTimePassword, hashPassword } from "~/auth/password.server";
import { can, type Actor, type Resource } from "~/auth/policy";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { foldForSearch, normalizeEmail, toNfc } from "~/domain/text";
import { activationProblem, placementProblem } from "~/domain/user-rules";
import { errorKey } from "~/i18n";
import { revokeAllApiTokens } from "./api-token.server";
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
import { getUnit, unitPath } from "./unit.server";
import { getActor, getUserById, userResource, type Role, type UserRow } from "./user.server";

/** A stale form gets the user as stored now, so nothing is overwritten. */
export type UserResult<T = UserRow> = CommandResult<T, { current: UserRow }>;

/** A password ready to store: the clear text is shown once (when it is a one-time password), the hash kept. */
export interface Credential {
  clear: string;
  hash: string;
  oneTime: boolean;
}

/** A chosen password, or a fresh one-time password the user must change at first sign-in. */
export async function prepareCredential(password?: string): Promise<Credential> {
  const clear = password ?? generateOneTimePassword();
  return { clear, hash: await hashPassword(clear), oneTime: password === undefined };
}

export interface NewUserInput {
  email: string;
  fullName: string;
  role: Role;
  unitId: number;
  language?: "vi" | "en";
}

/** Null actor: the operator at the server's command line (scripts/user-create.ts), who already holds the database. */
type CreateContext = Omit<CommandContext, "actor"> & { actor: Actor | null };

/** Creates a user; the one-time password comes back once, never stored in clear. */
export async function create(
  trx: Trx,
  ctx: CreateContext,
  input: NewUserInput & { credential: Credential },
): Promise<CommandResult<{ user: UserRow; oneTimePassword?: string }>> {
  const path = await unitPath(trx, input.unitId);
  if (ctx.actor && !can(ctx.actor, "user:create", { unitPath: path, unitId: input.unitId, newRole: input.role })) return forbidden;
  const unitProblem = placementProblem(await getUnit(trx, input.unitId));
  if (unitProblem) return invalid({ unitId: [unitProblem] });
  const email = toNfc(input.email);
  const emailNormalized = normalizeEmail(email);
  const fullName = toNfc(input.fullName);
  const taken = await trx.selectFrom("users").select("id").where("email_normalized", "=", emailNormalized).executeTakeFirst();
  if (taken) return invalid({ email: [errorKey("error.emailTaken")] });

  const now = (ctx.now ?? clock.now()).toISOString();
  const row = await trx
    .insertInto("users")
    .values({
      email,
      email_normalized: emailNormalized,
      full_name: fullName,
      name_folded: foldForSearch(fullName),
      role: input.role,
      unit_id: input.unitId,
      language: input.language ?? "vi",
      password_hash: input.credential.hash,
      must_change_password: input.credential.oneTime ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow()
    .catch((error) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!row) return invalid({ email: [errorKey("error.emailTaken")] });
  await audit(trx, ctx, "user.create", row.id, {
    after: { email, fullName, role: input.role, unitId: input.unitId },
  });
  const user = (await getUserById(trx, row.id))!;
  return ok({ user, oneTimePassword: input.credential.oneTime ? input.credential.clear : undefined });
}

/** Loads the user and asks the policy whether the actor may manage them (with the change asked for, if any). */
async function loadManaged(trx: Trx, actor: Actor, id: number, change: Pick<Resource, "newRole"> & { newUnitId?: number } = {}) {
  const user = await getUserById(trx, id);
  if (!user) return { refusal: notFound };
  const resource = await userResource(trx, user);
  if (change.newRole) resource.newRole = change.newRole;
  if (change.newUnitId !== undefined) resource.newUnitPath = await unitPath(trx, change.newUnitId);
  return can(actor, "user:manage", resource) ? { user } : { refusal: forbidden };
}

export interface UserChanges {
  id: number;
  version: number;
  fullName: string;
  role: Role;
  unitId: number;
}

/** Renames, re-roles or moves a user; a move or a new role must be within the actor's reach too. */
export async function update(trx: Trx, ctx: CommandContext, input: UserChanges): Promise<UserResult> {
  const { user: before, refusal } = await loadManaged(trx, ctx.actor, input.id, { newRole: input.role, newUnitId: input.unitId });
  if (!before) return refusal;
  if (before.version !== input.version) return conflict({ current: before });
  if (input.unitId !== before.unitId) {
    const problem = placementProblem(await getUnit(trx, input.unitId));
    if (problem) return invalid({ unitId: [problem] });
  }
  const fullName = toNfc(input.fullName);
  const now = (ctx.now ?? clock.now()).toISOString();
  const changes = { full_name: fullName, name_folded: foldForSearch(fullName), role: input.role, unit_id: input.unitId, updated_at: now };
  if (!(await writeIfVersion(trx, "users", { id: before.id, version: input.version }, changes)))
    return conflict({ current: (await getUserById(trx, before.id))! });
  await audit(trx, ctx, "user.update", before.id, {
    before: { fullName: before.fullName, role: before.role, unitId: before.unitId },
    after: { fullName, role: input.role, unitId: input.unitId },
  });
  return ok((await getUserById(trx, before.id))!);
}

/** Deactivating ends every session of the user at once and revokes their API tokens (reactivating brings none back). */
export async function setActive(
  trx: Trx,
  ctx: CommandContext,
  input: { id: number; version: number; active: boolean },
): Promise<UserResult> {
  const { user: before, refusal } = await loadManaged(trx, ctx.actor, input.id);
  if (!before) return refusal;
  if (before.version !== input.version) return conflict({ current: before });
  const problem = activationProblem(input.active, before.unitActive);
  if (problem) return invalid({ form: [problem] });
  const now = (ctx.now ?? clock.now()).toISOString();
  const changes = { active: input.active ? 1 : 0, deactivated_at: input.active ? null : now, updated_at: now } as const;
  if (!(await writeIfVersion(trx, "users", { id: before.id, version: input.version }, changes)))
    return conflict({ current: (await getUserById(trx, before.id))! });
  const apiTokensRevoked = input.active ? undefined : await endAccess(trx, before.id, now);
  await audit(trx, ctx, input.active ? "user.reactivate" : "user.deactivate", before.id, {
    before: { active: before.active },
    after: { active: input.active },
    ...(apiTokensRevoked === undefined ? {} : { apiTokensRevoked }),
  });
  return ok((await getUserById(trx, before.id))!);
}

/** A new one-time password; every session of the user ends and every API token of theirs is revoked. */
export async function resetPassword(
  trx: Trx,
  ctx: CommandContext,
  input: { id: number; credential: Credential },
): Promise<UserResult<{ oneTimePassword: string }>> {
  const { user, refusal } = await loadManaged(trx, ctx.actor, input.id);
  if (!user) return refusal;
  const now = (ctx.now ?? clock.now()).toISOString();
  await storePassword(trx, user.id, input.credential, now);
  await audit(trx, ctx, "user.reset_password", user.id, { apiTokensRevoked: await endAccess(trx, user.id, now) });
  return ok({ oneTimePassword: input.credential.clear });
}

/** The user's own password change; other sessions end, the current one stays; every API token is revoked. */
export async function changeOwnPassword(trx: Trx, ctx: CommandContext, input: { credential: Credential; keepSessionId: string }) {
  const now = (ctx.now ?? clock.now()).toISOString();
  await storePassword(trx, ctx.actor.id, input.credential, now);
  const apiTokensRevoked = await endAccess(trx, ctx.actor.id, now, input.keepSessionId);
  await audit(trx, ctx, "account.change_password", ctx.actor.id, { apiTokensRevoked });
  return ok(undefined);
}

async function storePassword(trx: Trx, userId: number, credential: Credential, now: string) {
  await trx
    .updateTable("users")
    .set((eb) => ({
      password_hash: credential.hash,
      must_change_password: credential.oneTime ? 1 : 0,
      updated_at: now,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", userId)
    .execute();
}

/** Signs the user out everywhere (but the session kept, if any) and revokes their API tokens; returns how many tokens. */
async function endAccess(trx: Trx, userId: number, now: string, keepSessionId?: string) {
  let sessions = trx.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId !== undefined) sessions = sessions.where("id", "!=", keepSessionId);
  await sessions.execute();
  return revokeAllApiTokens(trx, userId, now);
}

/** The user's own e-mail opt-out, audited with the old and new value; no change (and no audit) when it is the same. */
export async function setEmailPreference(trx: Trx, ctx: CommandContext, input: { enabled: boolean }) {
  const row = await trx.selectFrom("users").select("email_enabled").where("id", "=", ctx.actor.id).executeTakeFirstOrThrow();
  const before = row.email_enabled === 1;
  if (before === input.enabled) return ok(false);
  await trx
    .updateTable("users")
    .set({ email_enabled: input.enabled ? 1 : 0 })
    .where("id", "=", ctx.actor.id)
    .execute();
  await audit(trx, ctx, "account.email_preference", ctx.actor.id, {
    before: { emailEnabled: before },
    after: { emailEnabled: input.enabled },
  });
  return ok(true);
}

function audit(
  trx: Trx,
  ctx: Omit<CommandContext, "actor"> & { actor: Actor | null },
  action: string,
  userId: number,
  data: Record<string, unknown>,
) {
  return recordAudit(trx, {
    actorUserId: ctx.actor?.id ?? null,
    action,
    entityType: "user",
    entityId: userId,
    data,
    ip: ctx.ip,
    now: ctx.now,
  });
}

// ---------------------------------------------------------------------------------------------
// Outside a request (test fixtures, scripts/user-create.ts): each runs its command in its own transaction.

type StandaloneContext = { actorUserId: number; ip?: string | null; now?: Date };

/** Creates a user as that user (or as the server's operator when `ctx` is null); a given password is not one-time. */
export async function createUser(db: Db, input: NewUserInput, ctx: StandaloneContext | null, password?: string) {
  const credential = await prepareCredential(password);
  const result = await db.transaction().execute(async (trx) => {
    const actor = ctx ? ((await getActor(trx, ctx.actorUserId)) ?? null) : null;
    if (ctx && !actor) return forbidden;
    return create(trx, { ip: ctx?.ip, now: ctx?.now, actor }, { ...input, credential });
  });
  return result.ok ? { ok: true as const, ...result.value } : result;
}

export async function setUserActive(db: Db, id: number, version: number, active: boolean, ctx: StandaloneContext) {
  const result = await db.transaction().execute(async (trx) => {
    const actor = await getActor(trx, ctx.actorUserId);
    return actor ? setActive(trx, { ...ctx, actor }, { id, version, active }) : forbidden;
  });
  return result.ok ? { ok: true as const, user: result.value } : result;
}
