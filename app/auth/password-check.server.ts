/**
 * The current password asked before a password change: throttled per user (5 wrong in 15 minutes →
 * refused until the oldest leaves the window) and every failure audited, so a borrowed or stolen
 * session cannot be used to guess the password it would then replace.
 */
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { normalizeEmail } from "~/domain/text";
import { MAX_PASSWORD_CHECK_FAILURES, throttledUntil } from "~/domain/throttle";
import { recordAudit } from "~/models/audit.server";
import { lockAttempts, markAttemptSucceeded, recentPasswordCheckFailures, recordAttempt } from "~/models/login-attempt.server";
import { getPasswordHash } from "~/models/user.server";
import { verifyPassword } from "./password.server";

export type CurrentPasswordCheck = { ok: true } | { ok: false; reason: "wrong" } | { ok: false; reason: "throttled"; until: Date };

export async function checkCurrentPassword(
  db: Db,
  input: { userId: number; email: string; password: string; ip: string | null },
): Promise<CurrentPasswordCheck> {
  const now = clock.now();
  const email = normalizeEmail(input.email);
  const ip = input.ip ?? "unknown";
  // Decided and recorded (as a failure) before the hash is checked: a burst of parallel tries sees itself.
  const decided = await db.transaction().execute(async (trx) => {
    await lockAttempts(trx, `password_check:${email}`);
    const until = throttledUntil(await recentPasswordCheckFailures(trx, { email, now }), MAX_PASSWORD_CHECK_FAILURES, now);
    return until
      ? { until, attemptId: null }
      : { until: null, attemptId: await recordAttempt(trx, { email, ip, purpose: "password_check", now }) };
  });
  if (decided.attemptId === null) {
    await recordAudit(db, {
      actorUserId: input.userId,
      action: "account.password_check_throttled",
      entityType: "user",
      entityId: input.userId,
      data: { retryAfterSeconds: Math.ceil((decided.until.getTime() - now.getTime()) / 1000) },
      ip,
      now,
    });
    return { ok: false, reason: "throttled", until: decided.until };
  }
  if (await verifyPassword(await getPasswordHash(db, input.userId), input.password)) {
    await markAttemptSucceeded(db, decided.attemptId);
    return { ok: true };
  }
  await recordAudit(db, {
    actorUserId: input.userId,
    action: "account.password_check_failed",
    entityType: "user",
    entityId: input.userId,
    ip,
    now,
  });
  return { ok: false, reason: "wrong" };
}
