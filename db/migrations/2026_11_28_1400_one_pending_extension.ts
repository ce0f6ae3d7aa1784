import { sql, type Kysely } from "kysely";

/**
 * At most one pending extension request per task, enforced by the database. The model checks first
 * (and says "a request is already waiting"), but two requests racing on PostgreSQL — where every query
 * waits on the network — can both pass that check; this partial unique index makes the second insert
 * fail, and the model maps that failure to the same message. Partial indexes work on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("task_extensions_one_pending_idx")
    .on("task_extensions")
    .column("task_id")
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("task_extensions_one_pending_idx").execute();
}
