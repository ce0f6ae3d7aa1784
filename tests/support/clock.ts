/**
 * The test suite's clock (ADR 0009). `vitest run` fixes one instant for the whole run in its global
 * setup — the system time when it starts, or ROVIEC_TEST_NOW (ISO-8601) when given — seeds the demo data
 * at that instant, and every test file starts with the app's clock fixed there (tests/support/suite-clock.ts).
 * So the demo data, the server under test and the test itself agree on "now" and "today", whatever day
 * the suite runs on and however long it runs (a run that crosses midnight in Asia/Ho_Chi_Minh included).
 *
 * A test that needs a particular date fixes the whole clock with `fixClock` (never only a `now`
 * argument): what the code thinks "now" is and what the test thinks it is can then never disagree.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { advanceClock, appToday, now, nowIso, setClock } from "~/clock.server";

export { advanceClock, appToday, now, nowIso, setClock };

/** The instant the whole run is fixed at (set by the global setup, inherited by every test process). */
export function suiteNow(): Date {
  const text = process.env.ROVIEC_TEST_NOW;
  if (!text) throw new Error("ROVIEC_TEST_NOW is not set: the global setup (tests/support/global-setup.ts) did not run");
  return new Date(text);
}

/**
 * Fix the clock at `at` for the tests of the enclosing file or describe block, and give the suite's
 * instant back afterwards. `each: true` fixes it again before every test (for tests that move it).
 */
export function fixClock(at: Date | string, options: { each?: boolean } = {}): void {
  if (options.each) {
    beforeEach(() => void setClock(at));
    afterEach(() => void setClock(suiteNow()));
  } else {
    beforeAll(() => void setClock(at));
    afterAll(() => void setClock(suiteNow()));
  }
}

/** An instant `days` days (and optional hours) from the suite's instant. */
export function daysFromNow(days: number, hours = 0): Date {
  return new Date(now().getTime() + days * 86_400_000 + hours * 3_600_000);
}
