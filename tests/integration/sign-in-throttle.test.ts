/**
 * Security review, December 2026: ten wrong passwords for a named person from one address used to lock
 * the real person out for 15 minutes from everywhere. Now the attacker's address is throttled, the
 * account only slowed (seconds), the owner gets in, and is told by e-mail.
 * Addresses come from X-Forwarded-For (TRUST_PROXY=true, as behind the reverse proxy).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountDelayMs } from "~/domain/throttle";
import { startApp, type TestApp } from "../support/app";
import { advanceClock, fixClock, suiteNow } from "../support/clock";

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { TRUST_PROXY: "true" } });
});
afterAll(() => app?.close());
fixClock(suiteNow(), { each: true });

const PASSWORD = "roviec-demo-2026";
const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
const signInFrom = (ip: string, email: string, password: string) =>
  app.client().post("/login", { email, password, redirectTo: "/" }, from(ip));

/** `count` wrong passwords, each as soon as the account's delay allows (the clock moves, nobody waits). */
async function failFrom(ips: (i: number) => string, email: string, count: number, alreadyFailed = 0) {
  for (let i = 0; i < count; i++) {
    advanceClock(accountDelayMs(alreadyFailed + i));
    const r = await signInFrom(ips(i), email, `wrong-guess-${i}-xyz`);
    expect(r.status, `guess ${i}`).toBe(401);
  }
}

const alerts = (email: string) =>
  app.db
    .selectFrom("email_outbox")
    .innerJoin("users", "users.id", "email_outbox.user_id")
    .select(["email_outbox.subject", "email_outbox.text_body as text", "email_outbox.language", "email_outbox.to_address as to"])
    .where("users.email", "=", email)
    .where("email_outbox.kind", "=", "security_sign_in_failures")
    .execute();

describe("a named person cannot be locked out", () => {
  const email = "cv.stp@roviec.demo";
  const office = "198.51.100.10";
  const attacker = "203.0.113.66";

  it("10 failures from the attacker's address: the owner signs in from their office at once, and the attacker's address is refused for 15 minutes", async () => {
    await signInFrom(office, email, PASSWORD).then((r) => expect(r.status).toBe(302)); // the owner's usual address
    await failFrom(() => attacker, email, 10);

    const owner = await signInFrom(office, email, PASSWORD);
    expect(owner.status).toBe(302);
    expect(owner.headers.get("location")).toBe("/");

    // The pair limit still bites the attacker's address, even with the right password, long after the
    // account's short delay has passed.
    advanceClock(accountDelayMs(10));
    const blocked = await signInFrom(attacker, email, PASSWORD);
    expect(blocked.status).toBe(429);
    // 15 minutes after the first of the 10 (127 s of delays + 128 s ago): 645 s → 11 minutes.
    expect(await blocked.text()).toContain("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 11 phút");
    advanceClock(10 * 60_000);
    expect((await signInFrom(attacker, email, PASSWORD)).status).toBe(429);
    advanceClock(6 * 60_000);
    expect((await signInFrom(attacker, email, PASSWORD)).status).toBe(302);
  });

  it("from a new address the owner is only slowed: told to wait N seconds, then gets in", async () => {
    const mail = "cv.badinh@roviec.demo";
    await failFrom(() => attacker, mail, 10);
    const phone = "192.0.2.77";
    const slowed = await signInFrom(phone, mail, PASSWORD);
    expect(slowed.status).toBe(429);
    const seconds = Number(/thử lại sau (\d+) giây/.exec(await slowed.text())?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(150);
    expect(slowed.headers.get("retry-after")).toBe(String(seconds));
    advanceClock(seconds * 1000);
    expect((await signInFrom(phone, mail, PASSWORD)).status).toBe(302);
  });

  it("guessing from many addresses is slowed per account: the 4th quick guess is refused unchecked, and not counted", async () => {
    const mail = "cv.dongda@roviec.demo";
    await failFrom((i) => `203.0.113.${100 + i}`, mail, 3);
    const refused = await signInFrom("203.0.113.200", mail, PASSWORD);
    expect(refused.status).toBe(429);
    const before = await app.db.selectFrom("login_attempts").select("id").where("email_normalized", "=", mail).execute();
    expect((await signInFrom("203.0.113.201", mail, "another-guess")).status).toBe(429);
    const after = await app.db.selectFrom("login_attempts").select("id").where("email_normalized", "=", mail).execute();
    expect(after).toHaveLength(before.length);
  });
});

describe("the owner is told by e-mail, once", () => {
  it("queues one Vietnamese e-mail after 10 failures in 15 minutes from addresses the owner never used, whatever comes after", async () => {
    const email = "gd.syt@roviec.demo";
    await failFrom((i) => `203.0.113.${10 + i}`, email, 9);
    expect(await alerts(email)).toHaveLength(0);
    await failFrom(() => "203.0.113.30", email, 1, 9);
    const queued = await alerts(email);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ language: "vi", to: email });
    expect(queued[0].subject).toContain("Cảnh báo bảo mật");
    expect(queued[0].text).toContain("10 lần đăng nhập sai");
    expect(queued[0].text).not.toContain("wrong-guess");

    await failFrom((i) => `203.0.113.${40 + i}`, email, 5, 10);
    expect(await alerts(email)).toHaveLength(1);
    const audit = await app.db.selectFrom("audit_events").select("action").where("action", "=", "auth.sign_in_alert_queued").execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it("writes it in the owner's language", async () => {
    const email = "cv.hoankiem@roviec.demo";
    await app.db.updateTable("users").set({ language: "en" }).where("email", "=", email).execute();
    await failFrom((i) => `203.0.113.${120 + i}`, email, 10);
    const queued = await alerts(email);
    expect(queued).toHaveLength(1);
    expect(queued[0].language).toBe("en");
    expect(queued[0].subject).toBe("Security alert: many failed sign-ins to your Rõ Việc account");
  });

  it("the owner's own typos from their usual address send nothing", async () => {
    const email = "cv.ttdl@roviec.demo";
    const home = "198.51.100.20";
    expect((await signInFrom(home, email, PASSWORD)).status).toBe(302);
    await failFrom(() => home, email, 10);
    expect(await alerts(email)).toHaveLength(0);
  });
});
