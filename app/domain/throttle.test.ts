import { describe, expect, it } from "vitest";
import { THROTTLE_WINDOW_MS, throttledUntil } from "./throttle";

const now = new Date("2026-11-28T08:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

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
