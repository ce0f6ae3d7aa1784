import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, todayIn } from "./format";

const TZ = "Asia/Ho_Chi_Minh";

describe("formatDate", () => {
  it("writes dd/mm/yyyy", () => {
    expect(formatDate("2026-03-05", TZ)).toBe("05/03/2026");
  });
  it("uses the app's time zone, not UTC: 17:30 UTC is already the next day in Hà Nội", () => {
    expect(formatDate("2026-11-27T17:30:00.000Z", TZ)).toBe("28/11/2026");
    expect(formatDate("2026-11-27T16:59:59.000Z", TZ)).toBe("27/11/2026");
  });
  it("is empty for missing or broken values", () => {
    expect(formatDate(null, TZ)).toBe("");
    expect(formatDate("not a date", TZ)).toBe("");
  });
});

describe("formatDateTime", () => {
  it("writes a 24-hour time in the zone", () => {
    expect(formatDateTime("2026-11-28T07:05:00.000Z", TZ)).toBe("28/11/2026 14:05");
  });
});

describe("todayIn", () => {
  it("gives the calendar date in the zone around midnight", () => {
    expect(todayIn(TZ, new Date("2026-11-27T16:59:59Z"))).toBe("2026-11-27");
    expect(todayIn(TZ, new Date("2026-11-27T17:00:00Z"))).toBe("2026-11-28");
  });
});
