import { describe, expect, it } from "vitest";
import {
  ACCOUNT_DELAY_WINDOW_MS,
  THROTTLE_WINDOW_MS,
  accountDelayMs,
  signInGate,
  throttledUntil,
  underAttack,
  type Attempt,
  type SignInFacts,
} from "./throttle";

const now = new Date("2026-11-28T08:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000).toISOString();

describe("throttledUntil", () => {
  it("allows sign-in below the limit", () => {
    expect(throttledUntil([minutesAgo(1), minutesAgo(2)], 3, now)).toBeNull();
  });
  it("blocks at the limit until the oldest counted failure leaves the window", () => {
    const until = throttledUntil([minutesAgo(1), minutesAgo(2), minutesAgo(10)], 3, now);
    expect(until?.toISOString()).toBe(new Date(Date.parse(minutesAgo(10)) + THROTTLE_WINDOW_MS).toISOString());
  });
  it("ignores failures older than the window", () => {
    expect(throttledUntil([minutesAgo(1), minutesAgo(2), minutesAgo(16)], 3, now)).toBeNull();
  });
});

describe("accountDelayMs", () => {
  it("grows 1, 2, 4 … seconds after 3 free failures, capped at 150 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 11, 40].map(accountDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 128_000, 150_000, 150_000]);
  });
});

const facts = (over: Partial<SignInFacts>): SignInFacts => ({
  ip: "10.0.0.1",
  accountFailures: [],
  addressFailures: [],
  knownAddresses: [],
  ...over,
});

describe("signInGate", () => {
  const attacker = "203.0.113.9";
  const tenFromAttacker: Attempt[] = Array.from({ length: 10 }, (_, i) => ({ ip: attacker, at: secondsAgo(300 - i * 20) }));

  it("refuses the attacker's address for 15 minutes after 10 failures on the account (pair limit)", () => {
    const gate = signInGate(
      facts({ ip: attacker, accountFailures: tenFromAttacker, addressFailures: tenFromAttacker.map((a) => a.at) }),
      now,
    );
    expect(gate).toEqual({ allowed: false, scope: "pair", until: new Date(Date.parse(tenFromAttacker[0].at) + THROTTLE_WINDOW_MS) });
  });

  it("lets the owner in from a known address at once, and from a new one after a short wait", () => {
    const owner = facts({ ip: "198.51.100.7", accountFailures: tenFromAttacker, knownAddresses: ["198.51.100.7"] });
    expect(signInGate(owner, now)).toEqual({ allowed: true });

    const newAddress = facts({ ip: "192.0.2.44", accountFailures: tenFromAttacker, knownAddresses: ["198.51.100.7"] });
    const gate = signInGate(newAddress, now);
    expect(gate.allowed).toBe(false);
    if (gate.allowed) return;
    expect(gate.scope).toBe("account");
    // 10 failures in the hour → 128 s after the latest one (120 s ago): 8 s from now.
    expect(gate.until.getTime() - now.getTime()).toBe(8000);
    expect(signInGate(newAddress, new Date(now.getTime() + 8000))).toEqual({ allowed: true });
  });

  it("a known address gets only its first 3 failures in 15 minutes without the delay", () => {
    const own = "198.51.100.7";
    const threeOwn: Attempt[] = [0, 1, 2].map((i) => ({ ip: own, at: secondsAgo(60 - i) }));
    const gate = signInGate(facts({ ip: own, accountFailures: [...tenFromAttacker, ...threeOwn], knownAddresses: [own] }), now);
    expect(gate).toMatchObject({ allowed: false, scope: "account" });
  });

  it("refuses an address over 50 failures on any accounts", () => {
    const many = Array.from({ length: 50 }, (_, i) => secondsAgo(600 - i));
    expect(signInGate(facts({ addressFailures: many }), now)).toMatchObject({ allowed: false, scope: "address" });
  });
});

describe("underAttack", () => {
  const known = "198.51.100.7";
  it("counts failures in 15 minutes from addresses the account never signed in from, this one included", () => {
    const nine: Attempt[] = Array.from({ length: 9 }, (_, i) => ({ ip: `203.0.113.${i}`, at: minutesAgo(i + 1) }));
    expect(underAttack(facts({ ip: "203.0.113.200", accountFailures: nine, knownAddresses: [known] }), now)).toBe(true);
    expect(underAttack(facts({ ip: known, accountFailures: nine, knownAddresses: [known] }), now)).toBe(false);
    const ownTypos: Attempt[] = Array.from({ length: 12 }, (_, i) => ({ ip: known, at: minutesAgo(1) + i }));
    expect(underAttack(facts({ ip: known, accountFailures: ownTypos, knownAddresses: [known] }), now)).toBe(false);
    const old: Attempt[] = nine.map((a) => ({ ...a, at: minutesAgo(20) }));
    expect(underAttack(facts({ ip: "203.0.113.200", accountFailures: old }), now)).toBe(false);
  });
});

/**
 * An attacker guessing one account's password as fast as the rules allow, from a fresh address for
 * every guess (so the pair and address limits never bite), for a whole day, optionally also from an
 * address the owner signed in from before. Before this change the account allowed 40 guesses an hour.
 */
function simulateDay(options: { withKnownAddress: boolean }) {
  const start = now.getTime();
  const known = "198.51.100.7";
  const failures: Attempt[] = [];
  let fresh = 0;
  let t = start;
  const perHour = new Array(24).fill(0);
  while (t < start + 24 * 3600_000) {
    const at = new Date(t);
    const recent = failures.filter((f) => Date.parse(f.at) > t - ACCOUNT_DELAY_WINDOW_MS);
    // A fresh address takes the account's slot whenever it opens; the known one is spent only on its free tries.
    const candidates = options.withKnownAddress ? [`203.0.113.${fresh % 250}`, known] : [`203.0.113.${fresh % 250}`];
    let next = Infinity;
    for (const ip of candidates) {
      const gate = signInGate(
        { ip, accountFailures: recent, addressFailures: recent.filter((f) => f.ip === ip).map((f) => f.at), knownAddresses: [known] },
        at,
      );
      if (gate.allowed) {
        failures.push({ ip, at: at.toISOString() });
        perHour[Math.floor((t - start) / 3600_000)]++;
        if (ip !== known) fresh++;
        next = t;
        break;
      }
      next = Math.min(next, gate.until.getTime());
    }
    t = next; // the attacker tries again the moment one of its addresses is let through
  }
  return { perHour, total: failures.length };
}

describe("brute force across many addresses stays slower than before (40 guesses an hour)", () => {
  it("an attacker with unlimited addresses: 33 the first hour, then 24 an hour", () => {
    const { perHour, total } = simulateDay({ withKnownAddress: false });
    expect(perHour[0]).toBeLessThanOrEqual(33);
    expect(Math.max(...perHour.slice(1))).toBeLessThanOrEqual(25);
    expect(total).toBeLessThan(24 * 40);
    expect(total).toBeLessThanOrEqual(585);
  });

  it("one who also shares an address the owner signed in from: 3 more per 15 minutes (42 the first hour, then 36)", () => {
    const { perHour, total } = simulateDay({ withKnownAddress: true });
    expect(perHour[0]).toBeLessThanOrEqual(42);
    expect(Math.max(...perHour.slice(1))).toBeLessThanOrEqual(36);
    expect(total).toBeLessThan(24 * 40);
  });
});
