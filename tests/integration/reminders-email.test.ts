/**
 * E-mail end to end with a real SMTP server (smtp-server on a random port): reminders in the
 * recipient's language with the 5-rõ facts and a link; SMTP down → retried with backoff and visible,
 * then delivered exactly once; no SMTP → the outbox keeps them unsent; a crash mid-send is recovered.
 */
import { afterEach, describe, expect, it } from "vitest";
import { addDays } from "../../app/domain/dates";
import { backoffMs, MAX_ATTEMPTS, sendDueEmails } from "../../app/mail/outbox-sender.server";
import { createSmtpTransport } from "../../app/mail/transport.server";
import { runReminderJob } from "../../app/models/reminder-job.server";
import { fixClock, setClock } from "../support/clock";
import { openTestDb } from "../support/db";
import { addTask, clearOpenWork, closedPort, startSmtpServer } from "../support/reminders";

const D = "2026-12-01";
// 08:00 on D in Asia/Ho_Chi_Minh: the job runs and the sender sends "now" (the whole clock, not a `now` argument).
const T0 = new Date("2026-12-01T01:00:00Z");
fixClock(T0, { each: true });
const base = { timeZone: "Asia/Ho_Chi_Minh", origin: "https://roviec.test" };
const MAIL_FROM = "Rõ Việc <no-reply@roviec.test>";
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup() {
  const t = await openTestDb();
  cleanup.push(() => t.close());
  await clearOpenWork(t.db);
  return t.db;
}
async function smtp(port?: number) {
  const server = await startSmtpServer(port);
  cleanup.push(() => server.close());
  return server;
}
function transportTo(url: string) {
  const transport = createSmtpTransport(url);
  cleanup.push(() => transport.close?.());
  return transport;
}

describe("reminder e-mails through a real SMTP server", () => {
  it("arrive in Vietnamese for a vi user and in English for an en user, with the task's facts, a link, escaped HTML", async () => {
    const db = await setup();
    const title = "Số hóa hồ sơ <b>&</b> kết nối VNeID";
    const vi = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, 3), title, deliverable: "Báo cáo số hóa" });
    const en = await addTask(db, {
      owner: "cv.cds@roviec.demo",
      deadline: addDays(D, 3),
      title: "Bãi đỗ xe không dùng tiền mặt",
      deliverable: "Ứng dụng iHanoi",
    });
    await runReminderJob(db, { date: D, ...base, digests: false });
    const server = await smtp();
    const result = await sendDueEmails(db, { transport: transportTo(`smtp://127.0.0.1:${server.port}`), mailFrom: MAIL_FROM });
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect(server.received).toHaveLength(2);

    const viMail = server.received.find((m) => m.to.includes("cv.ttdl@roviec.demo"))!;
    expect(viMail.subject).toBe(`Nhắc việc: còn 3 ngày đến hạn — ${title}`);
    expect(viMail.text).toContain("Nhiệm vụ do đồng chí chịu trách nhiệm sẽ đến hạn sau 3 ngày, vào ngày 04/12/2026.");
    expect(viMail.text).toContain(`Nhiệm vụ: ${title}`);
    expect(viMail.text).toContain("Người chịu trách nhiệm: Mai Thị Hương");
    expect(viMail.text).toContain("Thời hạn: 04/12/2026");
    expect(viMail.text).toContain("Đơn vị chủ trì: Trung tâm Dữ liệu chính");
    expect(viMail.text).toContain("Sản phẩm: Báo cáo số hóa");
    expect(viMail.text).toContain(`Mở nhiệm vụ: https://roviec.test/tasks/${vi}`);
    expect(viMail.html).toContain('<html lang="vi">');
    expect(viMail.html).toContain("Số hóa hồ sơ &lt;b&gt;&amp;&lt;/b&gt; kết nối VNeID");
    expect(viMail.html).not.toContain("<b>&</b>");
    expect(viMail.html).toContain(`href="https://roviec.test/tasks/${vi}"`);
    expect(viMail.from).toBe("no-reply@roviec.test");
    expect(viMail.messageId).toMatch(new RegExp(`^<task-${vi}\\.before-3\\.2026-12-04\\.user-\\d+@roviec\\.test>$`));

    const enMail = server.received.find((m) => m.to.includes("cv.cds@roviec.demo"))!;
    expect(enMail.subject).toBe("Reminder: due in 3 days — Bãi đỗ xe không dùng tiền mặt");
    expect(enMail.text).toContain("A task you own is due in 3 days, on 04/12/2026.");
    expect(enMail.text).toContain("Owner: Đinh Công Sơn");
    expect(enMail.text).toContain("Deadline: 04/12/2026");
    expect(enMail.text).toContain("Lead unit: Phòng Chuyển đổi số");
    expect(enMail.text).toContain("Deliverable: Ứng dụng iHanoi");
    expect(enMail.text).toContain(`Open the task: https://roviec.test/tasks/${en}`);
    expect(enMail.html).toContain('<html lang="en">');

    const rows = await db.selectFrom("email_outbox").select(["status", "sent_at", "message_id", "attempts"]).execute();
    expect(rows.every((r) => r.status === "sent" && r.sent_at && r.message_id && r.attempts === 1)).toBe(true);
    // Sent once: another round sends nothing.
    expect(await sendDueEmails(db, { transport: transportTo(`smtp://127.0.0.1:${server.port}`), mailFrom: MAIL_FROM })).toMatchObject({
      sent: 0,
    });
    expect(server.received).toHaveLength(2);
  });

  it("SMTP down: retried with growing backoff, the error visible without the password, then delivered exactly once", async () => {
    const db = await setup();
    await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: D });
    await runReminderJob(db, { date: D, ...base, digests: false });
    const port = await closedPort();
    const url = `smtp://mailer:s3cr3t-pass@127.0.0.1:${port}`;
    const at = (ms: number) => new Date(T0.getTime() + ms);
    const send = (ms: number) => (setClock(at(ms)), sendDueEmails(db, { transport: transportTo(url), mailFrom: MAIL_FROM, smtpUrl: url }));

    const first = await sendDueEmails(db, { transport: transportTo(url), mailFrom: MAIL_FROM, smtpUrl: url });
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    let row = await db.selectFrom("email_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: at(60_000).toISOString() });
    expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
    expect(row.last_error).not.toContain("s3cr3t");
    expect(row.last_error).not.toContain("mailer");

    // Not due yet: untouched.
    expect(await send(30_000)).toMatchObject({ sent: 0, failed: 0 });
    // Second failure: the wait doubles.
    await send(60_000);
    row = await db.selectFrom("email_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 2, next_attempt_at: at(60_000 + 120_000).toISOString() });

    // The server comes back on that port.
    const server = await smtp(port);
    const ok = await send(180_000);
    expect(ok).toMatchObject({ sent: 1, failed: 0 });
    await send(3_600_000);
    expect(server.received).toHaveLength(1);
    row = await db.selectFrom("email_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 3, last_error: null });
  });

  it("after the last attempt a row is failed (kept, visible), and backoff is capped at 6 hours", async () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(20)).toBe(6 * 3_600_000);
    const db = await setup();
    await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: D });
    await runReminderJob(db, { date: D, ...base, digests: false });
    await db
      .updateTable("email_outbox")
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .execute();
    const url = `smtp://127.0.0.1:${await closedPort()}`;
    setClock("2027-01-01T00:00:00Z");
    const result = await sendDueEmails(db, { transport: transportTo(url), mailFrom: MAIL_FROM });
    expect(result).toMatchObject({ failed: 1, gaveUp: 1 });
    const row = await db.selectFrom("email_outbox").selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.last_error).toBeTruthy();
    // Failed rows are not retried by the sender (the admin may put them back to pending).
    setClock("2027-02-01T00:00:00Z");
    expect(await sendDueEmails(db, { transport: transportTo(url), mailFrom: MAIL_FROM })).toMatchObject({ failed: 0 });
  });

  it("without SMTP the outbox keeps every e-mail pending and untouched", async () => {
    const db = await setup();
    await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: D });
    await runReminderJob(db, { date: D, ...base });
    const before = await db.selectFrom("email_outbox").selectAll().orderBy("id").execute();
    expect(before.length).toBeGreaterThan(0);
    expect(await sendDueEmails(db, { transport: null, mailFrom: MAIL_FROM })).toMatchObject({ skipped: true, sent: 0 });
    expect(await db.selectFrom("email_outbox").selectAll().orderBy("id").execute()).toEqual(before);
  });

  it("a row left 'sending' by a crash is sent again after 10 minutes, with the same Message-ID; two senders at once send each row once", async () => {
    const db = await setup();
    for (const offset of [0, 1, 3, 7]) await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, offset) });
    await runReminderJob(db, { date: D, ...base });
    const total = (await db.selectFrom("email_outbox").select("id").execute()).length;
    const stuck = await db.selectFrom("email_outbox").select(["id", "dedupe_key"]).orderBy("id").executeTakeFirstOrThrow();
    const now = setClock("2026-12-01T02:00:00Z");
    await db
      .updateTable("email_outbox")
      .set({ status: "sending", claim_token: "crashed", claimed_at: new Date(now.getTime() - 5 * 60_000).toISOString() })
      .where("id", "=", stuck.id)
      .execute();

    const server = await smtp();
    const url = `smtp://127.0.0.1:${server.port}`;
    // Two senders race (e.g. two servers): each row is claimed by one of them only.
    const [a, b] = await Promise.all([
      sendDueEmails(db, { transport: transportTo(url), mailFrom: MAIL_FROM }),
      sendDueEmails(db, { transport: transportTo(url), mailFrom: MAIL_FROM }),
    ]);
    expect(a.sent + b.sent).toBe(total - 1);
    expect(server.received).toHaveLength(total - 1);
    // Five minutes in: still "sending". Eleven minutes in: released and sent.
    expect((await db.selectFrom("email_outbox").select("status").where("id", "=", stuck.id).executeTakeFirstOrThrow()).status).toBe(
      "sending",
    );
    setClock(new Date(now.getTime() + 6 * 60_000));
    const later = await sendDueEmails(db, { transport: transportTo(url), mailFrom: MAIL_FROM });
    expect(later).toMatchObject({ released: 1, sent: 1 });
    expect(server.received).toHaveLength(total);
    const resent = server.received.find((m) => m.headers["x-roviec-key"] === stuck.dedupe_key)!;
    expect(resent.messageId).toContain(stuck.dedupe_key.replace(/:/g, "-").replace(/\|/g, "."));
    expect(new Set(server.received.map((m) => m.messageId)).size).toBe(total);
  });
});
