import { sql, type Kysely } from "kysely";
import { dropAppendOnly, idColumn, isPostgres, makeAppendOnly } from "../migration-kit";

/**
 * The rollup-relevant state of every task over time: one row each time it changes (status, lead
 * unit, deadline in force, completion, programs, goal). A report "as of" a past date reads the row
 * in force then, so it gives the same numbers whenever it is produced again. Append-only.
 * Also: monthly rollup snapshots (frozen at the period cut-off) and the rollup version counter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);
  await db.schema
    .createTable("task_states")
    .addColumn("id", id.type, id.build)
    .addColumn("task_id", "integer", (c) => c.notNull().references("tasks.id"))
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("lead_unit_id", "integer", (c) => c.references("units.id"))
    .addColumn("owner_id", "integer", (c) => c.references("users.id"))
    .addColumn("deadline", "text")
    .addColumn("completed_on", "text")
    .addColumn("extension_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("goal_id", "integer", (c) => c.references("goals.id"))
    .addColumn("programs", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("coordinating_unit_ids", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("task_states_task_idx").on("task_states").columns(["task_id", "valid_from"]).execute();
  await db.schema.createIndex("task_states_valid_from_idx").on("task_states").columns(["valid_from", "task_id"]).execute();
  await makeAppendOnly(db, "task_states");

  // Backfill: one row for the state each existing task is in now, valid from its last change.
  const concat = (column: string) => (isPostgres(db) ? `string_agg(${column}::text, ',')` : `group_concat(${column}, ',')`);
  await sql
    .raw(
      `insert into task_states (task_id, valid_from, status, lead_unit_id, owner_id, deadline, completed_on, extension_count, goal_id, programs, coordinating_unit_ids)
       select t.id, t.updated_at, t.status, t.lead_unit_id, t.owner_id, t.deadline, t.completed_on, t.extension_count, t.goal_id,
         coalesce((select ${concat("p.program_code")} from task_programs p where p.task_id = t.id), ''),
         coalesce((select ${concat("c.unit_id")} from task_coordinating_units c where c.task_id = t.id), '')
       from tasks t`,
    )
    .execute(db);

  await db.schema
    .createTable("rollup_snapshots")
    .addColumn("id", id.type, id.build)
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("include_subunits", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("numbers", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("rollup_snapshots_key", ["period_end", "dimension", "item_key", "include_subunits"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rollup_snapshots").execute();
  await dropAppendOnly(db, "task_states");
  await db.schema.dropTable("task_states").execute();
}
