/**
 * Online backup and restore of the SQLite database (npm run db:backup / db:restore), and the check
 * both run on a copy: integrity_check, foreign_key_check, row counts of every table, the migrations.
 * PostgreSQL is backed up with its own tools (pg_dump / pg_restore): see pg-backup.ts.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { createDb } from "../../db/connect";
import { migrations } from "../../db/migrations/index";

/** Tables whose rows are only ever added: a backup taken later can hold more rows, never fewer. */
export const APPEND_ONLY_TABLES = ["audit_events", "task_states", "task_updates", "task_extensions", "task_evidence"];

export class BackupError extends Error {}

export interface DbFacts {
  integrity: string;
  foreignKeyProblems: number;
  counts: Record<string, number>;
  migrations: string[];
}

export function isPostgresUrl(url: string | undefined) {
  return /^postgres(ql)?:\/\//i.test(url ?? "");
}

/** Row counts, migrations and the two checks, read through Kysely. */
async function readFacts(db: Kysely<any>): Promise<DbFacts> {
  const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows
    .map((r) => r.integrity_check)
    .join("; ");
  const foreignKeyProblems = (await sql`pragma foreign_key_check`.execute(db)).rows.length;
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name).sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const applied = tables.includes("kysely_migration")
    ? (await db.selectFrom("kysely_migration").select("name").orderBy("name").execute()).map((r) => r.name as string)
    : [];
  return { integrity, foreignKeyProblems, counts, migrations: applied };
}

/** The live database's figures (read through its own connection settings). */
export async function liveFacts(file: string): Promise<DbFacts> {
  const { db } = createDb(file);
  try {
    return await readFacts(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Checks a backup file without changing it (opened read-only): it must be an SQLite database that
 * passes integrity_check and foreign_key_check and carries this app's migrations. Throws BackupError
 * with a message a person can act on.
 */
export async function verifyBackupFile(file: string): Promise<DbFacts> {
  if (!fs.existsSync(file)) throw new BackupError(`No file at ${file}.`);
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new BackupError(`${file} is not a file.`);
  if (stat.size === 0) throw new BackupError(`${file} is empty (0 bytes): not a backup.`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString("latin1") !== "SQLite format 3\0")
    throw new BackupError(`${file} is not an SQLite database (its first bytes are not "SQLite format 3").`);

  let sqlite: SQLite.Database | undefined;
  let db: Kysely<any> | undefined;
  let facts: DbFacts;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    facts = await readFacts(db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BackupError(`${file} is damaged or truncated and cannot be used (SQLite: ${reason}).`);
  } finally {
    await db?.destroy();
  }
  if (facts.integrity !== "ok") throw new BackupError(`${file} is damaged: integrity_check reports ${facts.integrity.slice(0, 500)}`);
  if (facts.foreignKeyProblems)
    throw new BackupError(`${file} has ${facts.foreignKeyProblems} row(s) pointing to missing rows (foreign_key_check).`);
  if (facts.migrations.length === 0) throw new BackupError(`${file} is an SQLite database but not a Rõ Việc one (no migrations recorded).`);
  const unknown = facts.migrations.filter((m) => !(m in migrations));
  if (unknown.length)
    throw new BackupError(
      `${file} was made by a newer version of Rõ Việc (unknown migrations: ${unknown.join(", ")}). Restore it with that version.`,
    );
  return facts;
}

export function formatCounts(counts: Record<string, number>, before?: Record<string, number>) {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  return Object.entries(counts)
    .map(
      ([table, n]) =>
        `  ${table.padEnd(width)}  ${String(n).padStart(8)}${before && table in before ? `   (before the backup: ${before[table]})` : ""}`,
    )
    .join("\n");
}

function fsyncPath(p: string) {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Online backup of a live SQLite database (other processes may be writing): SQLite's backup API
 * copies the pages under one read transaction, which WAL lets run beside writers. Written to a
 * temporary file beside the destination, verified, and only then given the destination's name.
 */
export async function backupSqlite(source: string, destination: string, options: { force?: boolean } = {}) {
  if (!fs.existsSync(source)) throw new BackupError(`No database at ${source} (DATABASE_URL). Nothing to back up.`);
  if (fs.existsSync(destination) && !options.force) {
    throw new BackupError(`${destination} already exists. Choose another file name, or add --force to replace it.`);
  }
  const dir = path.dirname(path.resolve(destination));
  if (!fs.existsSync(dir)) throw new BackupError(`The folder ${dir} does not exist.`);

  const before = await liveFacts(source);
  const temp = path.join(dir, `.${path.basename(destination)}.${crypto.randomUUID()}.tmp`);
  const sqlite = createDb(source).sqlite!;
  const startedAt = performance.now();
  try {
    // A rate this large copies the whole file in one step: one consistent snapshot, never
    // restarted by a concurrent write (SQLite restarts a stepwise backup when the source changes).
    await sqlite.backup(temp, { progress: () => 0x7fffffff });
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new BackupError(`The backup could not be written: ${error instanceof Error ? error.message : error}`);
  } finally {
    sqlite.close();
  }
  try {
    // A single self-contained file: the copy leaves WAL mode (the app turns WAL on again when it opens a restored file).
    const copy = new SQLite(temp);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    fsyncPath(temp);
    const after = await verifyBackupFile(temp);
    const missing = APPEND_ONLY_TABLES.filter((t) => t in before.counts && (after.counts[t] ?? 0) < before.counts[t]!);
    if (missing.length) throw new BackupError(`The copy has fewer rows than the database had before the backup in: ${missing.join(", ")}.`);
    if (after.migrations.join() !== before.migrations.join()) throw new BackupError(`The copy's migrations differ from the database's.`);
    fs.renameSync(temp, destination);
    fsyncPath(dir);
    return { before, after, ms: performance.now() - startedAt, bytes: fs.statSync(destination).size };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** True when something that looks like a database (or its WAL) is already at `file`. */
export function databaseExistsAt(file: string) {
  if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) return true;
  return fs.existsSync(file) && fs.statSync(file).size > 0;
}

/**
 * Restores a verified backup into an empty location, atomically: copied to a temporary file in the
 * target's folder, fsynced, checked again, then linked to the target name (link() refuses to replace
 * a file that appeared meanwhile), and the folder fsynced.
 */
export async function restoreSqlite(backup: string, target: string) {
  const facts = await verifyBackupFile(backup);
  const existsMessage = () =>
    `A database already exists at ${target}. db:restore never replaces one. Stop the app and move it away first ` +
    `(e.g. mv ${target} ${target}.old, with its -wal and -shm files), or restore elsewhere with --to <new path> and point DATABASE_URL there.`;
  if (databaseExistsAt(target)) throw new BackupError(existsMessage());
  const dir = path.dirname(path.resolve(target));
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${crypto.randomUUID()}.restore.tmp`);
  try {
    fs.copyFileSync(backup, temp);
    fsyncPath(temp);
    const copied = await verifyBackupFile(temp);
    if (JSON.stringify(copied.counts) !== JSON.stringify(facts.counts))
      throw new BackupError("The copy differs from the backup (row counts); the disk may be failing.");
    // Stale -wal/-shm beside an empty target would be replayed into the restored file: remove them.
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
    if (fs.existsSync(target)) fs.rmSync(target); // an empty (0-byte) file only: databaseExistsAt said so
    try {
      fs.linkSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new BackupError(existsMessage());
      throw error;
    }
    fsyncPath(dir);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return facts;
}
