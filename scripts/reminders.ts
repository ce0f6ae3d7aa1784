/**
 * npm run reminders -- [--at YYYY-MM-DD] [--dry-run]
 * Runs the reminder job once for today (in APP_TZ) or for the given day — for cron, or for an operator
 * previewing what would go out. For today it first processes any day missed since the last run
 * (up to 31 days back), as the server does at start. Safe to run while the server runs it too: every reminder is written
 * once (its key is unique). After a real run it sends the outbox once (when SMTP_URL is set).
 * --dry-run computes and prints what would be sent (a sample and the counts) and writes nothing.
 * --send-only only sends the due e-mails of the outbox (for cron every few minutes: retries).
 */
import { parseArgs } from "node:util";
import { isIsoDate } from "../app/domain/dates";
import { migrateToLatest } from "../db/connect";
import { openConfiguredDb } from "./lib/open-db";

const usage = "Usage: npm run reminders -- [--at YYYY-MM-DD] [--dry-run]   or   npm run reminders -- --send-only";

let values: { at?: string; "dry-run"?: boolean; "send-only"?: boolean };
try {
  ({ values } = parseArgs({
    options: { at: { type: "string" }, "dry-run": { type: "boolean" }, "send-only": { type: "boolean" } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(2);
}
if (values["send-only"] && (values.at !== undefined || values["dry-run"])) {
  console.error("--send-only sends the outbox and runs no job: it takes neither --at nor --dry-run.");
  console.error(usage);
  process.exit(2);
}
if (values.at !== undefined && !isIsoDate(values.at)) {
  console.error(`--at: "${values.at}" is not a date YYYY-MM-DD (e.g. 2026-12-01).`);
  console.error(usage);
  process.exit(2);
}

const { db, config } = openConfiguredDb();
const { todayInZone } = await import("../app/clock.server");
const { runDueDays, runReminderJob } = await import("../app/models/reminder-job.server");
const { sendOutbox } = await import("../app/jobs/reminder-scheduler.server");
const { closeConfiguredTransport } = await import("../app/mail/transport.server");

const date = values.at ?? todayInZone(config.APP_TZ);
const dryRun = values["dry-run"] === true;
const PROGRESS_EVERY = 10_000;

try {
  await migrateToLatest(db);
  if (!values["send-only"]) await runJob();
  if (!dryRun) {
    const sent = await sendOutbox(db);
    if (sent.skipped) console.log("E-mail: SMTP_URL is not set; e-mails wait in the outbox (unsent).");
    else
      console.log(
        `E-mail: ${sent.sent} sent, ${sent.failed} failed (retried later with backoff)${sent.released ? `, ${sent.released} released after a crash` : ""}.`,
      );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  closeConfiguredTransport();
  await db.destroy();
}

async function runJob() {
  console.error(`${dryRun ? "Dry run (nothing is written)" : "Reminder job"} for ${date} (${config.APP_TZ})…`);
  let previous = 0;
  const onProgress = ({ scanned, created }: { scanned: number; created: number }) => {
    if (scanned < previous) previous = 0; // the next day of a catch-up
    if (Math.floor(scanned / PROGRESS_EVERY) > Math.floor(previous / PROGRESS_EVERY)) {
      console.error(
        `  ${scanned.toLocaleString("en")} tasks scanned, ${created.toLocaleString("en")} notifications ${dryRun ? "to create" : "created"}`,
      );
    }
    previous = scanned;
  };
  // For today (no --at) a real run also processes the days missed since the last run, as the server does.
  const days =
    values.at === undefined && !dryRun
      ? await runDueDays(db, date, { rerunToday: true, onProgress })
      : [await runReminderJob(db, { date, dryRun, onProgress })];
  for (const counts of days) {
    if (days.length > 1) console.log(`— ${counts.date}`);
    if (dryRun && counts.sample.length) {
      console.log("Would send (sample):");
      for (const s of counts.sample)
        console.log(
          `  ${s.kind.padEnd(24)} ${s.rule.padEnd(22)} ${s.taskId !== null ? `task ${s.taskId}`.padEnd(12) : "".padEnd(12)} → ${s.to}`,
        );
    }
    const verb = dryRun ? "would be created" : "created";
    console.log(`Tasks scanned: ${counts.tasksScanned}; pending extension requests: ${counts.pendingExtensions}`);
    console.log(`Notifications ${verb}: ${counts.notificationsCreated}; already present (skipped): ${counts.notificationsExisting}`);
    console.log(
      `E-mails ${dryRun ? "that would be queued" : "queued"}: ${counts.emailsQueued}; digests: ${counts.digestsQueued} (already present: ${counts.digestsExisting})`,
    );
    const kinds = Object.entries(counts.byKind);
    if (kinds.length) console.log(`By kind: ${kinds.map(([k, n]) => `${k} ${n}`).join(", ")}`);
    console.log(`Took ${counts.ms} ms.`);
  }
}
