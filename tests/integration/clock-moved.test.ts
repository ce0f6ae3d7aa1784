/**
 * A database seeded months ago, served today (ADR 0009): the demo data stays where it was loaded, the
 * clock moves on, and every figure is computed for the clock's today — open tasks whose deadline has
 * passed since are overdue, nothing is "due soon" in the past, and the as-of date on every page and in
 * the API is the new today.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, daysBetween } from "~/domain/dates";
import { formatDate } from "~/i18n/format";
import { createApiToken } from "~/models/api-token.server";
import { startApp, type TestApp } from "../support/app";
import { appToday, setClock, suiteNow } from "../support/clock";

const LATER_DAYS = 150;
let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp();
  const committee = await app.db.selectFrom("users").select("id").where("email", "=", "bcd.pho@roviec.demo").executeTakeFirstOrThrow();
  token = (await createApiToken(app.db, { userId: committee.id, name: "moved clock" }, { actorUserId: committee.id })).token;
});
afterAll(async () => {
  setClock(suiteNow());
  await app?.close();
});

async function cityByProgram() {
  const response = await fetch(`${app.url}/api/v1/rollups?by=program`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    asOf: string;
    items: Array<{
      key: string;
      total: number;
      openOnTime: number;
      dueSoon: number;
      overdue: number;
      doneOnTime: number;
      doneLate: number;
    }>;
  };
}

/** What the tasks table says about open, issued tasks on `day`: overdue when the deadline has passed. */
async function openIssuedTasks() {
  return app.db
    .selectFrom("tasks")
    .innerJoin("task_programs", "task_programs.task_id", "tasks.id")
    .select(["tasks.id", "tasks.deadline", "task_programs.program_code"])
    .where("tasks.status", "in", ["not_started", "in_progress"])
    .execute();
}

describe("a database seeded months ago", () => {
  it("is judged against the clock's today, in the API and on the overview", async () => {
    const seededOn = appToday();
    const before = await cityByProgram();
    expect(before.asOf).toBe(seededOn);

    setClock(new Date(suiteNow().getTime() + LATER_DAYS * 86_400_000));
    const later = appToday();
    expect(daysBetween(seededOn, later)).toBe(LATER_DAYS);

    const after = await cityByProgram();
    expect(after.asOf).toBe(later);
    const open = await openIssuedTasks();
    for (const item of after.items) {
      const mine = open.filter((t) => t.program_code === item.key);
      // Every open task whose deadline is behind the new today is overdue; none is "due soon" in the past.
      expect(item.overdue, item.key).toBe(mine.filter((t) => t.deadline !== null && t.deadline < later).length);
      expect(item.dueSoon, item.key).toBe(
        mine.filter((t) => t.deadline !== null && t.deadline >= later && t.deadline <= addDays(later, 7)).length,
      );
      const was = before.items.find((b) => b.key === item.key)!;
      // The same tasks, reclassified: done stays done, open work only slips.
      expect(item.total, item.key).toBe(was.total);
      expect(item.doneOnTime + item.doneLate, item.key).toBe(was.doneOnTime + was.doneLate);
      expect(item.overdue, item.key).toBeGreaterThanOrEqual(was.overdue);
    }
    expect(after.items.reduce((n, i) => n + i.overdue, 0)).toBeGreaterThan(before.items.reduce((n, i) => n + i.overdue, 0));

    const committee = await app.signedIn("bcd.pho@roviec.demo");
    const overview = await committee.page("/");
    expect(overview.status).toBe(200);
    expect(overview.html).toContain(formatDate(later, "UTC"));
    // A future date is still refused against the moved today, not the machine's.
    const tomorrow = await fetch(`${app.url}/api/v1/rollups?asOf=${addDays(later, 1)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(tomorrow.status).toBe(422);
    const pastOk = await fetch(`${app.url}/api/v1/rollups?asOf=${addDays(later, -1)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(pastOk.status).toBe(200);
  });
});
