export {};
/**
 * npm start — everything a fresh machine needs: build if stale, migrate, load demo data on first
 * start (empty database), print the demo sign-ins, serve on PORT (default 3000).
 */
process.env.NODE_ENV ??= "production";

const { env } = await import("../app/env.server");
let config;
try {
  config = env();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

const { buildIsStale, runBuild } = await import("./lib/build");
const { createDb, migrateToLatest } = await import("../db/connect");
const { demoSignInTable, isDatabaseEmpty, isDemoSeeded, seedDemoData } = await import("../db/seed");

try {
  if (process.env.SKIP_BUILD !== "1" && buildIsStale()) runBuild();
  const { db } = createDb(config.databaseUrl, { poolSize: 2 });
  const applied = await migrateToLatest(db);
  for (const r of applied) console.log(`Migration applied: ${r.migrationName}`);
  if (await isDatabaseEmpty(db)) {
    console.log("Empty database: loading the demo data…");
    await seedDemoData(db);
  }
  if (await isDemoSeeded(db)) console.log(`\n${demoSignInTable()}\n`);
  await db.destroy();

  const { startServer } = await import("./server");
  await startServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
