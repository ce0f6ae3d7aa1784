/** A private copy of the migrated demo database, for model-level tests that need no HTTP server. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../db/connect";
import { TEMPLATE_DB, TMP } from "./paths";

export function openTestDb() {
  const dir = path.join(TMP, `db-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "roviec.db");
  fs.copyFileSync(TEMPLATE_DB, file);
  const { db, sqlite } = createDb(file);
  return {
    db,
    sqlite,
    file,
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo user with this e-mail, as the policy's Actor. */
export async function actorOf(db: ReturnType<typeof openTestDb>["db"], email: string) {
  const u = await db.selectFrom("users").select(["id", "role", "unit_id", "active"]).where("email", "=", email).executeTakeFirstOrThrow();
  return { id: u.id, role: u.role, unitId: u.unit_id, active: u.active === 1 };
}

export async function unitId(db: ReturnType<typeof openTestDb>["db"], code: string) {
  return (await db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

export async function userId(db: ReturnType<typeof openTestDb>["db"], email: string) {
  return (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}
