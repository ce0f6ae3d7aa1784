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
  /** The user's own e-mail opt-out (1 = e-mails on); the in-app inbox always receives. */
  email_enabled: ColumnType<Bool01, Bool01 | undefined, Bool01>;
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
  /** 'sign_in', or 'password_check' (the current password asked before a password change). */
  purpose: ColumnType<LoginAttemptPurpose, LoginAttemptPurpose | undefined, LoginAttemptPurpose>;
}

export type LoginAttemptPurpose = "sign_in" | "password_check";

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

export type TaskStatus = "draft" | "not_started" | "in_progress" | "done" | "cancelled";
export type TaskPriority = "low" | "normal" | "high" | "urgent";

export interface GoalsTable {
  id: Generated<number>;
  program_code: string;
  title: string;
  title_folded: string;
  description: string | null;
  lead_unit_id: number;
  due_date: string;
  indicator_name: string | null;
  indicator_unit: string | null;
  indicator_target: number | null;
  indicator_baseline: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface GoalIndicatorValuesTable {
  id: Generated<number>;
  goal_id: number;
  value: number;
  as_of: string;
  note: string | null;
  recorded_by: number | null;
  created_at: string;
}

export interface TasksTable {
  id: Generated<number>;
  title: string;
  description: string | null;
  search_folded: string;
  owner_id: number | null;
  lead_unit_id: number | null;
  start_date: string | null;
  deadline: string | null;
  original_deadline: string | null;
  extension_count: ColumnType<number, number | undefined, number>;
  deliverable: string | null;
  goal_id: number | null;
  parent_id: number | null;
  priority: ColumnType<TaskPriority, TaskPriority | undefined, TaskPriority>;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  progress: ColumnType<number, number | undefined, number>;
  issued_at: string | null;
  completed_at: string | null;
  completed_on: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  last_update_at: string | null;
  source_doc_number: string | null;
  source_doc_date: string | null;
  source_doc_issuer: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface TaskProgramsTable {
  task_id: number;
  program_code: string;
}

export interface TaskCoordinatingUnitsTable {
  task_id: number;
  unit_id: number;
}

export interface TaskUpdatesTable {
  id: Generated<number>;
  task_id: number;
  author_id: number;
  kind: "progress" | "done" | "reopen" | "cancel";
  progress: number;
  note: string;
  created_at: string;
}

export interface TaskEvidenceTable {
  id: Generated<number>;
  task_id: number;
  update_id: number | null;
  kind: "link" | "file";
  url: string | null;
  file_name: string | null;
  storage_key: string | null;
  mime_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  uploaded_by: number;
  created_at: string;
}

export interface TaskExtensionsTable {
  id: Generated<number>;
  task_id: number;
  requested_by: number;
  requested_at: string;
  previous_deadline: string;
  requested_deadline: string;
  reason: string;
  status: ColumnType<
    "pending" | "approved" | "rejected",
    "pending" | "approved" | "rejected" | undefined,
    "pending" | "approved" | "rejected"
  >;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Null only in theory (the column was added later, and backfilled): the app always writes it, and reads null as expired. */
  expires_at: ColumnType<string | null, string, string>;
}

/** Refused requests, counted per day, kind and who (see access-denial.server.ts). */
export interface AccessDenialsTable {
  id: Generated<number>;
  day: string;
  kind: "page_forbidden" | "api_forbidden" | "api_unauthorized" | "cross_site";
  /** "user:<id>" or "ip:<address>". */
  subject: string;
  actor_user_id: number | null;
  ip: string | null;
  count: ColumnType<number, number | undefined, number>;
  first_at: string;
  last_at: string;
  last_method: string;
  last_path: string;
}

export interface TaskStatesTable {
  id: Generated<number>;
  task_id: number;
  valid_from: string;
  status: TaskStatus;
  lead_unit_id: number | null;
  owner_id: number | null;
  deadline: string | null;
  completed_on: string | null;
  extension_count: ColumnType<number, number | undefined, number>;
  goal_id: number | null;
  /** Program codes, comma-separated. */
  programs: ColumnType<string, string | undefined, string>;
  /** Coordinating unit ids, comma-separated. */
  coordinating_unit_ids: ColumnType<string, string | undefined, string>;
}

export interface RollupSnapshotsTable {
  id: Generated<number>;
  period_end: string;
  dimension: string;
  item_key: string;
  include_subunits: ColumnType<Bool01, Bool01 | undefined, Bool01>;
  numbers: string;
  created_at: string;
}

/** An uploaded import waiting for confirmation (see the migration 2026_11_28_1100). */
export interface ImportBatchesTable {
  /** Random, unguessable (the preview's URL carries it). */
  id: string;
  user_id: number;
  /** What is imported: "tasks". */
  kind: string;
  file_name: string;
  status: ColumnType<"pending" | "imported", "pending" | "imported" | undefined, "pending" | "imported">;
  version: ColumnType<number, number | undefined, number>;
  row_count: number;
  error_count: number;
  /** The checked rows and the settings of the upload, as JSON. */
  payload: string;
  /** After the import: what was created, as JSON. */
  result: string | null;
  created_at: string;
  expires_at: string;
  imported_at: string | null;
}

/** An admin-edited document by key, as JSON (see the migration 2026_11_28_1200). */
export interface SettingsTable {
  key: string;
  value: string;
  version: ColumnType<number, number | undefined, number>;
  updated_at: string;
  updated_by: number | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** What happened: a NotificationKind (app/domain/reminders.ts). */
  kind: string;
  task_id: number | null;
  extension_id: number | null;
  /** The schedule rule that fired, e.g. "before:7", "due", "after:8", "escalate-head:7". */
  rule: string;
  /** The task's deadline in force when the reminder was made (an approved extension restarts). */
  deadline: string | null;
  /** The day (APP_TZ, YYYY-MM-DD) whose run produced it. */
  run_date: string;
  /** Exactly-once key: unique. */
  dedupe_key: string;
  /** Facts for rendering, as JSON. */
  data: ColumnType<string, string | undefined, string>;
  created_at: string;
  read_at: string | null;
}

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface EmailOutboxTable {
  id: Generated<number>;
  dedupe_key: string;
  notification_id: number | null;
  user_id: number;
  kind: string;
  to_address: string;
  language: "vi" | "en";
  subject: string;
  text_body: string;
  html_body: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  last_error: string | null;
  claimed_at: string | null;
  claim_token: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ReminderRunsTable {
  /** The processed day, YYYY-MM-DD in APP_TZ. */
  run_date: string;
  status: "running" | "done";
  started_at: string;
  finished_at: string | null;
  /** What the run produced, as JSON. */
  counts: ColumnType<string, string | undefined, string>;
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
  goals: GoalsTable;
  goal_indicator_values: GoalIndicatorValuesTable;
  tasks: TasksTable;
  task_programs: TaskProgramsTable;
  task_coordinating_units: TaskCoordinatingUnitsTable;
  task_updates: TaskUpdatesTable;
  task_evidence: TaskEvidenceTable;
  task_extensions: TaskExtensionsTable;
  api_tokens: ApiTokensTable;
  access_denials: AccessDenialsTable;
  task_states: TaskStatesTable;
  rollup_snapshots: RollupSnapshotsTable;
  import_batches: ImportBatchesTable;
  settings: SettingsTable;
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  reminder_runs: ReminderRunsTable;
}

export type Unit = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
