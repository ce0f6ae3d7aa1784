/**
 * Once per `vitest run`: make sure the Remix build is current (integration tests serve it), and
 * create a migrated database with the demo data that each test file copies.
 */
import fs from "node:fs";
import { createDb, migrateToLatest } from "../../db/connect";
import { seedDemoData } from "../../db/seed";
import { buildIsStale, runBuild } from "../../scripts/lib/build";
import { TEMPLATE_DB, TMP } from "./paths";

export default async function setup() {
  process.env.ROVIEC_TEMPLATE_DB = TEMPLATE_DB;
  if (buildIsStale()) runBuild();
  fs.mkdirSync(TMP, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const { db } = createDb(TEMPLATE_DB);
  await migrateToLatest(db);
  await seedDemoData(db);
  await db.destroy();
  return () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  };
}
