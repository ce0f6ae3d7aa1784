/**
 * Running the reminder job inside the server (REMINDERS_IN_SERVER=true, the default): every day at
 * REMINDER_TIME in APP_TZ the days due are processed (catching up any missed while the server was
 * down), then the outbox is sent; the outbox sender also runs every minute (retries, backoff). At start
 * the catch-up runs once. Scheduling by croner; work runs one piece at a time in the process, and is
 * idempotent anyway, so a second server or a cron `npm run reminders` at the same time is safe.
 */
import { Cron } from "croner";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { addDays } from "~/domain/dates";
import { env } from "~/env.server";
import { formatTime, todayIn } from "~/i18n/format";
import { sendDueEmails, type SendResult } from "~/mail/outbox-sender.server";
import { closeConfiguredTransport, configuredTransport } from "~/mail/transport.server";
import { runDueDays, type ReminderRunCounts } from "~/models/reminder-job.server";

/** The last day whose reminders are due at `now`: today once REMINDER_TIME has passed, else yesterday. */
export function lastDueDay(now: Date, timeZone: string, reminderTime: string): string {
  const today = todayIn(timeZone, now);
  return formatTime(now, timeZone) >= reminderTime ? today : addDays(today, -1);
}

/** Sends what is due in the outbox with the configured SMTP (nothing happens without SMTP_URL). */
export async function sendOutbox(db: Db, now = clock.now()): Promise<SendResult> {
  const config = env();
  return sendDueEmails(db, { now, transport: configuredTransport(config.SMTP_URL), mailFrom: config.MAIL_FROM, smtpUrl: config.SMTP_URL });
}

/** The catch-up and today's run (if due), then the sender. */
export async function runScheduledReminders(db: Db, now = clock.now()): Promise<{ runs: ReminderRunCounts[]; sent: SendResult }> {
  const config = env();
  const runs = await runDueDays(db, lastDueDay(now, config.APP_TZ, config.REMINDER_TIME), { now });
  const sent = await sendOutbox(db, now);
  return { runs, sent };
}

function log(message: string) {
  if (env().LOG_LEVEL === "info") console.log(message);
}
function logError(what: string, error: unknown) {
  if (env().LOG_LEVEL !== "silent") console.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export function startReminderScheduler(db: Db): { stop: () => void } {
  const config = env();
  const [hour, minute] = config.REMINDER_TIME.split(":").map(Number);
  // One piece of work at a time in this process: the daily run waits for a send in progress (it must
  // not be skipped); a minute's send is skipped when something is already running or queued.
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let stopped = false;
  const enqueue = (name: string, work: () => Promise<unknown>) => {
    queued++;
    queue = queue
      .then(() => (stopped ? undefined : work()))
      .catch((error) => logError(name, error))
      .finally(() => {
        queued--;
      });
  };
  const daily = () =>
    enqueue("Reminder job", async () => {
      const { runs, sent } = await runScheduledReminders(db);
      for (const r of runs)
        log(
          `Reminders ${r.date}: ${r.notificationsCreated} notifications, ${r.emailsQueued} e-mails, ${r.digestsQueued} digests (${r.ms} ms)`,
        );
      if (sent.sent || sent.failed) log(`E-mail: ${sent.sent} sent, ${sent.failed} failed`);
    });
  const minutely = () => {
    if (queued > 0) return;
    enqueue("E-mail sender", async () => {
      const sent = await sendOutbox(db);
      if (sent.sent || sent.failed) log(`E-mail: ${sent.sent} sent, ${sent.failed} failed`);
    });
  };
  const jobs = [
    new Cron(`${minute} ${hour} * * *`, { timezone: config.APP_TZ, name: "roviec-reminders" }, daily),
    new Cron("* * * * *", { name: "roviec-outbox" }, minutely),
  ];
  // Catch up at start: a day missed while the server was down is processed now.
  const startup = setTimeout(daily, 1_000);
  return {
    stop() {
      stopped = true;
      clearTimeout(startup);
      for (const job of jobs) job.stop();
      closeConfiguredTransport();
    },
  };
}
