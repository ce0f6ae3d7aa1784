import { sql, type Kysely } from "kysely";
import { dropAppendOnly, idColumn, makeAppendOnly } from "../migration-kit";

/** Units, users, sessions, sign-in attempts, the audit log, and the reference data (roles, programs). */
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable("meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("roles")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("name_vi", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("roles")
    .values([
      { code: "admin", rank: 1, name_vi: "Thư ký Ban Chỉ đạo (quản trị)", name_en: "Committee secretariat (admin)" },
      { code: "committee", rank: 2, name_vi: "Thành viên Ban Chỉ đạo", name_en: "Committee member" },
      { code: "head", rank: 3, name_vi: "Thủ trưởng đơn vị", name_en: "Unit head" },
      { code: "staff", rank: 4, name_vi: "Cán bộ, công chức", name_en: "Staff" },
    ])
    .execute();

  await db.schema
    .createTable("programs")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("name_vi", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("programs")
    .values([
      { code: "CCHC", rank: 1, name_vi: "Cải cách hành chính", name_en: "Administrative reform" },
      { code: "CDS", rank: 2, name_vi: "Chuyển đổi số", name_en: "Digital transformation" },
      { code: "DA06", rank: 3, name_vi: "Đề án 06", name_en: "Project 06 (population data, e-ID)" },
    ])
    .execute();

  await db.schema
    .createTable("units")
    .addColumn("id", id.type, id.build)
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_folded", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('city', 'department', 'ward', 'commune', 'division')`),
    )
    .addColumn("parent_id", "integer", (c) => c.references("units.id"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("units_parent_idx").on("units").column("parent_id").execute();
  await db.schema.createIndex("units_name_folded_idx").on("units").column("name_folded").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", id.type, id.build)
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull().unique())
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("name_folded", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().references("roles.code"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("units.id"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn("language", "text", (c) => c.notNull().defaultTo("vi").check(sql`language in ('vi', 'en')`))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("must_change_password", "integer", (c) =>
      c.notNull().defaultTo(0).check(sql`must_change_password in (0, 1)`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("deactivated_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("users_unit_idx").on("users").columns(["unit_id", "role"]).execute();
  await db.schema.createIndex("users_name_folded_idx").on("users").column("name_folded").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_active_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", id.type, id.build)
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull().check(sql`succeeded in (0, 1)`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_email_idx")
    .on("login_attempts")
    .columns(["email_normalized", "created_at"])
    .execute();
  await db.schema.createIndex("login_attempts_ip_idx").on("login_attempts").columns(["ip", "created_at"]).execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", id.type, id.build)
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("ip", "text")
    .execute();
  await db.schema
    .createIndex("audit_events_entity_idx")
    .on("audit_events")
    .columns(["entity_type", "entity_id", "id"])
    .execute();
  await db.schema.createIndex("audit_events_actor_idx").on("audit_events").columns(["actor_user_id", "id"]).execute();
  await makeAppendOnly(db, "audit_events");
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnly(db, "audit_events");
  for (const table of ["audit_events", "login_attempts", "sessions", "users", "units", "programs", "roles", "meta"]) {
    await db.schema.dropTable(table).execute();
  }
}
