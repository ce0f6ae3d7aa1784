/** A private copy (SQLite file or PostgreSQL database from the template) of the migrated demo database, for model-level tests that need no HTTP server. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../db/connect";
import { TEMPLATE_DB, TMP } from "./paths";
import { PG_ADMIN_URL, databaseFromTemplate } from "./pg";

export async function openTestDb() {
  if (PG_ADMIN_URL) {
    const created = await databaseFromTemplate();
    const { db } = createDb(created.url, { poolSize: 4 });
    return {
      db,
      url: created.url,
      dialect: "postgres" as const,
      async close() {
        await db.destroy();
        await created.drop();
      },
    };
  }
  const dir = path.join(TMP, `db-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "roviec.db");
  fs.copyFileSync(TEMPLATE_DB, file);
  const { db } = createDb(file);
  return {
    db,
    url: file,
    dialect: "sqlite" as const,
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type TestDb = Awaited<ReturnType<typeof openTestDb>>["db"];

/** The demo user with this e-mail, as the policy's Actor. */
export async function actorOf(db: TestDb, email: string) {
  const u = await db.selectFrom("users").select(["id", "role", "unit_id", "active"]).where("email", "=", email).executeTakeFirstOrThrow();
  return { id: u.id, role: u.role, unitId: u.unit_id, active: u.active === 1 };
}

export async function unitId(db: TestDb, code: string) {
  return (await db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

export async function userId(db: TestDb, email: string) {
  return (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}
