/**
 * Personal API tokens: all SQL for creating, listing, revoking and checking them.
 * A token is "rv_" + 32 random characters (160 bits). The database keeps only its SHA-256 and the
 * first characters (to tell tokens apart in a list); the plaintext is returned once, at creation.
 * A token acts as its user: it stops working when it is revoked, when it expires (chosen at creation:
 * 1 to 365 days), and when its user's password changes or is reset or the user is deactivated (all their
 * tokens are then revoked, for good: reactivating the user brings none back).
 */
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { sql, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { hashSecret } from "~/auth/secrets.server";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_MIN_DAYS } from "~/domain/token-lifetime";
import { recordAudit } from "./audit.server";

export const TOKEN_PREFIX = "rv_";
const TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 characters, no look-alikes
const TOKEN_RANDOM_LENGTH = 32; // × 5 bits = 160 bits
/** Shown in lists: "rv_" and the first 6 random characters (30 of the 160 bits). */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
const TOKEN_RE = new RegExp(`^${TOKEN_PREFIX}[${TOKEN_ALPHABET}]{${TOKEN_RANDOM_LENGTH}}$`);
/** last_used_at is written at most this often, so API reads do not write on every call. */
const LAST_USED_WRITE_INTERVAL_MS = 60 * 1000;
/** Active tokens one user may hold; more is a sign of tokens not being revoked. */
export const MAX_ACTIVE_TOKENS = 20;
/** A token's lifetime in days, chosen at creation: at least a day, at most (and by default) a year. */
export { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_MIN_DAYS } from "~/domain/token-lifetime";
const DAY_MS = 24 * 60 * 60 * 1000;

export function isValidTokenDays(days: number): boolean {
  return Number.isInteger(days) && days >= TOKEN_MIN_DAYS && days <= TOKEN_MAX_DAYS;
}

export function generateApiToken(): string {
  const bytes = new Uint8Array(TOKEN_RANDOM_LENGTH);
  crypto.getRandomValues(bytes);
  let out = TOKEN_PREFIX;
  for (const byte of bytes) out += TOKEN_ALPHABET[byte >> 3];
  return out;
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_RE.test(value);
}

export interface ApiTokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

export interface TokenChangeContext {
  /** Who does it: the user themself, or null for the command line. */
  actorUserId: number | null;
  ip?: string | null;
  now?: Date;
}

export async function countActiveTokens(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom("api_tokens")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", clock.nowIso())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Creates a token for the user, valid for `days` days (default and maximum 365, minimum 1); the
 * plaintext is in the result and nowhere else, ever.
 */
export async function createApiToken(
  db: Db,
  input: { userId: number; name: string; days?: number },
  ctx: TokenChangeContext,
): Promise<{ id: number; token: string; prefix: string; name: string; expiresAt: string }> {
  const days = input.days ?? TOKEN_DEFAULT_DAYS;
  if (!isValidTokenDays(days)) throw new RangeError(`A token lasts ${TOKEN_MIN_DAYS} to ${TOKEN_MAX_DAYS} days, not ${days}.`);
  const token = generateApiToken();
  const prefix = token.slice(0, DISPLAY_PREFIX_LENGTH);
  const at = ctx.now ?? clock.now();
  const now = at.toISOString();
  const expiresAt = new Date(at.getTime() + days * DAY_MS).toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("api_tokens")
      .values({
        user_id: input.userId,
        name: input.name,
        token_hash: hashSecret(token),
        token_prefix: prefix,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: ctx.actorUserId,
      action: "api_token.create",
      entityType: "api_token",
      entityId: row.id,
      data: { userId: input.userId, name: input.name, prefix, expiresAt, via: ctx.actorUserId === null ? "cli" : "web" },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return { id, token, prefix, name: input.name, expiresAt };
}

/** The user's tokens, newest first (revoked ones too, so the list explains what stopped working). */
export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenRow[]> {
  return (
    db
      .selectFrom("api_tokens")
      .select([
        "id",
        "name",
        "token_prefix as prefix",
        "created_at as createdAt",
        "last_used_at as lastUsedAt",
        "revoked_at as revokedAt",
        "expires_at as expiresAt",
      ])
      .where("user_id", "=", userId)
      // Active tokens (revoked_at NULL) first on both databases: their NULL ordering differs.
      .orderBy(sql`case when revoked_at is null then 0 else 1 end`)
      .orderBy("revoked_at", "asc")
      .orderBy("id", "desc")
      .execute()
  );
}

/** Revokes one of the user's own active tokens; false when there is no such token. */
export async function revokeApiToken(db: Db, input: { userId: number; tokenId: number }, ctx: TokenChangeContext): Promise<boolean> {
  const now = (ctx.now ?? clock.now()).toISOString();
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: now })
      .where("id", "=", input.tokenId)
      .where("user_id", "=", input.userId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actorUserId: ctx.actorUserId,
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: input.tokenId,
      data: { userId: input.userId },
      ip: ctx.ip,
      now: ctx.now,
    });
    return true;
  });
}

/**
 * Revokes every active token of the user, inside the caller's transaction (a password change or reset,
 * a deactivation); returns how many, for that change's audit entry.
 */
export async function revokeAllApiTokens(trx: Transaction<Database>, userId: number, now: string): Promise<number> {
  const result = await trx
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ApiTokenUser {
  tokenId: number;
  id: number;
  email: string;
  fullName: string;
  role: "admin" | "committee" | "head" | "staff";
  unitId: number;
  active: boolean;
  language: "vi" | "en";
  /** When the token stops working. */
  tokenExpiresAt: string;
}

/**
 * The user a token acts as, or null: unknown, revoked, expired, or its user deactivated.
 * Looked up by hash, then compared in constant time (as the sessions are).
 */
export async function authenticateApiToken(db: Db, token: string, now: Date = clock.now()): Promise<ApiTokenUser | null> {
  if (!looksLikeApiToken(token)) return null;
  const hash = hashSecret(token);
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as tokenId",
      "api_tokens.token_hash as tokenHash",
      "api_tokens.last_used_at as lastUsedAt",
      "api_tokens.revoked_at as revokedAt",
      "api_tokens.expires_at as expiresAt",
      "users.id",
      "users.email",
      "users.full_name as fullName",
      "users.role",
      "users.unit_id as unitId",
      "users.active",
      "users.language",
    ])
    .where("api_tokens.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  const given = new TextEncoder().encode(hash);
  const stored = new TextEncoder().encode(row.tokenHash);
  if (given.length !== stored.length || !constantTimeEqual(given, stored)) return null;
  if (row.revokedAt !== null || row.active !== 1) return null;
  // No expiry (cannot happen after the backfill) counts as expired: fail closed.
  if (row.expiresAt === null || !(now.getTime() < Date.parse(row.expiresAt))) return null;

  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) >= LAST_USED_WRITE_INTERVAL_MS) {
    await db.updateTable("api_tokens").set({ last_used_at: now.toISOString() }).where("id", "=", row.tokenId).execute();
  }
  return {
    tokenId: row.tokenId,
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role,
    unitId: row.unitId,
    active: row.active === 1,
    language: row.language,
    tokenExpiresAt: row.expiresAt,
  };
}
