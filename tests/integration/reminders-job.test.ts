/**
 * The reminder job on a copy of the demo database: who gets what, exactly once (run twice, crash
 * mid-run then rerun), opt-out, dry run, catch-up after downtime, inactive owners, closed tasks.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "../../app/domain/dates";
import { runDueDays, runReminderJob } from "../../app/models/reminder-job.server";
import { openTestDb } from "../support/db";
import { addTask, clearOpenWork, idOfUser, rowCounts, writtenKeys } from "../support/reminders";

const D = "2026-12-01"; // a Tuesday: daily digests only
const base = { timeZone: "Asia/Ho_Chi_Minh", origin: "https://roviec.test" };
const opened: Array<{ close(): Promise<void> }> = [];
async function freshDb() {
  const t = await openTestDb();
  opened.push(t);
  await clearOpenWork(t.db);
  return t;
}
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function notificationsOf(db: Awaited<ReturnType<typeof freshDb>>["db"], taskId: number) {
  return db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select(["n.kind", "n.rule", "u.email", "n.deadline", "n.dedupe_key", "n.data", "n.run_date"])
    .where("n.task_id", "=", taskId)
    .orderBy("n.id")
    .execute();
}

describe("who is reminded", () => {
  it("the owner before the deadline, with an e-mail in the outbox written with it", async () => {
    const { db } = await freshDb();
    const task = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, 3) });
    const counts = await runReminderJob(db, { date: D, ...base });
    const rows = await notificationsOf(db, task);
    expect(rows.map((r) => [r.kind, r.rule, r.email, r.deadline, r.run_date])).toEqual([
      ["deadline_before", "before:3", "cv.ttdl@roviec.demo", addDays(D, 3), D],
    ]);
    expect(JSON.parse(rows[0].data)).toEqual({ days: 3 });
    expect(rows[0].dedupe_key).toBe(`task:${task}|before:3|${addDays(D, 3)}|user:${await idOfUser(db, "cv.ttdl@roviec.demo")}`);
    const mail = await db.selectFrom("email_outbox").selectAll().where("dedupe_key", "=", rows[0].dedupe_key).executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      status: "pending",
      attempts: 0,
      to_address: "cv.ttdl@roviec.demo",
      language: "vi",
      kind: "deadline_before",
    });
    expect(counts).toMatchObject({ notificationsCreated: 1, emailsQueued: 1, notificationsExisting: 0 });
  });

  it("escalates at 7 days to the lead unit's head (the unit above when it has none) and at 30 to the committee and admins", async () => {
    const { db } = await freshDb();
    // SKHCN-TTDL has no head of its own: Sở KH&CN's head answers for it.
    const at7 = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, -7) });
    const at30 = await addTask(db, { owner: "cv.cds@roviec.demo", deadline: addDays(D, -30) });
    const at29 = await addTask(db, { owner: "cv.cds@roviec.demo", deadline: addDays(D, -29) });
    await runReminderJob(db, { date: D, ...base });
    expect((await notificationsOf(db, at7)).map((r) => `${r.kind} ${r.rule} ${r.email}`)).toEqual([
      "escalation_head escalate-head:7 gd.skhcn@roviec.demo",
    ]);
    expect((await notificationsOf(db, at30)).map((r) => `${r.kind} ${r.email}`).sort()).toEqual(
      ["admin@roviec.demo", "bcd.pho@roviec.demo", "bcd.thanhvien@roviec.demo", "thuky@roviec.demo"]
        .map((e) => `escalation_committee ${e}`)
        .sort(),
    );
    // 29 days overdue: the committee is not told yet (and 29 = 1 + 4 weeks: the owner is reminded).
    expect((await notificationsOf(db, at29)).map((r) => `${r.kind} ${r.rule} ${r.email}`)).toEqual(["overdue after:29 cv.cds@roviec.demo"]);
  });

  it("never reminds about drafts, done or cancelled tasks", async () => {
    const { db } = await freshDb();
    for (const status of ["draft", "done", "cancelled"] as const) {
      for (const offset of [3, 0, -1, -7, -30]) await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, offset), status });
    }
    const counts = await runReminderJob(db, { date: D, ...base });
    expect(counts.notificationsCreated).toBe(0);
    expect(await db.selectFrom("notifications").select("id").execute()).toEqual([]);
  });

  it("a deactivated owner gets nothing; the head of the lead unit gets one owner_inactive per task", async () => {
    const { db } = await freshDb();
    const task = await addTask(db, { owner: "cv.cds@roviec.demo", deadline: addDays(D, 3) });
    await db.updateTable("users").set({ active: 0, deactivated_at: clock.nowIso() }).where("email", "=", "cv.cds@roviec.demo").execute();
    await runReminderJob(db, { date: D, ...base });
    await runReminderJob(db, { date: addDays(D, 1), ...base });
    expect((await notificationsOf(db, task)).map((r) => `${r.kind} ${r.rule} ${r.email}`)).toEqual([
      "owner_inactive owner-inactive tp.cds@roviec.demo",
    ]);
    const outbox = await db.selectFrom("email_outbox").select(["to_address", "kind"]).where("kind", "not like", "digest%").execute();
    expect(outbox).toEqual([{ to_address: "tp.cds@roviec.demo", kind: "owner_inactive" }]);
  });

  it("a user who turned e-mail off gets the in-app notification but no e-mail (and no digest)", async () => {
    const { db } = await freshDb();
    await db.updateTable("users").set({ email_enabled: 0 }).where("email", "=", "cv.ttdl@roviec.demo").execute();
    const task = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: D });
    await runReminderJob(db, { date: D, ...base });
    expect((await notificationsOf(db, task)).map((r) => r.kind)).toEqual(["deadline_today"]);
    expect(await db.selectFrom("email_outbox").select("dedupe_key").execute()).toEqual([]);
  });

  it("an approved extension restarts the schedule for the new deadline", async () => {
    const { db } = await freshDb();
    const task = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, 3) });
    await runReminderJob(db, { date: D, ...base });
    // Approved: the deadline in force moves 14 days on; 3 days before the new one, "before:3" again.
    const extended = addDays(D, 17);
    await db.updateTable("tasks").set({ deadline: extended, extension_count: 1 }).where("id", "=", task).execute();
    await runReminderJob(db, { date: addDays(D, 3), ...base }); // the old deadline day: nothing
    await runReminderJob(db, { date: addDays(D, 14), ...base });
    expect((await notificationsOf(db, task)).map((r) => `${r.rule} ${r.deadline}`)).toEqual([
      `before:3 ${addDays(D, 3)}`,
      `before:3 ${extended}`,
    ]);
  });

  it("a pending extension request waiting 3 days is put to everyone who may decide it", async () => {
    const { db } = await freshDb();
    const task = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, 10) });
    const requestedAt = new Date("2026-11-27T20:00:00Z").toISOString(); // 28/11 in Hà Nội
    const ext = await db
      .insertInto("task_extensions")
      .values({
        task_id: task,
        requested_by: await idOfUser(db, "cv.ttdl@roviec.demo"),
        requested_at: requestedAt,
        previous_deadline: addDays(D, 10),
        requested_deadline: addDays(D, 30),
        reason: "Chờ số liệu",
        status: "pending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await runReminderJob(db, { date: "2026-11-30", ...base });
    expect(await notificationsOf(db, task)).toEqual([]);
    await runReminderJob(db, { date: D, ...base });
    const rows = await notificationsOf(db, task);
    expect(rows.map((r) => r.email).sort()).toEqual([
      "admin@roviec.demo",
      "bcd.pho@roviec.demo",
      "bcd.thanhvien@roviec.demo",
      "thuky@roviec.demo",
    ]);
    expect(rows.every((r) => r.kind === "extension_pending" && r.dedupe_key.includes(`|ext:${ext.id}|`))).toBe(true);
  });

  it("a request made by someone who could decide it is put to the others only (whoever asked never decides)", async () => {
    const { db } = await freshDb();
    const task = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, 10) });
    await db
      .insertInto("task_extensions")
      .values({
        task_id: task,
        requested_by: await idOfUser(db, "admin@roviec.demo"),
        requested_at: new Date("2026-11-27T20:00:00Z").toISOString(),
        previous_deadline: addDays(D, 10),
        requested_deadline: addDays(D, 30),
        reason: "Chờ số liệu",
        status: "pending",
      })
      .execute();
    await runReminderJob(db, { date: D, ...base });
    expect((await notificationsOf(db, task)).map((r) => r.email).sort()).toEqual([
      "bcd.pho@roviec.demo",
      "bcd.thanhvien@roviec.demo",
      "thuky@roviec.demo",
    ]);
  });
});

describe("exactly once", () => {
  async function scenario(db: Awaited<ReturnType<typeof freshDb>>["db"]) {
    const owners = ["cv.ttdl@roviec.demo", "cv.cds@roviec.demo", "cv.syt@roviec.demo", "cv.stp@roviec.demo", "cv.snv@roviec.demo"];
    // Enough tasks for many small batches: each day of the schedule, for every owner, a few times over.
    for (let i = 0; i < 12; i++) {
      for (const [j, owner] of owners.entries()) {
        for (const offset of [7, 3, 1, 0, -1, -7, -8, -30])
          await addTask(db, { owner, deadline: addDays(D, offset), title: `Việc ${i}-${j}-${offset}` });
      }
    }
  }

  it("running the day twice creates nothing the second time", async () => {
    const { db } = await freshDb();
    await scenario(db);
    const first = await runReminderJob(db, { date: D, ...base, batchSize: 37 });
    const keys = await writtenKeys(db);
    const second = await runReminderJob(db, { date: D, ...base, batchSize: 37 });
    expect(first.notificationsCreated).toBeGreaterThan(400);
    expect(second).toMatchObject({
      notificationsCreated: 0,
      emailsQueued: 0,
      digestsQueued: 0,
      notificationsExisting: first.notificationsCreated,
      digestsExisting: first.digestsQueued,
    });
    expect(await writtenKeys(db)).toEqual(keys);
    const run = await db.selectFrom("reminder_runs").selectAll().where("run_date", "=", D).executeTakeFirstOrThrow();
    expect(run.status).toBe("done");
    expect(JSON.parse(run.counts)).toMatchObject({ notificationsCreated: first.notificationsCreated, runs: 2 });
  });

  it("a run that dies after its first batch, then a rerun, writes exactly what one clean run writes", async () => {
    const clean = await freshDb();
    await scenario(clean.db);
    await runReminderJob(clean.db, { date: D, ...base });
    const expected = await writtenKeys(clean.db);

    const crashed = await freshDb();
    await scenario(crashed.db);
    await expect(
      runReminderJob(crashed.db, {
        date: D,
        ...base,
        batchSize: 50,
        pageSize: 100,
        onProgress: () => {
          throw new Error("power cut");
        },
      }),
    ).rejects.toThrow("power cut");
    const partial = await writtenKeys(crashed.db);
    expect(partial.notifications.length).toBeGreaterThan(0);
    expect(partial.notifications.length).toBeLessThan(expected.notifications.length);
    // Every notification written so far has its e-mail: they share a transaction.
    const orphans = await crashed.db
      .selectFrom("notifications as n")
      .leftJoin("email_outbox as o", "o.notification_id", "n.id")
      .select("n.id")
      .where("o.id", "is", null)
      .execute();
    expect(orphans).toEqual([]);
    expect((await crashed.db.selectFrom("reminder_runs").select("status").executeTakeFirstOrThrow()).status).toBe("running");

    await runReminderJob(crashed.db, { date: D, ...base });
    expect(await writtenKeys(crashed.db)).toEqual(expected);
  });
});

describe("dry run", () => {
  it("reports what would be sent and writes nothing at all", async () => {
    const { db } = await freshDb();
    await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, 7) });
    await addTask(db, { owner: "cv.cds@roviec.demo", deadline: addDays(D, -1) });
    const before = await rowCounts(db);
    const monday = "2026-11-30";
    const preview = await runReminderJob(db, { date: monday, dryRun: true, ...base });
    expect(await rowCounts(db)).toEqual(before);
    expect(preview.notificationsCreated).toBeGreaterThan(0);
    expect(preview.sample.map((s) => s.kind)).toContain("digest_weekly_committee");
    // The real run writes exactly what the preview announced.
    const real = await runReminderJob(db, { date: monday, ...base });
    expect(real.notificationsCreated).toBe(preview.notificationsCreated);
    expect(real.emailsQueued).toBe(preview.emailsQueued);
    expect(real.digestsQueued).toBe(preview.digestsQueued);
    expect(real.byKind).toEqual(preview.byKind);
  });
});

describe("digests", () => {
  it("a daily digest per user with something overdue, due today or this week; none for the others", async () => {
    const { db } = await freshDb();
    await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, -2), title: "Việc quá hạn" });
    await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: addDays(D, 5), title: "Việc trong tuần" });
    await addTask(db, { owner: "cv.syt@roviec.demo", deadline: addDays(D, 40) });
    await runReminderJob(db, { date: D, ...base });
    const digests = await db
      .selectFrom("email_outbox")
      .select(["dedupe_key", "subject", "text_body"])
      .where("kind", "=", "digest_daily")
      .execute();
    expect(digests.map((d) => d.dedupe_key)).toEqual([`digest:daily:${D}|user:${await idOfUser(db, "cv.ttdl@roviec.demo")}`]);
    expect(digests[0].subject).toBe("Việc của đồng chí ngày 01/12/2026: 1 quá hạn, 0 đến hạn hôm nay, 1 đến hạn trong tuần");
    expect(digests[0].text_body).toContain("Việc quá hạn — thời hạn 29/11/2026, quá hạn 2 ngày");
    expect(digests[0].text_body).toContain("Việc trong tuần — thời hạn 06/12/2026");
  });

  it("on Mondays, a weekly digest per head for their unit and the committee summary", async () => {
    const { db } = await freshDb();
    const monday = "2026-11-30";
    await addTask(db, { owner: "cv.cds@roviec.demo", deadline: addDays(monday, -3), title: "Việc trượt hạn tuần này" });
    await addTask(db, { owner: "cv.cds@roviec.demo", deadline: "2026-11-20", status: "done" });
    await db
      .updateTable("tasks")
      .set({ completed_on: "2026-11-26" })
      .where("status", "=", "done")
      .where("deadline", "=", "2026-11-20")
      .execute();
    await runReminderJob(db, { date: monday, ...base });
    const doneThisWeek = await db
      .selectFrom("tasks")
      .select("id")
      .where("status", "=", "done")
      .where("completed_on", ">=", "2026-11-23")
      .where("completed_on", "<", monday)
      .execute();
    const rows = await db
      .selectFrom("email_outbox")
      .select(["to_address", "kind", "subject", "text_body"])
      .where("kind", "like", "digest_weekly%")
      .orderBy("to_address")
      .execute();
    expect(rows.filter((r) => r.kind === "digest_weekly_head").map((r) => r.to_address)).toEqual(["tp.cds@roviec.demo"]);
    const committee = rows.filter((r) => r.kind === "digest_weekly_committee");
    expect(committee.map((r) => r.to_address)).toEqual([
      "admin@roviec.demo",
      "bcd.pho@roviec.demo",
      "bcd.thanhvien@roviec.demo",
      "thuky@roviec.demo",
    ]);
    expect(doneThisWeek.length).toBeGreaterThan(0);
    expect(committee[0].text_body).toContain(`Đang thực hiện: 1\nQuá hạn: 1\nHoàn thành trong tuần qua: ${doneThisWeek.length}`);
    expect(committee[0].text_body).toContain("- Phòng Chuyển đổi số: 1 nhiệm vụ");
  });
});

describe("catch-up after downtime", () => {
  it("processes each missed day once, in order, then nothing", async () => {
    const { db } = await freshDb();
    // Deadline on D: before:3 falls on D-3 (the last day run), before:1 on D-1 (missed), due on D.
    const task = await addTask(db, { owner: "cv.ttdl@roviec.demo", deadline: D });
    await runReminderJob(db, { date: addDays(D, -3), ...base });
    // The server was down on D-2 and D-1.
    const runs = await runDueDays(db, D, base);
    expect(runs.map((r) => r.date)).toEqual([addDays(D, -2), addDays(D, -1), D]);
    expect((await notificationsOf(db, task)).map((r) => `${r.rule} ${r.run_date}`)).toEqual([
      `before:3 ${addDays(D, -3)}`,
      `before:1 ${addDays(D, -1)}`,
      `due ${D}`,
    ]);
    // Digests only for today: a digest of a past day is stale.
    const digests = await db.selectFrom("email_outbox").select("dedupe_key").where("kind", "=", "digest_daily").execute();
    expect(digests.map((d) => d.dedupe_key.split("|")[0])).toEqual([`digest:daily:${addDays(D, -3)}`, `digest:daily:${D}`]);
    expect(await runDueDays(db, D, base)).toEqual([]);
    // An operator's `npm run reminders` reruns today (writing nothing new) but not the days before.
    const rerun = await runDueDays(db, D, { ...base, rerunToday: true });
    expect(rerun.map((r) => [r.date, r.notificationsCreated, r.notificationsExisting])).toEqual([[D, 0, 1]]);
  });

  it("without any earlier run, only today; a run that crashed is done again", async () => {
    const { db } = await freshDb();
    expect((await runDueDays(db, D, base)).map((r) => r.date)).toEqual([D]);
    await db
      .insertInto("reminder_runs")
      .values({ run_date: addDays(D, 1), status: "running", started_at: clock.nowIso() })
      .execute();
    expect((await runDueDays(db, addDays(D, 2), base)).map((r) => r.date)).toEqual([addDays(D, 1), addDays(D, 2)]);
  });
});
