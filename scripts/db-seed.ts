/** npm run db:seed [-- --reset]  — load the demo data; refuses to run over existing data without --reset. */
import { migrateToLatest } from "../db/connect";
import { SeedRefusedError, demoSignInTable, seedDemoData } from "../db/seed";
import { openConfiguredDb } from "./lib/open-db";

const { db, description } = openConfiguredDb();
try {
  await migrateToLatest(db);
  await seedDemoData(db, { reset: process.argv.includes("--reset") });
  console.log(`Demo data loaded into ${description}.`);
  console.log(demoSignInTable());
} catch (error) {
  console.error(error instanceof SeedRefusedError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
