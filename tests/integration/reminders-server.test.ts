/**
 * The job inside the server: with REMINDERS_IN_SERVER=true the server catches up at start (today's
 * run when REMINDER_TIME has passed) on its own database connection, and stops its timers on close.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { todayIn } from "../../app/i18n/format";
import { lastDueDay } from "../../app/jobs/reminder-scheduler.server";
import { startApp, type TestApp } from "../support/app";

describe("the day the scheduler processes", () => {
  it("is today once REMINDER_TIME has passed in APP_TZ, else yesterday", () => {
    const tz = "Asia/Ho_Chi_Minh";
    expect(lastDueDay(new Date("2026-11-30T23:59:00Z"), tz, "07:00")).toBe("2026-11-30"); // 06:59 on 1/12
    expect(lastDueDay(new Date("2026-12-01T00:00:00Z"), tz, "07:00")).toBe("2026-12-01"); // 07:00 on 1/12
    expect(lastDueDay(new Date("2026-11-30T17:00:00Z"), tz, "00:00")).toBe("2026-12-01"); // midnight in Hà Nội
  });
});

describe("REMINDERS_IN_SERVER=true", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ env: { REMINDERS_IN_SERVER: "true", REMINDER_TIME: "00:00" } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("catches up at start: today's run is done and the demo tasks' reminders are in the inbox tables", async () => {
    const today = todayIn("Asia/Ho_Chi_Minh", clock.now());
    let run;
    for (let i = 0; i < 150 && run?.status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = await app.db.selectFrom("reminder_runs").selectAll().where("run_date", "=", today).executeTakeFirst();
    }
    expect(run?.status).toBe("done");
    const counts = JSON.parse(run!.counts);
    expect(counts.tasksScanned).toBeGreaterThan(0);
    const notifications = await app.db.selectFrom("notifications").select(["run_date"]).execute();
    expect(notifications.length).toBe(counts.notificationsCreated);
    expect(notifications.every((n) => n.run_date === today)).toBe(true);
    // The pages keep answering meanwhile.
    const response = await app.client().get("/healthz");
    expect(response.status).toBe(200);
  });
});
