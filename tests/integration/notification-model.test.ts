/** Model-level checks of the inbox queries and the schedule's version check (two editors at once). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { DEFAULT_REMINDER_SCHEDULE } from "~/domain/reminder-schedule";
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead } from "~/models/notification.server";
import { getReminderSchedule, saveReminderSchedule } from "~/models/reminder-schedule.server";
import { openTestDb, userId } from "../support/db";

let t: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

describe("schedule saves racing each other", () => {
  it("lets exactly one of two saves from the same version through; the other is a conflict", async () => {
    const admin = await userId(t.db, "admin@roviec.demo");
    const other = await userId(t.db, "thuky@roviec.demo");
    const a = { ...DEFAULT_REMINDER_SCHEDULE, beforeDays: [10] };
    const b = { ...DEFAULT_REMINDER_SCHEDULE, beforeDays: [2] };
    const results = await Promise.all([
      saveReminderSchedule(t.db, { schedule: a, expectedVersion: 0, actorUserId: admin }),
      saveReminderSchedule(t.db, { schedule: b, expectedVersion: 0, actorUserId: other }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "conflict", currentVersion: 1 }]);
    const { schedule, version } = await getReminderSchedule(t.db);
    expect(version).toBe(1);
    expect(schedule.beforeDays).toEqual(results[0].ok ? [10] : [2]);
    const audits = await t.db.selectFrom("audit_events").select("id").where("action", "=", "settings.reminder_schedule").execute();
    expect(audits).toHaveLength(1);
  });
});

describe("inbox queries", () => {
  it("count, list and mark only the user's own rows", async () => {
    const me = await userId(t.db, "cv.ttdl@roviec.demo");
    const them = await userId(t.db, "cv.syt@roviec.demo");
    const task = await t.db.selectFrom("tasks").select("id").orderBy("id").executeTakeFirstOrThrow();
    let n = 0;
    const add = async (user: number) =>
      (
        await t.db
          .insertInto("notifications")
          .values({
            user_id: user,
            kind: "overdue",
            task_id: task.id,
            extension_id: null,
            rule: "after:1",
            deadline: null,
            run_date: "2026-11-28",
            dedupe_key: `model:${++n}`,
            data: "{}",
            created_at: clock.nowIso(),
            read_at: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const mine = [await add(me), await add(me)];
    const theirs = await add(them);
    expect(await countUnread(t.db, me)).toBe(2);
    expect(await markNotificationRead(t.db, { userId: me, id: theirs })).toBeNull();
    expect(await countUnread(t.db, them)).toBe(1);
    expect((await markNotificationRead(t.db, { userId: me, id: mine[0] }))?.readAt).toEqual(expect.any(String));
    expect((await listNotifications(t.db, { userId: me, unreadOnly: true, limit: 10, offset: 0 })).items.map((i) => i.id)).toEqual([
      mine[1],
    ]);
    expect(await markAllNotificationsRead(t.db, { userId: me })).toBe(1);
    expect(await markAllNotificationsRead(t.db, { userId: me })).toBe(0);
    expect(await countUnread(t.db, them)).toBe(1);
  });
});
