/** Sign-in by e-mail and password, throttled per account and per address, every outcome audited. */
import type { Db } from "~/db.server";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_MS, throttledUntil } from "~/domain/throttle";
import { normalizeEmail } from "~/domain/text";
import { recordAudit } from "~/models/audit.server";
import { getUserForSignIn } from "~/models/user.server";
import { timingDummyHash, verifyPassword } from "./password.server";
import { createSession } from "./session.server";
import * as clock from "~/clock.server";

export type SignInResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; until: Date };

export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent?: string | null; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? clock.now();
  const email = normalizeEmail(input.email).slice(0, 320);
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();

  const [byAccount, byAddress] = await Promise.all([
    db.selectFrom("login_attempts").select("created_at").where("email_normalized", "=", email).where("succeeded", "=", 0).where("created_at", ">", since).execute(),
    db.selectFrom("login_attempts").select("created_at").where("ip", "=", input.ip).where("succeeded", "=", 0).where("created_at", ">", since).execute(),
  ]);
  const untilAccount = throttledUntil(byAccount.map((r) => r.created_at), MAX_FAILURES_PER_ACCOUNT, now);
  const untilAddress = throttledUntil(byAddress.map((r) => r.created_at), MAX_FAILURES_PER_ADDRESS, now);
  const until = [untilAccount, untilAddress].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) {
    await recordAudit(db, { actorUserId: null, action: "auth.sign_in_throttled", entityType: "session", data: { email }, ip: input.ip, now });
    return { ok: false, reason: "throttled", until };
  }

  const user = await getUserForSignIn(db, email);
  // Verify against a dummy hash for unknown e-mails so timing does not reveal which accounts exist.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  const success = Boolean(user && passwordOk && user.active === 1);

  await db
    .insertInto("login_attempts")
    .values({ email_normalized: email, ip: input.ip, succeeded: success ? 1 : 0, created_at: now.toISOString() })
    .execute();

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
    return { ok: false, reason: "invalid" };
  }

  const { token } = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent, now });
  await recordAudit(db, { actorUserId: user.id, action: "auth.sign_in", entityType: "session", entityId: String(user.id), data: { email }, ip: input.ip, now });
  return { ok: true, token, userId: user.id };
}
