import { describe, expect, it } from "vitest";
import { addTo, classify, emptyNumbers, finish, pastPeriodEnds, periodEnd, rankByShareOverdue } from "./rollup";

const D = "2026-11-28";
const open = (deadline: string) => classify({ status: "in_progress", deadline, completedOn: null, extensionCount: 0 }, D);

describe("classify as of a date", () => {
  it("the deadline day itself is within deadline and due soon", () => {
    expect(open(D)).toMatchObject({ category: "open_on_time", dueSoon: true });
  });
  it("the day after the deadline is 1 day overdue, band 1–30", () => {
    expect(open("2026-11-27")).toMatchObject({ category: "overdue", daysOverdue: 1, ageBand: "1-30" });
  });
  it("age bands at their edges", () => {
    expect(open("2026-10-29").ageBand).toBe("1-30"); // 30 days
    expect(open("2026-10-28").ageBand).toBe("31-60"); // 31 days
    expect(open("2026-09-29").ageBand).toBe("31-60"); // 60
    expect(open("2026-09-28").ageBand).toBe("61-120"); // 61
    expect(open("2026-07-31").ageBand).toBe("61-120"); // 120
    expect(open("2026-07-30").ageBand).toBe("120+"); // 121
  });
  it("due soon is within 7 days; day 8 is not", () => {
    expect(open("2026-12-05").dueSoon).toBe(true);
    expect(open("2026-12-06").dueSoon).toBe(false);
  });
  it("done on the deadline is on time, a day later is late", () => {
    expect(classify({ status: "done", deadline: "2026-11-20", completedOn: "2026-11-20", extensionCount: 0 }, D).category).toBe(
      "done_on_time",
    );
    expect(classify({ status: "done", deadline: "2026-11-20", completedOn: "2026-11-21", extensionCount: 0 }, D).category).toBe(
      "done_late",
    );
  });
  it("an extended task is judged against the deadline in force", () => {
    expect(classify({ status: "done", deadline: "2026-12-31", completedOn: "2026-11-25", extensionCount: 1 }, D).category).toBe(
      "done_on_time",
    );
    expect(classify({ status: "in_progress", deadline: "2026-12-31", completedOn: null, extensionCount: 2 }, D).category).toBe(
      "open_on_time",
    );
  });
  it("drafts and cancelled are apart", () => {
    expect(classify({ status: "draft", deadline: null, completedOn: null, extensionCount: 0 }, D).category).toBe("draft");
    expect(classify({ status: "cancelled", deadline: "2020-01-01", completedOn: null, extensionCount: 0 }, D).category).toBe("cancelled");
    // A draft cancelled before it had a deadline is still counted as cancelled.
    expect(classify({ status: "cancelled", deadline: null, completedOn: null, extensionCount: 0 }, D).category).toBe("cancelled");
  });
});

describe("rollup numbers", () => {
  it("adds up like the 2017 national report", () => {
    const n = emptyNumbers();
    const add = (count: number, state: Parameters<typeof classify>[0]) => {
      for (let i = 0; i < count; i++) addTo(n, classify(state, D), state.extensionCount);
    };
    add(14068, { status: "done", deadline: "2026-11-20", completedOn: "2026-11-01", extensionCount: 0 });
    add(1983, { status: "done", deadline: "2026-11-20", completedOn: "2026-11-22", extensionCount: 0 });
    add(5640, { status: "in_progress", deadline: "2026-12-31", completedOn: null, extensionCount: 0 });
    add(223, { status: "in_progress", deadline: "2026-10-01", completedOn: null, extensionCount: 1 });
    add(5, { status: "draft", deadline: null, completedOn: null, extensionCount: 0 });
    const f = finish(n);
    expect(f.total).toBe(21914);
    expect(f.drafts).toBe(5);
    expect(f.overdue).toBe(223);
    expect(f.overdueByAge["31-60"]).toBe(223);
    expect(f.extended).toBe(223);
    expect(f.shareOverdue).toBe(0.0102);
    expect(f.shareDoneOnTime).toBe(0.642);
  });
  it("ranks the worst share overdue first", () => {
    const a = { name: "A", numbers: { ...emptyNumbers(), shareOverdue: 0.1, shareDoneOnTime: 0.5 } };
    const b = { name: "B", numbers: { ...emptyNumbers(), shareOverdue: 0.3, shareDoneOnTime: 0.5 } };
    expect(rankByShareOverdue([a, b]).map((x) => x.name)).toEqual(["B", "A"]);
  });
});

describe("reporting periods", () => {
  it("end on the 25th", () => {
    expect(periodEnd("2026-11-20")).toBe("2026-11-25");
    expect(periodEnd("2026-11-25")).toBe("2026-11-25");
    expect(periodEnd("2026-11-26")).toBe("2026-12-25");
    expect(periodEnd("2026-12-26")).toBe("2027-01-25");
  });
  it("lists past period ends oldest first", () => {
    expect(pastPeriodEnds("2026-11-28", 3)).toEqual(["2026-09-25", "2026-10-25", "2026-11-25"]);
    expect(pastPeriodEnds("2026-01-10", 2)).toEqual(["2025-11-25", "2025-12-25"]);
  });
});
