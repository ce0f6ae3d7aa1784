/**
 * The HTTP permission matrix as data: every route file in app/routes, and the requests that exercise
 * the permission it checks. tests/integration/route-permissions.test.ts sends each request as one demo
 * user per role (and signed out) and expects what `can` says for that user and the resource named here.
 *
 * A route file without an entry, an entry without a file, or a PERMISSIONS action no check uses fails
 * that suite: adding a route or an action means adding its rows here.
 *
 * References are symbolic (unit codes, e-mails, task keys) so that test names can be written before the
 * fixtures exist; the suite resolves them against the database and checks UNIT_PARENTS against it.
 */
import type { Action, Role } from "../../app/auth/policy";
import type { Database } from "../../db/schema";

/** The part of the demo unit tree the checks use (code → parent code); verified against the database. */
export const UNIT_PARENTS = {
  HN: null,
  "VP-UBND": "HN",
  SKHCN: "HN",
  "SKHCN-CDS": "SKHCN",
  "SKHCN-TTDL": "SKHCN",
  SYT: "HN",
  "SYT-NVY": "SYT",
  STP: "HN",
  "STP-HCTP": "STP",
} as const satisfies Record<string, string | null>;
export type UnitCode = keyof typeof UNIT_PARENTS;

/** One demo user per role: who sends the requests. */
export const ACTORS = {
  admin: { email: "admin@roviec.demo", unit: "VP-UBND" },
  committee: { email: "bcd.pho@roviec.demo", unit: "HN" },
  head: { email: "gd.skhcn@roviec.demo", unit: "SKHCN" },
  staff: { email: "cv.cds@roviec.demo", unit: "SKHCN-CDS" },
} as const satisfies Record<Role, { email: string; unit: UnitCode }>;

/** Other people the checks act on (their unit is checked against the database). */
export const PEOPLE = {
  "admin@roviec.demo": { unit: "VP-UBND", role: "admin" },
  "bcd.pho@roviec.demo": { unit: "HN", role: "committee" },
  "gd.skhcn@roviec.demo": { unit: "SKHCN", role: "head" },
  "cv.cds@roviec.demo": { unit: "SKHCN-CDS", role: "staff" },
  "cv.ttdl@roviec.demo": { unit: "SKHCN-TTDL", role: "staff" },
  "cv.syt@roviec.demo": { unit: "SYT-NVY", role: "staff" },
  "cv.stp@roviec.demo": { unit: "STP-HCTP", role: "staff" },
} as const satisfies Record<string, { unit: UnitCode; role: Role }>;
export type Email = keyof typeof PEOPLE;

/**
 * Tasks the suite creates in beforeAll (issued, deadline in 30 days). Every open one carries a rejected
 * and a pending extension request, so that a permitted request or decision is refused by the rules
 * (a request is already pending; the decision was taken) after the permission check, changing nothing.
 */
export const TASKS = {
  /** Led by the head's own unit, owned by someone in a division of it. */
  skhcn: { lead: "SKHCN", owner: "cv.ttdl@roviec.demo" },
  /** Led by the staff member's division (below the head), owned by the staff member. */
  cds: { lead: "SKHCN-CDS", owner: "cv.cds@roviec.demo" },
  /** Another department. */
  syt: { lead: "SYT", owner: "cv.syt@roviec.demo" },
  /** Led by the city (above everyone's unit), owned by the staff member: own record, outside the subtree. */
  cityStaff: { lead: "HN", owner: "cv.cds@roviec.demo" },
  /** Led by the city, owned by the head: own record, outside the subtree. */
  cityHead: { lead: "HN", owner: "gd.skhcn@roviec.demo" },
  /** Done (for reopening). */
  doneSkhcn: { lead: "SKHCN", owner: "cv.ttdl@roviec.demo", done: true },
  doneCds: { lead: "SKHCN-CDS", owner: "cv.cds@roviec.demo", done: true },
  doneSyt: { lead: "SYT", owner: "cv.syt@roviec.demo", done: true },
} as const satisfies Record<string, { lead: UnitCode; owner: Email; done?: boolean }>;
export type TaskKey = keyof typeof TASKS;
export const OPEN_TASKS = (Object.keys(TASKS) as TaskKey[]).filter((k) => !("done" in TASKS[k]));
export const DONE_TASKS = (Object.keys(TASKS) as TaskKey[]).filter((k) => "done" in TASKS[k]);
/** Tasks with an evidence file the suite uploads. */
export const EVIDENCE_TASKS = ["cds", "syt"] as const satisfies readonly TaskKey[];

/** What the suite resolves the symbols to. */
export interface Fixtures {
  units: Record<UnitCode, { id: number; path: number[] }>;
  users: Record<Email, { id: number }>;
  /** decidedExtensionId: a rejected request (open tasks); evidenceId: an uploaded file (EVIDENCE_TASKS). */
  tasks: Record<TaskKey, { id: number; decidedExtensionId?: number; evidenceId?: number }>;
  goalId: number;
  /** An e-mail that is already taken, so a permitted "create user" is refused as a duplicate. */
  takenEmail: string;
  /** A deadline later than every fixture task's (YYYY-MM-DD). */
  laterDeadline: string;
}

/**
 * The resource handed to `can`, symbolically. "self" is the acting user (their own record or unit).
 * destination: the ancestry of where a unit or a user would move to ("top": no parent).
 */
export interface Ref {
  unit?: UnitCode | "self";
  owner?: Email | "self";
  role?: Role;
  newRole?: Role;
  destination?: UnitCode | "top";
}

/** Not a policy action: "public" answers everyone; "signed-in" answers any signed-in user. */
export type Marker = "public" | "signed-in";

/** Tables a write may change: on refusal they must be exactly as before. */
const TASK_TABLES = [
  "tasks",
  "task_states",
  "task_programs",
  "task_coordinating_units",
  "task_updates",
  "task_evidence",
  "task_extensions",
  "audit_events",
] as const;
const IMPORT_TABLES = [...TASK_TABLES, "import_batches"] as const;
const UNIT_TABLES = ["units", "users", "audit_events"] as const;
const USER_TABLES = ["users", "sessions", "audit_events"] as const;
const GOAL_TABLES = ["goals", "goal_indicator_values", "audit_events"] as const;
const TOKEN_TABLES = ["api_tokens", "audit_events"] as const;
const NOTIFICATION_TABLES = ["notifications"] as const;
const SETTINGS_TABLES = ["settings", "audit_events"] as const;
const OUTBOX_TABLES = ["email_outbox", "audit_events"] as const;
/** An id no fixture reaches: a permitted request about it is answered 404 after the permission check. */
const MISSING_ID = 999_999;
export type Table = keyof Database;

export type Body = Record<string, unknown>;

export interface Check {
  /** Pages take GET and POST (a form post); the API also PATCH. */
  method: "GET" | "POST" | "PATCH";
  /** The path as a pattern, for the test name ("/tasks/:id"). */
  path: string;
  /** For the test name: which form or JSON step. */
  intent?: string;
  /** Which fixture, for the test name. */
  what?: string;
  /** The action the route checks, a marker, or several actions of which any one lets the user in. */
  action: Action | Marker | Action[];
  ref?: Ref;
  /** JSON API: bearer token, no cookie; signed out gets 401 rather than the sign-in redirect. */
  api?: boolean;
  /** Sign in afresh for this request (it ends the session). */
  freshSession?: boolean;
  /** A write: the tables it may change (compared before and after a refusal). */
  tables?: readonly Table[];
  url(fx: Fixtures): string;
  body?(fx: Fixtures): Body;
}

export type RouteEntry = { checks: Check[] } | { skip: string };

// ------------------------------------------------------------------------------------------------
// Building blocks

const STALE = 999_999; // a version no fixture reaches: a permitted edit is refused as a conflict
const dmy = (iso: string) => iso.split("-").reverse().join("/");
const taskRef = (key: TaskKey): Ref => ({ unit: TASKS[key].lead, owner: TASKS[key].owner });
const what = (key: TaskKey) => `task ${key}`;

function perTask(keys: readonly TaskKey[], make: (key: TaskKey) => Omit<Check, "ref" | "what">): Check[] {
  return keys.map((key) => ({ ...make(key), ref: taskRef(key), what: what(key) }));
}

function taskForm(intent: string, body: (fx: Fixtures, key: TaskKey) => Body, keys: readonly TaskKey[], action: Action): Check[] {
  return perTask(keys, (key) => ({
    method: "POST",
    path: "/tasks/:id",
    intent,
    action,
    tables: TASK_TABLES,
    url: (fx) => `/tasks/${fx.tasks[key].id}`,
    body: (fx) => ({ intent, ...body(fx, key) }),
  }));
}

function taskPatch(intent: string, body: Body, keys: readonly TaskKey[], action: Action): Check[] {
  return perTask(keys, (key) => ({
    method: "PATCH",
    path: "/api/v1/tasks/:id",
    intent,
    action,
    api: true,
    tables: TASK_TABLES,
    url: (fx) => `/api/v1/tasks/${fx.tasks[key].id}`,
    body: () => ({ version: STALE, ...body }),
  }));
}

const get = (path: string, action: Check["action"], extra: Partial<Check> = {}): Check => ({
  method: "GET",
  path,
  action,
  url: () => path,
  ...extra,
});

/** A search that finds only the tasks this suite creates (their titles start so). */
export const FIXTURE_TITLE = "Kiểm tra phân quyền";
const FIXTURE_QUERY = new URLSearchParams({ q: FIXTURE_TITLE }).toString();
/** Reading reaches everywhere for every role; one task inside the head's subtree, one outside, one done. */
const READ_SCOPES = ["cds", "syt", "doneSyt"] as const satisfies readonly TaskKey[];
const unitScopes = ["SKHCN", "SKHCN-CDS", "SYT"] as const satisfies readonly UnitCode[];
const userTargets = [
  "cv.cds@roviec.demo",
  "cv.syt@roviec.demo",
  "admin@roviec.demo",
  "gd.skhcn@roviec.demo",
  "bcd.pho@roviec.demo",
] as const satisfies readonly Email[];
const userRef = (email: Email): Ref => ({ unit: PEOPLE[email].unit, owner: email, role: PEOPLE[email].role });

// ------------------------------------------------------------------------------------------------
// The registry: route file → checks

export const ROUTES: Record<string, RouteEntry> = {
  "$.tsx": { checks: [get("/no-such-page", "public")] },
  "_index.tsx": { checks: [get("/", "signed-in")] },
  "healthz.tsx": { checks: [get("/healthz", "public")] },
  "login.tsx": {
    checks: [
      get("/login", "public"),
      // An empty form: 400 for everyone, no sign-in attempt recorded.
      { method: "POST", path: "/login", intent: "empty", action: "public", url: () => "/login", body: () => ({}) },
    ],
  },
  "logout.tsx": {
    checks: [
      get("/logout", "public"),
      // Ends the session it is sent with, so each user signs in afresh for it.
      { method: "POST", path: "/logout", action: "public", freshSession: true, url: () => "/logout", body: () => ({}) },
    ],
  },
  "language.tsx": {
    checks: [
      get("/language", "public"),
      // No language chosen: nothing is stored, the answer goes home.
      {
        method: "POST",
        path: "/language",
        intent: "none",
        action: "public",
        tables: USER_TABLES,
        url: () => "/language",
        body: () => ({ lang: "" }),
      },
    ],
  },

  "account.tsx": {
    checks: [
      get("/account", "signed-in"),
      {
        method: "POST",
        path: "/account",
        intent: "unknown",
        action: "account:update",
        ref: { owner: "self" },
        tables: USER_TABLES,
        url: () => "/account",
        body: () => ({ intent: "unknown" }),
      },
    ],
  },
  "account_.tokens.tsx": {
    checks: [
      get("/account/tokens", "token:manage", { ref: { owner: "self" } }),
      {
        method: "POST",
        path: "/account/tokens",
        intent: "unknown",
        action: "token:manage",
        ref: { owner: "self" },
        tables: TOKEN_TABLES,
        url: () => "/account/tokens",
        body: () => ({ intent: "unknown" }),
      },
    ],
  },

  // Everyone has an inbox; every query is limited to the user's own rows (another's id is 404).
  "notifications.tsx": {
    checks: [
      get("/notifications", "signed-in"),
      {
        method: "POST",
        path: "/notifications",
        intent: "unknown",
        action: "signed-in",
        tables: NOTIFICATION_TABLES,
        url: () => "/notifications",
        body: () => ({ intent: "unknown" }),
      },
      {
        method: "POST",
        path: "/notifications",
        intent: "read",
        what: "missing id",
        action: "signed-in",
        tables: NOTIFICATION_TABLES,
        url: () => "/notifications",
        body: () => ({ intent: "read", id: MISSING_ID }),
      },
    ],
  },
  "admin.reminders.tsx": {
    checks: [
      get("/admin/reminders", "settings:manage"),
      {
        method: "POST",
        path: "/admin/reminders",
        intent: "unknown",
        action: "settings:manage",
        tables: SETTINGS_TABLES,
        url: () => "/admin/reminders",
        body: () => ({ intent: "unknown" }),
      },
      // A stale version: a permitted save is refused as a conflict after the permission check.
      {
        method: "POST",
        path: "/admin/reminders",
        intent: "save",
        action: "settings:manage",
        tables: SETTINGS_TABLES,
        url: () => "/admin/reminders",
        body: () => ({
          intent: "save",
          version: STALE,
          beforeDays: "5, 2",
          onDeadlineDay: "on",
          firstAfterDays: 1,
          repeatAfterDays: 7,
          escalateHeadAfterDays: 7,
          escalateCommitteeAfterDays: 30,
          extensionPendingDays: 3,
        }),
      },
    ],
  },
  "admin.outbox._index.tsx": {
    checks: [
      get("/admin/outbox", "outbox:manage"),
      {
        method: "POST",
        path: "/admin/outbox",
        intent: "retry",
        what: "missing e-mail",
        action: "outbox:manage",
        tables: OUTBOX_TABLES,
        url: () => "/admin/outbox?index",
        body: () => ({ intent: "retry", id: MISSING_ID }),
      },
    ],
  },
  "admin.outbox.$emailId.tsx": {
    checks: [get("/admin/outbox/:id", "outbox:manage", { what: "missing e-mail", url: () => `/admin/outbox/${MISSING_ID}` })],
  },

  "admin.tsx": {
    skip: "layout only: its loader reads tab visibility for the signed-in user; every child route checks its own permission (rows below)",
  },
  "admin._index.tsx": { checks: [get("/admin", ["admin:access", "user:list"])] },
  "admin.audit.tsx": { checks: [get("/admin/audit", "audit:read")] },
  "admin.units._index.tsx": { checks: [get("/admin/units", "admin:access")] },
  "admin.units.new.tsx": {
    checks: [
      get("/admin/units/new", "admin:access"),
      // A code that is taken: a permitted create is refused as a duplicate after the permission check.
      ...unitScopes.map((parent): Check => ({
        method: "POST",
        path: "/admin/units/new",
        what: `parent ${parent}`,
        action: "unit:create",
        ref: { unit: parent },
        tables: UNIT_TABLES,
        url: () => "/admin/units/new",
        body: (fx) => ({ code: "HN", name: "Kiểm tra quyền", kind: "division", parentId: fx.units[parent].id }),
      })),
      {
        method: "POST",
        path: "/admin/units/new",
        what: "top level",
        action: "unit:create",
        ref: {},
        tables: UNIT_TABLES,
        url: () => "/admin/units/new",
        body: () => ({ code: "HN", name: "Kiểm tra quyền", kind: "city" }),
      },
    ],
  },
  "admin.units.$unitId.tsx": {
    checks: [
      ...unitScopes.map((unit) =>
        get("/admin/units/:id", "admin:access", { what: `unit ${unit}`, ref: { unit }, url: (fx) => `/admin/units/${fx.units[unit].id}` }),
      ),
      ...unitScopes.map((unit): Check => ({
        method: "POST",
        path: "/admin/units/:id",
        intent: "unknown",
        what: `unit ${unit}`,
        action: "unit:update",
        ref: { unit },
        tables: UNIT_TABLES,
        url: (fx) => `/admin/units/${fx.units[unit].id}`,
        body: () => ({ intent: "unknown" }),
      })),
      // Moves: allowed only where the unit lands too. A stale version refuses a permitted move.
      ...(["SKHCN-TTDL", "SYT"] as const).map((destination): Check => ({
        method: "POST",
        path: "/admin/units/:id",
        intent: "update",
        what: `move SKHCN-CDS under ${destination}`,
        action: "unit:update",
        ref: { unit: "SKHCN-CDS", destination },
        tables: UNIT_TABLES,
        url: (fx) => `/admin/units/${fx.units["SKHCN-CDS"].id}`,
        body: (fx) => ({
          intent: "update",
          version: STALE,
          name: "Phòng Chuyển đổi số",
          kind: "division",
          parentId: fx.units[destination].id,
        }),
      })),
    ],
  },
  "admin.users._index.tsx": { checks: [get("/admin/users", "user:list")] },
  "admin.users.new.tsx": {
    checks: [
      get("/admin/users/new", "user:create", { ref: { unit: "self" } }),
      // An e-mail that is taken: a permitted create is refused as a duplicate after the permission check.
      ...(
        [
          ["SKHCN-CDS", "staff"],
          ["SKHCN", "head"],
          ["SYT-NVY", "staff"],
          ["SKHCN-CDS", "committee"],
        ] as const
      ).map(([unit, role]): Check => ({
        method: "POST",
        path: "/admin/users/new",
        what: `${role} in ${unit}`,
        action: "user:create",
        ref: { unit, newRole: role },
        tables: USER_TABLES,
        url: () => "/admin/users/new",
        body: (fx) => ({ email: fx.takenEmail, fullName: "Kiểm tra quyền", role, unitId: fx.units[unit].id, language: "vi" }),
      })),
    ],
  },
  "admin.users.$userId.tsx": {
    checks: [
      ...userTargets.map((email) =>
        get("/admin/users/:id", "user:list", { what: email, ref: userRef(email), url: (fx) => `/admin/users/${fx.users[email].id}` }),
      ),
      ...userTargets.map((email): Check => ({
        method: "POST",
        path: "/admin/users/:id",
        intent: "unknown",
        what: email,
        action: "user:manage",
        ref: userRef(email),
        tables: USER_TABLES,
        url: (fx) => `/admin/users/${fx.users[email].id}`,
        body: () => ({ intent: "unknown" }),
      })),
      // A new role or unit must be allowed too. A stale version refuses a permitted change.
      ...(
        [
          ["admin", "SKHCN-CDS"],
          ["staff", "SKHCN-TTDL"],
          ["staff", "SYT-NVY"],
        ] as const
      ).map(([role, unit]): Check => ({
        method: "POST",
        path: "/admin/users/:id",
        intent: "update",
        what: `cv.cds → ${role} in ${unit}`,
        action: "user:manage",
        ref: { ...userRef("cv.cds@roviec.demo"), newRole: role, destination: unit },
        tables: USER_TABLES,
        url: (fx) => `/admin/users/${fx.users["cv.cds@roviec.demo"].id}`,
        body: (fx) => ({ intent: "update", version: STALE, fullName: "Đinh Công Sơn", role, unitId: fx.units[unit].id }),
      })),
    ],
  },

  "units.$unitId.tsx": {
    checks: unitScopes.map((unit) =>
      get("/units/:id", "unit:read", { what: `unit ${unit}`, ref: { unit }, url: (fx) => `/units/${fx.units[unit].id}` }),
    ),
  },

  // Tasks and goals are readable by everyone signed in (task:read); the pages ask only for a user.
  "tasks._index.tsx": { checks: [get("/tasks", "task:read")] },
  // Only this suite's tasks, so the file stays small.
  "tasks.export[.]xlsx.tsx": { checks: [get("/tasks/export.xlsx", "task:read", { url: () => `/tasks/export.xlsx?${FIXTURE_QUERY}` })] },
  "my-tasks.tsx": { checks: [get("/my-tasks", "task:read")] },
  "programs.$code.tsx": { checks: [get("/programs/:code", "task:read", { what: "CDS", url: () => "/programs/CDS" })] },
  "assistant.tsx": { checks: [get("/assistant", "task:read")] },
  "reports._index.tsx": { checks: [get("/reports", "task:read")] },
  "reports.print.tsx": { checks: [get("/reports/print", "task:read")] },
  "reports.rollup[.]xlsx.tsx": { checks: [get("/reports/rollup.xlsx", "task:read", { url: () => "/reports/rollup.xlsx?by=program" })] },
  "goals._index.tsx": { checks: [get("/goals", "task:read")] },
  "goals.$goalId.tsx": {
    checks: [
      get("/goals/:id", "task:read", { url: (fx) => `/goals/${fx.goalId}` }),
      {
        method: "POST",
        path: "/goals/:id",
        intent: "unknown",
        action: "goal:manage",
        tables: GOAL_TABLES,
        url: (fx) => `/goals/${fx.goalId}`,
        body: () => ({ intent: "unknown" }),
      },
    ],
  },
  "goals.new.tsx": {
    checks: [
      get("/goals/new", "goal:manage"),
      {
        method: "POST",
        path: "/goals/new",
        intent: "empty",
        action: "goal:manage",
        tables: GOAL_TABLES,
        url: () => "/goals/new",
        body: () => ({}),
      },
    ],
  },

  "tasks.new.tsx": {
    checks: [
      get("/tasks/new", "task:create", { ref: { unit: "self" } }),
      // Issuing with only a title: a permitted create stops at the 5-rõ gate, after the permission check.
      ...unitScopes.map((lead): Check => ({
        method: "POST",
        path: "/tasks/new",
        intent: "issue",
        what: `lead ${lead}`,
        action: "task:create",
        ref: { unit: lead },
        tables: TASK_TABLES,
        url: () => "/tasks/new",
        body: (fx) => ({ intent: "issue", title: "Kiểm tra quyền", leadUnitId: fx.units[lead].id }),
      })),
    ],
  },
  "tasks.cascade.tsx": {
    checks: [
      get("/tasks/cascade", "task:cascade", { ref: { unit: "self" } }),
      // Without receiving units and most fields: a permitted cascade stops at validation.
      ...unitScopes.map((lead): Check => ({
        method: "POST",
        path: "/tasks/cascade",
        intent: "cascade",
        what: `lead ${lead}`,
        action: "task:cascade",
        ref: { unit: lead },
        tables: TASK_TABLES,
        url: () => "/tasks/cascade",
        body: (fx) => ({ intent: "cascade", title: "Kiểm tra quyền", leadUnitId: fx.units[lead].id }),
      })),
      // The receiving units must be within reach too (the lead unit is the head's own).
      ...(["SKHCN-CDS", "SYT"] as const).map((unit): Check => ({
        method: "POST",
        path: "/tasks/cascade",
        intent: "cascade",
        what: `lead SKHCN, to ${unit}`,
        action: "task:cascade",
        ref: { unit },
        tables: TASK_TABLES,
        url: () => "/tasks/cascade",
        body: (fx) => ({ intent: "cascade", title: "Kiểm tra quyền", leadUnitId: fx.units.SKHCN.id, unitIds: [String(fx.units[unit].id)] }),
      })),
    ],
  },
  // Bulk import from .xlsx: anyone who may create a task somewhere (their own unit), row by row after that.
  "tasks.import.tsx": {
    checks: [
      get("/tasks/import", "task:create", { ref: { unit: "self" } }),
      {
        method: "POST",
        path: "/tasks/import",
        intent: "unknown",
        action: "task:create",
        ref: { unit: "self" },
        tables: IMPORT_TABLES,
        url: () => "/tasks/import",
        body: () => ({ intent: "unknown" }),
      },
    ],
  },
  "tasks.import.template[.]xlsx.tsx": { checks: [get("/tasks/import/template.xlsx", "task:create", { ref: { unit: "self" } })] },
  "tasks.$taskId.tsx": {
    checks: [
      ...perTask(READ_SCOPES, (key) => ({
        method: "GET",
        path: "/tasks/:id",
        action: "task:read",
        url: (fx) => `/tasks/${fx.tasks[key].id}`,
      })),
      ...taskForm("progress", () => ({ version: STALE, progress: 10, note: "Kiểm tra quyền" }), OPEN_TASKS, "task:progress"),
      ...taskForm(
        "done",
        () => ({ version: STALE, note: "Kiểm tra quyền", evidenceUrl: "https://example.org/bien-ban" }),
        OPEN_TASKS,
        "task:progress",
      ),
      ...taskForm("reopen", () => ({ version: STALE, reason: "Kiểm tra quyền" }), DONE_TASKS, "task:reopen"),
      ...taskForm("cancel", () => ({ version: STALE, reason: "Kiểm tra quyền" }), OPEN_TASKS, "task:cancel"),
      ...taskForm(
        "extension-request",
        (fx) => ({ deadline: dmy(fx.laterDeadline), reason: "Kiểm tra quyền" }),
        OPEN_TASKS,
        "extension:request",
      ),
      ...taskForm(
        "extension-decide",
        (fx, key) => ({ extensionId: fx.tasks[key].decidedExtensionId, decision: "approve", note: "Kiểm tra quyền" }),
        OPEN_TASKS,
        "extension:decide",
      ),
    ],
  },
  "tasks.$taskId_.edit.tsx": {
    checks: [
      ...perTask(OPEN_TASKS, (key) => ({
        method: "GET",
        path: "/tasks/:id/edit",
        action: "task:update",
        url: (fx) => `/tasks/${fx.tasks[key].id}/edit`,
      })),
      ...perTask(OPEN_TASKS, (key) => ({
        method: "POST",
        path: "/tasks/:id/edit",
        intent: "none",
        action: "task:update",
        tables: TASK_TABLES,
        url: (fx) => `/tasks/${fx.tasks[key].id}/edit`,
        body: () => ({}),
      })),
    ],
  },
  "tasks.$taskId.evidence.$evidenceId.tsx": {
    checks: perTask(EVIDENCE_TASKS, (key) => ({
      method: "GET",
      path: "/tasks/:id/evidence/:evidenceId",
      action: "task:read",
      url: (fx) => `/tasks/${fx.tasks[key].id}/evidence/${fx.tasks[key].evidenceId}`,
    })),
  },
  "extensions.tsx": {
    checks: [
      get("/extensions", "extension:decide"),
      {
        method: "POST",
        path: "/extensions",
        intent: "unknown",
        action: "extension:decide",
        tables: TASK_TABLES,
        url: () => "/extensions",
        body: () => ({ intent: "unknown" }),
      },
      // A decision already taken: a permitted decision is refused after the permission check.
      ...perTask(["cds", "syt"], (key) => ({
        method: "POST",
        path: "/extensions",
        intent: "extension-decide",
        action: "extension:decide",
        tables: TASK_TABLES,
        url: () => "/extensions",
        body: (fx) => ({ intent: "extension-decide", extensionId: fx.tasks[key].decidedExtensionId, decision: "approve" }),
      })),
    ],
  },

  // ---- JSON API v1 (bearer tokens)
  "api.v1.$.ts": { checks: [get("/api/v1/no-such-endpoint", "public", { api: true })] },
  "api.v1.openapi[.]json.ts": { checks: [get("/api/v1/openapi.json", "public", { api: true })] },
  "api.v1.me.ts": { checks: [get("/api/v1/me", "signed-in", { api: true })] },
  "api.v1.programs.ts": { checks: [get("/api/v1/programs", "signed-in", { api: true })] },
  "api.v1.units.ts": { checks: [get("/api/v1/units", "unit:read", { api: true })] },
  "api.v1.users.ts": { checks: [get("/api/v1/users", "user:list", { api: true })] },
  "api.v1.reports.tasks[.]xlsx.ts": {
    checks: [get("/api/v1/reports/tasks.xlsx", "task:read", { api: true, url: () => `/api/v1/reports/tasks.xlsx?${FIXTURE_QUERY}` })],
  },
  "api.v1.notifications.ts": { checks: [get("/api/v1/notifications", "signed-in", { api: true })] },
  "api.v1.notifications.$id.read.ts": {
    checks: [
      {
        method: "POST",
        path: "/api/v1/notifications/:id/read",
        what: "missing id",
        action: "signed-in",
        api: true,
        tables: NOTIFICATION_TABLES,
        url: () => `/api/v1/notifications/${MISSING_ID}/read`,
        body: () => ({}),
      },
    ],
  },
  "api.v1.rollups.ts": { checks: [get("/api/v1/rollups", "task:read", { api: true })] },
  "api.v1.tasks.ts": {
    checks: [
      get("/api/v1/tasks", "task:read", { api: true }),
      // Only a title and a lead unit: a permitted create stops at the 5-rõ gate (422).
      ...unitScopes.map((lead): Check => ({
        method: "POST",
        path: "/api/v1/tasks",
        what: `lead ${lead}`,
        action: "task:create",
        ref: { unit: lead },
        api: true,
        tables: TASK_TABLES,
        url: () => "/api/v1/tasks",
        body: (fx) => ({ title: "Kiểm tra quyền", leadUnitId: fx.units[lead].id }),
      })),
    ],
  },
  "api.v1.tasks.$id.ts": {
    checks: [
      ...perTask(READ_SCOPES, (key) => ({
        method: "GET",
        path: "/api/v1/tasks/:id",
        action: "task:read",
        api: true,
        url: (fx) => `/api/v1/tasks/${fx.tasks[key].id}`,
      })),
      // Stale versions: a permitted change is refused with 409 after the permission check.
      ...taskPatch("title", { title: "Kiểm tra quyền" }, OPEN_TASKS, "task:update"),
      ...taskPatch("progress", { progress: 10, note: "Kiểm tra quyền" }, OPEN_TASKS, "task:progress"),
      ...taskPatch("status=cancelled", { status: "cancelled", note: "Kiểm tra quyền" }, OPEN_TASKS, "task:cancel"),
      ...taskPatch("status=in_progress (reopen)", { status: "in_progress", note: "Kiểm tra quyền" }, DONE_TASKS, "task:reopen"),
    ],
  },
  "api.v1.tasks.$id.extensions.ts": {
    checks: perTask(OPEN_TASKS, (key) => ({
      method: "POST",
      path: "/api/v1/tasks/:id/extensions",
      action: "extension:request",
      api: true,
      tables: TASK_TABLES,
      url: (fx) => `/api/v1/tasks/${fx.tasks[key].id}/extensions`,
      body: (fx) => ({ deadline: fx.laterDeadline, reason: "Kiểm tra quyền" }),
    })),
  },
  "api.v1.extensions.$id.decision.ts": {
    checks: perTask(["cds", "syt"], (key) => ({
      method: "POST",
      path: "/api/v1/extensions/:id/decision",
      action: "extension:decide",
      api: true,
      tables: TASK_TABLES,
      url: (fx) => `/api/v1/extensions/${fx.tasks[key].decidedExtensionId}/decision`,
      body: () => ({ decision: "approve" }),
    })),
  },
};
