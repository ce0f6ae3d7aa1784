import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isIsoDate, parseUserDate } from "./dates";
import { canTransition, extensionRequestProblem, missingFiveClear, ownerBelongsToLeadUnit, standing } from "./task-rules";

const today = "2026-11-28";

describe("the 5-rõ gate", () => {
  it("names every missing item", () => {
    expect(missingFiveClear({})).toEqual(["title", "ownerId", "deadline", "leadUnitId", "deliverable"]);
  });
  it("treats blank text as missing", () => {
    expect(missingFiveClear({ title: "  ", ownerId: 1, deadline: today, leadUnitId: 2, deliverable: " \n" })).toEqual([
      "title",
      "deliverable",
    ]);
  });
  it("passes a complete task", () => {
    expect(missingFiveClear({ title: "Số hóa hồ sơ", ownerId: 1, deadline: today, leadUnitId: 2, deliverable: "Báo cáo" })).toEqual([]);
  });
  it("requires the owner to be in the lead unit or below it", () => {
    expect(ownerBelongsToLeadUnit([7, 3, 1], 3)).toBe(true);
    expect(ownerBelongsToLeadUnit([7, 3, 1], 7)).toBe(true);
    expect(ownerBelongsToLeadUnit([3, 1], 7)).toBe(false);
  });
});

describe("status transitions", () => {
  it("issues a draft, starts, completes, reopens", () => {
    expect(canTransition("draft", "not_started")).toBe(true);
    expect(canTransition("not_started", "in_progress")).toBe(true);
    expect(canTransition("in_progress", "done")).toBe(true);
    expect(canTransition("done", "in_progress")).toBe(true);
  });
  it("refuses skipping the gate and leaving cancelled", () => {
    expect(canTransition("draft", "done")).toBe(false);
    expect(canTransition("draft", "in_progress")).toBe(false);
    expect(canTransition("cancelled", "not_started")).toBe(false);
    expect(canTransition("done", "cancelled")).toBe(false);
  });
});

describe("standing", () => {
  const open = (deadline: string) => standing({ status: "in_progress", deadline, completedOn: null }, today);
  it("the deadline day itself is due soon, not overdue", () => {
    expect(open(today)).toBe("due_soon");
    expect(open(addDays(today, -1))).toBe("overdue");
  });
  it("due soon is within 7 days, inclusive", () => {
    expect(open(addDays(today, 7))).toBe("due_soon");
    expect(open(addDays(today, 8))).toBe("on_track");
  });
  it("done on the deadline is on time; a day later is late", () => {
    expect(standing({ status: "done", deadline: today, completedOn: today }, today)).toBe("done_on_time");
    expect(standing({ status: "done", deadline: today, completedOn: addDays(today, 1) }, "2027-01-01")).toBe("done_late");
  });
  it("judges against the deadline in force (after an extension)", () => {
    expect(standing({ status: "done", deadline: "2026-12-31", completedOn: "2026-12-20" }, today)).toBe("done_on_time");
  });
  it("drafts and cancelled tasks have no standing", () => {
    expect(standing({ status: "draft", deadline: today, completedOn: null }, today)).toBeNull();
    expect(standing({ status: "cancelled", deadline: "2020-01-01", completedOn: null }, today)).toBeNull();
  });
});

describe("extension requests", () => {
  const task = { status: "in_progress" as const, deadline: "2026-12-10" };
  it("accepts a later date before the deadline", () => {
    expect(extensionRequestProblem(task, "2026-12-31", today, false)).toBeNull();
    expect(extensionRequestProblem(task, "2026-12-31", "2026-12-10", false)).toBeNull();
  });
  it("refuses after the deadline, an earlier date, a second pending request, a done task", () => {
    expect(extensionRequestProblem(task, "2026-12-31", "2026-12-11", false)).toBe("extension.afterDeadline");
    expect(extensionRequestProblem(task, "2026-12-10", today, false)).toBe("extension.notLater");
    expect(extensionRequestProblem(task, "2026-12-31", today, true)).toBe("extension.pendingExists");
    expect(extensionRequestProblem({ status: "done", deadline: "2026-12-10" }, "2026-12-31", today, false)).toBe("extension.notOpen");
  });
});

describe("dates", () => {
  it("validates real calendar dates", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("26-1-1")).toBe(false);
  });
  it("reads dd/mm/yyyy as typed", () => {
    expect(parseUserDate("05/03/2026")).toBe("2026-03-05");
    expect(parseUserDate("31/02/2026")).toBeNull();
  });
  it("counts days across months and years", () => {
    expect(daysBetween("2026-12-25", "2027-01-24")).toBe(30);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("startOfDayUtc", () => {
  it("Hà Nội midnight is 17:00 UTC the day before", async () => {
    const { startOfDayUtc } = await import("./dates");
    expect(startOfDayUtc("2026-11-28", "Asia/Ho_Chi_Minh").toISOString()).toBe("2026-11-27T17:00:00.000Z");
    expect(startOfDayUtc("2026-03-29", "Europe/Paris").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayUtc("2026-01-01", "UTC").toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });
});
