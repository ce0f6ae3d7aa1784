/**
 * Sign-in attempts (and current-password checks) as the throttle rules in app/domain/throttle.ts see
 * them, and the owner's "someone is guessing your password" e-mail.
 *
 * An attempt is written as a failure BEFORE its password is checked, in the same transaction as the
 * read that allowed it, and turned into a success afterwards: parallel requests therefore each see the
 * others, and a burst cannot slip more guesses past a limit than it allows. On SQLite transactions
 * already run one at a time; on PostgreSQL a transaction-scoped advisory lock per account does that.
 */
import { PostgresAdapter, sql, type Transaction } from "kysely";
import type { Database, LoginAttemptPurpose } from "#db/schema";
import type { Db } from "~/db.server";
import { ACCOUNT_DELAY_WINDOW_MS, KNOWN_ADDRESS_MS, THROTTLE_WINDOW_MS, type SignInFacts } from "~/domain/throttle";
import type { RenderedMail } from "~/mail/templates";

type Tx = Transaction<Database>;

const isoBefore = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();

/** Serialises attempts on one account for the rest of the transaction (PostgreSQL; SQLite needs none). */
export async function lockAttempts(trx: Tx, key: string) {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(hashtext(${"login:" + key}))`.execute(trx);
  }
}

/** What the sign-in throttle needs to decide on an attempt of `email` from `ip`. */
export async function readSignInFacts(db: Db | Tx, input: { email: string; ip: string; now: Date }): Promise<SignInFacts> {
  const [account, address, known] = await Promise.all([
    db
      .selectFrom("login_attempts")
      .select(["ip", "created_at as at"])
      .where("email_normalized", "=", input.email)
      .where("purpose", "=", "sign_in")
      .where("succeeded", "=", 0)
      .where("created_at", ">", isoBefore(input.now, ACCOUNT_DELAY_WINDOW_MS))
      .execute(),
    db
      .selectFrom("login_attempts")
      .select("created_at")
      .where("ip", "=", input.ip)
      .where("purpose", "=", "sign_in")
      .where("succeeded", "=", 0)
      .where("created_at", ">", isoBefore(input.now, THROTTLE_WINDOW_MS))
      .execute(),
    db
      .selectFrom("login_attempts")
      .select("ip")
      .distinct()
      .where("email_normalized", "=", input.email)
      .where("succeeded", "=", 1)
      .where("purpose", "=", "sign_in")
      .where("created_at", ">", isoBefore(input.now, KNOWN_ADDRESS_MS))
      .execute(),
  ]);
  return {
    ip: input.ip,
    accountFailures: account,
    addressFailures: address.map((r) => r.created_at),
    knownAddresses: known.map((r) => r.ip),
  };
}

/** Failed current-password checks of one account in the last 15 minutes. */
export async function recentPasswordCheckFailures(db: Db | Tx, input: { email: string; now: Date }): Promise<string[]> {
  const rows = await db
    .selectFrom("login_attempts")
    .select("created_at")
    .where("email_normalized", "=", input.email)
    .where("purpose", "=", "password_check")
    .where("succeeded", "=", 0)
    .where("created_at", ">", isoBefore(input.now, THROTTLE_WINDOW_MS))
    .execute();
  return rows.map((r) => r.created_at);
}

/** Records an attempt as failed (until `markAttemptSucceeded`); returns its id. */
export async function recordAttempt(
  db: Db | Tx,
  input: { email: string; ip: string; purpose: LoginAttemptPurpose; now: Date },
): Promise<number> {
  const row = await db
    .insertInto("login_attempts")
    .values({ email_normalized: input.email, ip: input.ip, purpose: input.purpose, succeeded: 0, created_at: input.now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markAttemptSucceeded(db: Db | Tx, id: number) {
  await db.updateTable("login_attempts").set({ succeeded: 1 }).where("id", "=", id).execute();
}

/** The e-mail facts of a user the alert goes to. */
export async function getAlertRecipient(db: Db, userId: number) {
  return db
    .selectFrom("users")
    .select(["id", "email", "full_name as fullName", "language", "active"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/**
 * Queues the "failed sign-ins on your account" e-mail, once per account and day (`dedupeKey` holds the
 * day). Returns whether it was queued now. Sent whatever the reminder e-mail setting: it is about the
 * account's safety, not about tasks.
 */
export async function queueSignInAlert(
  db: Db | Tx,
  input: { userId: number; to: string; language: "vi" | "en"; dedupeKey: string; mail: RenderedMail; now: Date },
): Promise<boolean> {
  const nowIso = input.now.toISOString();
  const inserted = await db
    .insertInto("email_outbox")
    .values({
      dedupe_key: input.dedupeKey,
      notification_id: null,
      user_id: input.userId,
      kind: "security_sign_in_failures",
      to_address: input.to,
      language: input.language,
      subject: input.mail.subject,
      text_body: input.mail.text,
      html_body: input.mail.html,
      status: "pending",
      attempts: 0,
      next_attempt_at: nowIso,
      created_at: nowIso,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}
