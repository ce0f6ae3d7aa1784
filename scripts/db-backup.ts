/**
 * npm run db:backup -- <file> [--force]
 * An online backup of the SQLite database in DATABASE_URL, safe while the app serves traffic, then
 * verified: integrity_check ok, foreign_key_check empty, row counts of every table (append-only
 * tables at least as many rows as just before the backup), the same migrations as the source.
 * A PostgreSQL DATABASE_URL is dumped with pg_dump --format=custom and checked (scripts/lib/pg-backup.ts).
 */
import { parseBackupFileArgs } from "./lib/backup-cli";
import { BackupError, backupSqlite, formatCounts, isPostgresUrl } from "./lib/sqlite-backup";

const usage = "Usage: npm run db:backup -- <file> [--force]   (backs up the database in DATABASE_URL; --force replaces an existing file)";

const { file, values } = parseBackupFileArgs({ force: { type: "boolean" } }, { usage, noFile: "Name the backup file." });
if (isPostgresUrl(process.env.DATABASE_URL)) {
  // PostgreSQL: pg_dump makes the copy (custom format), then the same checks as for SQLite.
  const { pgBackup, safeUrl } = await import("./lib/pg-backup");
  const url = process.env.DATABASE_URL!;
  try {
    console.log(`Backing up ${safeUrl(url)} → ${file} with pg_dump (online: the app may keep serving)…`);
    const result = await pgBackup(url, file, { force: values.force });
    console.log(
      `Backup written and verified in ${result.ms} ms: ${file} (${(result.bytes / 1024 / 1024).toFixed(2)} MB, pg_dump custom format)`,
    );
    if (result.after) {
      console.log(
        `  restored into a scratch database to check it: migrations ${result.after.migrations.length} (same as the source); rows per table:`,
      );
      console.log(formatCounts(result.after.counts, result.before.counts));
    } else {
      console.log(
        "  archive listing checked (every table's data is in it); not restored for counting: the database user may not create databases.",
      );
      console.log("  rows per table in the source just before the backup:");
      console.log(formatCounts(result.before.counts));
    }
  } catch (error) {
    console.error(error instanceof BackupError ? `Backup refused: ${error.message}` : error instanceof Error ? error.message : error);
    process.exit(1);
  }
  process.exit(0);
}

const { env } = await import("../app/env.server");
let source: string;
try {
  source = env().databaseUrl;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

try {
  console.log(`Backing up ${source} → ${file} (online: the app may keep serving)…`);
  const result = await backupSqlite(source, file, { force: values.force });
  console.log(`Backup written and verified in ${result.ms} ms: ${file} (${(result.bytes / 1024 / 1024).toFixed(2)} MB)`);
  console.log(
    `  integrity_check: ${result.after.integrity} · foreign_key_check: no problems · migrations: ${result.after.migrations.length} (same as the source)`,
  );
  console.log("  rows per table:");
  console.log(formatCounts(result.after.counts, result.before.counts));
} catch (error) {
  console.error(error instanceof BackupError ? `Backup refused: ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(1);
}
