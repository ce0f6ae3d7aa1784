import { env } from "../../app/env.server";
import { createDb, describeDatabase } from "../../db/connect";

/** Opens the configured database for a command-line script, with a clear message on bad configuration. */
export function openConfiguredDb() {
  let config;
  try {
    config = env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  const opened = createDb(config.databaseUrl, { poolSize: Math.min(config.DATABASE_POOL_SIZE, 2) });
  return { ...opened, config, description: describeDatabase(config.databaseUrl) };
}
