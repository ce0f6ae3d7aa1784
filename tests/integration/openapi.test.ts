/**
 * GET /api/v1/openapi.json matches what the server does:
 *   - every route file app/routes/api.v1.* is a path of the document, and every path is a route file;
 *   - every method the document lists is served, and every other method answers 405;
 *   - real responses (each GET, each write, each error status) validate against the documented schema
 *     of their path, method and status — and that status is documented for the operation.
 * The JSON-schema check is a small validator below: it knows the keywords the document uses and fails
 * on any other, so the document cannot drift into keywords nothing checks.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/domain/dates";
import { todayIn } from "~/i18n/format";
import * as clock from "~/clock.server";
import { createApiToken } from "~/models/api-token.server";
import { startApp, type TestApp } from "../support/app";
import { ROOT } from "../support/paths";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, Json>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

let app: TestApp;
let doc: Doc;
const tokens: Record<string, string> = {};
const today = todayIn("Asia/Ho_Chi_Minh", clock.now());
const METHODS = ["get", "post", "patch", "put", "delete"] as const;

// ------------------------------------------------------------------------------------------------
// A small JSON Schema (2020-12 subset) validator

const ANNOTATIONS = new Set(["description", "title", "default", "examples", "deprecated"]);
const KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "format",
  "anyOf",
  "if",
  "then",
  "else",
]);
const FORMATS: Record<string, (v: string) => boolean> = {
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  "date-time": (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  email: (v) => /^[^\s@]+@[^\s@]+$/.test(v),
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function resolve(ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`Unsupported $ref ${ref}`);
  let node: Doc = doc;
  for (const part of ref.slice(2).split("/")) {
    node = node?.[part];
    if (node === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return node as Schema;
}

/** Throws on a keyword the validator does not know, anywhere in the schema. */
function checkKeywords(schema: Schema, at = "$"): void {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`The validator does not know the keyword "${key}" (at ${at})`);
  }
  const children: Array<[string, unknown]> = [
    ...Object.entries((schema.properties ?? {}) as Record<string, unknown>),
    ["items", schema.items],
    ["additionalProperties", schema.additionalProperties],
    ["if", schema.if],
    ["then", schema.then],
    ["else", schema.else],
    ...((schema.anyOf ?? []) as unknown[]).map((s, i) => [`anyOf${i}`, s] as [string, unknown]),
  ];
  for (const [name, child] of children) if (child && typeof child === "object") checkKeywords(child as Schema, `${at}.${name}`);
}

/** The errors of `value` against `schema` (empty when valid), each with its JSON path. */
function validate(schema: Schema, value: unknown, at = "$"): string[] {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`The validator does not know the keyword "${key}" (at ${at})`);
  }
  if (schema.$ref) return validate(resolve(schema.$ref as string), value, at);
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => t === actual || (t === "number" && actual === "integer"))) return [`${at}: expected ${types.join("|")}, got ${actual}`];
  }
  if (schema.enum && !(schema.enum as Json[]).some((e) => e === value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.const !== undefined && schema.const !== value) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${at}: ${value} < ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${at}: ${value} > ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.format) {
      const check = FORMATS[schema.format as string];
      if (!check) throw new Error(`Unknown format ${schema.format}`);
      if (!check(value)) errors.push(`${at}: "${value}" is not a ${schema.format}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...validate(schema.items as Schema, item, `${at}[${i}]`)));
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${at}: missing "${key}"`);
    for (const [key, child] of Object.entries(object)) {
      if (key in properties) errors.push(...validate(properties[key], child, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${key}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") errors.push(...validate(schema.additionalProperties as Schema, child, `${at}.${key}`));
    }
  }
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((s) => validate(s, value, at).length === 0)) {
    errors.push(`${at}: matches none of anyOf (${(schema.anyOf as Schema[]).map((s) => validate(s, value, at).join("; ")).join(" | ")})`);
  }
  if (schema.if) {
    const branch = validate(schema.if as Schema, value, at).length === 0 ? schema.then : schema.else;
    if (branch) errors.push(...validate(branch as Schema, value, at));
  }
  return errors;
}

// ------------------------------------------------------------------------------------------------
// Calls, each checked against the document

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** The document's path template for a concrete path ("/api/v1/tasks/12" → "/api/v1/tasks/{id}"). */
function templateOf(pathname: string): string {
  const bare = pathname.split("?")[0];
  const match = Object.keys(doc.paths).find((template) => new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`).test(bare));
  if (!match) throw new Error(`No documented path for ${pathname}`);
  return match;
}

function responseSchema(template: string, method: string, status: number): Schema {
  const operation = doc.paths[template]?.[method];
  expect(operation, `${method.toUpperCase()} ${template} is documented`).toBeDefined();
  let response = operation.responses[String(status)];
  expect(response, `${method.toUpperCase()} ${template} documents status ${status}`).toBeDefined();
  if (response.$ref) response = resolve(response.$ref);
  const schema = response.content?.["application/json"]?.schema;
  expect(schema, `${method.toUpperCase()} ${template} ${status} has a JSON schema`).toBeDefined();
  return schema;
}

const checked: string[] = [];

/** Calls the API and checks the answer against the document (status documented, body valid). */
async function call(method: string, pathname: string, options: { token?: string; body?: unknown; raw?: string; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  const response = await fetch(new URL(pathname, app.url), { method, headers, body });
  const template = templateOf(pathname);
  const lower = method.toLowerCase();
  // A documented non-JSON answer (a file download): its media type must be the one documented.
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0].trim();
  if (mediaType !== "application/json") {
    const documentedResponse = doc.paths[template]?.[lower]?.responses?.[String(response.status)];
    expect(documentedResponse?.content?.[mediaType], `${method} ${pathname} → ${response.status} ${mediaType} is documented`).toBeDefined();
    checked.push(`${method} ${template} ${response.status}`);
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
  }
  const text = await response.text();
  const parsed = JSON.parse(text);
  const documented = doc.paths[template][lower] !== undefined;
  // A method the document does not list answers 405 (its error body is checked against the Error schema).
  const schema = documented ? responseSchema(template, lower, response.status) : (expect(response.status).toBe(405), resolve("#/components/schemas/Error"));
  expect(validate(schema, parsed), `${method} ${pathname} → ${response.status}: ${text.slice(0, 300)}`).toEqual([]);
  checked.push(`${method} ${template} ${response.status}`);
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A notification row as the reminder job writes it. */
async function addNotification(email: string, taskId: number, key: string, read: boolean) {
  const row = await app.db
    .insertInto("notifications")
    .values({
      user_id: await userIdOf(email),
      kind: "overdue",
      task_id: taskId,
      extension_id: null,
      rule: "after:1",
      deadline: today,
      run_date: today,
      dedupe_key: key,
      data: JSON.stringify({ days: 1 }),
      created_at: clock.nowIso(),
      read_at: read ? clock.nowIso() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function userIdOf(email: string) {
  return (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  app = await startApp();
  for (const [who, email] of Object.entries({ admin: "admin@roviec.demo", committee: "bcd.pho@roviec.demo", staff: "cv.cds@roviec.demo", head: "gd.syt@roviec.demo" })) {
    const userId = await userIdOf(email);
    tokens[who] = (await createApiToken(app.db, { userId, name: "openapi" }, { actorUserId: userId })).token;
  }
  const response = await fetch(new URL("/api/v1/openapi.json", app.url));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  doc = await response.json();
});
afterAll(() => app?.close());

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with bearer authentication, an error schema, and resolvable references", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.schemas.Error.required).toEqual(["error", "code"]);
    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref") refs.push(v as string);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(() => resolve(ref), ref).not.toThrow();
    // Every schema, however deep, uses only keywords the validator knows.
    const schemas: Schema[] = [...Object.values(doc.components.schemas as Record<string, Schema>)];
    for (const item of Object.values(doc.paths) as Doc[]) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) schemas.push(p.schema);
        if (op.requestBody) schemas.push(op.requestBody.content["application/json"].schema);
        for (const r of Object.values(op.responses) as Doc[]) if (r.content?.["application/json"]) schemas.push(r.content["application/json"].schema);
      }
    }
    for (const schema of schemas) expect(() => checkKeywords(schema)).not.toThrow();
    // Every operation names its parameters and documents its responses; every path parameter is declared.
    for (const [template, item] of Object.entries(doc.paths) as Array<[string, Doc]>) {
      const declared = new Set([...(item.parameters ?? []), ...METHODS.flatMap((m) => item[m]?.parameters ?? [])].filter((p: Doc) => p.in === "path").map((p: Doc) => p.name));
      for (const name of template.match(/\{([^}]+)\}/g) ?? []) expect(declared.has(name.slice(1, -1)), `${template} declares ${name}`).toBe(true);
      for (const method of METHODS) {
        if (!item[method]) continue;
        expect(item[method].operationId, `${method} ${template}`).toBeTruthy();
        expect(Object.keys(item[method].responses).some((s) => /^2/.test(s)), `${method} ${template} has a success response`).toBe(true);
      }
    }
  });

  it("describes exactly the api.v1 route files", () => {
    const files = fs.readdirSync(path.join(ROOT, "app", "routes")).filter((f) => f.startsWith("api.v1.") && /\.tsx?$/.test(f));
    const fromFiles = files
      .map((f) => f.replace(/\.tsx?$/, ""))
      .filter((name) => name !== "api.v1.$") // the JSON 404 for everything else
      .map((name) =>
        "/" +
        name
          .replace(/\[\.\]/g, "\u0000")
          .split(".")
          .filter((segment) => segment !== "_index")
          .map((segment) => (segment.startsWith("$") ? `{${segment.slice(1)}}` : segment))
          .join("/")
          .replace(/\u0000/g, "."),
      )
      .sort();
    expect(fromFiles).toEqual(Object.keys(doc.paths).sort());
  });

  it("lists exactly the methods the server serves (the others answer 405)", async () => {
    const task = await call("POST", "/api/v1/tasks", { token: tokens.admin, body: taskBody() });
    for (const template of Object.keys(doc.paths)) {
      const concrete = template.replace("{id}", String(task.body.id));
      for (const method of METHODS) {
        // A harmless body: every documented write refuses {} with 422, so nothing is written.
        const r = await call(method.toUpperCase(), concrete, { token: tokens.admin, body: method === "get" ? undefined : {} });
        if (doc.paths[template][method]) expect(r.status, `${method} ${concrete}`).not.toBe(405);
        else expect(r.status, `${method} ${concrete}`).toBe(405);
      }
    }
  });
});

function taskBody(overrides: Record<string, unknown> = {}) {
  return { title: "Kiểm tra tài liệu API", deliverable: "Báo cáo", deadline: addDays(today, 45), programs: ["CCHC", "DA06"], ...overrides };
}

describe("real responses validate against the document", () => {
  it("for every GET", async () => {
    const cds = (await app.db.selectFrom("units").select("id").where("code", "=", "SKHCN-CDS").executeTakeFirstOrThrow()).id;
    const cvCds = await userIdOf("cv.cds@roviec.demo");
    const created = await call("POST", "/api/v1/tasks", {
      token: tokens.admin,
      body: taskBody({ ownerId: cvCds, leadUnitId: cds, coordinatingUnitIds: [1], startDate: today, sourceDocument: { number: "01/KH", date: today, issuer: "UBND" } }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const progress = await call("PATCH", `/api/v1/tasks/${id}`, { token: tokens.staff, body: { version: 1, progress: 20, note: "Bắt đầu" } });
    expect(progress.status).toBe(200);
    const extension = await call("POST", `/api/v1/tasks/${id}/extensions`, { token: tokens.staff, body: { deadline: addDays(today, 90), reason: "Chờ số liệu" } });
    expect(extension.status).toBe(201);
    expect((await call("POST", `/api/v1/extensions/${extension.body.id}/decision`, { token: tokens.committee, body: { decision: "approve", note: "Đồng ý" } })).status).toBe(200);
    const draft = await call("POST", "/api/v1/tasks", { token: tokens.admin, body: { title: "Dự thảo", draft: true } });
    expect(draft.status).toBe(201);
    await addNotification("admin@roviec.demo", id, "openapi:get:1", true);
    await addNotification("admin@roviec.demo", id, "openapi:get:2", false);

    for (const p of [
      "/api/v1/me",
      "/api/v1/units",
      "/api/v1/users",
      `/api/v1/users?unitId=${cds}&role=staff`,
      "/api/v1/programs",
      "/api/v1/rollups",
      `/api/v1/rollups?by=unit&unitId=${cds}&includeSubunits=false&asOf=${addDays(today, -30)}`,
      "/api/v1/rollups?by=program",
      "/api/v1/rollups?by=goal",
      "/api/v1/tasks",
      "/api/v1/tasks?limit=200&offset=0",
      "/api/v1/tasks?standing=done_on_time",
      `/api/v1/tasks?program=DA06&unitId=${cds}&ownerId=${cvCds}&q=kiem%20tra`,
      `/api/v1/tasks/${id}`,
      `/api/v1/tasks/${draft.body.id}`,
      "/api/v1/notifications",
      "/api/v1/notifications?unread=true&limit=10&offset=0",
    ]) {
      const r = await call("GET", p, { token: tokens.admin });
      expect(r.status, p).toBe(200);
    }
    const detail = await call("GET", `/api/v1/tasks/${id}`, { token: tokens.staff });
    expect(detail.body.history.length).toBeGreaterThanOrEqual(4);
    expect(detail.body.extensions).toHaveLength(1);
    // The demo data's tasks too (done, late, cancelled, cascaded …), a page at a time.
    const total = (await call("GET", "/api/v1/tasks?limit=1", { token: tokens.admin })).body.total;
    for (let offset = 0; offset < total; offset += 200) await call("GET", `/api/v1/tasks?limit=200&offset=${offset}`, { token: tokens.admin });
  });

  it("for every write and every error status", async () => {
    const cds = (await app.db.selectFrom("units").select("id").where("code", "=", "SKHCN-CDS").executeTakeFirstOrThrow()).id;
    const cvCds = await userIdOf("cv.cds@roviec.demo");
    const task = (await call("POST", "/api/v1/tasks", { token: tokens.admin, body: taskBody({ ownerId: cvCds, leadUnitId: cds }) })).body;
    const statuses = new Set<number>();
    const expectStatus = async (status: number, method: string, p: string, options: Parameters<typeof call>[2]) => {
      const r = await call(method, p, options);
      expect(r.status, `${method} ${p}`).toBe(status);
      if (status >= 400) expect(r.body.code).toBeTruthy();
      statuses.add(status);
      return r;
    };
    await expectStatus(401, "GET", "/api/v1/me", {});
    await expectStatus(401, "POST", "/api/v1/tasks", { token: "rv_x", body: {} });
    await expectStatus(403, "GET", "/api/v1/users", { token: tokens.staff });
    await expectStatus(403, "POST", "/api/v1/tasks", { token: tokens.staff, body: taskBody() });
    await expectStatus(403, "PATCH", `/api/v1/tasks/${task.id}`, { token: tokens.head, body: { version: 1, title: "x" } });
    await expectStatus(404, "GET", "/api/v1/tasks/999999", { token: tokens.admin });
    await expectStatus(404, "POST", "/api/v1/extensions/999999/decision", { token: tokens.admin, body: { decision: "reject" } });
    await expectStatus(400, "POST", "/api/v1/tasks", { token: tokens.admin, raw: "{oops" });
    await expectStatus(400, "PATCH", `/api/v1/tasks/${task.id}`, { token: tokens.admin, raw: "[]" });
    await expectStatus(415, "POST", `/api/v1/tasks/${task.id}/extensions`, { token: tokens.admin, raw: "deadline=x", contentType: "application/x-www-form-urlencoded" });
    await expectStatus(413, "POST", "/api/v1/tasks", { token: tokens.admin, body: { title: "x".repeat(400_000) } });
    await expectStatus(405, "DELETE", `/api/v1/tasks/${task.id}`, { token: tokens.admin });
    await expectStatus(422, "POST", "/api/v1/tasks", { token: tokens.admin, body: { title: 1 } });
    await expectStatus(422, "GET", "/api/v1/tasks?limit=500", { token: tokens.admin });
    await expectStatus(422, "GET", "/api/v1/users?role=king", { token: tokens.admin });
    await expectStatus(422, "GET", "/api/v1/rollups?by=city", { token: tokens.admin });
    await expectStatus(422, "PATCH", `/api/v1/tasks/${task.id}`, { token: tokens.admin, body: { version: 1, deadline: addDays(today, 400) } });
    const edited = await expectStatus(200, "PATCH", `/api/v1/tasks/${task.id}`, { token: tokens.admin, body: { version: 1, title: "Tên mới", sourceDocument: { number: "02/KH" } } });
    expect(edited.body.sourceDocument).toEqual({ number: "02/KH", date: null, issuer: null });
    const conflict = await expectStatus(409, "PATCH", `/api/v1/tasks/${task.id}`, { token: tokens.staff, body: { version: 1, progress: 10, note: "x" } });
    expect(conflict.body).toMatchObject({ currentVersion: 2, changedFields: ["title", "sourceDocNumber"] });
    const mine = await addNotification("cv.cds@roviec.demo", task.id, "openapi:write:1", false);
    const read = await expectStatus(200, "POST", `/api/v1/notifications/${mine}/read`, { token: tokens.staff });
    expect(read.body.readAt).toEqual(expect.any(String));
    await expectStatus(404, "POST", `/api/v1/notifications/${mine}/read`, { token: tokens.admin });
    await expectStatus(422, "GET", "/api/v1/notifications?unread=yes", { token: tokens.staff });
    const ext = await expectStatus(201, "POST", `/api/v1/tasks/${task.id}/extensions`, { token: tokens.staff, body: { deadline: addDays(today, 100), reason: "Lý do" } });
    await expectStatus(422, "POST", `/api/v1/tasks/${task.id}/extensions`, { token: tokens.staff, body: { deadline: addDays(today, 101), reason: "Lần hai" } });
    await expectStatus(403, "POST", `/api/v1/extensions/${ext.body.id}/decision`, { token: tokens.staff, body: { decision: "approve" } });
    await expectStatus(200, "POST", `/api/v1/extensions/${ext.body.id}/decision`, { token: tokens.committee, body: { decision: "reject" } });
    await expectStatus(422, "POST", `/api/v1/extensions/${ext.body.id}/decision`, { token: tokens.committee, body: { decision: "approve" } });
    expect([...statuses].sort()).toEqual([200, 201, 400, 401, 403, 404, 405, 409, 413, 415, 422]);
  });

  it("documents every operation that was exercised", () => {
    const exercised = new Set(checked.map((c) => c.split(" ").slice(0, 2).join(" ")));
    for (const [template, item] of Object.entries(doc.paths) as Array<[string, Doc]>) {
      for (const method of METHODS) if (item[method]) expect(exercised.has(`${method.toUpperCase()} ${template}`), `${method} ${template} exercised`).toBe(true);
    }
  });
});
