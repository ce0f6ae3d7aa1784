/** The browser tests' server: a fresh migrated database with demo data, then the production server. */
import fs from "node:fs";
import { createDb, migrateToLatest } from "../db/connect";
import { seedDemoData } from "../db/seed";
import { buildIsStale, runBuild } from "./lib/build";

const file = process.env.E2E_DB ?? process.env.DATABASE_URL!;
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
if (buildIsStale()) runBuild();
const { db } = createDb(file);
await migrateToLatest(db);
await seedDemoData(db);
await db.destroy();
// Browser tests arrange their own notifications; the daily job would add to them at start.
process.env.REMINDERS_IN_SERVER ??= "false";
const { startServer } = await import("./server");
await startServer();
