import { sql, type Kysely } from "kysely";

/**
 * Indexes for the task list at city scale (100,000 tasks; see docs/benchmarks.md):
 * - the list's default order (deadline, undated last, then id) as an expression index, so the first
 *   page of an unfiltered list — the API's default — reads 50 index entries instead of sorting every
 *   task (the expression must stay exactly as listTasks writes it in app/models/task.server.ts);
 * - the deadline alone, for deadline-range filters (the Excel export of a period, the drill-downs);
 * - extension requests by status in id order: the overview's "oldest waiting" reads 5 entries
 *   instead of sorting every pending request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index tasks_list_order_idx on tasks ((case when deadline is null then 1 else 0 end), deadline, id)`.execute(db);
  await db.schema.createIndex("tasks_deadline_idx").on("tasks").columns(["deadline", "id"]).execute();
  await db.schema.createIndex("task_extensions_status_id_idx").on("task_extensions").columns(["status", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("task_extensions_status_id_idx").execute();
  await db.schema.dropIndex("tasks_deadline_idx").execute();
  await db.schema.dropIndex("tasks_list_order_idx").execute();
}
