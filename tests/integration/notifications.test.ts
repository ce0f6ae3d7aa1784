/**
 * The in-app inbox, the header's unread count, the notifications API and the e-mail opt-out.
 * Notifications are arranged by inserting rows directly (the reminder job writes them in production).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/models/api-token.server";
import { startApp, snapshot, type TestApp } from "../support/app";

let app: TestApp;
let taskIds: number[];
let counter = 0;

async function userId(email: string) {
  return (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

async function notify(
  email: string,
  values: { kind?: string; rule?: string; taskId?: number; data?: object; read?: boolean; createdAt?: string } = {},
) {
  counter += 1;
  const row = await app.db
    .insertInto("notifications")
    .values({
      user_id: await userId(email),
      kind: values.kind ?? "deadline_before",
      task_id: values.taskId ?? taskIds[0],
      extension_id: null,
      rule: values.rule ?? "before:3",
      deadline: "2026-12-20",
      run_date: "2026-12-17",
      dedupe_key: `test:${counter}`,
      data: JSON.stringify(values.data ?? { days: 3 }),
      created_at: values.createdAt ?? new Date(Date.UTC(2026, 10, 1, 0, counter)).toISOString(),
      read_at: values.read ? "2026-11-20T01:00:00.000Z" : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function tokenFor(email: string) {
  const id = await userId(email);
  return (await createApiToken(app.db, { userId: id, name: "notifications test" }, { actorUserId: id })).token;
}

async function api(token: string, method: string, path: string) {
  const response = await fetch(new URL(path, app.url), { method, headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  app = await startApp();
  taskIds = (await app.db.selectFrom("tasks").select("id").where("status", "=", "in_progress").orderBy("id").limit(3).execute()).map(
    (t) => t.id,
  );
});
afterAll(() => app?.close());

describe("the inbox", () => {
  it("lists only the user's own notifications, newest first, with the task linked and the unread count in the header", async () => {
    const task = await app.db.selectFrom("tasks").select(["id", "title"]).where("id", "=", taskIds[1]).executeTakeFirstOrThrow();
    await notify("cv.ttdl@roviec.demo", { kind: "deadline_before", rule: "before:7", data: { days: 7 } });
    await notify("cv.ttdl@roviec.demo", { kind: "overdue", rule: "after:8", data: { days: 8 }, taskId: task.id });
    await notify("cv.ttdl@roviec.demo", { kind: "deadline_today", rule: "due", read: true });
    await notify("cv.syt@roviec.demo", { kind: "escalation_committee", rule: "escalate-committee:30", data: { days: 30 } });

    const client = await app.signedIn("cv.ttdl@roviec.demo");
    const { status, html } = await client.page("/notifications");
    expect(status).toBe(200);
    expect(html).toContain("Thông báo, 2 chưa đọc");
    expect(html).toContain("Còn 7 ngày nữa đến hạn.");
    expect(html).toContain("Đã quá hạn 8 ngày.");
    expect(html).toContain("Hôm nay là ngày đến hạn.");
    expect(html).not.toContain("Báo cáo Ban Chỉ đạo");
    expect(html).toContain(`href="/tasks/${task.id}"`);
    expect(html).toContain(task.title.replace(/&/g, "&amp;").replace(/"/g, "&quot;"));
    // Newest first: the overdue one (inserted after) comes before the 7-days one.
    expect(html.indexOf("Đã quá hạn 8 ngày.")).toBeLessThan(html.indexOf("Còn 7 ngày nữa đến hạn."));

    // The count shows on every page's header, not only the inbox.
    expect((await client.page("/my-tasks")).html).toContain("Thông báo, 2 chưa đọc");
    // Someone with nothing unread.
    const other = await app.signedIn("cv.stp@roviec.demo");
    expect((await other.page("/")).html).toContain("Thông báo, không có thông báo chưa đọc");
  });

  it("shows unread only when asked, with an empty state", async () => {
    await notify("cv.pc06@roviec.demo", { read: true });
    const client = await app.signedIn("cv.pc06@roviec.demo");
    const unread = await client.page("/notifications?show=unread");
    expect(unread.html).toContain("Không có thông báo chưa đọc.");
    const all = await client.page("/notifications");
    expect(all.html).toContain("Còn 3 ngày nữa đến hạn.");
    const none = await (await app.signedIn("cv.snv@roviec.demo")).page("/notifications");
    expect(none.html).toContain("Chưa có thông báo nào.");
  });

  it("renders an unknown kind as a generic line, in English too", async () => {
    await notify("cv.cds@roviec.demo", { kind: "some_future_kind", rule: "future:1", data: { anything: true } });
    const client = await app.signedIn("cv.cds@roviec.demo"); // English UI in the demo data
    const { html } = await client.page("/notifications");
    expect(html).toContain("There is an update about this task.");
    expect(html).toContain("Notifications, 1 unread");
  });

  it("marks one read (idempotent) and all read; the header count drops", async () => {
    const a = await notify("cv.badinh@roviec.demo");
    const b = await notify("cv.badinh@roviec.demo", { kind: "overdue", rule: "after:1", data: { days: 1 } });
    await notify("cv.badinh@roviec.demo", { kind: "deadline_today", rule: "due" });
    const client = await app.signedIn("cv.badinh@roviec.demo");
    expect((await client.page("/")).html).toContain("Thông báo, 3 chưa đọc");

    const response = await client.post("/notifications", { intent: "read", id: a, redirectTo: "/notifications" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/notifications");
    const first = await app.db.selectFrom("notifications").select("read_at").where("id", "=", a).executeTakeFirstOrThrow();
    expect(first.read_at).not.toBeNull();
    expect((await client.page("/")).html).toContain("Thông báo, 2 chưa đọc");
    // Again: still read, the first read time kept.
    expect((await client.post("/notifications", { intent: "read", id: a })).status).toBe(302);
    expect((await app.db.selectFrom("notifications").select("read_at").where("id", "=", a).executeTakeFirstOrThrow()).read_at).toBe(
      first.read_at,
    );

    expect(
      (await client.post("/notifications", { intent: "read-all", redirectTo: "/notifications?show=unread" })).headers.get("location"),
    ).toBe("/notifications?show=unread");
    const unread = await app.db
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", await userId("cv.badinh@roviec.demo"))
      .where("read_at", "is", null)
      .execute();
    expect(unread).toEqual([]);
    expect((await client.page("/")).html).toContain("Thông báo, không có thông báo chưa đọc");
    expect(b).toBeGreaterThan(a);
  });

  it("refuses another user's notification as not found and changes nothing; bad posts are 400", async () => {
    const theirs = await notify("cv.hoankiem@roviec.demo");
    const client = await app.signedIn("cv.dongda@roviec.demo");
    const before = await snapshot(app.db, ["notifications"]);
    expect((await client.post("/notifications", { intent: "read", id: theirs })).status).toBe(404);
    expect((await client.post("/notifications", { intent: "read", id: "abc" })).status).toBe(400);
    expect((await client.post("/notifications", { intent: "delete" })).status).toBe(400);
    // Mark all read only touches one's own.
    expect((await client.post("/notifications", { intent: "read-all" })).status).toBe(302);
    expect(await snapshot(app.db, ["notifications"])).toEqual(before);
    // Open redirects are not followed.
    const away = await client.post("/notifications", { intent: "read-all", redirectTo: "//evil.example/" });
    expect(away.headers.get("location")).toBe("/notifications");
  });

  it("pages through many notifications", async () => {
    for (let i = 0; i < 30; i++) await notify("cv.ttpvhcc@roviec.demo", { rule: `before:${i + 1}`, data: { days: i + 1 } });
    const client = await app.signedIn("cv.ttpvhcc@roviec.demo");
    const first = await client.page("/notifications");
    expect(first.html).toContain("Còn 30 ngày nữa đến hạn.");
    expect(first.html).not.toContain("Còn 5 ngày nữa đến hạn.");
    const second = await client.page("/notifications?page=2");
    expect(second.html).toContain("Còn 5 ngày nữa đến hạn.");
    expect(second.html).not.toContain("Còn 30 ngày nữa đến hạn.");
  });
});

describe("the notifications API", () => {
  it("lists the token user's own notifications with the unread count, filters unread, pages", async () => {
    const mine = [
      await notify("gd.stp@roviec.demo", { read: true }),
      await notify("gd.stp@roviec.demo"),
      await notify("gd.stp@roviec.demo", { kind: "overdue", rule: "after:2" }),
    ];
    await notify("gd.snv@roviec.demo");
    const token = await tokenFor("gd.stp@roviec.demo");
    const all = await api(token, "GET", "/api/v1/notifications");
    expect(all.status).toBe(200);
    expect(all.body.unread).toBe(2);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((i: { id: number }) => i.id)).toEqual([...mine].reverse());
    expect(all.body.items[0]).toEqual({ id: mine[2], kind: "overdue", taskId: taskIds[0], createdAt: expect.any(String), readAt: null });
    expect(all.body.items[2].readAt).toBe("2026-11-20T01:00:00.000Z");

    const unread = await api(token, "GET", "/api/v1/notifications?unread=true");
    expect(unread.body.items.map((i: { id: number }) => i.id)).toEqual([mine[2], mine[1]]);
    expect(unread.body.unread).toBe(2);
    const page = await api(token, "GET", "/api/v1/notifications?limit=1&offset=1");
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, unread: 2 });
    expect(page.body.items.map((i: { id: number }) => i.id)).toEqual([mine[1]]);
    expect((await api(token, "GET", "/api/v1/notifications?unread=false")).body.items).toHaveLength(3);
  });

  it("refuses a bad query with the API's error shape", async () => {
    const token = await tokenFor("gd.stp@roviec.demo");
    for (const query of ["unread=yes", "unread=1", "unread=TRUE", "limit=0", "limit=500", "offset=-1", "limit=abc"]) {
      const r = await api(token, "GET", `/api/v1/notifications?${query}`);
      expect(r.status, query).toBe(422);
      expect(r.body.code).toBe("invalid");
      expect(Object.keys(r.body.errors)).toHaveLength(1);
    }
    const r = await api(token, "GET", "/api/v1/notifications?unread=yes");
    expect(r.body.errors.unread).toEqual(["Phải là true hoặc false."]);
    expect((await fetch(new URL("/api/v1/notifications", app.url))).status).toBe(401);
  });

  it("marks read idempotently and answers 404 for another user's id", async () => {
    const id = await notify("gd.syt@roviec.demo");
    const theirs = await notify("gd.snv@roviec.demo");
    const token = await tokenFor("gd.syt@roviec.demo");
    const first = await api(token, "POST", `/api/v1/notifications/${id}/read`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, kind: "deadline_before", taskId: taskIds[0] });
    expect(first.body.readAt).toEqual(expect.any(String));
    const again = await api(token, "POST", `/api/v1/notifications/${id}/read`);
    expect(again.body.readAt).toBe(first.body.readAt);

    const before = await snapshot(app.db, ["notifications"]);
    const refused = await api(token, "POST", `/api/v1/notifications/${theirs}/read`);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe("not_found");
    expect((await api(token, "POST", "/api/v1/notifications/999999/read")).body).toEqual(refused.body);
    expect((await api(token, "POST", "/api/v1/notifications/abc/read")).status).toBe(404);
    expect((await api(token, "GET", `/api/v1/notifications/${id}/read`)).status).toBe(405);
    expect(await snapshot(app.db, ["notifications"])).toEqual(before);
  });
});

describe("the e-mail opt-out", () => {
  it("is saved with an audit event, shown on the account page, and leaves the inbox alone", async () => {
    const email = "cv.dongda@roviec.demo";
    const id = await userId(email);
    const client = await app.signedIn(email);
    expect((await client.page("/account")).html).toContain(`Đang nhận thông báo qua e-mail tại ${email}.`);

    const off = await client.post("/account", { intent: "email" });
    expect(off.status).toBe(302);
    expect((await app.db.selectFrom("users").select("email_enabled").where("id", "=", id).executeTakeFirstOrThrow()).email_enabled).toBe(0);
    const audit = await app.db
      .selectFrom("audit_events")
      .select(["data", "actor_user_id"])
      .where("action", "=", "account.email_preference")
      .where("entity_id", "=", String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data)).toEqual({ before: { emailEnabled: true }, after: { emailEnabled: false } });
    const page = await client.page("/account");
    expect(page.html).toContain("Đã tắt nhận thông báo qua e-mail.");
    expect(page.html).toContain("Đang tắt: không gửi thông báo qua e-mail.");

    // The inbox still receives.
    await notify(email);
    expect((await client.page("/notifications")).html).toContain("Thông báo, 1 chưa đọc");

    // Saving the same value again changes nothing and is not audited again.
    await client.post("/account", { intent: "email" });
    expect(
      await app.db
        .selectFrom("audit_events")
        .select("id")
        .where("action", "=", "account.email_preference")
        .where("entity_id", "=", String(id))
        .execute(),
    ).toHaveLength(1);

    expect((await client.post("/account", { intent: "email", emailEnabled: "on" })).status).toBe(302);
    expect((await app.db.selectFrom("users").select("email_enabled").where("id", "=", id).executeTakeFirstOrThrow()).email_enabled).toBe(1);

    const before = await snapshot(app.db, ["users", "audit_events"]);
    expect((await client.post("/account", { intent: "email", emailEnabled: "maybe" })).status).toBe(400);
    expect(await snapshot(app.db, ["users", "audit_events"])).toEqual(before);
  });
});
