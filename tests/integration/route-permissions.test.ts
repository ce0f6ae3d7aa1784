/**
 * The permission matrix over HTTP, generated from the policy: every route file has rows in
 * tests/support/route-registry.ts, and each row is sent as one demo user per role and signed out.
 * What to expect is `can(user, action, resource)`: permitted → neither 401/403 nor the sign-in redirect;
 * refused → exactly 403 (signed out: the sign-in redirect, or 401 from the API), and a refused write
 * leaves every table it could change as it was.
 *
 * Permitted writes are built to stop after the permission check (a stale version, a taken code or
 * e-mail, a pending or decided extension, a missing field), so no request changes what a later one needs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, ROLES, can, type Action, type Actor, type Resource, type Role } from "~/auth/policy";
import * as clock from "~/clock.server";
import { addDays } from "~/domain/dates";
import { todayIn } from "~/i18n/format";
import { createApiToken } from "~/models/api-token.server";
import { createTask, decideExtension, postProgress, requestExtension, type TaskContext } from "~/models/task-commands.server";
import { unitPath } from "~/models/unit.server";
import { startApp, type Client, type FormBody, type TestApp } from "../support/app";
import { ROOT } from "../support/paths";
import {
  ACTORS,
  EVIDENCE_TASKS,
  FIXTURE_TITLE,
  OPEN_TASKS,
  PEOPLE,
  ROUTES,
  TASKS,
  UNIT_PARENTS,
  type Check,
  type Email,
  type Fixtures,
  type Ref,
  type Table,
  type TaskKey,
  type UnitCode,
} from "../support/route-registry";

type Who = Role | "signed-out";
const WHO: Who[] = [...ROLES, "signed-out"];

const TODAY = todayIn("Asia/Ho_Chi_Minh", clock.now());
const UPLOADS = fs.mkdtempSync(path.join(os.tmpdir(), "roviec-route-permissions-"));

let app: TestApp;
let fx: Fixtures;
let refusedWrites: RefusedWriteCheck;
const actors = {} as Record<Role, Actor>;
const clients = {} as Record<Who, Client>;
const tokens = {} as Record<Role, string>;

// ------------------------------------------------------------------------------------------------
// Fixtures

function fail(message: string): never {
  throw new Error(message);
}

async function buildFixtures(): Promise<Fixtures> {
  const db = app.db;
  const units = {} as Fixtures["units"];
  const unitRows = await db
    .selectFrom("units")
    .select(["id", "code", "parent_id"])
    .where("code", "in", Object.keys(UNIT_PARENTS))
    .execute();
  const codeById = new Map(unitRows.map((u) => [u.id, u.code]));
  for (const [code, parent] of Object.entries(UNIT_PARENTS) as Array<[UnitCode, UnitCode | null]>) {
    const row = unitRows.find((u) => u.code === code) ?? fail(`unit ${code} is not in the demo data`);
    const actualParent = row.parent_id === null ? null : (codeById.get(row.parent_id) ?? `#${row.parent_id}`);
    if (actualParent !== parent) fail(`route-registry UNIT_PARENTS says ${code} is under ${parent}, the database says ${actualParent}`);
    units[code] = { id: row.id, path: await unitPath(db, row.id) };
  }

  const users = {} as Fixtures["users"];
  for (const [email, expected] of Object.entries(PEOPLE) as Array<[Email, (typeof PEOPLE)[Email]]>) {
    const row =
      (await db.selectFrom("users").select(["id", "role", "unit_id", "active"]).where("email", "=", email).executeTakeFirst()) ??
      fail(`${email} is not in the demo data`);
    if (row.role !== expected.role || row.unit_id !== units[expected.unit].id || row.active !== 1) {
      fail(`route-registry PEOPLE says ${email} is an active ${expected.role} in ${expected.unit}; the database disagrees`);
    }
    users[email] = { id: row.id };
  }
  for (const role of ROLES) {
    const { email } = ACTORS[role];
    const row = await db
      .selectFrom("users")
      .select(["id", "role", "unit_id", "active"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    actors[role] = { id: row.id, role: row.role, unitId: row.unit_id, active: row.active === 1 };
  }

  // Tasks, created through the model as the secretariat.
  const ctx: TaskContext = { actor: actors.admin, today: TODAY };
  const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: string }, what: string): T =>
    result.ok ? result.value : fail(`fixture ${what}: ${JSON.stringify(result)}`);
  const tasks = {} as Fixtures["tasks"];
  for (const [key, spec] of Object.entries(TASKS) as Array<[TaskKey, (typeof TASKS)[TaskKey]]>) {
    const fields = {
      title: `${FIXTURE_TITLE} (${key})`,
      ownerId: users[spec.owner].id,
      leadUnitId: units[spec.lead].id,
      deadline: addDays(TODAY, 30),
      deliverable: "Biên bản kiểm tra",
      programs: ["CDS" as const],
    };
    const task = unwrap(await createTask(db, fields, { issue: true }, ctx), `task ${key}`);
    tasks[key] = { id: task.id };
    if ("done" in spec) {
      unwrap(
        await postProgress(
          db,
          task.id,
          task.version,
          { progress: 100, note: "Hoàn thành", complete: true, evidence: { url: "https://example.org/bien-ban" } },
          ctx,
        ),
        `done ${key}`,
      );
    }
  }
  // An evidence file, uploaded the way a browser does.
  const admin = clients.admin;
  for (const key of EVIDENCE_TASKS) {
    const { version } = await db.selectFrom("tasks").select("version").where("id", "=", tasks[key].id).executeTakeFirstOrThrow();
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "progress", version: String(version), progress: "20", note: "Kèm biên bản" }))
      form.append(k, v);
    const pdf = Buffer.from(`%PDF-1.4\n% ${key}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, "latin1");
    form.append("evidenceFile", new File([new Uint8Array(pdf)], `bien-ban-${key}.pdf`, { type: "application/pdf" }));
    const response = await admin.request(`/tasks/${tasks[key].id}`, { method: "POST", body: form });
    if (response.status !== 302) fail(`uploading evidence for ${key} answered ${response.status}`);
    const evidence = await db
      .selectFrom("task_evidence")
      .select("id")
      .where("task_id", "=", tasks[key].id)
      .where("kind", "=", "file")
      .executeTakeFirstOrThrow();
    tasks[key].evidenceId = evidence.id;
  }
  // Every open task: one rejected extension request, then one pending. They are requested by a second
  // secretariat member, who is none of the checks' actors: whoever requests never decides.
  const secondAdmin = await db
    .selectFrom("users")
    .select(["id", "role", "unit_id"])
    .where("email", "=", "thuky@roviec.demo")
    .executeTakeFirstOrThrow();
  const requesterCtx: TaskContext = {
    actor: { id: secondAdmin.id, role: secondAdmin.role, unitId: secondAdmin.unit_id, active: true },
    today: TODAY,
  };
  for (const key of OPEN_TASKS) {
    const first = unwrap(
      await requestExtension(db, tasks[key].id, { deadline: addDays(TODAY, 40), reason: "Chờ số liệu" }, requesterCtx),
      `extension ${key}`,
    );
    unwrap(await decideExtension(db, first.id, { decision: "reject", note: "Không đủ căn cứ" }, ctx), `rejection ${key}`);
    unwrap(
      await requestExtension(db, tasks[key].id, { deadline: addDays(TODAY, 45), reason: "Chờ số liệu lần hai" }, requesterCtx),
      `pending extension ${key}`,
    );
    tasks[key].decidedExtensionId = first.id;
  }

  const goal = await db.selectFrom("goals").select("id").orderBy("id").executeTakeFirstOrThrow();
  return { units, users, tasks, goalId: goal.id, takenEmail: "cv.stp@roviec.demo", laterDeadline: addDays(TODAY, 90) };
}

beforeAll(async () => {
  app = await startApp({ env: { UPLOAD_DIR: UPLOADS } });
  const signedIn = await Promise.all(ROLES.map((role) => app.signedIn(ACTORS[role].email)));
  ROLES.forEach((role, i) => (clients[role] = signedIn[i]));
  clients["signed-out"] = app.client();
  fx = await buildFixtures();
  for (const role of ROLES)
    tokens[role] = (
      await createApiToken(app.db, { userId: actors[role].id, name: "route-permissions" }, { actorUserId: actors[role].id })
    ).token;
  refusedWrites = app.dialect === "postgres" ? await postgresRefusedWriteCheck(app.dbUrl) : sqliteRefusedWriteCheck(app.dbFile);
});

afterAll(async () => {
  await refusedWrites?.close();
  await app?.close();
  fs.rmSync(UPLOADS, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------
// What the policy says

function resourceOf(ref: Ref | undefined, role: Role): Resource {
  if (!ref) return {};
  const resource: Resource = {};
  const unit = ref.unit === "self" ? ACTORS[role].unit : ref.unit;
  if (unit) Object.assign(resource, { unitId: fx.units[unit].id, unitPath: fx.units[unit].path });
  if (ref.owner) resource.userId = ref.owner === "self" ? actors[role].id : fx.users[ref.owner].id;
  if (ref.role) resource.role = ref.role;
  if (ref.newRole) resource.newRole = ref.newRole;
  if (ref.destination) resource.newUnitPath = ref.destination === "top" ? [] : fx.units[ref.destination].path;
  return resource;
}

function permitted(check: Check, who: Who): boolean {
  if (check.action === "public") return true;
  if (who === "signed-out") return false;
  if (check.action === "signed-in") return true;
  const resource = resourceOf(check.ref, who);
  const actions: Action[] = Array.isArray(check.action) ? check.action : [check.action];
  return actions.some((action) => can(actors[who], action, resource));
}

// ------------------------------------------------------------------------------------------------
// Names: where the resource stands relative to the user (from the symbolic tree, before fixtures exist)

function ancestry(code: UnitCode): UnitCode[] {
  const out: UnitCode[] = [];
  for (let c: UnitCode | null = code; c; c = UNIT_PARENTS[c]) out.push(c);
  return out;
}

function relation(unit: UnitCode, mine: UnitCode): string {
  if (unit === mine) return "own unit";
  if (ancestry(unit).includes(mine)) return "sub-unit";
  if (ancestry(mine).includes(unit)) return "parent unit";
  return "other unit";
}

function scopeOf(ref: Ref | undefined, who: Who): string {
  if (!ref || who === "signed-out") return "—";
  const mine = ACTORS[who].unit;
  const parts: string[] = [];
  const owner = ref.owner === "self" ? ACTORS[who].email : ref.owner;
  if (owner === ACTORS[who].email) parts.push("own record");
  else {
    const unit = ref.unit === "self" ? mine : ref.unit;
    if (unit) parts.push(relation(unit, mine));
    if (owner) parts.push("someone else's record");
  }
  if (ref.newRole) parts.push(`as ${ref.newRole}`);
  if (ref.destination) parts.push(ref.destination === "top" ? "to top level" : `to ${relation(ref.destination, mine)}`);
  return parts.join(", ") || "—";
}

function nameOf(check: Check, who: Who) {
  const action = Array.isArray(check.action) ? check.action.join(" | ") : check.action;
  const intent = check.intent ? ` (${check.api ? "" : "intent="}${check.intent})` : "";
  const what = check.what ? ` [${check.what}]` : "";
  return `${who} × ${action} × ${scopeOf(check.ref, who)} → ${check.method} ${check.path}${intent}${what}`;
}

// ------------------------------------------------------------------------------------------------
// Sending

async function send(check: Check, who: Who): Promise<Response> {
  const url = check.url(fx);
  const body = check.body?.(fx);
  if (check.api) {
    const headers: Record<string, string> = {};
    if (who !== "signed-out") headers.authorization = `Bearer ${tokens[who]}`;
    // Without a token a write needs an Origin to pass the server's cross-site guard (which refuses a bare
    // write with 403 by design); sent same-origin, it reaches the API, whose answer is what this checks.
    else if (check.method !== "GET") headers.origin = app.url;
    if (body !== undefined) headers["content-type"] = "application/json";
    return fetch(new URL(url, app.url), {
      method: check.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
  }
  const client = check.freshSession && who !== "signed-out" ? await app.signedIn(ACTORS[who].email) : clients[who];
  return check.method === "GET" ? client.get(url) : client.post(url, (body ?? {}) as FormBody);
}

/**
 * "A refused write changed nothing", without reading every table twice per request: one connection
 * holds a read transaction opened before the request (a snapshot of every table); after the request
 * the tables named are compared row by row, then and now. On SQLite another connection watches
 * data_version, which moves only when some other connection commits: no commit, nothing to compare.
 * On PostgreSQL the held transaction is REPEATABLE READ (one snapshot for all its reads).
 */
interface RefusedWriteCheck {
  /** Call before the request; the function it returns names the tables that differ afterwards. */
  begin(tables: readonly Table[]): Promise<() => Promise<Table[]>>;
  close(): Promise<void>;
}

function sqliteRefusedWriteCheck(file: string): RefusedWriteCheck {
  const held = new Database(file, { fileMustExist: true });
  const current = new Database(file, { fileMustExist: true });
  return {
    async begin(tables) {
      if (held.inTransaction) held.exec("COMMIT"); // left open by a request that threw
      const version = current.pragma("data_version", { simple: true });
      held.exec("BEGIN");
      held.prepare("select count(*) from sqlite_master").get(); // the snapshot starts at the first read
      return async () => {
        try {
          if (current.pragma("data_version", { simple: true }) === version) return [];
          const rows = (db: Database.Database, table: Table) =>
            JSON.stringify(db.prepare(`select * from "${table}" order by rowid`).raw().all());
          return tables.filter((table) => rows(held, table) !== rows(current, table));
        } finally {
          held.exec("COMMIT");
        }
      };
    },
    async close() {
      held.close();
      current.close();
    },
  };
}

async function postgresRefusedWriteCheck(url: string): Promise<RefusedWriteCheck> {
  const held = new pg.Client({ connectionString: url });
  const current = new pg.Client({ connectionString: url });
  await Promise.all([held.connect(), current.connect()]);
  let open = false;
  // Row order is not part of the comparison (no rowid here): rows are compared as sorted JSON.
  const rows = async (client: pg.Client, table: Table) =>
    JSON.stringify((await client.query({ text: `select * from "${table}"`, rowMode: "array" })).rows.map((r) => JSON.stringify(r)).sort());
  return {
    async begin(tables) {
      if (open) await held.query("commit");
      await held.query("begin isolation level repeatable read");
      await held.query("select 1"); // the snapshot is taken at the first statement
      open = true;
      return async () => {
        try {
          const changed: Table[] = [];
          for (const table of tables) if ((await rows(held, table)) !== (await rows(current, table))) changed.push(table);
          return changed;
        } finally {
          await held.query("commit");
          open = false;
        }
      };
    },
    async close() {
      await Promise.all([held.end(), current.end()]);
    },
  };
}

/** requireUser's answer: to /login with the page to come back to. */
function isSignInRedirect(response: Response) {
  if (response.status < 300 || response.status >= 400) return false;
  const location = response.headers.get("location");
  if (!location) return false;
  const target = new URL(location, app.url);
  return target.pathname === "/login" && target.searchParams.has("redirectTo");
}

async function describeResponse(response: Response) {
  const text = await response.text().catch(() => "");
  const location = response.headers.get("location");
  return `${response.status}${location ? ` → ${location}` : ""} ${text.replace(/\s+/g, " ").slice(0, 200)}`;
}

// ------------------------------------------------------------------------------------------------
// The registry itself

describe("the route registry", () => {
  // Every entry Remix takes as a route (files and flat-route folders), minus remix.config's ignoredRouteFiles.
  const routeFiles = fs
    .readdirSync(path.join(ROOT, "app", "routes"))
    .filter((f) => !f.startsWith(".") && !/\.test\.tsx?$/.test(f))
    .sort();

  it("has an entry for every route file in app/routes", () => {
    expect(routeFiles.filter((f) => !(f in ROUTES))).toEqual([]);
  });
  it("has no entry for a route file that does not exist", () => {
    expect(Object.keys(ROUTES).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });
  it("gives every route file checks, or a reason why it has none", () => {
    for (const [file, entry] of Object.entries(ROUTES)) {
      if ("skip" in entry) expect(entry.skip.trim(), file).not.toBe("");
      else expect(entry.checks.length, file).toBeGreaterThan(0);
    }
  });
  it("exercises every action in PERMISSIONS", () => {
    const used = new Set(
      Object.values(ROUTES).flatMap((e) =>
        "checks" in e ? e.checks.flatMap((c) => (Array.isArray(c.action) ? c.action : [c.action])) : [],
      ),
    );
    expect(ACTIONS.filter((a) => !used.has(a))).toEqual([]);
  });
  it("notices a table that changed between the start and the end of a request, and only then", async () => {
    expect(await (await refusedWrites.begin(["api_tokens", "tasks"]))()).toEqual([]);
    const changed = await refusedWrites.begin(["api_tokens", "tasks"]);
    await createApiToken(app.db, { userId: actors.admin.id, name: "self-test" }, { actorUserId: actors.admin.id });
    expect(await changed()).toEqual(["api_tokens"]);
  });
  it("sends every request as one user of every role", () => {
    expect(Object.keys(ACTORS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(actors[role], role).toMatchObject({ role, active: true });
  });
});

// ------------------------------------------------------------------------------------------------
// The matrix

for (const [file, entry] of Object.entries(ROUTES)) {
  if (!("checks" in entry)) continue;
  describe(`app/routes/${file}`, () => {
    for (const check of entry.checks) {
      for (const who of WHO) {
        it(nameOf(check, who), async () => {
          const allowed = permitted(check, who);
          const changedTables = !allowed && check.tables ? await refusedWrites.begin(check.tables) : null;
          const response = await send(check, who);
          const got = await describeResponse(response);
          const changed = (await changedTables?.()) ?? [];

          if (allowed) {
            expect(response.status, `permitted, got ${got}`).not.toBe(401);
            expect(response.status, `permitted, got ${got}`).not.toBe(403);
            expect(isSignInRedirect(response), `permitted, got ${got}`).toBe(false);
            expect(response.status, `permitted, got ${got}`).toBeLessThan(500);
          } else if (who === "signed-out") {
            if (check.api) expect(response.status, `signed out, got ${got}`).toBe(401);
            else expect(isSignInRedirect(response), `signed out: expected the sign-in redirect, got ${got}`).toBe(true);
          } else {
            expect(response.status, `refused by the policy, got ${got}`).toBe(403);
          }
          expect(changed, "a refused write changed these tables").toEqual([]);
        });
      }
    }
  });
}
