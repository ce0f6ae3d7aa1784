/**
 * The few dialect differences migrations must bridge (SQLite today, PostgreSQL later).
 * Frozen like the migrations that use it: change behaviour only by adding new functions.
 */
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from "kysely";

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-increment integer primary key on either dialect. */
export function idColumn(db: Kysely<any>) {
  const pg = isPostgres(db);
  return {
    type: (pg ? "serial" : "integer") as "integer",
    build: (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()),
  };
}

/** Refuse UPDATE and DELETE on an append-only table, at the database level. */
export async function makeAppendOnly(db: Kysely<any>, table: string) {
  if (isPostgres(db)) {
    await sql
      .raw(
        `create or replace function refuse_change_${table}() returns trigger language plpgsql as $$
         begin raise exception '${table} is append-only'; end $$;`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_append_only before update or delete on ${table}
         for each row execute function refuse_change_${table}();`,
      )
      .execute(db);
    return;
  }
  for (const op of ["update", "delete"]) {
    await sql
      .raw(
        `create trigger ${table}_no_${op} before ${op} on ${table}
         begin select raise(abort, '${table} is append-only'); end;`,
      )
      .execute(db);
  }
}

export async function dropAppendOnly(db: Kysely<any>, table: string) {
  if (isPostgres(db)) {
    await sql.raw(`drop trigger if exists ${table}_append_only on ${table}`).execute(db);
    await sql.raw(`drop function if exists refuse_change_${table}()`).execute(db);
    return;
  }
  for (const op of ["update", "delete"]) {
    await sql.raw(`drop trigger if exists ${table}_no_${op}`).execute(db);
  }
}
