/**
 * A second "server" for the concurrency test: opens the database file, says "ready", waits for "go"
 * on stdin (so two of these start together), runs the reminder job for DATE in small batches and
 * prints its counts as JSON.
 */
import { setClock } from "../../app/clock.server";
import { runReminderJob } from "../../app/models/reminder-job.server";
import { createDb } from "../../db/connect";

// The parent test's clock, so both processes stamp their rows at the same instant.
if (process.env.ROVIEC_TEST_NOW) setClock(process.env.ROVIEC_TEST_NOW);

const { DATABASE_URL, DATE } = process.env;
const { db } = createDb(DATABASE_URL!);
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
process.stdin.pause();
const startedAt = Date.now();
const counts = await runReminderJob(db, {
  date: DATE!,
  batchSize: 50,
  pageSize: 500,
  timeZone: "Asia/Ho_Chi_Minh",
  origin: "https://roviec.test",
});
const finishedAt = Date.now();
await db.destroy();
process.stdout.write(
  JSON.stringify({
    startedAt,
    finishedAt,
    created: counts.notificationsCreated,
    existing: counts.notificationsExisting,
    emails: counts.emailsQueued,
    digests: counts.digestsQueued,
  }),
);
