/**
 * Opening the database. Shared by the app (through app/db.server.ts), the scripts and the tests.
 * `DATABASE_URL` is a SQLite file path (the default) or a postgres:// URL (several app servers).
 *
 * SQLite: every connection sets the durability pragmas explicitly: better-sqlite3 would otherwise
 * run WAL with synchronous=NORMAL, where a power cut can lose an acknowledged commit.
 * PostgreSQL: a pool of `poolSize` connections; counts, bigints and numerics come back as numbers,
 * as they do from SQLite, so the models never see a dialect difference in their results.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type SqliteDialectConfig,
} from "kysely";
import pg from "pg";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

export const SQLITE_PRAGMAS = {
  journal_mode: "wal",
  synchronous: 2, // FULL
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

export const DEFAULT_POOL_SIZE = 10;

/** True for a postgres:// or postgresql:// URL; everything else is a SQLite file path. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`);
  return sqlite;
}

// count(*) and sum() of integers are bigint (20) and numeric (1700) in PostgreSQL; pg returns both as
// strings by default. Values here stay far below 2^53, and SQLite returns them as numbers.
let typesSet = false;
function setPgTypeParsers() {
  if (typesSet) return;
  typesSet = true;
  pg.types.setTypeParser(20, (v) => parseInt(v, 10)); // int8 / bigint: count(*)
  pg.types.setTypeParser(1700, (v) => parseFloat(v)); // numeric: sum(int), avg(), round()
  // float4 (700) and float8 (701) are numbers already.
}

export type OpenedDb =
  | { db: Kysely<Database>; dialect: "sqlite"; sqlite: SQLite.Database }
  | { db: Kysely<Database>; dialect: "postgres"; sqlite?: undefined; pool: pg.Pool };

/** Opens `url` (a SQLite file path, `file:` path, or a postgres:// URL). */
export function createDb(url: string, options: { poolSize?: number } = {}): OpenedDb {
  if (isPostgresUrl(url)) {
    setPgTypeParsers();
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE });
    // An idle client losing its connection (server restart) must not crash the process.
    pool.on("error", () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", pool };
  }
  const sqlite = openSqlite(url.replace(/^file:/, ""));
  const db = new Kysely<Database>({ dialect: new WriteFirstSqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", sqlite };
}

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at BEGIN (waiting up to busy_timeout).
 * A command reads the record first and writes after; begun DEFERRED, its read would pin a snapshot and
 * its first write fail at once with SQLITE_BUSY when another server process wrote in between (busy_timeout
 * cannot wait for that). Every transaction the app opens is a write, so nothing is lost by locking early.
 */
class WriteFirstSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class WriteFirstSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver() {
    return new WriteFirstSqliteDriver(this.settings);
  }
}

export function createMigrator(db: Kysely<any>) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>) {
  const { error, results } = await createMigrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `Migration ${failed.migrationName} failed: ${reason}` : `Migrating the database failed: ${reason}`);
  }
  return results ?? [];
}

/** The database named in a URL or file path, without credentials, for messages. */
export function describeDatabase(url: string): string {
  if (!isPostgresUrl(url)) return url.replace(/^file:/, "");
  try {
    const u = new URL(url);
    return `postgres://${u.host}${u.pathname}`;
  } catch {
    return "postgres://(unparsable URL)";
  }
}
