/**
 * The audit log page over HTTP: only the secretariat reads it; it shows who did what, when (in the
 * app's time zone), to which record, with escaped details; it filters by URL and pages 50 at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { translate, type MessageKey, type Params } from "../../app/i18n";
import { startApp, type Client, type TestApp } from "../support/app";

/** The server strips React 18's stray NUL bytes (entry.server.tsx); a page that still has one fails here. */
function withoutNul(html: string) {
  expect(html.includes("\0"), "NUL byte in the HTML").toBe(false);
  return html;
}

async function pageOf(client: Client, path: string) {
  const page = await client.page(path);
  return { ...page, html: withoutNul(page.html) };
}

let app: TestApp;
let admin: Client;
let createdId: number;
let createdEmail: string;

function text(key: MessageKey, params?: Params) {
  return translate("vi", key, params)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

function rows(html: string) {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return body.split("<tr").length - 1;
}

async function unitId(code: string) {
  return (await app.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  app = await startApp();
  admin = await app.signedIn("admin@roviec.demo");
  // A user's life: created, changed, deactivated, reactivated, password reset.
  createdEmail = `nhat.ky.${Date.now()}@hanoi.gov.vn`;
  const created = await admin.post("/admin/users/new", {
    email: createdEmail,
    fullName: "Người Trong Nhật Ký",
    role: "staff",
    unitId: await unitId("SYT-NVY"),
    language: "vi",
  });
  if (created.status !== 200) throw new Error(`create failed: ${created.status}`);
  const row = await app.db.selectFrom("users").select(["id", "version"]).where("email", "=", createdEmail).executeTakeFirstOrThrow();
  createdId = row.id;
  const steps = [
    { intent: "update", version: 1, fullName: "Người Trong Nhật Ký", role: "head", unitId: await unitId("SYT") },
    { intent: "deactivate", version: 2 },
    { intent: "reactivate", version: 3 },
    { intent: "reset-password" },
  ];
  for (const step of steps) {
    const response = await admin.post(`/admin/users/${createdId}`, step);
    if (response.status >= 400) throw new Error(`${step.intent} failed: ${response.status}`);
  }
});
afterAll(() => app?.close());

describe("who may read the log", () => {
  it("refuses everyone but the secretariat with 403", async () => {
    for (const email of ["cv.cds@roviec.demo", "gd.skhcn@roviec.demo", "bcd.pho@roviec.demo"]) {
      const client = await app.signedIn(email);
      expect((await pageOf(client, "/admin/audit")).status, email).toBe(403);
    }
    const anonymous = await pageOf(app.client(), "/admin/audit");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
  });
});

describe("the log", () => {
  it("shows the events of user administration with who, what, which record and the changes", async () => {
    const response = await admin.get("/admin/audit");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const page = { html: withoutNul(await response.text()) };
    for (const key of [
      "auditAction.user.create",
      "auditAction.user.update",
      "auditAction.user.deactivate",
      "auditAction.user.reactivate",
      "auditAction.user.reset_password",
    ] as const) {
      expect(page.html, key).toContain(text(key));
    }
    expect(page.html).toContain("Nguyễn Thị Thu Hà");
    expect(page.html).toContain(`href="/admin/users/${createdId}"`);
    // The change reads as words: role names and unit names, not codes and ids.
    expect(page.html).toContain(text("role.staff"));
    expect(page.html).toContain(text("role.head"));
    expect(page.html).toContain("Sở Y tế");
    // The seed was done by the system, not a person.
    expect(page.html).toContain(text("audit.system"));
    expect(page.html).not.toContain("$argon2");
  });

  it("filters by action, and keeps the choice selected", async () => {
    const page = await pageOf(admin, "/admin/audit?action=user.deactivate");
    expect(page.status).toBe(200);
    expect(page.html).toContain(text("audit.count", { count: 1 }));
    expect(rows(page.html)).toBe(1);
    expect(page.html).toMatch(/<option value="user\.deactivate" selected="">/);
    const tbody = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(page.html)![1];
    expect(tbody).toContain(text("auditAction.user.deactivate"));
    expect(tbody).not.toContain(text("auditAction.user.create"));
  });

  it("filters by record, actor and free text in the details", async () => {
    const byRecord = await pageOf(admin, `/admin/audit?entityType=user&entityId=${createdId}`);
    expect(byRecord.html).toContain(text("audit.count", { count: 5 }));
    const byActorName = await pageOf(
      admin,
      `/admin/audit?actor=${encodeURIComponent("nguyen thi thu")}&entityType=user&entityId=${createdId}`,
    );
    expect(byActorName.html).toContain(text("audit.count", { count: 5 }));
    const byOtherActor = await pageOf(admin, `/admin/audit?actor=thuky&entityType=user`);
    expect(byOtherActor.html).toContain(text("audit.empty"));
    const adminId = (await app.db.selectFrom("users").select("id").where("email", "=", "admin@roviec.demo").executeTakeFirstOrThrow()).id;
    const byActorId = await pageOf(admin, `/admin/audit?actor=${adminId}&action=user.update`);
    expect(byActorId.html).toContain(text("audit.count", { count: 1 }));
    const byText = await pageOf(admin, `/admin/audit?q=${encodeURIComponent(createdEmail)}`);
    expect(byText.html).toContain(text("auditAction.user.create"));
    // LIKE wildcards in the search are literal characters: "%" and "_" find themselves, nothing else.
    for (const note of ["tiến độ 50% xong_1", "tiến độ 500 xongx1"]) {
      await app.db
        .insertInto("audit_events")
        .values({
          occurred_at: clock.nowIso(),
          actor_user_id: null,
          action: "test.wildcards",
          entity_type: "system",
          entity_id: null,
          data: JSON.stringify({ note }),
          ip: null,
        })
        .execute();
    }
    expect((await pageOf(admin, "/admin/audit?action=test.wildcards&q=50%25")).html).toContain(text("audit.count", { count: 1 }));
    expect((await pageOf(admin, "/admin/audit?action=test.wildcards&q=xong_1")).html).toContain(text("audit.count", { count: 1 }));
    expect((await pageOf(admin, "/admin/audit?action=test.wildcards&q=%25%25")).html).toContain(text("audit.empty"));
    expect((await pageOf(admin, `/admin/audit?action=test.wildcards&q=${encodeURIComponent("TIẾN ĐỘ")}`)).status).toBe(200);
  });

  it("shows an empty state with a way back", async () => {
    const page = await pageOf(admin, "/admin/audit?action=no.such.action");
    expect(page.status).toBe(200);
    expect(page.html).toContain(text("audit.empty"));
    expect(page.html).toContain(`href="/admin/audit"`);
  });

  it("writes times as dd/mm/yyyy hh:mm in the app's time zone", async () => {
    await app.db
      .insertInto("audit_events")
      .values({
        occurred_at: "2026-01-05T18:30:00.000Z",
        actor_user_id: null,
        action: "test.time_zone",
        entity_type: "system",
        entity_id: null,
        data: "{}",
        ip: "203.0.113.9",
      })
      .execute();
    const page = await pageOf(admin, "/admin/audit?action=test.time_zone");
    expect(page.html).toContain("06/01/2026 01:30");
    expect(page.html).toContain("203.0.113.9");
  });

  it("renders whatever the details hold as text, escaped", async () => {
    await app.db
      .insertInto("audit_events")
      .values({
        occurred_at: clock.nowIso(),
        actor_user_id: null,
        action: "test.markup",
        entity_type: "<b>type</b>",
        entity_id: "<i>1</i>",
        data: JSON.stringify({
          before: { fullName: "<script>alert(1)</script>" },
          after: { fullName: "<img src=x onerror=alert(2)>" },
          note: { nested: "</td><script>x</script>" },
        }),
        ip: null,
      })
      .execute();
    await app.db
      .insertInto("audit_events")
      .values({
        occurred_at: clock.nowIso(),
        actor_user_id: null,
        action: "test.markup",
        entity_type: "system",
        entity_id: null,
        data: "not json <script>",
        ip: null,
      })
      .execute();
    const page = await pageOf(admin, "/admin/audit?action=test.markup");
    expect(page.status).toBe(200);
    expect(rows(page.html)).toBe(2);
    for (const raw of ["<script>alert(1)", "<img src=x", "</td><script>", "<b>type</b>", "<i>1</i>", "not json <script>"]) {
      expect(page.html).not.toContain(raw);
    }
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.html).toContain("&lt;img src=x onerror=alert(2)&gt;");
  });

  it("pages 50 at a time and keeps the filters in the links", async () => {
    const now = clock.now().getTime();
    await app.db
      .insertInto("audit_events")
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          occurred_at: new Date(now + i).toISOString(),
          actor_user_id: null,
          action: "test.paging",
          entity_type: "system",
          entity_id: String(i),
          data: JSON.stringify({ count: i }),
          ip: null,
        })),
      )
      .execute();
    const first = await pageOf(admin, "/admin/audit?action=test.paging");
    expect(first.html).toContain(text("audit.count", { count: 60 }));
    expect(rows(first.html)).toBe(50);
    expect(first.html).toContain(`href="/admin/audit?action=test.paging&amp;page=2"`);
    const second = await pageOf(admin, "/admin/audit?action=test.paging&page=2");
    expect(rows(second.html)).toBe(10);
    expect((await pageOf(admin, "/admin/audit?action=test.paging&page=99")).html).toContain(text("common.pageOf", { page: 2, pages: 2 }));
  });

  it("ignores filter values that make no sense instead of failing", async () => {
    for (const qs of [
      "page=abc",
      "page=-1",
      "entityId=%00",
      `action=${"x".repeat(500)}`,
      `q=${"y".repeat(5000)}`,
      "actor=99999999999",
      "actor=0",
    ]) {
      expect((await pageOf(admin, `/admin/audit?${qs}`)).status, qs).toBe(200);
    }
  });
});

describe("a user's page", () => {
  it("shows the user's recent history to the secretariat only", async () => {
    const page = await pageOf(admin, `/admin/users/${createdId}`);
    expect(page.html).toContain(text("users.history"));
    expect(page.html).toContain(text("auditAction.user.deactivate"));
    expect(page.html).toContain(`href="/admin/audit?entityType=user&amp;entityId=${createdId}"`);
    const head = await app.signedIn("gd.syt@roviec.demo");
    const headView = await pageOf(head, `/admin/users/${createdId}`);
    expect(headView.status).toBe(200);
    expect(headView.html).not.toContain(text("users.history"));
  });
});
