/**
 * The database as Kysely sees it. Booleans are 0/1 integers and times are ISO-8601 UTC text
 * (dates are YYYY-MM-DD), so the same queries run on SQLite and PostgreSQL.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type Bool01 = 0 | 1;

export interface MetaTable {
  key: string;
  value: string;
}

export interface RolesTable {
  code: string;
  rank: number;
  name_vi: string;
  name_en: string;
}

export interface ProgramsTable {
  code: string;
  rank: number;
  name_vi: string;
  name_en: string;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_folded: string;
  kind: "city" | "department" | "ward" | "commune" | "division";
  parent_id: number | null;
  active: ColumnType<Bool01, Bool01 | undefined, Bool01>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  email_normalized: string;
  full_name: string;
  name_folded: string;
  role: "admin" | "committee" | "head" | "staff";
  unit_id: number;
  active: ColumnType<Bool01, Bool01 | undefined, Bool01>;
  language: ColumnType<"vi" | "en", "vi" | "en" | undefined, "vi" | "en">;
  password_hash: string;
  must_change_password: ColumnType<Bool01, Bool01 | undefined, Bool01>;
  created_at: string;
  updated_at: string;
  deactivated_at: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface SessionsTable {
  id: string;
  secret_hash: string;
  user_id: number;
  created_at: string;
  last_active_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email_normalized: string;
  ip: string;
  succeeded: Bool01;
  created_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: string;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: string;
  ip: string | null;
}

export interface Database {
  meta: MetaTable;
  roles: RolesTable;
  programs: ProgramsTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
}

export type Unit = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
