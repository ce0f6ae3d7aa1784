import type { Kysely } from "kysely";

/**
 * Sign-in hardening (security review, December 2026):
 * - `purpose` tells a sign-in ('sign_in') from the current-password check before a password change
 *   ('password_check'), so both are throttled from one table; every existing row is a sign-in;
 * - an index on (account, outcome, time): the throttle reads the addresses an account signed in from
 *   successfully (its "known" addresses, 90 days) without scanning its failures.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("login_attempts")
    .addColumn("purpose", "text", (c) => c.notNull().defaultTo("sign_in"))
    .execute();
  await db.schema
    .createIndex("login_attempts_email_outcome_idx")
    .on("login_attempts")
    .columns(["email_normalized", "succeeded", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("login_attempts_email_outcome_idx").execute();
  await db.schema.alterTable("login_attempts").dropColumn("purpose").execute();
}
