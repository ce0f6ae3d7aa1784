/**
 * npm run db:restore -- <file> [--to <path>]
 * Verifies a backup made by db:backup (integrity, foreign keys, migrations) and restores it into an
 * EMPTY location: DATABASE_URL's path by default, or --to. An existing database is never replaced.
 * The copy is atomic (temporary file in the same folder, fsync, then the final name).
 * A postgres:// target (--to or DATABASE_URL) takes a pg_dump archive, restored by pg_restore in one
 * transaction into an empty database.
 */
import { parseBackupFileArgs } from "./lib/backup-cli";
import { BackupError, formatCounts, isPostgresUrl, restoreSqlite } from "./lib/sqlite-backup";

const usage = "Usage: npm run db:restore -- <backup file> [--to <path>]   (default: the path in DATABASE_URL, which must hold no database)";

const { file, values } = parseBackupFileArgs({ to: { type: "string" } }, { usage, noFile: "Name the backup file to restore." });
const pgTarget = values.to ?? process.env.DATABASE_URL;
if (isPostgresUrl(pgTarget)) {
  // PostgreSQL: pg_restore in one transaction into an empty database.
  const { pgRestore, safeUrl } = await import("./lib/pg-backup");
  try {
    const started = performance.now();
    console.log(`Checking ${file} and restoring it into ${safeUrl(pgTarget!)} with pg_restore…`);
    const facts = await pgRestore(file, pgTarget!);
    console.log(`Restored in ${performance.now() - started} ms: migrations ${facts.migrations.length}; rows per table:`);
    console.log(formatCounts(facts.counts));
  } catch (error) {
    console.error(error instanceof BackupError ? `Restore refused: ${error.message}` : error instanceof Error ? error.message : error);
    process.exit(1);
  }
  process.exit(0);
}

let target = values.to;
if (!target) {
  const { env } = await import("../app/env.server");
  try {
    target = env().databaseUrl;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}

try {
  const started = performance.now();
  console.log(`Checking ${file} and restoring it into ${target}…`);
  const facts = await restoreSqlite(file, target);
  console.log(`Restored in ${performance.now() - started} ms: ${target}`);
  console.log(`  integrity_check: ${facts.integrity} · foreign_key_check: no problems · migrations: ${facts.migrations.length}`);
  console.log("  rows per table:");
  console.log(formatCounts(facts.counts));
  console.log(`Start the app with DATABASE_URL=${target} (it applies any newer migrations at start).`);
} catch (error) {
  console.error(error instanceof BackupError ? `Restore refused: ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(1);
}
