/**
 * The PostgreSQL side of the test harness. With `TEST_DATABASE_URL=postgres://…/<admin database>`,
 * the global setup builds one template database (migrated + demo data) per `vitest run`, and every
 * test app or test database is `CREATE DATABASE x TEMPLATE tpl` (a file copy inside PostgreSQL, well
 * under a second), dropped again on close. Without it the suite runs on SQLite files as before.
 */
import crypto from "node:crypto";
import pg from "pg";
import { isPostgresUrl } from "../../db/connect";

/** The admin connection URL when the suite runs on PostgreSQL, else undefined. */
export const PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL && isPostgresUrl(process.env.TEST_DATABASE_URL) ? process.env.TEST_DATABASE_URL : undefined;

/** True when this run is on PostgreSQL (for `it.skipIf(onPostgres)` on SQLite-only checks). */
export const onPostgres = Boolean(PG_ADMIN_URL);

/** The template database of this run (named by the runner's pid, handed to the test processes through the environment). */
export const PG_TEMPLATE = process.env.ROVIEC_PG_TEMPLATE ?? `roviec_tpl_${process.pid}`;

/** The same server and credentials, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sqlText: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sqlText);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
};

export async function dropDatabase(name: string) {
  // FORCE: the app under test may still hold pooled connections when its test file ends.
  await adminQuery(`drop database if exists ${ident(name)} with (force)`);
}

export async function createEmptyDatabase(name: string) {
  await dropDatabase(name);
  await adminQuery(`create database ${ident(name)} template template0 encoding 'UTF8'`);
  return databaseUrl(PG_ADMIN_URL!, name);
}

/** A fresh database copied from this run's template (or another database nobody is connected to); `drop()` removes it. */
export async function databaseFromTemplate(
  prefix = "roviec_t",
  template = PG_TEMPLATE,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
  // Copies from one template may run concurrently, but not while someone is connected to it: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`create database ${ident(name)} template ${ident(template)}`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
  return { name, url: databaseUrl(PG_ADMIN_URL!, name), drop: () => dropDatabase(name) };
}
