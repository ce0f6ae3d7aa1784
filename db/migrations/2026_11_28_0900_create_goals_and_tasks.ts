import { sql, type Kysely } from "kysely";
import { idColumn } from "../migration-kit";

/**
 * Goals, tasks under the 5-rõ rule, their programs and coordinating units, progress updates with
 * evidence, extension requests, and personal API tokens. Task history goes to audit_events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable("goals")
    .addColumn("id", id.type, id.build)
    .addColumn("program_code", "text", (c) => c.notNull().references("programs.code"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_folded", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("lead_unit_id", "integer", (c) => c.notNull().references("units.id"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("indicator_name", "text")
    .addColumn("indicator_unit", "text")
    .addColumn("indicator_target", "real")
    .addColumn("indicator_baseline", "real")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("goals_program_idx").on("goals").column("program_code").execute();

  // Every reading of a goal's indicator, so a trend can be judged; the latest is "current".
  await db.schema
    .createTable("goal_indicator_values")
    .addColumn("id", id.type, id.build)
    .addColumn("goal_id", "integer", (c) => c.notNull().references("goals.id"))
    .addColumn("value", "real", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("recorded_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("goal_values_goal_idx").on("goal_indicator_values").columns(["goal_id", "as_of"]).execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", id.type, id.build)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("search_folded", "text", (c) => c.notNull())
    .addColumn("owner_id", "integer", (c) => c.references("users.id"))
    .addColumn("lead_unit_id", "integer", (c) => c.references("units.id"))
    .addColumn("start_date", "text")
    .addColumn("deadline", "text")
    .addColumn("original_deadline", "text")
    .addColumn("extension_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("deliverable", "text")
    .addColumn("goal_id", "integer", (c) => c.references("goals.id"))
    .addColumn("parent_id", "integer", (c) => c.references("tasks.id"))
    .addColumn("priority", "text", (c) => c.notNull().defaultTo("normal").check(sql`priority in ('low', 'normal', 'high', 'urgent')`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(sql`status in ('draft', 'not_started', 'in_progress', 'done', 'cancelled')`),
    )
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn("issued_at", "text")
    .addColumn("completed_at", "text")
    .addColumn("completed_on", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("last_update_at", "text")
    .addColumn("source_doc_number", "text")
    .addColumn("source_doc_date", "text")
    .addColumn("source_doc_issuer", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    // The 5-rõ gate, enforced by the database itself: an issued task has all five (a draft may be
    // cancelled before it ever was complete).
    .addCheckConstraint(
      "tasks_five_clear",
      sql`status = 'draft' or (status = 'cancelled' and issued_at is null) or (
        length(trim(title)) > 0 and owner_id is not null and lead_unit_id is not null
        and deadline is not null and original_deadline is not null
        and deliverable is not null and length(trim(deliverable)) > 0 and issued_at is not null)`,
    )
    .addCheckConstraint("tasks_done_has_completion", sql`status <> 'done' or (completed_at is not null and completed_on is not null)`)
    .addCheckConstraint("tasks_cancel_has_reason", sql`status <> 'cancelled' or (cancel_reason is not null and cancelled_at is not null)`)
    .addCheckConstraint("tasks_start_before_deadline", sql`start_date is null or deadline is null or start_date <= deadline`)
    .execute();
  await db.schema.createIndex("tasks_lead_unit_idx").on("tasks").columns(["lead_unit_id", "status", "deadline"]).execute();
  await db.schema.createIndex("tasks_owner_idx").on("tasks").columns(["owner_id", "status", "deadline"]).execute();
  await db.schema.createIndex("tasks_status_deadline_idx").on("tasks").columns(["status", "deadline"]).execute();
  await db.schema.createIndex("tasks_goal_idx").on("tasks").column("goal_id").execute();
  await db.schema.createIndex("tasks_parent_idx").on("tasks").column("parent_id").execute();

  await db.schema
    .createTable("task_programs")
    .addColumn("task_id", "integer", (c) => c.notNull().references("tasks.id"))
    .addColumn("program_code", "text", (c) => c.notNull().references("programs.code"))
    .addPrimaryKeyConstraint("task_programs_pk", ["task_id", "program_code"])
    .execute();
  await db.schema.createIndex("task_programs_program_idx").on("task_programs").columns(["program_code", "task_id"]).execute();

  await db.schema
    .createTable("task_coordinating_units")
    .addColumn("task_id", "integer", (c) => c.notNull().references("tasks.id"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("units.id"))
    .addPrimaryKeyConstraint("task_coordinating_units_pk", ["task_id", "unit_id"])
    .execute();
  await db.schema.createIndex("task_coord_unit_idx").on("task_coordinating_units").columns(["unit_id", "task_id"]).execute();

  await db.schema
    .createTable("task_updates")
    .addColumn("id", id.type, id.build)
    .addColumn("task_id", "integer", (c) => c.notNull().references("tasks.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('progress', 'done', 'reopen', 'cancel')`))
    .addColumn("progress", "integer", (c) => c.notNull().check(sql`progress between 0 and 100`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("task_updates_task_idx").on("task_updates").columns(["task_id", "id"]).execute();

  await db.schema
    .createTable("task_evidence")
    .addColumn("id", id.type, id.build)
    .addColumn("task_id", "integer", (c) => c.notNull().references("tasks.id"))
    .addColumn("update_id", "integer", (c) => c.references("task_updates.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('link', 'file')`))
    .addColumn("url", "text")
    .addColumn("file_name", "text")
    .addColumn("storage_key", "text")
    .addColumn("mime_type", "text")
    .addColumn("size_bytes", "integer")
    .addColumn("sha256", "text")
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "task_evidence_kind_fields",
      sql`(kind = 'link' and url is not null) or (kind = 'file' and storage_key is not null and sha256 is not null and file_name is not null)`,
    )
    .execute();
  await db.schema.createIndex("task_evidence_task_idx").on("task_evidence").columns(["task_id", "id"]).execute();

  await db.schema
    .createTable("task_extensions")
    .addColumn("id", id.type, id.build)
    .addColumn("task_id", "integer", (c) => c.notNull().references("tasks.id"))
    .addColumn("requested_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("previous_deadline", "text", (c) => c.notNull())
    .addColumn("requested_deadline", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'approved', 'rejected')`))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .addCheckConstraint("task_extensions_later", sql`requested_deadline > previous_deadline`)
    .execute();
  await db.schema.createIndex("task_extensions_task_idx").on("task_extensions").columns(["task_id", "id"]).execute();
  await db.schema.createIndex("task_extensions_status_idx").on("task_extensions").columns(["status", "requested_at"]).execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", id.type, id.build)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("token_prefix", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_user_idx").on("api_tokens").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "api_tokens",
    "task_extensions",
    "task_evidence",
    "task_updates",
    "task_coordinating_units",
    "task_programs",
    "tasks",
    "goal_indicator_values",
    "goals",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
