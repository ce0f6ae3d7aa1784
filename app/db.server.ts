import type { Kysely } from "kysely";
import { createDb } from "#db/connect";
import type { Database } from "#db/schema";
import { env } from "~/env.server";

export type Db = Kysely<Database>;

let instance: Db | undefined;

/** The process-wide database handle: SQLite with the durability pragmas, or a PostgreSQL pool. */
export function db(): Db {
  if (!instance) {
    const config = env();
    instance = createDb(config.databaseUrl, { poolSize: config.DATABASE_POOL_SIZE }).db;
  }
  return instance;
}
