/**
 * The outbox sender: sends the e-mails that are due, each exactly as written in the outbox.
 *
 * A row is claimed atomically (`update … set status='sending', claim_token=? where id=? and
 * status='pending'`), so two servers sending at once never both send it. It is sent outside any
 * transaction, then marked sent. A failure counts an attempt and schedules the next with exponential
 * backoff (1, 2, 4 … minutes, at most 6 hours); after MAX_ATTEMPTS the row is `failed`, still visible to
 * the admin, who may put it back to pending. A row left in `sending` by a crash is released after
 * 10 minutes. SMTP accepts a message at least once, not exactly once: a crash between the server's
 * acceptance and "mark sent" resends it, with the same Message-ID (built from the row's key), so the
 * duplicate is recognisable.
 */
import crypto from "node:crypto";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { describeSendError, type MailTransport } from "./transport.server";

export const MAX_ATTEMPTS = 10;
export const STUCK_SENDING_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** Wait before the next attempt after `attempts` failures: 1, 2, 4 … minutes, capped at 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** `task:12|before:3|2026-12-01|user:5` → `<task-12.before-3.2026-12-01.user-5@roviec.local>`. */
export function messageIdFor(dedupeKey: string, mailFrom: string): string {
  const local = dedupeKey
    .replace(/:/g, "-")
    .replace(/[^A-Za-z0-9_-]+/g, ".")
    .replace(/^\.+|\.+$/g, "");
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? "roviec.local";
  return `<${local}@${domain}>`;
}

function isConnectionError(error: unknown) {
  const code = (error as { code?: string } | undefined)?.code;
  return code === "ECONNECTION" || code === "ETIMEDOUT" || code === "ESOCKET" || code === "ECONNREFUSED" || code === "EDNS";
}

export interface SendResult {
  /** No transport (SMTP_URL unset): nothing was touched. */
  skipped: boolean;
  sent: number;
  /** Failed this time (retried later, or given up). */
  failed: number;
  gaveUp: number;
  released: number;
}

export async function sendDueEmails(
  db: Db,
  options: { now?: Date; transport?: MailTransport | null; mailFrom: string; smtpUrl?: string; limit?: number },
): Promise<SendResult> {
  const now = options.now ?? clock.now();
  const result: SendResult = { skipped: false, sent: 0, failed: 0, gaveUp: 0, released: 0 };
  const released = await db
    .updateTable("email_outbox")
    .set({
      status: "pending",
      claim_token: null,
      claimed_at: null,
      last_error: "Interrupted while sending; will be sent again (possible duplicate, same Message-ID).",
    })
    .where("status", "=", "sending")
    .where("claimed_at", "<", new Date(now.getTime() - STUCK_SENDING_MS).toISOString())
    .executeTakeFirst();
  result.released = Number(released.numUpdatedRows);

  const transport = options.transport;
  if (!transport) return { ...result, skipped: true };

  const limit = options.limit ?? 500;
  const nowIso = now.toISOString();
  const due = await db
    .selectFrom("email_outbox")
    .select(["id", "dedupe_key", "to_address", "subject", "text_body", "html_body", "attempts"])
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", nowIso)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit)
    .execute();

  for (const row of due) {
    const token = crypto.randomUUID();
    const claimed = await db
      .updateTable("email_outbox")
      .set({ status: "sending", claim_token: token, claimed_at: clock.nowIso() })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another sender has it

    try {
      const messageId = messageIdFor(row.dedupe_key, options.mailFrom);
      const info = await transport.sendMail({
        from: options.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        messageId,
        headers: { "X-Roviec-Key": row.dedupe_key },
      });
      await db
        .updateTable("email_outbox")
        .set({
          status: "sent",
          sent_at: clock.nowIso(),
          message_id: info.messageId ?? messageId,
          claim_token: null,
          attempts: row.attempts + 1,
          last_error: null,
        })
        .where("id", "=", row.id)
        .where("claim_token", "=", token)
        .execute();
      result.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable("email_outbox")
        .set({
          status: gaveUp ? "failed" : "pending",
          attempts,
          next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
          last_error: describeSendError(error, options.smtpUrl),
          claim_token: null,
          claimed_at: null,
        })
        .where("id", "=", row.id)
        .where("claim_token", "=", token)
        .execute();
      result.failed++;
      if (gaveUp) result.gaveUp++;
      // The server is unreachable: the other rows would fail the same way. They stay due for the next round.
      if (isConnectionError(error)) break;
    }
  }
  return result;
}
