/**
 * Sign-in throttling. Pure: the caller passes the attempts it found and `now`.
 *
 * Three limits, so that guessing stays slow but nobody can lock a named person out:
 *
 * 1. Per account AND address (strict): 10 failures in 15 minutes → 429 for that pair until the oldest
 *    of them leaves the window (up to 15 minutes). Bites one attacker address; the owner elsewhere is
 *    untouched.
 * 2. Per address across accounts (as before): 50 failures in 15 minutes → 429 for that address.
 * 3. Per account across addresses (a growing delay, never a lockout): with n failures on the account
 *    in the last hour, from any address, the next attempt must wait
 *        0 s while n < 3, then 2^(n-3) s: 1, 2, 4, 8, 16, 32, 64, 128, capped at 150 s
 *    after the account's latest failure; an earlier attempt is refused unchecked ("try again in N
 *    seconds") and does not count. An address the account signed in from successfully in the last
 *    90 days (a "known" address: the owner's office, home) skips this delay for its first 3 failures
 *    in 15 minutes, so the owner there gets in with the right password during an attack; anyone else
 *    waits at most 150 s after the attacker's latest guess.
 *
 * Guesses per account for an attacker with any number of addresses (none of them known):
 *    first hour: 3 free + 8 on the ramp (1+2+4+…+128 = 255 s) + (3600 − 255) / 150 ≈ 22 → 33;
 *    after that the hour always holds ≥ 11 failures, so one guess per 150 s: 24 per hour, 585 a day.
 * One who also shares a known address with the owner (same office NAT) adds 3 per 15 minutes there:
 * 42 the first hour, then 36 per hour, 870 a day. Before this change: 10 per 15 minutes = 40 per hour,
 * 960 a day, and the owner was locked out meanwhile. (throttle.test.ts simulates both over a day.)
 * Limit of rule 3: an attacker pacing guesses every 150 s keeps an owner on a NEW address waiting; the
 * owner gets in from a known address, and is told by e-mail (below).
 *
 * The owner is warned by e-mail when the account has 10 or more failures in 15 minutes from addresses
 * that are not known for it (at most one such e-mail per account per day).
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_PAIR = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

export const ACCOUNT_DELAY_WINDOW_MS = 60 * 60 * 1000;
export const ACCOUNT_FREE_FAILURES = 3;
export const ACCOUNT_DELAY_CAP_MS = 150 * 1000;
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;
export const KNOWN_ADDRESS_FREE_FAILURES = 3;
export const ALERT_FAILURES = 10;

/** Wrong current passwords before a password change: 5 per user in 15 minutes. */
export const MAX_PASSWORD_CHECK_FAILURES = 5;

/** When sign-in is allowed again, or null if it is allowed now. */
export function throttledUntil(failureTimes: readonly string[], limit: number, now: Date): Date | null {
  const windowStart = now.getTime() - THROTTLE_WINDOW_MS;
  const recent = failureTimes
    .map((t) => Date.parse(t))
    .filter((t) => t > windowStart)
    .sort((a, b) => b - a);
  if (recent.length < limit) return null;
  // The `limit`-th most recent failure must leave the window before another try is allowed.
  return new Date(recent[limit - 1] + THROTTLE_WINDOW_MS);
}

/** The wait after the account's latest failure, given `n` failures in the last hour. */
export function accountDelayMs(n: number): number {
  if (n < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (n - ACCOUNT_FREE_FAILURES), ACCOUNT_DELAY_CAP_MS);
}

export interface Attempt {
  ip: string;
  /** ISO-8601 */
  at: string;
}

export interface SignInFacts {
  /** The address trying now. */
  ip: string;
  /** Failed sign-ins on the account in the last hour (ACCOUNT_DELAY_WINDOW_MS), from any address. */
  accountFailures: readonly Attempt[];
  /** Failed sign-ins from the address in the last 15 minutes, on any account. */
  addressFailures: readonly string[];
  /** Addresses the account signed in from successfully in the last 90 days. */
  knownAddresses: readonly string[];
}

export type SignInGate = { allowed: true } | { allowed: false; scope: "pair" | "address" | "account"; until: Date };

/** May this address try a password on this account now? */
export function signInGate(facts: SignInFacts, now: Date): SignInGate {
  const t = now.getTime();
  const inWindow = (a: Attempt, ms: number) => Date.parse(a.at) > t - ms;
  const pairTimes = facts.accountFailures.filter((a) => a.ip === facts.ip && inWindow(a, THROTTLE_WINDOW_MS)).map((a) => a.at);

  const pair = throttledUntil(pairTimes, MAX_FAILURES_PER_PAIR, now);
  const address = throttledUntil(facts.addressFailures, MAX_FAILURES_PER_ADDRESS, now);
  const refusals: Array<{ scope: "pair" | "address"; until: Date }> = [];
  if (pair) refusals.push({ scope: "pair", until: pair });
  if (address) refusals.push({ scope: "address", until: address });
  if (refusals.length) return { allowed: false, ...refusals.sort((a, b) => b.until.getTime() - a.until.getTime())[0] };

  const known = facts.knownAddresses.includes(facts.ip);
  if (known && pairTimes.length < KNOWN_ADDRESS_FREE_FAILURES) return { allowed: true };

  const hour = facts.accountFailures.filter((a) => inWindow(a, ACCOUNT_DELAY_WINDOW_MS)).map((a) => Date.parse(a.at));
  if (hour.length === 0) return { allowed: true };
  const until = Math.max(...hour) + accountDelayMs(hour.length);
  return until > t ? { allowed: false, scope: "account", until: new Date(until) } : { allowed: true };
}

/**
 * After a failure from `facts.ip`: is the account under attack — ALERT_FAILURES or more failures in
 * 15 minutes (this one included) from addresses it never signed in from?
 */
export function underAttack(facts: SignInFacts, now: Date): boolean {
  const known = new Set(facts.knownAddresses);
  const windowStart = now.getTime() - THROTTLE_WINDOW_MS;
  const earlier = facts.accountFailures.filter((a) => !known.has(a.ip) && Date.parse(a.at) > windowStart).length;
  return earlier + (known.has(facts.ip) ? 0 : 1) >= ALERT_FAILURES;
}
