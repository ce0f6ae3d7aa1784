import { sql } from "kysely";
import type { User } from "#db/schema";
import { generateOneTimePassword, hashPassword } from "~/auth/password.server";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { containsPattern, foldForSearch, likeContains, normalizeEmail, toNfc } from "~/domain/text";
import { revokeAllApiTokens } from "./api-token.server";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./db-errors.server";
import type { ChangeContext } from "./unit.server";

export type Role = User["role"];

export interface UserRow {
  id: number;
  email: string;
  fullName: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitActive: boolean;
  active: boolean;
  language: "vi" | "en";
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function baseQuery(db: Db) {
  return db
    .selectFrom("users")
    .innerJoin("units", "units.id", "users.unit_id")
    .select([
      "users.id",
      "users.email",
      "users.full_name as fullName",
      "users.role",
      "users.unit_id as unitId",
      "units.name as unitName",
      "units.active as unitActive",
      "users.active",
      "users.language",
      "users.must_change_password as mustChangePassword",
      "users.created_at as createdAt",
      "users.updated_at as updatedAt",
      "users.version",
    ]);
}

type RawUser = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;
function toRow(r: RawUser): UserRow {
  return { ...r, active: r.active === 1, unitActive: r.unitActive === 1, mustChangePassword: r.mustChangePassword === 1 };
}

export async function getUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where("users.id", "=", id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function getUserForSignIn(db: Db, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "password_hash as passwordHash", "active", "full_name as fullName"])
    .where("email_normalized", "=", normalizeEmail(email))
    .executeTakeFirst();
}

export interface UserFilter {
  q?: string;
  role?: Role;
  unitIds?: number[];
  active?: boolean;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, filter: UserFilter) {
  let query = baseQuery(db);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    const emailPattern = likeContains(filter.q.trim().toLowerCase());
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref("users.name_folded")} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref("users.email_normalized")} like ${emailPattern} escape '\\'`,
      ]),
    );
  }
  if (filter.role) query = query.where("users.role", "=", filter.role);
  if (filter.unitIds) query = query.where("users.unit_id", "in", filter.unitIds.length ? filter.unitIds : [-1]);
  if (filter.active !== undefined) query = query.where("users.active", "=", filter.active ? 1 : 0);

  const countRow = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy("users.active", "desc")
    .orderBy("users.name_folded")
    .orderBy("users.id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { total: Number(countRow.total), items: rows.map(toRow) };
}

export async function countActiveSessions(db: Db, userId: number) {
  const row = await db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUserInput {
  email: string;
  fullName: string;
  role: Role;
  unitId: number;
  language?: "vi" | "en";
}

export type UserWriteResult =
  | { ok: true; user: UserRow; oneTimePassword?: string }
  | { ok: false; conflict: true; current: UserRow }
  | { ok: false; conflict?: false; fieldErrors: Record<string, string[]> };

/** Creates a user with a one-time password (returned once, never stored in clear). */
export async function createUser(db: Db, input: NewUserInput, ctx: ChangeContext | null, password?: string): Promise<UserWriteResult> {
  const email = toNfc(input.email);
  const emailNormalized = normalizeEmail(email);
  const fullName = toNfc(input.fullName);
  const unit = await db.selectFrom("units").select(["id", "active"]).where("id", "=", input.unitId).executeTakeFirst();
  if (!unit || unit.active !== 1) return { ok: false, fieldErrors: { unitId: ["error.invalidChoice"] } };
  const existing = await db.selectFrom("users").select("id").where("email_normalized", "=", emailNormalized).executeTakeFirst();
  if (existing) return { ok: false, fieldErrors: { email: ["error.emailTaken"] } };

  const oneTimePassword = password ?? generateOneTimePassword();
  // Hash before the transaction: better-sqlite3 is synchronous, and no slow await belongs inside one.
  const passwordHash = await hashPassword(oneTimePassword);
  const now = (ctx?.now ?? clock.now()).toISOString();
  const created = await db
    .transaction()
    .execute(async (trx) => {
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
          password_hash: passwordHash,
          must_change_password: password ? 0 : 1,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorUserId: ctx?.actorUserId ?? null,
        action: "user.create",
        entityType: "user",
        entityId: row.id,
        data: { after: { email, fullName, role: input.role, unitId: input.unitId } },
        ip: ctx?.ip,
        now: ctx?.now,
      });
      return row;
    })
    .catch((error) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!created) return { ok: false, fieldErrors: { email: ["error.emailTaken"] } };
  return { ok: true, user: (await getUserById(db, created.id))!, oneTimePassword: password ? undefined : oneTimePassword };
}

export interface UserChanges {
  fullName: string;
  role: Role;
  unitId: number;
}

export async function updateUser(db: Db, id: number, version: number, input: UserChanges, ctx: ChangeContext): Promise<UserWriteResult> {
  const before = await getUserById(db, id);
  if (!before) throw new Response("Not Found", { status: 404 });
  if (before.version !== version) return { ok: false, conflict: true, current: before };
  const fullName = toNfc(input.fullName);
  if (input.unitId !== before.unitId) {
    const unit = await db.selectFrom("units").select(["id", "active"]).where("id", "=", input.unitId).executeTakeFirst();
    if (!unit || unit.active !== 1) return { ok: false, fieldErrors: { unitId: ["error.invalidChoice"] } };
  }
  const now = (ctx.now ?? clock.now()).toISOString();
  const changed = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("users")
      .set({
        full_name: fullName,
        name_folded: foldForSearch(fullName),
        role: input.role,
        unit_id: input.unitId,
        updated_at: now,
        version: version + 1,
      })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actorUserId: ctx.actorUserId,
      action: "user.update",
      entityType: "user",
      entityId: id,
      data: {
        before: { fullName: before.fullName, role: before.role, unitId: before.unitId },
        after: { fullName, role: input.role, unitId: input.unitId },
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return true;
  });
  const current = (await getUserById(db, id))!;
  if (!changed) return { ok: false, conflict: true, current };
  return { ok: true, user: current };
}

/** Deactivating ends every session of the user at once and revokes their API tokens (reactivating brings none back). */
export async function setUserActive(db: Db, id: number, version: number, active: boolean, ctx: ChangeContext): Promise<UserWriteResult> {
  const before = await getUserById(db, id);
  if (!before) throw new Response("Not Found", { status: 404 });
  if (before.version !== version) return { ok: false, conflict: true, current: before };
  if (active && !before.unitActive) return { ok: false, fieldErrors: { form: ["error.unitClosed"] } };
  const now = (ctx.now ?? clock.now()).toISOString();
  const changed = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("users")
      .set({ active: active ? 1 : 0, deactivated_at: active ? null : now, updated_at: now, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    let apiTokensRevoked: number | undefined;
    if (!active) {
      await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
      apiTokensRevoked = await revokeAllApiTokens(trx, id, now);
    }
    await recordAudit(trx, {
      actorUserId: ctx.actorUserId,
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: id,
      data: { before: { active: before.active }, after: { active }, ...(apiTokensRevoked === undefined ? {} : { apiTokensRevoked }) },
      ip: ctx.ip,
      now: ctx.now,
    });
    return true;
  });
  const current = (await getUserById(db, id))!;
  if (!changed) return { ok: false, conflict: true, current };
  return { ok: true, user: current };
}

/** A new one-time password; every session of the user ends and every API token of theirs is revoked. */
export async function resetPassword(db: Db, id: number, ctx: ChangeContext): Promise<string> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = (ctx.now ?? clock.now()).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set((eb) => ({ password_hash: passwordHash, must_change_password: 1, updated_at: now, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
    const apiTokensRevoked = await revokeAllApiTokens(trx, id, now);
    await recordAudit(trx, {
      actorUserId: ctx.actorUserId,
      action: "user.reset_password",
      entityType: "user",
      entityId: id,
      data: { apiTokensRevoked },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return oneTimePassword;
}

/** The user's own password change; other sessions end, the current one stays; every API token is revoked. */
export async function changeOwnPassword(db: Db, userId: number, newPassword: string, keepSessionId: string, ctx: { ip?: string | null }) {
  const passwordHash = await hashPassword(newPassword);
  const now = clock.nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set((eb) => ({ password_hash: passwordHash, must_change_password: 0, updated_at: now, version: eb("version", "+", 1) }))
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
    const apiTokensRevoked = await revokeAllApiTokens(trx, userId, now);
    await recordAudit(trx, {
      actorUserId: userId,
      action: "account.change_password",
      entityType: "user",
      entityId: userId,
      data: { apiTokensRevoked },
      ip: ctx.ip,
    });
  });
}

export async function setLanguage(db: Db, userId: number, language: "vi" | "en") {
  await db.updateTable("users").set({ language }).where("id", "=", userId).execute();
}

export async function getPasswordHash(db: Db, userId: number) {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.password_hash;
}

/** Whether the user receives notification e-mails (the in-app inbox always receives). */
export async function getEmailEnabled(db: Db, userId: number): Promise<boolean> {
  const row = await db.selectFrom("users").select("email_enabled").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.email_enabled === 1;
}

/** The user's own e-mail opt-out, audited with the old and new value; no-op (and no audit) when unchanged. */
export async function setEmailEnabled(db: Db, input: { userId: number; enabled: boolean; ip?: string | null }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("users").select("email_enabled").where("id", "=", input.userId).executeTakeFirstOrThrow();
    const before = row.email_enabled === 1;
    if (before === input.enabled) return false;
    await trx
      .updateTable("users")
      .set({ email_enabled: input.enabled ? 1 : 0 })
      .where("id", "=", input.userId)
      .execute();
    await recordAudit(trx, {
      actorUserId: input.userId,
      action: "account.email_preference",
      entityType: "user",
      entityId: input.userId,
      data: { before: { emailEnabled: before }, after: { emailEnabled: input.enabled } },
      ip: input.ip ?? null,
    });
    return true;
  });
}
