/** npm run db:migrate [-- --down]  — bring the database to the latest schema (or undo the last migration). */
import { createMigrator, migrateToLatest } from "../db/connect";
import { openConfiguredDb } from "./lib/open-db";

const { db, description } = openConfiguredDb();
try {
  if (process.argv.includes("--down")) {
    const { error, results } = await createMigrator(db).migrateDown();
    for (const r of results ?? []) console.log(`${r.status === "Success" ? "undone" : r.status}: ${r.migrationName}`);
    if (error) throw error;
  } else {
    const results = await migrateToLatest(db);
    if (results.length === 0) console.log(`Database ${description} is up to date.`);
    for (const r of results) console.log(`applied: ${r.migrationName}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
