import type { Kysely } from "kysely";
import { createDb } from "#db/connect";
import type { Database } from "#db/schema";
import { env } from "~/env.server";

export type Db = Kysely<Database>;

let instance: Db | undefined;

/** The process-wide database handle, opened on first use with the durability pragmas. */
export function db(): Db {
  if (!instance) {
    instance = createDb(env().sqlitePath).db;
  }
  return instance;
}
