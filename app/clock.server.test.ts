import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { advanceClock, appToday, clockIsFixed, now, nowIso, resetClock, setClock, todayInZone } from "./clock.server";

const ROOT = path.resolve(import.meta.dirname, "..");
const suiteNow = process.env.ROVIEC_TEST_NOW;
afterEach(() => (suiteNow ? setClock(suiteNow) : resetClock()));

describe("the app's one clock", () => {
  it("when fixed, every reading is that instant, and today is its date in Asia/Ho_Chi_Minh", () => {
    // 23:59:30 on 31/12/2027 in Hà Nội is still 16:59:30 UTC on the same day.
    setClock("2027-12-31T23:59:30+07:00");
    expect(nowIso()).toBe("2027-12-31T16:59:30.000Z");
    expect(appToday()).toBe("2027-12-31");
    // Half a minute later it is 2028 in Hà Nội but still 31 December in UTC.
    advanceClock(60_000);
    expect(nowIso()).toBe("2027-12-31T17:00:30.000Z");
    expect(appToday()).toBe("2028-01-01");
    expect(todayInZone("UTC")).toBe("2027-12-31");
  });

  it("hands out copies, so a caller cannot move the clock by mutating a Date", () => {
    setClock("2026-12-01T00:00:00Z");
    now().setFullYear(1999);
    expect(nowIso()).toBe("2026-12-01T00:00:00.000Z");
  });

  it("refuses text that is not an instant", () => {
    expect(() => setClock("31/12/2027")).toThrow(/not an instant/);
  });

  it("is one clock per process, shared by every copy of this module (the test and the server build it serves)", async () => {
    setClock("2030-05-05T05:05:05Z");
    const state = (globalThis as Record<symbol, { source: (() => Date) | null }>)[Symbol.for("roviec.clock")];
    expect(state.source?.().toISOString()).toBe("2030-05-05T05:05:05.000Z");
    resetClock();
    expect(clockIsFixed()).toBe(false);
    const before = Date.now();
    const reading = now().getTime();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(Date.now());
  });
});

// Wall-clock reads that bypass the clock: `new Date()` with no argument, `Date.now()`, `Date()`.
const WALL_CLOCK_READ = /\bnew\s+Date\s*\(\s*\)|\bDate\s*\.\s*now\s*\(|(?<![\w.]|new\s)Date\s*\(\s*\)/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "build" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("nothing reads the wall clock except the clock", () => {
  it("recognises the ways of reading it (so the check below can fail)", () => {
    for (const read of ["new Date()", "new Date( )", "Date.now()", "const t = Date();", "x ?? new Date()"])
      expect(read).toMatch(WALL_CLOCK_READ);
    for (const fine of ["new Date(value)", "new Date(row.created_at)", "performance.now()", "clock.now()", "isValidDate()", "toDate()"])
      expect(fine).not.toMatch(WALL_CLOCK_READ);
  });

  it("app/, db/ and scripts/ take the time from app/clock.server.ts only", () => {
    const offenders = ["app", "db", "scripts"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => path.relative(ROOT, file) !== path.join("app", "clock.server.ts"))
      .flatMap((file) =>
        fs
          .readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ line, where: `${path.relative(ROOT, file)}:${i + 1}` }))
          .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && WALL_CLOCK_READ.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders, "read the time through app/clock.server.ts (now(), appToday()); durations with performance.now()").toEqual([]);
  });
});
