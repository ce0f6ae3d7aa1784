/**
 * Once per `vitest run`: make sure the Remix build is current (integration tests serve it), and
 * create a migrated database with the demo data that each test file copies: a SQLite file, or with
 * TEST_DATABASE_URL=postgres://… a PostgreSQL template database (see tests/support/pg.ts).
 */
import fs from "node:fs";
import { now, setClock } from "../../app/clock.server";
import { createDb, migrateToLatest } from "../../db/connect";
import { seedDemoData } from "../../db/seed";
import { buildIsStale, runBuild } from "../../scripts/lib/build";
import { TEMPLATE_DB, TMP } from "./paths";
import { PG_ADMIN_URL, PG_TEMPLATE, adminQuery, createEmptyDatabase, dropDatabase } from "./pg";

export default async function setup() {
  process.env.ROVIEC_TEMPLATE_DB = TEMPLATE_DB;
  // One instant for the whole run (tests/support/clock.ts): the demo data is seeded at it and every
  // test process starts with the clock fixed there. ROVIEC_TEST_NOW=2027-12-31T23:59:00+07:00 runs the
  // suite as of any moment without touching the machine's clock.
  const suiteNow = setClock(process.env.ROVIEC_TEST_NOW ?? now());
  process.env.ROVIEC_TEST_NOW = suiteNow.toISOString();
  if (buildIsStale()) runBuild();
  fs.mkdirSync(TMP, { recursive: true });

  if (PG_ADMIN_URL) {
    process.env.ROVIEC_PG_TEMPLATE = PG_TEMPLATE;
    const url = await createEmptyDatabase(PG_TEMPLATE);
    const { db } = createDb(url, { poolSize: 1 });
    await migrateToLatest(db);
    await seedDemoData(db);
    await db.destroy();
    // Nobody may connect to a template while it is copied; marking it keeps stray connections out.
    await adminQuery(`alter database "${PG_TEMPLATE}" with is_template true allow_connections false`);
    return async () => {
      await adminQuery(`alter database "${PG_TEMPLATE}" with is_template false allow_connections true`);
      await dropDatabase(PG_TEMPLATE);
    };
  }

  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const { db } = createDb(TEMPLATE_DB);
  await migrateToLatest(db);
  await seedDemoData(db);
  await db.destroy();
  return () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  };
}
