/**
 * The app's one clock (ADR 0009). Nothing else in the app reads the wall clock: models, jobs, mail, the
 * API and the scripts take "now" from here, or from a caller that took it from here, and "today" is
 * that instant's calendar date in APP_TZ. `app/domain` never reads it: its rules take `today`/`now`.
 *
 * Tests fix it with `setClock()`. The state lives on `globalThis` under a registered symbol because an
 * integration test and the Remix server build it serves load two copies of this module in one process:
 * both must see the same clock, or the test and the server disagree about what day it is.
 */
import { env } from "~/env.server";
import { todayIn } from "~/i18n/format";

type ClockSource = () => Date;
interface ClockState {
  source: ClockSource | null;
}

const STATE_KEY = Symbol.for("roviec.clock");
const globalWithClock = globalThis as typeof globalThis & { [STATE_KEY]?: ClockState };
const state: ClockState = (globalWithClock[STATE_KEY] ??= { source: null });

/** The current instant. The only place in the app that asks the system for the time. */
export function now(): Date {
  return state.source ? new Date(state.source().getTime()) : new Date();
}

/** The current instant as ISO-8601 text (what the database stores). */
export function nowIso(): string {
  return now().toISOString();
}

/** Today's calendar date (YYYY-MM-DD) in APP_TZ, the day deadlines are judged against. */
export function appToday(at: Date = now()): string {
  return todayIn(env().APP_TZ, at);
}

/** Today's calendar date in a given time zone (scripts that take their zone from elsewhere). */
export function todayInZone(timeZone: string, at: Date = now()): string {
  return todayIn(timeZone, at);
}

// ---- for tests and drills --------------------------------------------------------------------------

/**
 * Fix the clock at an instant (a Date, or ISO text such as "2026-12-01T07:00:00+07:00"). It stays there
 * until moved with `advanceClock` or released with `resetClock`; nothing ticks on its own, so what the
 * code thinks "now" is and what the test thinks it is cannot drift apart.
 */
export function setClock(at: Date | string): Date {
  const fixed = typeof at === "string" ? new Date(at) : new Date(at.getTime());
  if (Number.isNaN(fixed.getTime())) throw new Error(`setClock: not an instant: ${String(at)}`);
  state.source = () => fixed;
  return new Date(fixed.getTime());
}

/** Move a fixed clock on by `ms` milliseconds (fixing it at the current instant first if it runs free). */
export function advanceClock(ms: number): Date {
  return setClock(new Date(now().getTime() + ms));
}

/** Back to the system clock. */
export function resetClock(): void {
  state.source = null;
}

/** Whether a test has fixed the clock. */
export function clockIsFixed(): boolean {
  return state.source !== null;
}
