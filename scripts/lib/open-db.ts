import { createDb } from "../../db/connect";
import { env } from "../../app/env.server";

/** Opens the configured database for a command-line script, with a clear message on bad configuration. */
export function openConfiguredDb() {
  let config;
  try {
    config = env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  return { ...createDb(config.sqlitePath), config };
}
