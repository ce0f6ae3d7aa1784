/**
 * npm run bench:reminders -- [--tasks 100000] [--date 2026-11-25]
 * Builds a throwaway SQLite database with that many open tasks (scripts/lib/reminder-fixture.ts),
 * runs the reminder job for the day, then again (everything already present), and prints the timings.
 * The design target: 100,000 open tasks in at most 2 s on a 2-core machine. Wall time depends on
 * what else the machine is doing; the CPU time (printed too) is the job's own cost.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, migrateToLatest } from "../db/connect";
import { buildReminderFixture } from "./lib/reminder-fixture";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "100000" },
    date: { type: "string", default: "2026-11-25" },
    "overdue-share": { type: "string", default: "0.2" },
  },
  strict: true,
});
const overdueShare = Number(values["overdue-share"]);
const tasks = Number(values.tasks);
const date = values.date as string;
if (!Number.isInteger(tasks) || tasks < 1 || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !(overdueShare >= 0 && overdueShare <= 1)) {
  console.error("Usage: npm run bench:reminders -- [--tasks 100000] [--date YYYY-MM-DD] [--overdue-share 0.2]");
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roviec-bench-"));
const file = path.join(dir, "bench.db");
const { db, sqlite: maybeSqlite } = createDb(file);
const sqlite = maybeSqlite!;
try {
  await migrateToLatest(db);
  let t = performance.now();
  const made = buildReminderFixture(sqlite, { tasks, date, overdueShare });
  console.log(
    `Fixture: ${tasks} open tasks (${Math.round(overdueShare * 100)}% overdue), ${made.units} units, ${made.users} users (${Math.round(performance.now() - t)} ms)`,
  );

  const { runReminderJob } = await import("../app/models/reminder-job.server");
  const options = { timeZone: "Asia/Ho_Chi_Minh", origin: "https://roviec.example.gov.vn" };

  // A timer that ticks every 10 ms shows how long the job ever kept the event loop busy.
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const at = performance.now();
    longest = Math.max(longest, at - last - 10);
    last = at;
  }, 10);

  for (const label of ["first run", "second run (all present)"]) {
    t = performance.now();
    const cpu = process.cpuUsage();
    longest = 0;
    last = performance.now();
    const counts = await runReminderJob(db, { date, ...options });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `${label}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores) — scanned ${counts.tasksScanned}, notifications created ${counts.notificationsCreated}, ` +
        `already present ${counts.notificationsExisting}, e-mails queued ${counts.emailsQueued}, digests ${counts.digestsQueued} ` +
        `(present ${counts.digestsExisting}); longest event-loop stall ~${longest.toFixed(0)} ms`,
    );
    console.log(`  by kind: ${JSON.stringify(counts.byKind)}`);
  }
  clearInterval(ticker);
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
