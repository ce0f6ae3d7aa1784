import { sql, type Kysely } from "kysely";
import { idColumn } from "../migration-kit";

/**
 * Reminders, escalations and digests (issue 5).
 *
 * - `settings`: small admin-edited documents by key (JSON), versioned; the reminder schedule lives
 *   under the key "reminder_schedule" (defaults in app/domain/reminder-schedule.ts when absent).
 * - `notifications`: the in-app inbox. `dedupe_key` is the exactly-once key — task, rule, deadline
 *   in force and recipient (or digest kind, date and recipient) — unique, so a second run, a rerun
 *   after a crash or a second server inserting the same reminder is a no-op (insert … on conflict do
 *   nothing).
 * - `email_outbox`: every e-mail the app means to send, written in the same transaction as its
 *   notification. A sender claims a row, sends it, and marks it sent; failures are retried with
 *   backoff (attempts, next_attempt_at, last_error) and stay visible to the admin. Without SMTP the
 *   rows simply stay unsent.
 * - `reminder_runs`: one row per processed day, so a server coming back after downtime knows which
 *   days it still has to process.
 * - `users.email_enabled`: a user's own e-mail opt-out (the in-app inbox always receives).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", id.type, id.build)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("task_id", "integer", (c) => c.references("tasks.id"))
    .addColumn("extension_id", "integer", (c) => c.references("task_extensions.id"))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("deadline", "text")
    .addColumn("run_date", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "id"]).execute();
  await db.schema.createIndex("notifications_unread_idx").on("notifications").columns(["user_id", "read_at"]).execute();
  await db.schema.createIndex("notifications_task_idx").on("notifications").column("task_id").execute();

  await db.schema
    .createTable("email_outbox")
    .addColumn("id", id.type, id.build)
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("notification_id", "integer", (c) => c.references("notifications.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'sending', 'sent', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("claimed_at", "text")
    .addColumn("claim_token", "text")
    .addColumn("message_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("email_outbox_due_idx").on("email_outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("email_outbox_created_idx").on("email_outbox").column("created_at").execute();

  await db.schema
    .createTable("reminder_runs")
    .addColumn("run_date", "text", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('running', 'done')`))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("counts", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();

  await db.schema
    .alterTable("users")
    .addColumn("email_enabled", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("email_enabled").execute();
  await db.schema.dropTable("reminder_runs").execute();
  await db.schema.dropTable("email_outbox").execute();
  await db.schema.dropTable("notifications").execute();
  await db.schema.dropTable("settings").execute();
}
