/**
 * The admin's reminder schedule editor (validation, version check, audit, defaults, the job's runs)
 * and the e-mail outbox (list, filters, detail, retry, the no-SMTP banner).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { DEFAULT_REMINDER_SCHEDULE, SCHEDULE_SETTING_KEY } from "~/domain/reminder-schedule";
import { startApp, snapshot, type Client, type TestApp } from "../support/app";

let app: TestApp;
let admin: Client;

const good = {
  intent: "save",
  beforeDays: "7, 3, 1",
  onDeadlineDay: "on",
  firstAfterDays: "1",
  repeatAfterDays: "7",
  escalateHeadAfterDays: "7",
  escalateCommitteeAfterDays: "30",
  extensionPendingDays: "3",
};

async function currentVersion() {
  const row = await app.db.selectFrom("settings").select("version").where("key", "=", SCHEDULE_SETTING_KEY).executeTakeFirst();
  return row?.version ?? 0;
}

const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

beforeAll(async () => {
  app = await startApp();
  admin = await app.signedIn("admin@roviec.demo");
});
afterAll(() => app?.close());

describe("the reminder schedule editor", () => {
  it("shows the defaults, when the job runs, and the last runs", async () => {
    await app.db
      .insertInto("reminder_runs")
      .values([
        {
          run_date: "2026-11-26",
          status: "done",
          started_at: "2026-11-26T00:00:01.000Z",
          finished_at: "2026-11-26T00:00:09.000Z",
          counts: JSON.stringify({ notifications: 42, emails: 17 }),
        },
        { run_date: "2026-11-27", status: "running", started_at: "2026-11-27T00:00:01.000Z", finished_at: null, counts: "{}" },
      ])
      .execute();
    const { status, html } = await admin.page("/admin/reminders");
    expect(status).toBe(200);
    expect(html).toContain("Đang dùng lịch mặc định");
    expect(html).toContain('value="7, 3, 1"');
    expect(html).toContain("Việc nhắc chạy mỗi ngày lúc 07:00 (múi giờ Asia/Ho_Chi_Minh)");
    expect(html).toContain("26/11/2026");
    expect(html).toContain("notifications: 42 · emails: 17");
    expect(html).toContain("Đang chạy");
  });

  it("refuses each bad value with its own message and changes nothing", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ beforeDays: "7, -3, 1" }, "Số ngày phải từ 1 trở lên (đã nhập -3)."],
      [{ beforeDays: "0" }, "Số ngày phải từ 1 trở lên (đã nhập 0)."],
      [{ beforeDays: "7, 3, 3" }, "Ngày 3 bị nhập hai lần: mỗi ngày chỉ nhập một lần."],
      [{ beforeDays: "" }, "Nhập ít nhất một số ngày nhắc trước hạn, ví dụ 7, 3, 1."],
      [{ beforeDays: "7, ba" }, "“ba” không phải số ngày: nhập số nguyên, ví dụ 7."],
      [{ beforeDays: "400" }, "Tối đa 365 ngày."],
      [{ firstAfterDays: "" }, "Nhập số ngày."],
      [{ firstAfterDays: "1.5" }, "“1.5” không phải số ngày: nhập số nguyên, ví dụ 7."],
      [{ repeatAfterDays: "-7" }, "Số ngày không được âm (đã nhập -7)."],
      [
        { escalateHeadAfterDays: "30", escalateCommitteeAfterDays: "30" },
        "Phải lớn hơn số ngày báo lãnh đạo đơn vị (30): Ban Chỉ đạo được báo sau lãnh đạo đơn vị.",
      ],
      [{ escalateHeadAfterDays: "10", escalateCommitteeAfterDays: "5" }, "Phải lớn hơn số ngày báo lãnh đạo đơn vị (10)"],
      [{ extensionPendingDays: "ba ngày" }, "“ba ngày” không phải số ngày"],
    ];
    for (const [change, message] of cases) {
      const before = await snapshot(app.db, ["settings", "audit_events"]);
      const response = await admin.post("/admin/reminders", { ...good, ...change, version: await currentVersion() });
      expect(response.status, message).toBe(400);
      const html = decode(await response.text());
      expect(html, JSON.stringify(change)).toContain(message);
      // What was typed stays in the form.
      for (const value of Object.values(change)) if (value) expect(html).toContain(`value="${value}"`);
      expect(await snapshot(app.db, ["settings", "audit_events"])).toEqual(before);
    }
  });

  it("saves a good schedule with an audit event (old and new values), then refuses a stale version", async () => {
    const response = await admin.post("/admin/reminders", {
      ...good,
      beforeDays: "1; 14, 5",
      onDeadlineDay: "",
      repeatAfterDays: "0",
      escalateCommitteeAfterDays: "45",
      version: 0,
    });
    expect(response.status).toBe(302);
    const row = await app.db.selectFrom("settings").selectAll().where("key", "=", SCHEDULE_SETTING_KEY).executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
    const saved = {
      ...DEFAULT_REMINDER_SCHEDULE,
      beforeDays: [14, 5, 1],
      onDeadlineDay: false,
      repeatAfterDays: 0,
      escalateCommitteeAfterDays: 45,
    };
    expect(JSON.parse(row.value)).toEqual(saved);
    const audit = await app.db
      .selectFrom("audit_events")
      .select(["data", "actor_user_id", "entity_type"])
      .where("action", "=", "settings.reminder_schedule")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data)).toEqual({ before: DEFAULT_REMINDER_SCHEDULE, after: saved });
    const page = await admin.page("/admin/reminders");
    expect(page.html).toContain("Đã lưu lịch nhắc việc.");
    expect(page.html).toContain('value="14, 5, 1"');
    expect(page.html).toContain("Sửa lần cuối lúc");
    // The audit log reads the change in words.
    const log = decode((await admin.page("/admin/audit?action=settings.reminder_schedule")).html).replace(/<!-- -->/g, "");
    expect(log).toContain("Sửa lịch nhắc việc");
    expect(log).toMatch(/Nhắc trước hạn \(số ngày\):<\/span> <span[^>]*>7, 3, 1<\/span>/);
    expect(log).toContain("14, 5, 1");

    // Someone else's form, opened before that save, still carries version 0.
    const before = await snapshot(app.db, ["settings", "audit_events"]);
    const stale = await admin.post("/admin/reminders", { ...good, beforeDays: "2", version: 0 });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Lịch nhắc việc vừa được người khác thay đổi nên chưa lưu gì.");
    expect(await snapshot(app.db, ["settings", "audit_events"])).toEqual(before);
    // A version that is not a number is a conflict too, never a 500.
    expect((await admin.post("/admin/reminders", { ...good, version: "abc" })).status).toBe(409);
  });

  it("restores the defaults (audited), and an unchanged save writes nothing", async () => {
    const version = await currentVersion();
    expect((await admin.post("/admin/reminders", { intent: "restore", version })).status).toBe(302);
    const row = await app.db.selectFrom("settings").selectAll().where("key", "=", SCHEDULE_SETTING_KEY).executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toEqual(DEFAULT_REMINDER_SCHEDULE);
    expect(row.version).toBe(version + 1);
    expect(
      await app.db.selectFrom("audit_events").select("id").where("action", "=", "settings.reminder_schedule_reset").execute(),
    ).toHaveLength(1);

    const before = await snapshot(app.db, ["settings", "audit_events"]);
    expect((await admin.post("/admin/reminders", { ...good, version: version + 1 })).status).toBe(302);
    expect(await snapshot(app.db, ["settings", "audit_events"])).toEqual(before);
  });

  it("is for admins only", async () => {
    for (const email of ["bcd.pho@roviec.demo", "gd.skhcn@roviec.demo", "cv.cds@roviec.demo"]) {
      const client = await app.signedIn(email);
      expect((await client.get("/admin/reminders")).status).toBe(403);
      expect((await client.post("/admin/reminders", { ...good, version: await currentVersion() })).status).toBe(403);
    }
  });
});

describe("the outbox", () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    const user = await app.db.selectFrom("users").select("id").where("email", "=", "cv.cds@roviec.demo").executeTakeFirstOrThrow();
    const row = (status: "pending" | "sending" | "sent" | "failed", to: string, n: number) => ({
      dedupe_key: `outbox-test:${n}`,
      user_id: user.id,
      kind: "deadline_before",
      to_address: to,
      language: "vi" as const,
      subject: `Nhắc hạn số ${n} <b>`,
      text_body: `Còn 3 ngày nữa đến hạn (thư ${n}).`,
      html_body: `<p>Còn 3 ngày <script>alert(${n})</script></p>`,
      status,
      attempts: status === "failed" ? 5 : status === "sent" ? 1 : 0,
      next_attempt_at: "2026-11-28T00:00:00.000Z",
      last_error: status === "failed" ? "connect ECONNREFUSED 10.0.0.5:587" : null,
      created_at: new Date(Date.UTC(2026, 10, 27, 0, n)).toISOString(),
      sent_at: status === "sent" ? "2026-11-28T00:01:00.000Z" : null,
    });
    const inserted = await app.db
      .insertInto("email_outbox")
      .values([
        row("pending", "cv.cds@roviec.demo", 1),
        row("sending", "gd.skhcn@roviec.demo", 2),
        row("sent", "cv.ttdl@roviec.demo", 3),
        row("failed", "cv.cds@roviec.demo", 4),
        row("sent", "ten_co_gach@phuong.demo", 5),
      ])
      .returning(["id", "status"])
      .execute();
    ids = Object.fromEntries(inserted.map((r) => [r.status, r.id]));
  });

  it("lists every e-mail newest first, with the no-SMTP banner, and filters by status and recipient", async () => {
    const { status, html } = await admin.page("/admin/outbox");
    expect(status).toBe(200);
    expect(html).toContain("Chưa cấu hình máy chủ thư (SMTP_URL): thư được giữ ở đây, chưa gửi.");
    expect(html).toContain("5 thư");
    expect(html.indexOf("Nhắc hạn số 4")).toBeLessThan(html.indexOf("Nhắc hạn số 1"));
    expect(html).toContain("connect ECONNREFUSED 10.0.0.5:587");
    expect(html).toContain("Nhắc hạn số 4 &lt;b&gt;");

    const failed = await admin.page("/admin/outbox?status=failed");
    expect(failed.html).toContain("1 thư");
    expect(failed.html).toContain("Nhắc hạn số 4");
    expect(failed.html).not.toContain("Nhắc hạn số 1 ");
    const byRecipient = await admin.page("/admin/outbox?q=CV.CDS");
    expect(byRecipient.html).toContain("2 thư");
    // LIKE's wildcards in the query are taken literally: "_" matches only an underscore.
    expect((await admin.page("/admin/outbox?q=ten_co")).html).toContain("1 thư");
    expect((await admin.page("/admin/outbox?q=cv_cds")).html).toContain("Không có thư nào.");
    const nothing = await admin.page("/admin/outbox?q=100%25_");
    expect(nothing.html).toContain("Không có thư nào.");
    // A bad filter value is ignored, not an error.
    expect((await admin.page("/admin/outbox?status=lost&page=-3")).status).toBe(200);
  });

  it("shows one e-mail's bodies as text, never running its HTML", async () => {
    const { status, html } = await admin.page(`/admin/outbox/${ids.failed}`);
    expect(status).toBe(200);
    expect(html).toContain("Còn 3 ngày nữa đến hạn (thư 4).");
    expect(html).toContain("&lt;script&gt;alert(4)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(4)");
    expect((await admin.get("/admin/outbox/999999")).status).toBe(404);
    expect((await admin.get("/admin/outbox/abc")).status).toBe(404);
  });

  it("retries a failed or waiting e-mail now (audited), and refuses sent or in-flight ones", async () => {
    const response = await admin.post("/admin/outbox?index", {
      intent: "retry",
      id: ids.failed,
      redirectTo: "/admin/outbox?status=failed",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/outbox?status=failed");
    const row = await app.db.selectFrom("email_outbox").selectAll().where("id", "=", ids.failed).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    expect(row.next_attempt_at).toBe(clock.nowIso()); // due at once
    expect(row.attempts).toBe(5);
    const audit = await app.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "outbox.retry")
      .where("entity_id", "=", String(ids.failed))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].data)).toMatchObject({ before: { status: "failed" }, after: { status: "pending" } });
    expect((await admin.page("/admin/outbox")).html).toContain("Đã đưa thư vào hàng đợi để gửi lại ngay.");

    for (const id of [ids.sent, ids.sending]) {
      const before = await snapshot(app.db, ["email_outbox", "audit_events"]);
      const refused = await admin.post("/admin/outbox?index", { intent: "retry", id });
      expect(refused.status).toBe(302);
      expect((await admin.page("/admin/outbox")).html).toContain("Thư này đang gửi hoặc đã gửi nên không gửi lại.");
      expect(await snapshot(app.db, ["email_outbox", "audit_events"])).toEqual(before);
    }
    expect((await admin.post("/admin/outbox?index", { intent: "retry", id: 999999 })).status).toBe(404);
    expect((await admin.post("/admin/outbox?index", { intent: "retry", id: "x" })).status).toBe(400);
  });

  it("is for admins only", async () => {
    const head = await app.signedIn("gd.skhcn@roviec.demo");
    expect((await head.get("/admin/outbox")).status).toBe(403);
    expect((await head.get(`/admin/outbox/${ids.pending}`)).status).toBe(403);
    expect((await head.post("/admin/outbox?index", { intent: "retry", id: ids.pending })).status).toBe(403);
  });
});
