/**
 * Sign-in by e-mail and password, throttled per account+address, per address and (by a growing delay
 * that never locks the owner out) per account — see app/domain/throttle.ts. Every outcome audited;
 * the owner is e-mailed when someone is guessing their password.
 */
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { normalizeEmail } from "~/domain/text";
import { THROTTLE_WINDOW_MS, signInGate, underAttack, type SignInFacts } from "~/domain/throttle";
import { env } from "~/env.server";
import { formatDateTime } from "~/i18n/format";
import { renderSignInAlertMail } from "~/mail/templates";
import { recordAudit } from "~/models/audit.server";
import {
  getAlertRecipient,
  lockAttempts,
  markAttemptSucceeded,
  queueSignInAlert,
  readSignInFacts,
  recordAttempt,
} from "~/models/login-attempt.server";
import { appOrigin } from "~/models/reminder-job.server";
import { getUserForSignIn } from "~/models/user.server";
import { timingDummyHash, verifyPassword } from "./password.server";
import { createSession } from "./session.server";

export type SignInResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; reason: "invalid" }
  /** `account`: the growing per-account delay (seconds); `pair`/`address`: the 15-minute limits. */
  | { ok: false; reason: "throttled"; scope: "pair" | "address" | "account"; until: Date };

export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent?: string | null; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? clock.now();
  const email = normalizeEmail(input.email).slice(0, 320);

  // Decide and (if allowed) record the attempt as a failure in one step, before the slow hash.
  const decided = await db.transaction().execute(async (trx) => {
    await lockAttempts(trx, email);
    const facts = await readSignInFacts(trx, { email, ip: input.ip, now });
    const gate = signInGate(facts, now);
    const attemptId = gate.allowed ? await recordAttempt(trx, { email, ip: input.ip, purpose: "sign_in", now }) : null;
    return { facts, gate, attemptId };
  });
  const { facts, gate } = decided;
  if (!gate.allowed) {
    await recordAudit(db, {
      actorUserId: null,
      action: "auth.sign_in_throttled",
      entityType: "session",
      data: { email, scope: gate.scope, retryAfterSeconds: Math.ceil((gate.until.getTime() - now.getTime()) / 1000) },
      ip: input.ip,
      now,
    });
    return { ok: false, reason: "throttled", scope: gate.scope, until: gate.until };
  }
  const attemptId = decided.attemptId!;

  const user = await getUserForSignIn(db, email);
  // Verify against a dummy hash for unknown e-mails so timing does not reveal which accounts exist.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  const success = Boolean(user && passwordOk && user.active === 1);

  if (!success || !user) {
    await recordAudit(db, {
      actorUserId: null,
      action: "auth.sign_in_failed",
      entityType: "session",
      entityId: user ? String(user.id) : null,
      data: { email, reason: !user ? "unknown_email" : user.active !== 1 ? "inactive" : "wrong_password" },
      ip: input.ip,
      now,
    });
    if (user && user.active === 1 && underAttack(facts, now)) await alertOwner(db, user.id, facts, now);
    return { ok: false, reason: "invalid" };
  }

  await markAttemptSucceeded(db, attemptId);
  const { token } = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent, now });
  await recordAudit(db, {
    actorUserId: user.id,
    action: "auth.sign_in",
    entityType: "session",
    entityId: String(user.id),
    data: { email },
    ip: input.ip,
    now,
  });
  return { ok: true, token, userId: user.id };
}

/** Queues the owner's warning e-mail (once a day per account) and audits that it was queued. */
async function alertOwner(db: Db, userId: number, facts: SignInFacts, now: Date) {
  const user = await getAlertRecipient(db, userId);
  if (!user || user.active !== 1 || !user.email.trim()) return;
  const known = new Set(facts.knownAddresses);
  const windowStart = now.getTime() - THROTTLE_WINDOW_MS;
  const unknown = facts.accountFailures.filter((a) => !known.has(a.ip) && Date.parse(a.at) > windowStart);
  const failures = unknown.length + 1;
  const first = unknown.length ? new Date(Math.min(...unknown.map((a) => Date.parse(a.at)))) : now;
  const mail = renderSignInAlertMail({
    lang: user.language,
    recipientName: user.fullName,
    failures,
    since: formatDateTime(first, env().APP_TZ),
    origin: appOrigin(),
  });
  await db.transaction().execute(async (trx) => {
    const queued = await queueSignInAlert(trx, {
      userId: user.id,
      to: user.email,
      language: user.language,
      dedupeKey: `security:sign_in_failures|user:${user.id}|${clock.appToday(now)}`,
      mail,
      now,
    });
    if (queued) {
      await recordAudit(trx, {
        actorUserId: null,
        action: "auth.sign_in_alert_queued",
        entityType: "user",
        entityId: user.id,
        data: { failures },
        now,
      });
    }
  });
}
