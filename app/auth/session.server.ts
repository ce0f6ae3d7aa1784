/**
 * Sessions by Lucia's implementation guide, on Kysely.
 * The token is `<id>.<secret>`; the database keeps only SHA-256(secret), compared in constant time.
 * A session ends after 30 minutes without a request (sliding) or 12 hours after sign-in, whichever
 * comes first, and at once when its user is deactivated.
 */
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { generateSecureRandomString, hashSecret } from "./secrets.server";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** last_active_at is refreshed at most this often, so reads do not write on every request. */
const ACTIVITY_WRITE_INTERVAL_MS = 60 * 1000;

export interface SessionUser {
  id: number;
  email: string;
  fullName: string;
  role: "admin" | "committee" | "head" | "staff";
  unitId: number;
  active: boolean;
  language: "vi" | "en";
  mustChangePassword: boolean;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
}

export async function createSession(
  db: Db,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null; now?: Date } = {},
): Promise<{ token: string; sessionId: string }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const now = (meta.now ?? clock.now()).toISOString();
  await db
    .insertInto("sessions")
    .values({
      id,
      secret_hash: hashSecret(secret),
      user_id: userId,
      created_at: now,
      last_active_at: now,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token: `${id}.${secret}`, sessionId: id };
}

/** Checks a token; returns the session's user or null (and deletes a session that has ended). */
export async function validateSessionToken(db: Db, token: string, now: Date = clock.now()): Promise<ValidSession | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1] || parts[0].length > 64 || parts[1].length > 64) return null;
  const [id, secret] = parts;

  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as sessionId",
      "sessions.secret_hash as secretHash",
      "sessions.created_at as createdAt",
      "sessions.last_active_at as lastActiveAt",
      "users.id as userId",
      "users.email",
      "users.full_name as fullName",
      "users.role",
      "users.unit_id as unitId",
      "users.active",
      "users.language",
      "users.must_change_password as mustChangePassword",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;

  const given = new TextEncoder().encode(hashSecret(secret));
  const stored = new TextEncoder().encode(row.secretHash);
  if (given.length !== stored.length || !constantTimeEqual(given, stored)) return null;

  const nowMs = now.getTime();
  const expired =
    nowMs - Date.parse(row.createdAt) >= ABSOLUTE_LIFETIME_MS ||
    nowMs - Date.parse(row.lastActiveAt) >= IDLE_TIMEOUT_MS ||
    row.active !== 1;
  if (expired) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (nowMs - Date.parse(row.lastActiveAt) >= ACTIVITY_WRITE_INTERVAL_MS) {
    await db.updateTable("sessions").set({ last_active_at: now.toISOString() }).where("id", "=", id).execute();
  }
  return {
    sessionId: row.sessionId,
    user: {
      id: row.userId,
      email: row.email,
      fullName: row.fullName,
      role: row.role,
      unitId: row.unitId,
      active: row.active === 1,
      language: row.language,
      mustChangePassword: row.mustChangePassword === 1,
    },
  };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, optionally keeping one (the device the user is on). */
export async function invalidateUserSessions(db: Db, userId: number, keepSessionId?: string) {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteEndedSessions(db: Db, now: Date = clock.now()) {
  const idleCutoff = new Date(now.getTime() - IDLE_TIMEOUT_MS).toISOString();
  const absoluteCutoff = new Date(now.getTime() - ABSOLUTE_LIFETIME_MS).toISOString();
  await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("last_active_at", "<", idleCutoff), eb("created_at", "<", absoluteCutoff)]))
    .execute();
}
