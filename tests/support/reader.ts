/**
 * A second, independent connection to a test app's database for "nothing changed" checks: it sees
 * only what the server committed. better-sqlite3 read-only on a SQLite file; a pg client otherwise.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { TestApp } from "./app";

export interface RowReader {
  /** Rows of a query, as plain objects. */
  all(sqlText: string): Promise<Record<string, unknown>[]>;
  /**
   * Every row of a table, each as JSON, in a stable order that needs no particular key (SQLite's
   * rowid does not exist on PostgreSQL, and some tables have composite keys).
   */
  table(table: string, columns?: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function openRowReader(app: TestApp): Promise<RowReader> {
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  if (app.dialect === "postgres") {
    const client = new pg.Client({ connectionString: app.dbUrl });
    await client.connect();
    const all = async (sqlText: string) => (await client.query(sqlText)).rows as Record<string, unknown>[];
    return {
      all,
      table: async (table, columns = "*") => sorted(await all(`select ${columns} from ${table}`)),
      close: () => client.end(),
    };
  }
  const reader = new Database(app.dbFile, { readonly: true, fileMustExist: true });
  const all = async (sqlText: string) => reader.prepare(sqlText).all() as Record<string, unknown>[];
  return {
    all,
    table: async (table, columns = "*") => sorted(await all(`select ${columns} from ${table}`)),
    close: async () => void reader.close(),
  };
}
