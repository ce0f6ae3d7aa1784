/**
 * The e-mail outbox as the admin sees it: a list with filters, one e-mail with its bodies, and
 * "retry now". (Writing, claiming and sending rows belongs to the reminder job and the sender.)
 */
import { sql } from "kysely";
import type { OutboxStatus } from "#db/schema";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { OUTBOX_STATUSES } from "~/domain/outbox-status";
import { recordAudit } from "~/models/audit.server";

export { OUTBOX_STATUSES } from "~/domain/outbox-status";
// The filter's statuses are exactly the column's.
OUTBOX_STATUSES satisfies readonly OutboxStatus[];

export interface OutboxFilter {
  status?: OutboxStatus;
  /** Part of the recipient's address (case ignored). */
  q?: string;
  limit: number;
  offset: number;
}

function likeContains(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What the outbox list shows of each e-mail (one e-mail's page adds its bodies). */
const OUTBOX_LIST_COLUMNS = [
  "id",
  "to_address as toAddress",
  "subject",
  "status",
  "attempts",
  "next_attempt_at as nextAttemptAt",
  "last_error as lastError",
  "created_at as createdAt",
  "sent_at as sentAt",
  "kind",
  "language",
] as const;

export async function listOutbox(db: Db, filter: OutboxFilter) {
  let query = db.selectFrom("email_outbox");
  if (filter.status) query = query.where("status", "=", filter.status);
  // Addresses are stored as the user record has them (normalised lower case); fold the query the same way.
  if (filter.q) {
    const pattern = likeContains(filter.q.trim().toLowerCase());
    query = query.where((eb) => sql<boolean>`lower(${eb.ref("to_address")}) like ${pattern} escape '\\'`);
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const items = await query.select(OUTBOX_LIST_COLUMNS).orderBy("id", "desc").limit(filter.limit).offset(filter.offset).execute();
  return { total: Number(total), items };
}

export async function getOutboxEmail(db: Db, id: number) {
  return (
    (await db
      .selectFrom("email_outbox")
      .select([...OUTBOX_LIST_COLUMNS, "text_body as textBody", "html_body as htmlBody", "notification_id as notificationId"])
      .where("id", "=", id)
      .executeTakeFirst()) ?? null
  );
}

/** Only an e-mail that is not in flight and not delivered may be retried. */
export function isRetryable(status: string): boolean {
  return status === "pending" || status === "failed";
}

/**
 * "Retry now": a failed or waiting e-mail becomes due at once (status pending, next attempt now), audited.
 * Attempts and the last error stay, so the history of tries is not lost.
 */
export async function retryOutboxEmail(
  db: Db,
  input: { id: number; actorUserId: number; ip?: string | null; now?: Date },
): Promise<{ ok: true } | { ok: false; error: "not_found" | "not_retryable" }> {
  const now = (input.now ?? clock.now()).toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("email_outbox")
      .select(["status", "next_attempt_at", "to_address"])
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!row) return { ok: false as const, error: "not_found" as const };
    if (!isRetryable(row.status)) return { ok: false as const, error: "not_retryable" as const };
    const result = await trx
      .updateTable("email_outbox")
      .set({ status: "pending", next_attempt_at: now })
      .where("id", "=", input.id)
      .where("status", "=", row.status)
      .executeTakeFirst();
    // The sender claimed it between the read and the write.
    if (Number(result.numUpdatedRows) !== 1) return { ok: false as const, error: "not_retryable" as const };
    await recordAudit(trx, {
      actorUserId: input.actorUserId,
      action: "outbox.retry",
      entityType: "email",
      entityId: input.id,
      data: {
        to: row.to_address,
        before: { status: row.status, nextAttemptAt: row.next_attempt_at },
        after: { status: "pending", nextAttemptAt: now },
      },
      ip: input.ip ?? null,
      now: input.now,
    });
    return { ok: true as const };
  });
}
