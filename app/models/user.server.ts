import { sql } from "kysely";
import type { User } from "#db/schema";
import type { Actor, Resource } from "~/auth/policy";
import type { Db } from "~/db.server";
import { containsPattern, likeContains, normalizeEmail } from "~/domain/text";
import { unitPath } from "./unit.server";

/**
 * Users: reading them. Changes to an account are commands in user-commands.server.ts.
 */
export type Role = User["role"];

// scripts/user-create.ts creates its first users through this module.
export { createUser } from "./user-commands.server";

export interface UserRow {
  id: number;
  email: string;
  fullName: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitActive: boolean;
  active: boolean;
  language: "vi" | "en";
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function baseQuery(db: Db) {
  return db
    .selectFrom("users")
    .innerJoin("units", "units.id", "users.unit_id")
    .select([
      "users.id",
      "users.email",
      "users.full_name as fullName",
      "users.role",
      "users.unit_id as unitId",
      "units.name as unitName",
      "units.active as unitActive",
      "users.active",
      "users.language",
      "users.must_change_password as mustChangePassword",
      "users.created_at as createdAt",
      "users.updated_at as updatedAt",
      "users.version",
    ]);
}

type RawUser = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;
function toRow(r: RawUser): UserRow {
  return { ...r, active: r.active === 1, unitActive: r.unitActive === 1, mustChangePassword: r.mustChangePassword === 1 };
}

export async function getUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where("users.id", "=", id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** Who is acting, as the policy sees them (for work started outside a request: fixtures, scripts). */
export async function getActor(db: Db, id: number): Promise<Actor | undefined> {
  const row = await db.selectFrom("users").select(["id", "role", "unit_id", "active"]).where("id", "=", id).executeTakeFirst();
  return row && { id: row.id, role: row.role, unitId: row.unit_id, active: row.active === 1 };
}

/** A user record as the policy sees it (for "user:manage"). */
export async function userResource(db: Db, user: Pick<UserRow, "id" | "unitId" | "role">): Promise<Resource> {
  return { unitPath: await unitPath(db, user.unitId), unitId: user.unitId, userId: user.id, role: user.role };
}

export async function getUserForSignIn(db: Db, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "password_hash as passwordHash", "active", "full_name as fullName"])
    .where("email_normalized", "=", normalizeEmail(email))
    .executeTakeFirst();
}

export interface UserFilter {
  q?: string;
  role?: Role;
  unitIds?: number[];
  active?: boolean;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, filter: UserFilter) {
  let query = baseQuery(db);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    const emailPattern = likeContains(filter.q.trim().toLowerCase());
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref("users.name_folded")} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref("users.email_normalized")} like ${emailPattern} escape '\\'`,
      ]),
    );
  }
  if (filter.role) query = query.where("users.role", "=", filter.role);
  if (filter.unitIds) query = query.where("users.unit_id", "in", filter.unitIds.length ? filter.unitIds : [-1]);
  if (filter.active !== undefined) query = query.where("users.active", "=", filter.active ? 1 : 0);

  const countRow = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy("users.active", "desc")
    .orderBy("users.name_folded")
    .orderBy("users.id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { total: Number(countRow.total), items: rows.map(toRow) };
}

export async function countActiveSessions(db: Db, userId: number) {
  const row = await db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setLanguage(db: Db, userId: number, language: "vi" | "en") {
  await db.updateTable("users").set({ language }).where("id", "=", userId).execute();
}

export async function getPasswordHash(db: Db, userId: number) {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.password_hash;
}

/** Whether the user receives notification e-mails (the in-app inbox always receives). */
export async function getEmailEnabled(db: Db, userId: number): Promise<boolean> {
  const row = await db.selectFrom("users").select("email_enabled").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.email_enabled === 1;
}
