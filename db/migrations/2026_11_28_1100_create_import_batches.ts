import type { Kysely } from "kysely";

/**
 * Excel imports waiting for confirmation: the parsed, checked rows of one upload (JSON, a few MB at
 * most for the largest accepted file), bound to the user who uploaded them, with an expiry. Confirming
 * moves `status` from pending to imported and bumps `version` in the same transaction as the tasks,
 * so a double submit imports once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("import_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    // No foreign key: users are never deleted by the app, and the demo reset (db/seed.ts clearData)
    // deletes users without knowing this table; a leftover preview simply stops matching anyone.
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("error_count", "integer", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("result", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("imported_at", "text")
    .execute();
  await db.schema.createIndex("import_batches_user_idx").on("import_batches").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("import_batches_expires_idx").on("import_batches").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_batches").execute();
}
