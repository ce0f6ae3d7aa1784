/**
 * The JSON API v1 over HTTP with tokens of different roles: authentication (tokens, revocation,
 * deactivation, no cookies), every endpoint, the policy on every write, smuggled fields, the deadline
 * lock, stale versions, extensions, error shapes and languages, the token page and the CLI.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "~/domain/dates";
import { translate } from "~/i18n";
import { todayIn } from "~/i18n/format";
import { createApiToken } from "~/models/api-token.server";
import { snapshot, startApp, type Client, type TestApp } from "../support/app";
import { openApiContract, type OpenApiContract } from "../support/openapi-contract";
import { ROOT } from "../support/paths";

let app: TestApp;
/** The served OpenAPI document: every answer below is checked against it (status, media type, body). */
let contract: OpenApiContract;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const today = todayIn("Asia/Ho_Chi_Minh", clock.now());

interface ApiAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * A call to the API as a script would make it: bearer token, JSON body, no cookie, no Origin. The answer
 * must be one the OpenAPI document describes for that operation (else the test fails, naming the
 * operation, status and field).
 */
async function call(
  method: string,
  pathname: string,
  options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const response = await fetch(new URL(pathname, app.url), { method, headers, body, redirect: "manual" });
  const text = await response.text();
  contract.check({ method, pathname, status: response.status, contentType: response.headers.get("content-type"), text });
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

const as = (who: string) => ({
  get: (p: string) => call("GET", p, { token: tokens[who] }),
  post: (p: string, body: unknown) => call("POST", p, { token: tokens[who], body }),
  patch: (p: string, body: unknown) => call("PATCH", p, { token: tokens[who], body }),
});

async function userIdOf(email: string) {
  return (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}
async function unitIdOf(code: string) {
  return (await app.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}
async function tokenFor(email: string, name = "test") {
  const userId = await userIdOf(email);
  return (await createApiToken(app.db, { userId, name }, { actorUserId: userId })).token;
}

/** Every table a task write touches, for "nothing changed" checks. */
async function taskState() {
  return snapshot(app.db, [
    "tasks",
    "task_programs",
    "task_coordinating_units",
    "task_updates",
    "task_evidence",
    "task_extensions",
    "audit_events",
  ]);
}

function cdsTask(overrides: Record<string, unknown> = {}) {
  return {
    title: "Triển khai Hồ sơ sức khỏe điện tử",
    ownerId: ids.cvCds,
    leadUnitId: ids.CDS,
    deadline: addDays(today, 60),
    deliverable: "Báo cáo kết quả triển khai",
    programs: ["CDS"],
    ...overrides,
  };
}

async function createAsAdmin(overrides: Record<string, unknown> = {}) {
  const r = await as("admin").post("/api/v1/tasks", cdsTask(overrides));
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: number; version: number; [key: string]: unknown };
}

async function taskRow(id: number) {
  return app.db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  app = await startApp();
  contract = openApiContract(await (await fetch(new URL("/api/v1/openapi.json", app.url))).json());
  Object.assign(ids, {
    CDS: await unitIdOf("SKHCN-CDS"),
    SKHCN: await unitIdOf("SKHCN"),
    SYT: await unitIdOf("SYT"),
    SYTNVY: await unitIdOf("SYT-NVY"),
    cvCds: await userIdOf("cv.cds@roviec.demo"),
    cvSyt: await userIdOf("cv.syt@roviec.demo"),
    admin: await userIdOf("admin@roviec.demo"),
  });
  for (const [who, email] of Object.entries({
    admin: "admin@roviec.demo",
    committee: "bcd.pho@roviec.demo",
    headSkhcn: "gd.skhcn@roviec.demo",
    headSyt: "gd.syt@roviec.demo",
    staff: "cv.cds@roviec.demo",
    staffSyt: "cv.syt@roviec.demo",
  })) {
    tokens[who] = await tokenFor(email);
  }
});
afterAll(() => app?.close());

describe("authentication", () => {
  it("answers 401 in JSON without a token, with a malformed one, and with an unknown one", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer" },
      { authorization: "Basic YWRtaW46eA==" },
      { authorization: "Bearer rv_nottherightlength" },
      { authorization: `Bearer rv_${"a".repeat(32)}` },
    ]) {
      const r = await call("GET", "/api/v1/me", { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer realm="roviec-api"/);
      expect(r.body).toEqual({ error: expect.stringContaining("Authorization: Bearer"), code: "unauthorized" });
    }
  });

  it("acts as the token's user", async () => {
    const r = await as("staff").get("/api/v1/me");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: ids.cvCds,
      email: "cv.cds@roviec.demo",
      name: "Đinh Công Sơn",
      role: "staff",
      unitId: ids.CDS,
      language: "en",
    });
  });

  it("stores only the SHA-256 of a token and a short prefix, never the token", async () => {
    const token = await tokenFor("gd.stp@roviec.demo", "kiểm tra");
    expect(token).toMatch(/^rv_[a-z2-9]{32}$/);
    const row = await app.db.selectFrom("api_tokens").selectAll().where("token_prefix", "=", token.slice(0, 9)).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(Object.values(row).some((v) => typeof v === "string" && v.includes(token.slice(9)))).toBe(false);
    expect(row.token_prefix).toBe(token.slice(0, 9));
  });

  it("stops working when revoked, and when its user is deactivated", async () => {
    const userId = await userIdOf("cv.ttdl@roviec.demo");
    const a = await tokenFor("cv.ttdl@roviec.demo", "a");
    const b = await tokenFor("cv.ttdl@roviec.demo", "b");
    expect((await call("GET", "/api/v1/me", { token: a })).status).toBe(200);
    await app.db
      .updateTable("api_tokens")
      .set({ revoked_at: clock.nowIso() })
      .where("token_hash", "=", crypto.createHash("sha256").update(a).digest("hex"))
      .execute();
    expect((await call("GET", "/api/v1/me", { token: a })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { token: b })).status).toBe(200);
    await app.db.updateTable("users").set({ active: 0 }).where("id", "=", userId).execute();
    try {
      expect((await call("GET", "/api/v1/me", { token: b })).status).toBe(401);
    } finally {
      await app.db.updateTable("users").set({ active: 1 }).where("id", "=", userId).execute();
    }
  });

  it("records last use at most once a minute", async () => {
    const token = await tokenFor("cv.stp@roviec.demo");
    const hash = crypto.createHash("sha256").update(token).digest("hex");
    const lastUsed = async () =>
      (await app.db.selectFrom("api_tokens").select("last_used_at").where("token_hash", "=", hash).executeTakeFirstOrThrow()).last_used_at;
    expect(await lastUsed()).toBeNull();
    await call("GET", "/api/v1/me", { token });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await call("GET", "/api/v1/me", { token });
    expect(await lastUsed()).toBe(first);
  });

  it("does not accept a session cookie in place of a token, and refuses cross-site writes that carry one", async () => {
    const browser: Client = await app.signedIn("admin@roviec.demo");
    expect((await browser.get("/api/v1/me")).status).toBe(401);
    const before = await taskState();
    const body = JSON.stringify(cdsTask());
    const json = { "content-type": "application/json" };
    // Same origin, cookie only: no token, no access.
    expect((await browser.request("/api/v1/tasks", { method: "POST", body, headers: json })).status).toBe(401);
    // From another site, with the cookie: refused by the server before the API sees it, even with a token.
    for (const headers of [json, { ...json, authorization: `Bearer ${tokens.admin}` }]) {
      const r = await browser.request("/api/v1/tasks", { method: "POST", body, headers, origin: "https://evil.example" });
      expect(r.status).toBe(403);
      // The refusal is the documented JSON Error, code cross_site.
      const text = await r.text();
      expect(JSON.parse(text)).toMatchObject({ code: "cross_site" });
      contract.check({ method: "POST", pathname: "/api/v1/tasks", status: r.status, contentType: r.headers.get("content-type"), text });
      const p = await browser.request("/api/v1/tasks/1", {
        method: "PATCH",
        body: JSON.stringify({ version: 1, title: "x" }),
        headers,
        origin: "https://evil.example",
      });
      expect(p.status).toBe(403);
      contract.check({
        method: "PATCH",
        pathname: "/api/v1/tasks/1",
        status: p.status,
        contentType: p.headers.get("content-type"),
        text: await p.text(),
      });
    }
    // A cookie and no Origin at all is refused too (only a bare bearer request skips the Origin check).
    expect(
      (
        await browser.request("/api/v1/tasks", {
          method: "POST",
          body,
          headers: { ...json, authorization: `Bearer ${tokens.admin}` },
          origin: null,
        })
      ).status,
    ).toBe(403);
    expect(await taskState()).toEqual(before);
  });
});

describe("reading", () => {
  it("lists open units with the contract's fields", async () => {
    const r = await as("staff").get("/api/v1/units");
    expect(r.status).toBe(200);
    const cds = r.body.items.find((u: { code: string }) => u.code === "SKHCN-CDS");
    expect(cds).toEqual({ id: ids.CDS, code: "SKHCN-CDS", name: "Phòng Chuyển đổi số", kind: "division", parentId: ids.SKHCN });
  });

  it("lists users by unit and role for those allowed to, and refuses staff", async () => {
    const r = await as("headSkhcn").get(`/api/v1/users?unitId=${ids.CDS}&role=staff`);
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([{ id: ids.cvCds, email: "cv.cds@roviec.demo", name: "Đinh Công Sơn", role: "staff", unitId: ids.CDS }]);
    expect((await as("staff").get("/api/v1/users")).status).toBe(403);
    const bad = await as("admin").get("/api/v1/users?unitId=abc&role=king");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["role", "unitId"]);
  });

  it("lists the programs with names in the caller's language", async () => {
    expect((await as("admin").get("/api/v1/programs")).body.items).toEqual([
      { code: "CCHC", name: "Cải cách hành chính" },
      { code: "CDS", name: "Chuyển đổi số" },
      { code: "DA06", name: "Đề án 06" },
    ]);
    expect((await as("staff").get("/api/v1/programs")).body.items[1]).toEqual({ code: "CDS", name: "Digital transformation" });
  });

  it("lists tasks with filters and paging, 50 by default and at most 200", async () => {
    const a = await createAsAdmin({ title: "Chuẩn hóa dữ liệu dân cư", programs: ["DA06"] });
    await createAsAdmin({ title: "Số hóa hồ sơ một cửa", programs: ["CCHC"] });
    const byProgram = await as("staff").get("/api/v1/tasks?program=DA06&q=chuan%20hoa%20DU%20LIEU");
    expect(byProgram.status).toBe(200);
    expect(byProgram.body.items.map((t: { id: number }) => t.id)).toContain(a.id);
    expect(byProgram.body.items.every((t: { programs: string[] }) => t.programs.includes("DA06"))).toBe(true);
    const all = await as("staff").get(`/api/v1/tasks?unitId=${ids.CDS}&ownerId=${ids.cvCds}&standing=on_track`);
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    expect(all.body.limit).toBe(50);
    const page = await as("staff").get(`/api/v1/tasks?unitId=${ids.CDS}&limit=1&offset=1`);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBe(all.body.total);
    expect((await as("staff").get("/api/v1/tasks?limit=200")).status).toBe(200);
    for (const q of [
      "limit=201",
      "limit=0",
      "limit=-1",
      "offset=-1",
      "limit=1e3",
      "program=XYZ",
      "standing=late",
      "unitId=0",
      "ownerId=1.5",
    ]) {
      const r = await as("staff").get(`/api/v1/tasks?${q}`);
      expect(r.status, q).toBe(422);
    }
    // SQL and LIKE metacharacters are only text.
    const odd = await as("staff").get(`/api/v1/tasks?q=${encodeURIComponent("%' OR 1=1 --")}`);
    expect(odd.status).toBe(200);
    expect(odd.body.total).toBe(0);
  });

  it("shows one task with its history and extensions; 404 for unknown or malformed ids", async () => {
    const task = await createAsAdmin();
    const r = await as("staffSyt").get(`/api/v1/tasks/${task.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: task.id, status: "not_started", version: 1, extensions: [] });
    expect(r.body.history).toEqual([
      expect.objectContaining({
        action: "task.issue",
        actorId: ids.admin,
        changes: expect.objectContaining({ title: { before: null, after: task.title } }),
      }),
    ]);
    for (const p of [
      "/api/v1/tasks/999999",
      "/api/v1/tasks/abc",
      "/api/v1/tasks/0",
      "/api/v1/tasks/99999999999999999999",
      "/api/v1/nothing-here",
    ]) {
      const nf = await as("staff").get(p);
      expect(nf.status, p).toBe(404);
      expect(nf.body.code).toBe("not_found");
    }
  });
});

describe("creating tasks", () => {
  it("lets the admin create a task (201 with Location) and refuses staff (403), changing nothing", async () => {
    const r = await as("admin").post(
      "/api/v1/tasks",
      cdsTask({ coordinatingUnitIds: [ids.SYT], sourceDocument: { number: "12/KH-UBND", date: "2026-01-15", issuer: "UBND thành phố" } }),
    );
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`/api/v1/tasks/${r.body.id}`);
    expect(r.body).toMatchObject({
      status: "not_started",
      version: 1,
      progress: 0,
      coordinatingUnitIds: [ids.SYT],
      sourceDocument: { number: "12/KH-UBND", date: "2026-01-15", issuer: "UBND thành phố" },
    });

    const before = await taskState();
    const refused = await as("staff").post("/api/v1/tasks", cdsTask());
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: "You do not have permission to do this.", code: "forbidden" });
    expect(await taskState()).toEqual(before);
  });

  it("lets a head create within their subtree but not for another department", async () => {
    const own = await as("headSkhcn").post("/api/v1/tasks", cdsTask());
    expect(own.status).toBe(201);
    const before = await taskState();
    const other = await as("headSkhcn").post("/api/v1/tasks", cdsTask({ leadUnitId: ids.SYTNVY, ownerId: ids.cvSyt }));
    expect(other.status).toBe(403);
    expect(await taskState()).toEqual(before);
  });

  it("ignores smuggled fields (prototype keys included) and refuses a status", async () => {
    const smuggled = {
      ...cdsTask(),
      role: "admin",
      createdBy: ids.admin,
      id: 1,
      version: 99,
      progress: 100,
      originalDeadline: "2020-01-01",
      extensionCount: 7,
    };
    // JSON text, so that "__proto__" and "constructor" arrive as ordinary keys, as an attacker would send them.
    const raw = JSON.stringify(smuggled).replace(
      /}$/,
      ',"__proto__":{"status":"done","admin":true},"constructor":{"prototype":{"admin":true}}}',
    );
    const r = await call("POST", "/api/v1/tasks", { token: tokens.headSkhcn, raw });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: "not_started", version: 1, progress: 0, extensionCount: 0, originalDeadline: r.body.deadline });
    expect(r.body.id).not.toBe(1);
    expect((await taskRow(r.body.id)).created_by).toBe(await userIdOf("gd.skhcn@roviec.demo"));
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).status).toBeUndefined();

    const before = await taskState();
    const withStatus = await as("admin").post("/api/v1/tasks", { ...cdsTask(), status: "done" });
    expect(withStatus.status).toBe(422);
    expect(Object.keys(withStatus.body.errors)).toEqual(["status"]);
    expect(await taskState()).toEqual(before);
  });

  it("saves a draft with items missing, and names each missing item when issuing", async () => {
    const draft = await as("admin").post("/api/v1/tasks", { title: "Chưa đủ thông tin", draft: true });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "draft", standing: null, ownerId: null, leadUnitId: null });
    const before = await taskState();
    const issued = await as("admin").post("/api/v1/tasks", { title: "Chưa đủ thông tin" });
    expect(issued.status).toBe(422);
    expect(Object.keys(issued.body.errors).sort()).toEqual(["deadline", "deliverable", "leadUnitId", "ownerId", "programs"]);
    expect(issued.body.errors.ownerId).toEqual(["Thiếu rõ người: chọn người chịu trách nhiệm."]);
    expect(await taskState()).toEqual(before);
  });

  it("lets a head save a draft with only a title: it is led by the head's own unit, and the head can go on with it", async () => {
    const draft = await as("headSkhcn").post("/api/v1/tasks", { title: "Ý tưởng: số hóa biên bản họp", draft: true });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "draft", leadUnitId: ids.SKHCN, ownerId: null, deadline: null, programs: [] });
    expect((await taskRow(draft.body.id)).lead_unit_id).toBe(ids.SKHCN);
    const edited = await as("headSkhcn").patch(`/api/v1/tasks/${draft.body.id}`, {
      version: draft.body.version,
      ...cdsTask({ title: "Số hóa biên bản họp" }),
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: "draft", leadUnitId: ids.CDS, ownerId: ids.cvCds });
    // Another department's head may not change it; nor may its head take the lead unit away (the draft
    // would be out of their reach); an issued task still has to name its lead unit.
    expect((await as("headSyt").patch(`/api/v1/tasks/${draft.body.id}`, { version: edited.body.version, title: "x" })).status).toBe(403);
    const before = await taskState();
    const cleared = await as("headSkhcn").patch(`/api/v1/tasks/${draft.body.id}`, { version: edited.body.version, leadUnitId: null });
    expect(cleared.status).toBe(422);
    expect(Object.keys(cleared.body.errors)).toEqual(["leadUnitId"]);
    const issued = await as("headSkhcn").post("/api/v1/tasks", { title: "Chưa đủ thông tin" });
    expect(issued.status).toBe(422);
    expect(Object.keys(issued.body.errors)).toContain("leadUnitId");
    expect(await taskState()).toEqual(before);
  });

  it("refuses wrong types and impossible values field by field, in the user's language", async () => {
    const before = await taskState();
    const types = await as("admin").post("/api/v1/tasks", {
      title: 12,
      ownerId: true,
      leadUnitId: "34",
      startDate: "31/12/2026",
      programs: "CDS",
      coordinatingUnitIds: [1.5],
      sourceDocument: "x",
      draft: "yes",
    });
    expect(types.status).toBe(422);
    expect(Object.keys(types.body.errors).sort()).toEqual([
      "coordinatingUnitIds",
      "draft",
      "leadUnitId",
      "ownerId",
      "programs",
      "sourceDocument",
      "startDate",
      "title",
    ]);
    expect(types.body.errors.ownerId).toEqual(["Phải là số nguyên."]);
    const calendar = await as("admin").post("/api/v1/tasks", cdsTask({ deadline: "2027-02-29" }));
    expect(calendar.body.errors).toEqual({ deadline: ["Ngày không tồn tại trên lịch (định dạng YYYY-MM-DD)."] });
    const past = await as("admin").post("/api/v1/tasks", cdsTask({ deadline: "2020-01-01" }));
    expect(past.status).toBe(422);
    const owner = await as("headSkhcn").post("/api/v1/tasks", cdsTask({ ownerId: ids.cvSyt }));
    expect(owner.body.errors).toEqual({
      ownerId: ["Người chịu trách nhiệm phải thuộc đơn vị chủ trì hoặc đơn vị cấp dưới của đơn vị đó."],
    });
    expect(await taskState()).toEqual(before);

    // cv.cds has English set in their profile: their errors are in English.
    const task = await createAsAdmin();
    const en = await as("staff").patch(`/api/v1/tasks/${task.id}`, { version: task.version, progress: 101 });
    expect(en.status).toBe(422);
    expect(en.headers.get("content-language")).toBe("en");
    expect(en.body).toEqual({
      error: "Some fields are not valid.",
      code: "invalid",
      errors: { progress: [translate("en", "error.progress")] },
    });
  });

  it("answers 400 for malformed JSON or a non-object, 415 for another media type, 413 for a huge body, 405 for other methods", async () => {
    const before = await taskState();
    for (const raw of ["{bad", "", "[1,2]", "null", "42", '"text"', '{"title": "x",}']) {
      const r = await call("POST", "/api/v1/tasks", { token: tokens.admin, raw });
      expect(r.status, raw).toBe(400);
      expect(r.body.code).toBe("bad_request");
    }
    expect(
      (
        await call("POST", "/api/v1/tasks", {
          token: tokens.admin,
          raw: "title=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await call("POST", "/api/v1/tasks", {
          token: tokens.admin,
          raw: "{}",
          headers: { "content-type": "application/json; charset=latin1" },
        })
      ).status,
    ).toBe(415);
    const huge = await call("POST", "/api/v1/tasks", { token: tokens.admin, body: { title: "x".repeat(300 * 1024) } });
    expect(huge.status).toBe(413);
    // Streamed without a length: refused once the limit is passed, and the client still gets the answer.
    const chunk = new TextEncoder().encode(`{"title": "${"x".repeat(64 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(new URL("/api/v1/tasks", app.url), {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const streamedText = await streamed.text();
    contract.check({
      method: "POST",
      pathname: "/api/v1/tasks",
      status: streamed.status,
      contentType: streamed.headers.get("content-type"),
      text: streamedText,
    });
    expect((JSON.parse(streamedText) as { code: string }).code).toBe("payload_too_large");
    const del = await call("DELETE", "/api/v1/tasks", { token: tokens.admin });
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, POST");
    expect(await taskState()).toEqual(before);
  });
});

describe("changing tasks", () => {
  it("lets staff post progress on their own task, and refuses another unit's task by id", async () => {
    const own = await createAsAdmin();
    const r = await as("staff").patch(`/api/v1/tasks/${own.id}`, { version: own.version, progress: 40, note: "Đã khảo sát 12 bệnh viện" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ progress: 40, status: "in_progress", version: own.version + 1 });

    const syt = await createAsAdmin({ leadUnitId: ids.SYTNVY, ownerId: ids.cvSyt });
    const before = await taskState();
    const refused = await as("staff").patch(`/api/v1/tasks/${syt.id}`, { version: syt.version, progress: 10, note: "x" });
    expect(refused.status).toBe(403);
    expect(await taskState()).toEqual(before);
  });

  it("lets a head edit a task of a division below, but not of another department", async () => {
    const cds = await createAsAdmin();
    const r = await as("headSkhcn").patch(`/api/v1/tasks/${cds.id}`, {
      version: cds.version,
      title: "Tiêu đề mới",
      priority: "high",
      coordinatingUnitIds: [ids.SYT],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      title: "Tiêu đề mới",
      priority: "high",
      coordinatingUnitIds: [ids.SYT],
      programs: ["CDS"],
      version: cds.version + 1,
    });

    const syt = await createAsAdmin({ leadUnitId: ids.SYT, ownerId: ids.cvSyt });
    const before = await taskState();
    const refused = await as("headSkhcn").patch(`/api/v1/tasks/${syt.id}`, { version: syt.version, title: "Không được" });
    expect(refused.status).toBe(403);
    expect(await taskState()).toEqual(before);
  });

  it("never applies a smuggled leadUnitId (or anything else) beyond the policy", async () => {
    const task = await createAsAdmin();
    const before = await taskState();
    const r = await as("staff").patch(`/api/v1/tasks/${task.id}`, {
      version: task.version,
      progress: 30,
      note: "Cập nhật",
      leadUnitId: ids.SYT,
    });
    expect(r.status).toBe(403);
    expect(await taskState()).toEqual(before);
    // Unknown keys are dropped: role, createdBy, id, completedAt…
    const ok = await as("staff").patch(`/api/v1/tasks/${task.id}`, {
      version: task.version,
      progress: 30,
      note: "Cập nhật",
      role: "admin",
      createdBy: ids.cvCds,
      id: 1,
      completedAt: "2020-01-01T00:00:00Z",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: task.id, completedAt: null, leadUnitId: ids.CDS });
    expect((await taskRow(task.id)).created_by).toBe(ids.admin);
  });

  it("refuses a deadline in a PATCH (extensions only) and changes nothing", async () => {
    const task = await createAsAdmin();
    const before = await taskState();
    for (const who of ["admin", "staff"]) {
      const r = await as(who).patch(`/api/v1/tasks/${task.id}`, { version: task.version, deadline: addDays(today, 300), title: "Khác" });
      expect(r.status).toBe(422);
      expect(Object.keys(r.body.errors)).toEqual(["deadline"]);
    }
    expect(await taskState()).toEqual(before);
  });

  it("refuses a stale version with 409, the current version and what changed, and changes nothing", async () => {
    const task = await createAsAdmin();
    const first = await as("admin").patch(`/api/v1/tasks/${task.id}`, { version: task.version, deliverable: "Sản phẩm mới" });
    expect(first.status).toBe(200);
    const before = await taskState();
    for (const [who, body] of [
      ["admin", { version: task.version, title: "Cũ" }],
      ["staff", { version: task.version, progress: 20, note: "Cũ" }],
      ["admin", { version: task.version, title: "Cũ", progress: 20, note: "Cũ" }],
    ] as const) {
      const r = await as(who).patch(`/api/v1/tasks/${task.id}`, body);
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: "conflict", currentVersion: task.version + 1, changedFields: ["deliverable"] });
    }
    expect(await taskState()).toEqual(before);
  });

  it("keeps absent keys unchanged and clears optional fields with null", async () => {
    const task = await createAsAdmin({ description: "Mô tả", coordinatingUnitIds: [ids.SYT], programs: ["CDS", "DA06"], startDate: today });
    const r = await as("admin").patch(`/api/v1/tasks/${task.id}`, { version: task.version, description: null, startDate: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      description: null,
      startDate: null,
      coordinatingUnitIds: [ids.SYT],
      programs: ["CDS", "DA06"],
      title: task.title,
    });
    const empty = await as("admin").patch(`/api/v1/tasks/${task.id}`, { version: r.body.version, programs: [] });
    expect(empty.status).toBe(422);
    expect(empty.body.errors.programs).toBeDefined();
  });

  it("completes with a note and evidence only, reopens with a reason, cancels for the committee only", async () => {
    const task = await createAsAdmin();
    const before = await taskState();
    const noEvidence = await as("staff").patch(`/api/v1/tasks/${task.id}`, { version: task.version, status: "done", note: "Xong" });
    expect(noEvidence.status).toBe(422);
    expect(Object.keys(noEvidence.body.errors)).toEqual(["evidenceUrl"]);
    const badLink = await as("staff").patch(`/api/v1/tasks/${task.id}`, {
      version: task.version,
      status: "done",
      note: "Xong",
      evidenceUrl: "javascript:alert(1)",
    });
    expect(badLink.status).toBe(422);
    expect(await taskState()).toEqual(before);

    const done = await as("staff").patch(`/api/v1/tasks/${task.id}`, {
      version: task.version,
      status: "done",
      note: "Xong",
      evidenceUrl: "https://hanoi.gov.vn/bao-cao",
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", progress: 100, standing: "done_on_time" });

    expect(
      (await as("staff").patch(`/api/v1/tasks/${task.id}`, { version: done.body.version, status: "in_progress", note: "Thiếu số liệu" }))
        .status,
    ).toBe(403);
    const noReason = await as("headSkhcn").patch(`/api/v1/tasks/${task.id}`, { version: done.body.version, status: "in_progress" });
    expect(noReason.status).toBe(422);
    expect(Object.keys(noReason.body.errors)).toEqual(["note"]);
    const reopened = await as("headSkhcn").patch(`/api/v1/tasks/${task.id}`, {
      version: done.body.version,
      status: "in_progress",
      note: "Thiếu số liệu",
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: "in_progress", progress: 99, completedAt: null });

    const beforeCancel = await taskState();
    expect(
      (
        await as("headSkhcn").patch(`/api/v1/tasks/${task.id}`, {
          version: reopened.body.version,
          status: "cancelled",
          note: "Không còn phù hợp",
        })
      ).status,
    ).toBe(403);
    // A head may edit the title but not cancel: the whole PATCH is refused, the title is not changed.
    expect(
      (
        await as("headSkhcn").patch(`/api/v1/tasks/${task.id}`, {
          version: reopened.body.version,
          title: "Đổi tên",
          status: "cancelled",
          note: "x",
        })
      ).status,
    ).toBe(403);
    expect(await taskState()).toEqual(beforeCancel);
    const cancelled = await as("committee").patch(`/api/v1/tasks/${task.id}`, {
      version: reopened.body.version,
      status: "cancelled",
      note: "Không còn phù hợp",
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", standing: null });
    const history = (await as("staff").get(`/api/v1/tasks/${task.id}`)).body.history.map((h: { action: string }) => h.action);
    expect(history).toEqual(["task.issue", "task.complete", "task.reopen", "task.cancel"]);
  });

  it("applies field edits and progress of one PATCH in order, or none of them", async () => {
    const task = await createAsAdmin();
    const both = await as("headSkhcn").patch(`/api/v1/tasks/${task.id}`, {
      version: task.version,
      title: "Tên mới",
      progress: 25,
      note: "Bắt đầu",
    });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ title: "Tên mới", progress: 25, status: "in_progress", version: task.version + 2 });
    const actions = (await as("admin").get(`/api/v1/tasks/${task.id}`)).body.history.map((h: { action: string }) => h.action);
    expect(actions).toEqual(["task.issue", "task.update", "task.progress"]);

    const before = await taskState();
    // The progress step would be refused (no note, same progress): the title edit must not happen either.
    const refused = await as("headSkhcn").patch(`/api/v1/tasks/${task.id}`, {
      version: both.body.version,
      title: "Không lưu",
      progress: 25,
    });
    expect(refused.status).toBe(422);
    expect(await taskState()).toEqual(before);
    // Committee may edit fields but not post progress.
    expect(
      (await as("committee").patch(`/api/v1/tasks/${task.id}`, { version: both.body.version, title: "Không lưu", progress: 50, note: "x" }))
        .status,
    ).toBe(403);
    expect(await taskState()).toEqual(before);
  });

  it("issues a draft with status not_started (the 5-rõ gate applies) and lets a draft's deadline be set", async () => {
    const draft = (await as("admin").post("/api/v1/tasks", { title: "Dự thảo", draft: true })).body;
    const gate = await as("admin").patch(`/api/v1/tasks/${draft.id}`, { version: draft.version, status: "not_started" });
    expect(gate.status).toBe(422);
    expect(Object.keys(gate.body.errors).sort()).toEqual(["deadline", "deliverable", "leadUnitId", "ownerId", "programs"]);
    const filled = await as("admin").patch(`/api/v1/tasks/${draft.id}`, { version: draft.version, ...cdsTask({ title: "Dự thảo" }) });
    expect(filled.status).toBe(200);
    expect(filled.body).toMatchObject({ status: "draft", deadline: addDays(today, 60) });
    const issued = await as("admin").patch(`/api/v1/tasks/${draft.id}`, { version: filled.body.version, status: "not_started" });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: "not_started", originalDeadline: addDays(today, 60) });
  });

  it("answers 404 for an unknown task and 405 for PUT or DELETE", async () => {
    expect((await as("admin").patch("/api/v1/tasks/999999", { version: 1, title: "x" })).status).toBe(404);
    expect((await call("PUT", "/api/v1/tasks/1", { token: tokens.admin, body: {} })).status).toBe(405);
    expect((await call("DELETE", "/api/v1/tasks/1", { token: tokens.admin })).status).toBe(405);
  });
});

describe("extensions", () => {
  it("staff request (201 pending), staff cannot decide (403), the committee approves (200) and the deadline moves", async () => {
    const task = await createAsAdmin();
    const newDeadline = addDays(today, 90);
    const bad = await as("staff").post(`/api/v1/tasks/${task.id}/extensions`, { deadline: "2027-02-30", reason: "" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["deadline", "reason"]);
    expect((await as("staffSyt").post(`/api/v1/tasks/${task.id}/extensions`, { deadline: newDeadline, reason: "x" })).status).toBe(403);

    const requested = await as("staff").post(`/api/v1/tasks/${task.id}/extensions`, { deadline: newDeadline, reason: "Chờ kinh phí" });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      taskId: task.id,
      status: "pending",
      requestedDeadline: newDeadline,
      previousDeadline: task.deadline,
      reason: "Chờ kinh phí",
      requestedByName: "Đinh Công Sơn",
    });
    const again = await as("staff").post(`/api/v1/tasks/${task.id}/extensions`, { deadline: addDays(today, 100), reason: "Lần nữa" });
    expect(again.status).toBe(422);

    const before = await taskState();
    const byStaff = await as("staff").post(`/api/v1/extensions/${requested.body.id}/decision`, { decision: "approve", note: "Tự duyệt" });
    expect(byStaff.status).toBe(403);
    expect((await as("headSkhcn").post(`/api/v1/extensions/${requested.body.id}/decision`, { decision: "approve" })).status).toBe(403);
    expect((await as("committee").post(`/api/v1/extensions/${requested.body.id}/decision`, { decision: "maybe" })).status).toBe(422);
    expect(await taskState()).toEqual(before);

    const approved = await as("committee").post(`/api/v1/extensions/${requested.body.id}/decision`, {
      decision: "approve",
      note: "Đồng ý",
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      id: requested.body.id,
      status: "approved",
      decisionNote: "Đồng ý",
      decidedByName: "Hà Minh Hải",
    });
    expect(approved.body.task).toMatchObject({ deadline: newDeadline, originalDeadline: task.deadline, extensionCount: 1 });
    const detail = (await as("staff").get(`/api/v1/tasks/${task.id}`)).body;
    expect(detail.extensions).toEqual([expect.objectContaining({ id: requested.body.id, status: "approved" })]);
    expect(detail.history.at(-1)).toMatchObject({
      action: "task.extension_approve",
      changes: { deadline: { before: task.deadline, after: newDeadline } },
    });

    const twice = await as("committee").post(`/api/v1/extensions/${requested.body.id}/decision`, { decision: "reject" });
    expect(twice.status).toBe(422);
    expect((await as("committee").post("/api/v1/extensions/999999/decision", { decision: "reject" })).status).toBe(404);
    expect((await as("committee").get(`/api/v1/extensions/${requested.body.id}/decision`)).status).toBe(405);
  });

  it("lets the committee reject: the deadline stays", async () => {
    const task = await createAsAdmin();
    const requested = await as("staff").post(`/api/v1/tasks/${task.id}/extensions`, { deadline: addDays(today, 120), reason: "Chờ" });
    const rejected = await as("committee").post(`/api/v1/extensions/${requested.body.id}/decision`, {
      decision: "reject",
      note: "Không đủ lý do",
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: "rejected" });
    expect(rejected.body.task).toMatchObject({ deadline: task.deadline, extensionCount: 0 });
  });
});

describe("the token page", () => {
  const data = "?_data=routes%2Faccount_.tokens";

  it("creates a token shown once, lists it by prefix, and revokes it", async () => {
    const browser = await app.signedIn("gd.snv@roviec.demo");
    const created = await browser.post(`/account/tokens${data}`, { intent: "create", name: "Hệ thống quản lý văn bản" });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { created: token } = (await created.json()) as { created: { token: string; name: string } };
    expect(token.token).toMatch(/^rv_[a-z2-9]{32}$/);
    expect((await call("GET", "/api/v1/me", { token: token.token })).body.email).toBe("gd.snv@roviec.demo");

    const list = (await (await browser.get(`/account/tokens${data}`)).json()) as { tokens: Array<Record<string, unknown>> };
    expect(list.tokens).toHaveLength(1);
    expect(list.tokens[0]).toMatchObject({ name: "Hệ thống quản lý văn bản", prefix: token.token.slice(0, 9), revokedAt: null });
    expect(list.tokens[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(token.token);

    // Someone else cannot revoke it.
    const other = await app.signedIn("gd.stp@roviec.demo");
    expect((await other.post(`/account/tokens${data}`, { intent: "revoke", tokenId: String(list.tokens[0].id) })).status).toBe(404);
    expect((await call("GET", "/api/v1/me", { token: token.token })).status).toBe(200);

    const revoked = await browser.post(`/account/tokens${data}`, { intent: "revoke", tokenId: String(list.tokens[0].id) });
    expect(revoked.status).toBe(204); // a redirect, as Remix answers a data request
    expect((await call("GET", "/api/v1/me", { token: token.token })).status).toBe(401);
    const after = (await (await browser.get(`/account/tokens${data}`)).json()) as { tokens: Array<Record<string, unknown>> };
    expect(after.tokens[0].revokedAt).not.toBeNull();
    const audit = await app.db.selectFrom("audit_events").select(["action", "data"]).where("entity_type", "=", "api_token").execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["api_token.create", "api_token.revoke"]));
    expect(audit.some((a) => a.data.includes(token.token))).toBe(false);
  });

  it("refuses an empty name, signed-out visitors, and cross-site posts", async () => {
    const browser = await app.signedIn("gd.snv@roviec.demo");
    const before = await snapshot(app.db, ["api_tokens"]);
    const empty = await browser.post(`/account/tokens${data}`, { intent: "create", name: "   " });
    expect(empty.status).toBe(400);
    const page = await app.client().get("/account/tokens");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Faccount%2Ftokens/);
    const cross = await browser.post("/account/tokens", { intent: "create", name: "x" }, { origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    expect(await snapshot(app.db, ["api_tokens"])).toEqual(before);
  });
});

describe("npm run token:create", () => {
  it("prints a working token for the user, and refuses an unknown e-mail", async () => {
    const run = promisify(execFile);
    const script = path.join(ROOT, "scripts", "token-create.ts");
    const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
    const env = { ...process.env, DATABASE_URL: app.dbUrl, LOG_LEVEL: "silent" };
    const { stdout } = await run(tsx, [script, "--email", "ct.hoankiem@roviec.demo", "--name", "báo cáo"], { cwd: ROOT, env });
    const token = stdout.trim();
    expect(token).toMatch(/^rv_[a-z2-9]{32}$/);
    expect((await call("GET", "/api/v1/me", { token })).body.email).toBe("ct.hoankiem@roviec.demo");
    await expect(run(tsx, [script, "--email", "nobody@hanoi.gov.vn"], { cwd: ROOT, env })).rejects.toMatchObject({ code: 2 });
  });
});
