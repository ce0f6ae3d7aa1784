/**
 * Hostile input at every mutating API endpoint (fast-check): random JSON, wrong types, huge and NFD
 * strings, SQL metacharacters, impossible dates, 1e309 / -1 / "NaN", "__proto__" keys, deep nesting,
 * malformed JSON and invalid UTF-8, sent with tokens of every role. Two properties:
 *   - the answer is never 5xx;
 *   - a refused request (4xx) changes no row (row counts and a hash of the task tables, before/after);
 *   - every answer is one the OpenAPI document describes (status, media type and body: tests/support/openapi-contract.ts).
 * FC_RUNS sets the runs per endpoint (default 150; a drill may raise it to 10000). FC_SEED replays a run.
 */
import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "~/domain/dates";
import { todayIn } from "~/i18n/format";
import { createApiToken } from "~/models/api-token.server";
import { startApp, type TestApp } from "../support/app";
import { openApiContract, type OpenApiContract } from "../support/openapi-contract";
import { openRowReader, type RowReader } from "../support/reader";

const RUNS = Number(process.env.FC_RUNS ?? 150);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const TIMEOUT_MS = Math.max(60_000, RUNS * 400);
const today = todayIn("Asia/Ho_Chi_Minh", clock.now());

let app: TestApp;
let contract: OpenApiContract;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** Tables a task-API write could touch. audit_events is append-only (database triggers refuse UPDATE and DELETE). */
const TABLES = [
  "tasks",
  "task_programs",
  "task_coordinating_units",
  "task_updates",
  "task_evidence",
  "task_extensions",
  "api_tokens",
  "users",
  "units",
] as const;
let reader: RowReader;
const columns = (table: string) => (table === "api_tokens" ? "id, user_id, name, token_hash, token_prefix, created_at, revoked_at" : "*");

/**
 * Row counts and a SHA-256 of every row of the tables a write could touch (a token's last use is left
 * out: reads move it). audit_events is append-only, so its count, last id and newest rows say it all.
 */
async function fingerprint() {
  const hash = crypto.createHash("sha256");
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const all = await reader.table(table, columns(table));
    counts[table] = all.length;
    hash.update(JSON.stringify(all));
  }
  const [audit] = (await reader.all("select count(*) as n, max(id) as last from audit_events")) as Array<{
    n: number;
    last: number | null;
  }>;
  counts.audit_events = audit.n;
  hash.update(JSON.stringify([audit, await reader.all("select * from audit_events order by id desc limit 20")]));
  return { counts, hash: hash.digest("hex") };
}

async function send(
  method: string,
  pathname: string,
  token: string,
  body: string | Uint8Array<ArrayBuffer>,
  contentType = "application/json",
) {
  const response = await fetch(new URL(pathname, app.url), {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body,
  });
  const text = await response.text();
  contract.check({ method, pathname, status: response.status, contentType: response.headers.get("content-type"), text });
  return { status: response.status, text };
}

// ----------------------------------------------------------------------------------------------
// Hostile values

const NFD = "Hà Nội — Sở Khoa học và Công nghệ, Đề án 06".normalize("NFD");
const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(
    "",
    " ",
    NFD,
    "'; DROP TABLE tasks; --",
    '" OR 1=1 --',
    "%_\\",
    "Robert'); DELETE FROM audit_events;--",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://hanoi.gov.vn/bao-cao",
    "2026-02-30",
    "2026-13-01",
    "2027-02-29",
    "0000-00-00",
    "9999-12-31",
    "31/12/2026",
    addDays(today, 30),
    addDays(today, 400),
    "NaN",
    "Infinity",
    "-1",
    "1e309",
    "0x10",
    "null",
    "true",
    "__proto__",
    "constructor",
    "\u0000\u0007\u202e",
    "\ud800",
    "done",
    "cancelled",
    "in_progress",
    "not_started",
    "draft",
    "approve",
    "reject",
    "CDS",
    "DA06",
  ),
  fc.nat({ max: 20_000 }).map((n) => "x".repeat(n)),
  fc.nat({ max: 2000 }).map((n) => "ệ".normalize("NFD").repeat(n)),
);
const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2, 99, 100, 101, 1.5, -0, 2 ** 31, 2 ** 31 - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308),
);
/** Ids that exist (so the model's deeper rules run) and ids that do not. */
const idLike = () => fc.oneof(fc.constantFrom(...Object.values(ids)), numbers);
const leaf = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("__proto__", "constructor", "prototype", "number", "date", "issuer")),
      tie("v"),
      { maxKeys: 5 },
    ),
  ),
})).v;

const CONTENT_KEYS = [
  "title",
  "description",
  "ownerId",
  "leadUnitId",
  "coordinatingUnitIds",
  "deadline",
  "startDate",
  "deliverable",
  "programs",
  "goalId",
  "priority",
  "sourceDocument",
];
const PATCH_KEYS = ["version", "progress", "status", "note", "evidenceUrl"];
const SMUGGLED = [
  "role",
  "createdBy",
  "id",
  "status",
  "originalDeadline",
  "extensionCount",
  "completedAt",
  "parentId",
  "standing",
  "__proto__",
  "constructor",
  "draft",
];

/** A value for a known key: usually of a plausible type, often wrong. */
function valueFor(key: string): fc.Arbitrary<unknown> {
  const plausible: Record<string, fc.Arbitrary<unknown>> = {
    ownerId: idLike(),
    leadUnitId: idLike(),
    goalId: idLike(),
    coordinatingUnitIds: fc.array(idLike(), { maxLength: 4 }),
    programs: fc.array(fc.oneof(fc.constantFrom("CCHC", "CDS", "DA06"), strings), { maxLength: 4 }),
    progress: fc.oneof(numbers, fc.constant("SAME_PROGRESS")),
    version: fc.oneof(fc.constant("CURRENT"), numbers),
    status: fc.constantFrom("draft", "not_started", "in_progress", "done", "cancelled", "DONE", ""),
    priority: fc.constantFrom("low", "normal", "high", "urgent", "critical"),
    sourceDocument: fc.oneof(fc.record({ number: leaf, date: leaf, issuer: leaf }, { requiredKeys: [] }), value),
    decision: fc.constantFrom("approve", "reject", "APPROVE", ""),
    title: fc.oneof(strings, fc.constant("UNIQUE")),
    description: fc.oneof(strings, fc.constant("UNIQUE")),
    deliverable: fc.oneof(strings, fc.constant("UNIQUE")),
    note: fc.oneof(strings, fc.constant("UNIQUE")),
    draft: fc.oneof(fc.boolean(), leaf),
  };
  return fc.oneof({ weight: 3, arbitrary: Object.hasOwn(plausible, key) ? plausible[key] : strings }, { weight: 1, arbitrary: value });
}

function objectOf(keys: string[]): fc.Arbitrary<Record<string, unknown>> {
  const known = fc
    .uniqueArray(fc.constantFrom(...keys, ...SMUGGLED), { maxLength: keys.length + 3 })
    .chain((chosen) => fc.tuple(...chosen.map((k) => valueFor(k).map((v) => [k, v] as const))).map((pairs) => pairs));
  const random = fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 4 });
  return fc.tuple(known, random).map(([pairs, extra]) => {
    const out: Record<string, unknown> = {};
    // defineProperty: "__proto__" must become an ordinary key here, as it would arrive over the wire.
    for (const [k, v] of Object.entries(extra))
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of pairs) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

type Body =
  | { kind: "object"; value: Record<string, unknown> }
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: number[] }
  | { kind: "type"; text: string; contentType: string };

const DELETE = Symbol("delete");

/** A valid body with up to three keys replaced by hostile values or removed: the near misses. */
function nearValid(keys: string[], templates: Array<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const edit = fc.constantFrom(...keys, ...SMUGGLED).chain((k) => fc.oneof(valueFor(k), fc.constant(DELETE)).map((v) => [k, v] as const));
  return fc.tuple(fc.constantFrom(...templates), fc.array(edit, { maxLength: 3 })).map(([template, edits]) => {
    const out: Record<string, unknown> = { ...template };
    for (const [k, v] of edits) {
      if (v === DELETE) delete out[k];
      else Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
}

/** Bodies: objects of known keys (random, or valid ones slightly broken), and raw JSON edge cases no JSON.stringify produces. */
function bodies(keys: string[], templates: Array<Record<string, unknown>>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 6, arbitrary: objectOf(keys).map((value) => ({ kind: "object" as const, value })) },
    { weight: 6, arbitrary: nearValid(keys, templates).map((value) => ({ kind: "object" as const, value })) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '{"version": CURRENT, "progress": 1e309}',
          '{"version": CURRENT, "progress": NaN}',
          '{"version": 1e309}',
          '{"version": -1, "title": "x"}',
          '{"version": CURRENT, "title": "x", "title": 5}',
          '{"__proto__": {"status": "done"}, "version": CURRENT, "note": "x"}',
          '{"constructor": {"prototype": {"admin": true}}, "version": CURRENT}',
          '{"deadline": "2026-02-30", "reason": "x"}',
          '{"decision": "approve", "note": {"$gt": ""}}',
          "{",
          "",
          "[]",
          "null",
          '"string"',
          "12",
          '{"a":1,}',
          "{'single': 1}",
          `{"title": "${"[".repeat(50)}"}`,
          "[".repeat(5000) + "]".repeat(5000),
          '{"a":'.repeat(3000) + "1" + "}".repeat(3000),
          '\uFEFF{"version": CURRENT, "note": "BOM"}',
        )
        .map((text) => ({ kind: "text" as const, text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 })
        .map((bytes) => ({ kind: "bytes" as const, bytes: [0x7b, 0x22, 0xc3, 0x28, ...bytes] })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/json; charset=utf-16",
        )
        .map((contentType) => ({
          kind: "type" as const,
          text: '{"version": CURRENT, "title": "x"}',
          contentType,
        })),
    },
  );
}

const who = fc.constantFrom("admin", "committee", "head", "staff", "otherStaff");

async function currentState(taskId: number) {
  return app.db.selectFrom("tasks").select(["version", "progress"]).where("id", "=", taskId).executeTakeFirstOrThrow();
}

let unique = 0;

/**
 * Sends the body. Placeholders let deeper paths run: "CURRENT" becomes the task's current version,
 * "SAME_PROGRESS" its current progress (an unchanged value), "UNIQUE" a text never sent before (a changed one).
 */
async function deliver(method: string, pathname: string, token: string, body: Body, versionOf?: number) {
  const state = versionOf ? await currentState(versionOf) : { version: 1, progress: 0 };
  switch (body.kind) {
    case "object": {
      const text = JSON.stringify(body.value)
        .replace(/"CURRENT"/g, String(state.version))
        .replace(/"SAME_PROGRESS"/g, String(state.progress))
        .replace(/"UNIQUE"/g, () => JSON.stringify(`Nội dung ${++unique}`));
      return send(method, pathname, token, text);
    }
    case "text":
      return send(method, pathname, token, body.text.replace(/CURRENT/g, String(state.version)));
    case "bytes":
      return send(method, pathname, token, new Uint8Array(body.bytes));
    case "type":
      return send(method, pathname, token, body.text.replace(/CURRENT/g, String(state.version)), body.contentType);
  }
}

interface Target {
  path: string;
  /** The task whose current version replaces "CURRENT" in the body. */
  taskId?: number;
}

/** Records made by the test itself (fresh tasks, pending extensions): a cached fingerprint is then stale. */
let arranged = 0;

async function checkProperty(method: string, target: () => Promise<Target>, keys: string[], templates: Array<Record<string, unknown>>) {
  const statuses = new Map<number, number>();
  // After a refused request the state is known to be unchanged: the next "before" is the last "after".
  let known: { at: number; print: Awaited<ReturnType<typeof fingerprint>> } | undefined;
  await fc.assert(
    fc.asyncProperty(who, bodies(keys, templates), async (role, body) => {
      const { path, taskId } = await target();
      const before = known && known.at === arranged ? known.print : await fingerprint();
      known = undefined;
      const { status, text } = await deliver(method, path, tokens[role], body, taskId);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(status, text).toBeLessThan(500);
      expect(() => JSON.parse(text), text).not.toThrow();
      if (status >= 400) {
        const after = await fingerprint();
        expect(after, `${status} ${text}`).toEqual(before);
        known = { at: arranged, print: after };
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  const summary = [...statuses].sort(([a], [b]) => a - b);
  if (process.env.FC_VERBOSE) process.stdout.write(`${method} ${(await target()).path}: ${JSON.stringify(summary)}\n`);
  return summary;
}

/** A fresh record every `every` calls, so that earlier successes (done, cancelled, decided) do not end the exploration. */
function refreshing<T>(every: number, make: () => Promise<T>) {
  let current: T | undefined;
  let calls = 0;
  return async () => {
    if (current === undefined || calls++ % every === 0) current = await make();
    return current;
  };
}

function validTask() {
  return {
    title: "Nhiệm vụ kiểm thử",
    ownerId: ids.cvCds,
    leadUnitId: ids.CDS,
    deadline: addDays(today, 60),
    deliverable: "Báo cáo",
    programs: ["CDS"],
  };
}

async function newTask() {
  arranged++;
  const response = await send("POST", "/api/v1/tasks", tokens.admin, JSON.stringify(validTask()));
  if (response.status !== 201) throw new Error(response.text);
  return JSON.parse(response.text) as { id: number; version: number };
}

beforeAll(async () => {
  app = await startApp();
  contract = openApiContract(await (await fetch(new URL("/api/v1/openapi.json", app.url))).json());
  const userId = async (email: string) =>
    (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const unitId = async (code: string) =>
    (await app.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  Object.assign(ids, {
    CDS: await unitId("SKHCN-CDS"),
    SYT: await unitId("SYT"),
    cvCds: await userId("cv.cds@roviec.demo"),
    cvSyt: await userId("cv.syt@roviec.demo"),
  });
  for (const [role, email] of Object.entries({
    admin: "admin@roviec.demo",
    committee: "bcd.pho@roviec.demo",
    head: "gd.skhcn@roviec.demo",
    staff: "cv.cds@roviec.demo",
    otherStaff: "cv.syt@roviec.demo",
  })) {
    const id = await userId(email);
    tokens[role] = (await createApiToken(app.db, { userId: id, name: "fc" }, { actorUserId: id })).token;
  }
  reader = await openRowReader(app);
});
afterAll(async () => {
  await reader?.close();
  await app?.close();
});

async function pendingExtension(i: number) {
  arranged++;
  const task = await newTask();
  const r = await send(
    "POST",
    `/api/v1/tasks/${task.id}/extensions`,
    tokens.staff,
    JSON.stringify({ deadline: addDays(today, 90 + (i % 200)), reason: "Chờ số liệu" }),
  );
  return (JSON.parse(r.text) as { id: number }).id;
}

describe("hostile bodies never cause a 5xx, and a refused one changes nothing", () => {
  it(
    "POST /api/v1/tasks",
    async () => {
      const statuses = await checkProperty("POST", async () => ({ path: "/api/v1/tasks" }), CONTENT_KEYS, [
        validTask(),
        { title: "Dự thảo", draft: true },
      ]);
      expect(statuses.length).toBeGreaterThan(2);
    },
    TIMEOUT_MS,
  );

  it(
    "PATCH /api/v1/tasks/:id",
    async () => {
      const task = refreshing(20, () => newTask());
      const statuses = await checkProperty(
        "PATCH",
        async () => {
          const { id } = await task();
          return { path: `/api/v1/tasks/${id}`, taskId: id };
        },
        [...CONTENT_KEYS, ...PATCH_KEYS],
        [
          { version: "CURRENT", progress: 30, note: "Đã khảo sát" },
          { version: "CURRENT", title: "Tên mới", priority: "high", coordinatingUnitIds: [ids.SYT] },
          { version: "CURRENT", title: "UNIQUE", progress: 50, note: "Cập nhật" },
          { version: "CURRENT", title: "UNIQUE", progress: "SAME_PROGRESS" },
          { version: "CURRENT", description: "UNIQUE", status: "cancelled" },
          { version: "CURRENT", status: "done", note: "Xong", evidenceUrl: "https://hanoi.gov.vn/bao-cao" },
          { version: "CURRENT", status: "cancelled", note: "Không còn phù hợp" },
          { version: "CURRENT", status: "in_progress", progress: 10 },
        ],
      );
      expect(statuses.some(([s]) => s === 422)).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    "POST /api/v1/tasks/:id/extensions",
    async () => {
      const task = refreshing(20, () => newTask());
      const statuses = await checkProperty(
        "POST",
        async () => ({ path: `/api/v1/tasks/${(await task()).id}/extensions` }),
        ["deadline", "reason"],
        [{ deadline: addDays(today, 90), reason: "Chờ kinh phí" }],
      );
      expect(statuses.some(([s]) => s === 422)).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    "POST /api/v1/extensions/:id/decision",
    async () => {
      let n = 0;
      const extension = refreshing(10, () => pendingExtension(n++));
      const statuses = await checkProperty(
        "POST",
        async () => ({ path: `/api/v1/extensions/${await extension()}/decision` }),
        ["decision", "note"],
        [{ decision: "approve", note: "Đồng ý" }, { decision: "reject" }],
      );
      expect(statuses.some(([s]) => s === 403)).toBe(true);
    },
    TIMEOUT_MS,
  );
});
