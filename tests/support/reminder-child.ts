/**
 * A second "server" for the concurrency test: opens the database file, waits until START_AT (so two
 * of these start together), runs the reminder job for DATE in small batches and prints its counts.
 */
import { createDb } from "../../db/connect";
import { runReminderJob } from "../../app/models/reminder-job.server";

const { DATABASE_URL, DATE, START_AT } = process.env;
const { db } = createDb(DATABASE_URL!);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(START_AT) - Date.now())));
const counts = await runReminderJob(db, { date: DATE!, batchSize: 50, pageSize: 500, timeZone: "Asia/Ho_Chi_Minh", origin: "https://roviec.test" });
await db.destroy();
process.stdout.write(JSON.stringify({ created: counts.notificationsCreated, existing: counts.notificationsExisting, emails: counts.emailsQueued, digests: counts.digestsQueued }));
