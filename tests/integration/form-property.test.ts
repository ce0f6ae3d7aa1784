/**
 * Hostile form posts at every mutating web route (fast-check): random subsets of each form's fields
 * and intents, filled with hostile values (huge, NFD, control characters, SQL, script tags, bad dates,
 * wrong types, smuggled fields), posted as the secretariat (who may do the most) and as staff.
 *   - the answer is never 5xx;
 *   - a refused post (4xx) changes no row.
 * FC_RUNS sets the runs per route (default 25; a drill may raise it).
 */
import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRowReader, type RowReader } from "../support/reader";
import { startApp, type Client, type TestApp } from "../support/app";

const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

let app: TestApp;
let admin: Client;
let staff: Client;
let reader: RowReader;
const ids = { task: 0, unit: 0, user: 0, goal: 0, extension: 0 };

const TABLES = [
  "units",
  "users",
  "tasks",
  "task_programs",
  "task_coordinating_units",
  "task_updates",
  "task_evidence",
  "task_extensions",
  "goals",
  "goal_indicator_values",
  "settings",
  "notifications",
  "email_outbox",
] as const;

/** Every row of the tables a form could change, and the append-only logs by count and last id. */
async function fingerprint() {
  const hash = crypto.createHash("sha256");
  for (const table of TABLES) hash.update(JSON.stringify(await reader.table(table)));
  for (const table of ["audit_events", "task_states"]) hash.update(JSON.stringify(await reader.all(`select count(*) n, max(id) last from ${table}`)));
  hash.update(JSON.stringify(await reader.all("select id, name, revoked_at from api_tokens order by id")));
  return hash.digest("hex");
}

const NFD = "Hà Nội — Sở Khoa học và Công nghệ".normalize("NFD");
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    NFD,
    "x".repeat(10_000),
    "'; DROP TABLE tasks; --",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://hanoi.gov.vn/bao-cao",
    "31/02/2026",
    "2026-02-30",
    "28/11/2026",
    "2099-12-31",
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999",
    "1.5",
    "true",
    "\u202Eabc",
    "\u0000",
    "CDS",
    "admin",
    "approve",
    "reject",
    "done",
    "vi",
  ),
  fc.integer({ min: -5, max: 400 }).map(String),
);

interface FormRoute {
  path: () => string;
  intents: string[];
  fields: string[];
}

const TASK_FIELDS = ["title", "description", "ownerId", "leadUnitId", "coordinatingUnitIds", "deadline", "startDate", "deliverable", "programs", "goalId", "priority", "sourceDocNumber", "sourceDocDate", "sourceDocIssuer"];
const SMUGGLED = ["role", "id", "status", "createdBy", "active", "password_hash", "__proto__", "extension_count"];

const ROUTES: Record<string, FormRoute> = {
  "tasks.new": { path: () => "/tasks/new", intents: ["draft", "issue"], fields: TASK_FIELDS },
  "tasks.$taskId": {
    path: () => `/tasks/${ids.task}`,
    intents: ["progress", "done", "reopen", "cancel", "extension-request", "extension-decide", "issue", "status"],
    fields: ["version", "progress", "note", "evidenceUrl", "reason", "deadline", "decision", "extensionId", "decisionNote"],
  },
  "tasks.$taskId_.edit": { path: () => `/tasks/${ids.task}/edit`, intents: ["update", "issue", "save"], fields: ["version", ...TASK_FIELDS] },
  "tasks.cascade": { path: () => "/tasks/cascade", intents: ["cascade", "pick-none"], fields: [...TASK_FIELDS, "unitIds", `owners.${ids.unit}`] },
  extensions: { path: () => "/extensions", intents: ["approve", "reject", "decide"], fields: ["extensionId", "decision", "note"] },
  "goals.new": { path: () => "/goals/new", intents: ["create"], fields: ["program", "title", "description", "leadUnitId", "dueDate", "indicatorName", "indicatorUnit", "indicatorTarget", "indicatorBaseline"] },
  "goals.$goalId": { path: () => `/goals/${ids.goal}`, intents: ["update", "reading"], fields: ["version", "title", "program", "dueDate", "value", "asOf", "note", "indicatorTarget"] },
  "admin.units.new": { path: () => "/admin/units/new", intents: ["create"], fields: ["code", "name", "kind", "parentId"] },
  "admin.units.$unitId": { path: () => `/admin/units/${ids.unit}`, intents: ["update", "close", "reopen"], fields: ["version", "name", "kind", "parentId"] },
  "admin.users.new": { path: () => "/admin/users/new", intents: ["create"], fields: ["email", "fullName", "role", "unitId", "language"] },
  "admin.users.$userId": { path: () => `/admin/users/${ids.user}`, intents: ["update", "deactivate", "reactivate", "reset-password"], fields: ["version", "fullName", "role", "unitId"] },
  account: { path: () => "/account", intents: ["password", "language", "email"], fields: ["currentPassword", "newPassword", "confirmPassword", "language", "emailEnabled"] },
  notifications: { path: () => "/notifications", intents: ["read", "read-all"], fields: ["id", "redirectTo"] },
  "admin.reminders": {
    path: () => "/admin/reminders",
    intents: ["save", "restore"],
    fields: ["version", "beforeDays", "onDeadlineDay", "firstAfterDays", "repeatAfterDays", "escalateHeadAfterDays", "escalateCommitteeAfterDays", "extensionPendingDays"],
  },
  "admin.outbox": { path: () => "/admin/outbox?index", intents: ["retry"], fields: ["id", "redirectTo"] },
  "account_.tokens": { path: () => "/account/tokens", intents: ["create", "revoke"], fields: ["name", "tokenId"] },
};

function formBody(route: FormRoute) {
  const keys = [...route.fields, ...SMUGGLED];
  return fc.record({
    intent: fc.oneof(fc.constantFrom(...route.intents), hostile),
    values: fc.dictionary(fc.constantFrom(...keys), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), { maxKeys: keys.length }),
  });
}

beforeAll(async () => {
  app = await startApp();
  admin = await app.signedIn("thuky@roviec.demo");
  staff = await app.signedIn("cv.cds@roviec.demo");
  reader = await openRowReader(app);
  ids.task = (await app.db.selectFrom("tasks").select("id").where("status", "=", "in_progress").orderBy("id").executeTakeFirstOrThrow()).id;
  ids.unit = (await app.db.selectFrom("units").select("id").where("code", "=", "SKHCN-TTDL").executeTakeFirstOrThrow()).id;
  ids.user = (await app.db.selectFrom("users").select("id").where("email", "=", "cv.ttdl@roviec.demo").executeTakeFirstOrThrow()).id;
  ids.goal = (await app.db.selectFrom("goals").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
  ids.extension = (await app.db.selectFrom("task_extensions").select("id").where("status", "=", "pending").orderBy("id").executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await reader?.close();
  await app?.close();
});

describe("hostile form posts", () => {
  for (const [name, route] of Object.entries(ROUTES)) {
    it(`${name}: never a 5xx, and a refused post changes nothing`, { timeout: Math.max(60_000, RUNS * 2_000) }, async () => {
      await fc.assert(
        fc.asyncProperty(formBody(route), fc.boolean(), async ({ intent, values }, asStaff) => {
          const body: Record<string, string | string[]> = { intent };
          for (const [key, value] of Object.entries(values)) body[key] = value;
          const before = await fingerprint();
          const response = await (asStaff ? staff : admin).post(route.path(), body);
          await response.arrayBuffer();
          expect(response.status, `${name} answered ${response.status}`).toBeLessThan(500);
          if (response.status >= 400) expect(await fingerprint(), `${name} refused with ${response.status} but changed rows`).toBe(before);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
});
