/**
 * db:backup / db:restore for a PostgreSQL DATABASE_URL: PostgreSQL's own tools do the copying
 * (pg_dump --format=custom, pg_restore), this module checks before and after, like the SQLite path:
 * the archive must list every table's data; when the server lets us create a scratch database the
 * dump is restored there and its row counts and migrations are compared with the source's.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { APPEND_ONLY_TABLES, BackupError, type DbFacts } from "./sqlite-backup";

function open(url: string) {
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
}

/** The URL without its password, for messages. */
export function safeUrl(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(the PostgreSQL URL)";
  }
}

async function withDb<T>(url: string, run: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = open(url);
  try {
    return await run(db);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`PostgreSQL at ${safeUrl(url)}: ${error instanceof Error ? error.message : error}`);
  } finally {
    await db.destroy();
  }
}

async function tablesOf(db: Kysely<any>) {
  const rows = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    db,
  );
  return rows.rows.map((r) => r.table_name);
}

export async function pgFacts(url: string): Promise<DbFacts> {
  return await withDb(url, async (db) => {
    const tables = await tablesOf(db);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    const migrations = tables.includes("kysely_migration")
      ? (await db.selectFrom("kysely_migration").select("name").orderBy("name").execute()).map((r) => r.name as string)
      : [];
    return { integrity: "ok", foreignKeyProblems: 0, counts, migrations };
  });
}

function tool(name: string, args: string[]) {
  const result = spawnSync(name, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new BackupError(
      (result.error as NodeJS.ErrnoException).code === "ENOENT"
        ? `${name} is not installed (Debian: apt-get install postgresql-client, the same major version as the server).`
        : `${name} failed to start: ${result.error.message}`,
    );
  }
  return result;
}

/** Checks a custom-format archive: readable by pg_restore, with the data of every table it should have. */
export function listArchive(file: string, expectTables?: string[]) {
  if (!fs.existsSync(file)) throw new BackupError(`No file at ${file}.`);
  const listed = tool("pg_restore", ["--list", file]);
  if (listed.status !== 0)
    throw new BackupError(`${file} is not a readable pg_dump archive (pg_restore: ${listed.stderr.trim().split("\n")[0]}).`);
  const dataTables = [...listed.stdout.matchAll(/ TABLE DATA \S+ (\S+) /g)].map((m) => m[1]!);
  if (!dataTables.includes("kysely_migration"))
    throw new BackupError(`${file} is a pg_dump archive but not of a Rõ Việc database (no migrations table).`);
  const missing = (expectTables ?? []).filter((t) => !dataTables.includes(t));
  if (missing.length) throw new BackupError(`${file} lacks the data of: ${missing.join(", ")}.`);
  return dataTables;
}

function restoreArgs(file: string, url: string) {
  // One transaction: a restore that fails leaves the target as empty as it was.
  return ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file];
}

/** Restores the archive into a scratch database on the same server to count its rows; null when not allowed to create one. */
async function countsInArchive(url: string, file: string): Promise<DbFacts | null> {
  const scratch = `roviec_verify_${crypto.randomBytes(4).toString("hex")}`;
  const created = await withDb(url, async (db) => {
    try {
      await sql.raw(`create database ${scratch}`).execute(db);
      return true;
    } catch {
      return false; // no CREATEDB right: the archive listing is the check
    }
  });
  if (!created) return null;
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${scratch}`;
  try {
    const restored = tool("pg_restore", restoreArgs(file, scratchUrl.toString()));
    if (restored.status !== 0) throw new BackupError(`The archive does not restore: ${restored.stderr.trim().slice(0, 500)}`);
    return await pgFacts(scratchUrl.toString());
  } finally {
    await withDb(url, async (db) => void (await sql.raw(`drop database if exists ${scratch}`).execute(db)));
  }
}

export async function pgBackup(url: string, destination: string, options: { force?: boolean } = {}) {
  if (fs.existsSync(destination) && !options.force)
    throw new BackupError(`${destination} already exists. Choose another file name, or add --force to replace it.`);
  const dir = path.dirname(path.resolve(destination));
  if (!fs.existsSync(dir)) throw new BackupError(`The folder ${dir} does not exist.`);
  const before = await pgFacts(url);
  const temp = path.join(dir, `.${path.basename(destination)}.${crypto.randomUUID()}.tmp`);
  const startedAt = performance.now();
  try {
    // pg_dump reads one snapshot (a repeatable-read transaction): consistent while the app writes.
    const dumped = tool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${temp}`, url]);
    if (dumped.status !== 0) throw new BackupError(`pg_dump failed: ${dumped.stderr.trim().slice(0, 500)}`);
    listArchive(temp, Object.keys(before.counts));
    const after = await countsInArchive(url, temp);
    if (after) {
      const fewer = APPEND_ONLY_TABLES.filter((t) => t in before.counts && (after.counts[t] ?? 0) < before.counts[t]!);
      if (fewer.length) throw new BackupError(`The dump has fewer rows than the database had before the backup in: ${fewer.join(", ")}.`);
      if (after.migrations.join() !== before.migrations.join()) throw new BackupError("The dump's migrations differ from the database's.");
    }
    const fd = fs.openSync(temp, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, destination);
    return { before, after, ms: performance.now() - startedAt, bytes: fs.statSync(destination).size };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

export async function pgRestore(file: string, url: string) {
  listArchive(file);
  const existing = await withDb(url, async (db) => await tablesOf(db));
  if (existing.length) {
    throw new BackupError(
      `The database at ${safeUrl(url)} is not empty (${existing.length} tables, e.g. ${existing.slice(0, 3).join(", ")}). db:restore never replaces data: ` +
        `create an empty database (createdb roviec_restored) and restore with --to postgres://…/roviec_restored, then point DATABASE_URL there.`,
    );
  }
  const restored = tool("pg_restore", restoreArgs(file, url));
  if (restored.status !== 0)
    throw new BackupError(`pg_restore failed, nothing was restored (one transaction): ${restored.stderr.trim().slice(0, 500)}`);
  return await pgFacts(url);
}
