import { sql, type Kysely } from "kysely";
import { idColumn, isPostgres } from "../migration-kit";

/**
 * Two hardening changes from the security review:
 *
 * - API tokens expire: `api_tokens.expires_at` (ISO-8601 UTC). Tokens that exist when this runs get one
 *   year from now. "Now" is the database's own clock here: a migration imports no app code, so it cannot
 *   read the app's clock; the instant only has to be about right (a year, give or take the run).
 *   The column stays nullable at the database level (SQLite cannot add a NOT NULL column without a
 *   default); the app always writes it and treats a missing expiry as expired.
 *
 * - Refused requests (403 on pages and the API, 401 on the API, cross-site writes) are counted in
 *   `access_denials`: one row per (day, kind, who), whose `count` an upsert increments, so a flood of
 *   refusals adds one row, not one per request. It is a table of its own because `audit_events` is
 *   append-only (enforced by triggers) and a counter must be updated.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("api_tokens").addColumn("expires_at", "text").execute();
  const aYearFromNow = isPostgres(db)
    ? sql`to_char((current_timestamp at time zone 'UTC') + interval '365 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+365 days')`;
  await db.updateTable("api_tokens").set({ expires_at: aYearFromNow }).where("expires_at", "is", null).execute();

  const id = idColumn(db);
  await db.schema
    .createTable("access_denials")
    .addColumn("id", id.type, id.build)
    /** The day in the app's time zone (YYYY-MM-DD). */
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('page_forbidden', 'api_forbidden', 'api_unauthorized', 'cross_site')`),
    )
    /** Who was refused: "user:<id>" when the request was signed in, otherwise "ip:<address>". */
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("ip", "text")
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("first_at", "text", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addColumn("last_method", "text", (c) => c.notNull())
    .addColumn("last_path", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("access_denials_key_idx").on("access_denials").columns(["day", "kind", "subject"]).unique().execute();
  await db.schema.createIndex("access_denials_last_idx").on("access_denials").columns(["last_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("access_denials").execute();
  await db.schema.alterTable("api_tokens").dropColumn("expires_at").execute();
}
