/**
 * Sign-in throttling: after too many failures in a window, wait until the oldest of them leaves it.
 * Pure: the caller passes the failure times it found and `now`.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

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
