/** The browser tests' server: a fresh migrated database with demo data, then the production server. */
import fs from "node:fs";
import { createDb, isPostgresUrl, migrateToLatest } from "../db/connect";
import { seedDemoData } from "../db/seed";
import { buildIsStale, runBuild } from "./lib/build";

const url = process.env.E2E_DB ?? process.env.DATABASE_URL!;
// A SQLite file starts from nothing; a PostgreSQL database is reset to the demo data instead.
if (!isPostgresUrl(url)) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(url + suffix, { force: true });
if (buildIsStale()) runBuild();
const { db } = createDb(url, { poolSize: 2 });
await migrateToLatest(db);
await seedDemoData(db, { reset: true });
await db.destroy();
// Browser tests arrange their own notifications; the daily job would add to them at start.
process.env.REMINDERS_IN_SERVER ??= "false";
const { startServer } = await import("./server");
await startServer();
