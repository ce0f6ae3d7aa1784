import { describe, expect, it } from "vitest";
import { enAssistant } from "~/i18n/en-assistant";
import { viAssistant } from "~/i18n/vi-assistant";
import {
  ASSISTANT_RULES,
  assess,
  isAtRisk,
  linearTrend,
  monthsBefore,
  pointsBetween,
  projectGoal,
  projectTrend,
  roundForDisplay,
  shownPercent,
  sortFindings,
  taskIdsOf,
  weightOf,
  type AssistantInput,
  type ExtensionFact,
  type Finding,
  type GoalFact,
  type Message,
  type TaskFact,
} from "./assistant";
import { addDays } from "./dates";
import { emptyNumbers, finish, type RollupNumbers } from "./rollup";

const T = "2026-11-28";

// ---------------------------------------------------------------------------------------------
// A crafted dataset

let nextId = 1;
function task(overrides: Partial<TaskFact> = {}): TaskFact {
  const id = overrides.id ?? nextId++;
  return {
    id,
    title: `Nhiệm vụ ${id}`,
    leadUnitId: 10,
    leadUnitName: "Sở A",
    status: "in_progress",
    progress: 50,
    startDate: null,
    issuedOn: addDays(T, -20),
    deadline: addDays(T, 60),
    originalDeadline: null,
    completedOn: null,
    lastUpdateOn: addDays(T, -3),
    extensionCount: 0,
    goalId: null,
    ...overrides,
  };
}

/** Rollup numbers with `overdue` of `total` tasks overdue (the rest done on time). */
function numbers(overdue: number, total: number): RollupNumbers {
  const n = emptyNumbers();
  n.total = total;
  n.overdue = overdue;
  n.overdueByAge["1-30"] = overdue;
  n.doneOnTime = total - overdue;
  return finish(n);
}

function input(
  overrides: Partial<Omit<AssistantInput, "numbers">> & { numbers?: Partial<AssistantInput["numbers"]> } = {},
): AssistantInput {
  const { numbers: nums, ...rest } = overrides;
  return {
    today: T,
    scope: { kind: "city" },
    tasks: [],
    extensions: [],
    goals: [],
    ...rest,
    numbers: { scope: numbers(0, 0), city: numbers(0, 0), previous: null, ...nums },
  };
}

function approved(taskId: number, decidedOn: string, unit = { id: 10, name: "Sở A" }): ExtensionFact {
  return { taskId, leadUnitId: unit.id, leadUnitName: unit.name, status: "approved", decidedOn };
}

function goal(overrides: Partial<GoalFact> = {}): GoalFact {
  return {
    id: 1,
    title: "Mục tiêu",
    dueDate: "2027-03-31",
    indicatorName: "Tỷ lệ",
    indicatorUnit: "%",
    target: 100,
    baseline: 0,
    readings: [],
    taskCount: 4,
    overdueTaskCount: 1,
    ...overrides,
  };
}

const kinds = (fs: Finding[]) => fs.map((f) => f.kind);
const find = (fs: Finding[], kind: Finding["kind"]) => fs.find((f) => f.kind === kind);

// ---------------------------------------------------------------------------------------------
// Helpers

describe("shares and points as shown", () => {
  it("a share is shown as a percentage with one decimal", () => {
    expect(shownPercent(0.1276)).toBe(12.8);
    expect(shownPercent(0)).toBe(0);
    expect(shownPercent(1)).toBe(100);
  });
  it("points are the difference of the shown percentages, without floating-point dust", () => {
    expect(pointsBetween(0.25, 0.2)).toBe(5);
    expect(pointsBetween(0.1224, 0.073)).toBe(4.9);
    expect(pointsBetween(0.2, 0.25)).toBe(-5);
    expect(pointsBetween(0.3, 0.1)).toBe(20);
  });
});

describe("weight = severity × (1 + log2(1 + tasks)) × (1 + distance)", () => {
  it("multiplies the three factors", () => {
    expect(weightOf("high", 0, 0)).toBe(3);
    expect(weightOf("medium", 1, 0)).toBe(4); // 2 × (1 + 1) × 1
    expect(weightOf("low", 3, 0.5)).toBe(4.5); // 1 × (1 + 2) × 1.5
    expect(weightOf("high", 7, 1)).toBe(24); // 3 × 4 × 2
  });
  it("clamps the distance to 0–1 and ignores negative task counts", () => {
    expect(weightOf("high", 0, 5)).toBe(6);
    expect(weightOf("high", 0, -2)).toBe(3);
    expect(weightOf("high", -4, 0)).toBe(3);
  });
  it("more tasks and more distance weigh more, severity most", () => {
    expect(weightOf("medium", 10, 0.2)).toBeGreaterThan(weightOf("medium", 9, 0.2));
    expect(weightOf("medium", 5, 0.3)).toBeGreaterThan(weightOf("medium", 5, 0.2));
    expect(weightOf("high", 5, 0)).toBeGreaterThan(weightOf("medium", 5, 0));
  });
});

describe("monthsBefore", () => {
  it("goes back whole months, clamping to the month's last day", () => {
    expect(monthsBefore("2026-11-28", 6)).toBe("2026-05-28");
    expect(monthsBefore("2026-08-31", 6)).toBe("2026-02-28");
    expect(monthsBefore("2028-08-31", 6)).toBe("2028-02-29");
    expect(monthsBefore("2026-03-15", 6)).toBe("2025-09-15");
    expect(monthsBefore("2026-01-31", 1)).toBe("2025-12-31");
  });
});

describe("roundForDisplay", () => {
  it("three significant digits from 10 000, whole from 100, one decimal from 1, two below", () => {
    expect(roundForDisplay(2_292_345)).toBe(2_290_000);
    expect(roundForDisplay(3_338.6)).toBe(3_339);
    expect(roundForDisplay(59.666)).toBe(59.7);
    expect(roundForDisplay(0.9234)).toBe(0.92);
    expect(roundForDisplay(-12_345)).toBe(-12_300);
    expect(Object.is(roundForDisplay(-0.001), 0)).toBe(true);
  });
});

describe("linear trend (least squares over date, value)", () => {
  it("recovers an exact line and projects it", () => {
    const trend = linearTrend([
      { asOf: "2026-01-01", value: 10 },
      { asOf: "2026-01-11", value: 20 },
      { asOf: "2026-01-21", value: 30 },
    ])!;
    expect(trend.slope).toBeCloseTo(1, 12);
    expect(trend.intercept).toBeCloseTo(10, 12);
    expect(projectTrend(trend, "2026-02-10")).toBeCloseTo(50, 10); // 40 days after the first reading
  });
  it("fits noisy readings by least squares, whatever their order", () => {
    // x = 0, 10, 20, 30; y = 1, 3, 2, 6 → slope = Σ(x−15)(y−3) / Σ(x−15)² = 140 / 500 = 0.14; intercept = 3 − 0.14 × 15 = 0.9
    const trend = linearTrend([
      { asOf: "2026-01-31", value: 6 },
      { asOf: "2026-01-01", value: 1 },
      { asOf: "2026-01-21", value: 2 },
      { asOf: "2026-01-11", value: 3 },
    ])!;
    expect(trend.firstDate).toBe("2026-01-01");
    expect(trend.slope).toBeCloseTo(0.14, 12);
    expect(trend.intercept).toBeCloseTo(0.9, 12);
  });
  it("a falling series has a negative slope", () => {
    expect(
      linearTrend([
        { asOf: "2026-01-01", value: 50 },
        { asOf: "2026-01-31", value: 20 },
      ])!.slope,
    ).toBeCloseTo(-1, 12);
  });
  it("no line with fewer than two readings or a single date", () => {
    expect(linearTrend([])).toBeNull();
    expect(linearTrend([{ asOf: "2026-01-01", value: 1 }])).toBeNull();
    expect(
      linearTrend([
        { asOf: "2026-01-01", value: 1 },
        { asOf: "2026-01-01", value: 3 },
      ]),
    ).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// At risk

describe("at risk: elapsed − progress ≥ 50 points and elapsed ≥ 60 %", () => {
  // start = 10 days before a 100-day span: elapsed % = days since start.
  const start = addDays(T, -60);
  const deadline = addDays(start, 100);
  const at = (progress: number, elapsedDays = 60) => ({
    startDate: addDays(T, -elapsedDays),
    issuedOn: null,
    deadline: addDays(T, 100 - elapsedDays),
    progress,
  });

  it("20 % done with 80 % of the time gone is at risk", () => {
    expect(isAtRisk(at(20, 80), T)).toBe(true);
  });
  it("the gap threshold is exact: 50 points raises, 49 does not", () => {
    expect(isAtRisk(at(10, 60), T)).toBe(true); // 60 − 10 = 50
    expect(isAtRisk(at(11, 60), T)).toBe(false); // 49
  });
  it("the elapsed threshold is exact: 60 % raises, 59 % does not", () => {
    expect(isAtRisk(at(0, 60), T)).toBe(true);
    expect(isAtRisk(at(0, 59), T)).toBe(false);
  });
  it("uses the start date, else the issue day", () => {
    expect(isAtRisk({ startDate: start, issuedOn: addDays(T, -10), deadline, progress: 5 }, T)).toBe(true);
    expect(isAtRisk({ startDate: null, issuedOn: start, deadline, progress: 5 }, T)).toBe(true);
    expect(isAtRisk({ startDate: addDays(T, -10), issuedOn: start, deadline, progress: 5 }, T)).toBe(false);
  });
  it("not judged without a start, with no span, or before the start", () => {
    expect(isAtRisk({ startDate: null, issuedOn: null, deadline, progress: 0 }, T)).toBe(false);
    expect(isAtRisk({ startDate: T, issuedOn: null, deadline: T, progress: 0 }, T)).toBe(false);
    expect(isAtRisk({ startDate: addDays(T, 3), issuedOn: null, deadline: addDays(T, 30), progress: 0 }, T)).toBe(false);
  });

  it("the finding lists only open tasks within their deadline, furthest behind first", () => {
    const a = task({ startDate: addDays(T, -80), deadline: addDays(T, 20), progress: 20 }); // gap 60
    const b = task({ startDate: addDays(T, -90), deadline: addDays(T, 10), progress: 10 }); // gap 80
    const overdue = task({ startDate: addDays(T, -90), deadline: addDays(T, -1), progress: 0 });
    const done = task({ status: "done", startDate: addDays(T, -90), deadline: addDays(T, 10), progress: 100, completedOn: T });
    const fine = task({ startDate: addDays(T, -80), deadline: addDays(T, 20), progress: 31 }); // gap 49
    const dueToday = task({ startDate: addDays(T, -10), deadline: T, progress: 50 }); // 100 % gone, gap 50
    const f = find(assess(input({ tasks: [a, b, overdue, done, fine, dueToday] })), "at_risk")!;
    expect(f.tasks.map((t) => t.id)).toEqual([b.id, a.id, dueToday.id]);
    expect(f.severity).toBe("medium");
    expect(f.message.params.n).toEqual({ t: "count", v: 3 });
    expect(f.why.params).toMatchObject({
      title: { t: "text", v: b.title },
      progress: { t: "percent", v: 0.1 },
      elapsed: { t: "percent", v: 0.9 },
    });
    expect(f.tasks[0].detail).toEqual({
      key: "assistant.task.atRisk",
      params: { progress: { t: "percent", v: 0.1 }, elapsed: { t: "percent", v: 0.9 }, deadline: { t: "date", v: addDays(T, 10) } },
    });
    expect(f.numbers.find((n) => n.label === "assistant.num.atRisk")).toMatchObject({ value: { t: "count", v: 3 }, countsTasks: true });
  });
  it("is high from 5 tasks", () => {
    const many = Array.from({ length: ASSISTANT_RULES.manyTasks }, () =>
      task({ startDate: addDays(T, -80), deadline: addDays(T, 20), progress: 0 }),
    );
    expect(find(assess(input({ tasks: many })), "at_risk")!.severity).toBe("high");
    expect(find(assess(input({ tasks: many.slice(1) })), "at_risk")!.severity).toBe("medium");
  });
});

// ---------------------------------------------------------------------------------------------
// No update

describe("no update for more than 30 days", () => {
  it("31 days raises, 30 does not", () => {
    const silent = task({ lastUpdateOn: addDays(T, -31) });
    const recent = task({ lastUpdateOn: addDays(T, -30) });
    const f = find(assess(input({ tasks: [silent, recent] })), "stale")!;
    expect(f.tasks.map((t) => t.id)).toEqual([silent.id]);
    expect(f.tasks[0].detail).toEqual({
      key: "assistant.task.stale",
      params: { days: { t: "days", v: 31 }, date: { t: "date", v: addDays(T, -31) } },
    });
  });
  it("a task never updated counts from the day it was issued", () => {
    const never = task({ lastUpdateOn: null, issuedOn: addDays(T, -45) });
    const fresh = task({ lastUpdateOn: null, issuedOn: addDays(T, -30) });
    const f = find(assess(input({ tasks: [never, fresh] })), "stale")!;
    expect(f.tasks).toEqual([
      {
        id: never.id,
        detail: { key: "assistant.task.staleNever", params: { days: { t: "days", v: 45 }, date: { t: "date", v: addDays(T, -45) } } },
      },
    ]);
  });
  it("only open tasks; the longest silence first; overdue ones too", () => {
    const done = task({ status: "done", completedOn: addDays(T, -50), lastUpdateOn: addDays(T, -50) });
    const older = task({ lastUpdateOn: addDays(T, -90), deadline: addDays(T, -5) });
    const old = task({ status: "not_started", lastUpdateOn: addDays(T, -40) });
    const f = find(assess(input({ tasks: [done, old, older] })), "stale")!;
    expect(f.tasks.map((t) => t.id)).toEqual([older.id, old.id]);
    expect(f.why.params.maxDays).toEqual({ t: "days", v: 90 });
    expect(f.severity).toBe("medium");
  });
  it("nothing raised without a date to judge by", () => {
    expect(find(assess(input({ tasks: [task({ lastUpdateOn: null, issuedOn: null })] })), "stale")).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Extensions

describe("units with repeated extensions: ≥ 3 approved in the last 6 months", () => {
  const since = monthsBefore(T, 6); // 2026-05-28
  const t1 = task({ id: 901 });
  const t2 = task({ id: 902 });
  const other = task({ id: 903, leadUnitId: 20, leadUnitName: "Phường B" });

  it("3 raises, 2 does not", () => {
    const two = [approved(901, addDays(T, -10)), approved(902, addDays(T, -40))];
    expect(find(assess(input({ tasks: [t1, t2], extensions: two })), "unit_extensions")).toBeUndefined();
    const f = find(assess(input({ tasks: [t1, t2], extensions: [...two, approved(901, addDays(T, -100))] })), "unit_extensions")!;
    expect(f.id).toBe("unit-extensions-10");
    expect(f.message.params).toMatchObject({ unit: { t: "text", v: "Sở A" }, count: { t: "count", v: 3 }, tasks: { t: "count", v: 2 } });
    expect(f.tasks.map((t) => t.id)).toEqual([901, 902]); // most extensions first
    expect(f.tasks[0].detail.params.count).toEqual({ t: "count", v: 2 });
    expect(f.why.params.since).toEqual({ t: "date", v: since });
    expect(f.severity).toBe("medium");
  });
  it("the window starts on the same day 6 months ago (inclusive) and ends today", () => {
    const edge = [approved(901, T), approved(901, addDays(T, -1)), approved(902, since)];
    expect(find(assess(input({ tasks: [t1, t2], extensions: edge })), "unit_extensions")).toBeDefined();
    const outside = [approved(901, T), approved(901, addDays(T, -1)), approved(902, addDays(since, -1))];
    expect(find(assess(input({ tasks: [t1, t2], extensions: outside })), "unit_extensions")).toBeUndefined();
    const future = [approved(901, T), approved(901, addDays(T, -1)), approved(902, addDays(T, 1))];
    expect(find(assess(input({ tasks: [t1, t2], extensions: future })), "unit_extensions")).toBeUndefined();
  });
  it("pending and rejected requests, undecided ones and tasks outside the scope do not count", () => {
    const base = [approved(901, addDays(T, -1)), approved(902, addDays(T, -2))];
    for (const third of [
      { ...approved(901, addDays(T, -3)), status: "rejected" as const },
      { ...approved(901, addDays(T, -3)), status: "pending" as const },
      { ...approved(901, addDays(T, -3)), decidedOn: null },
      approved(999, addDays(T, -3)),
    ]) {
      expect(find(assess(input({ tasks: [t1, t2], extensions: [...base, third] })), "unit_extensions")).toBeUndefined();
    }
  });
  it("each lead unit is counted on its own", () => {
    const mixed = [
      approved(901, addDays(T, -1)),
      approved(902, addDays(T, -2)),
      approved(903, addDays(T, -3), { id: 20, name: "Phường B" }),
    ];
    expect(find(assess(input({ tasks: [t1, t2, other], extensions: mixed })), "unit_extensions")).toBeUndefined();
  });
  it("is high from 6 extensions", () => {
    const six = Array.from({ length: 6 }, (_, i) => approved(i % 2 ? 901 : 902, addDays(T, -i)));
    expect(find(assess(input({ tasks: [t1, t2], extensions: six })), "unit_extensions")!.severity).toBe("high");
  });
});

describe("tasks extended ≥ 2 times", () => {
  it("2 raises, 1 does not; only open tasks; most extended first", () => {
    const once = task({ extensionCount: 1 });
    const twice = task({ extensionCount: 2, originalDeadline: "2026-12-01", deadline: "2027-01-15" });
    const thrice = task({ extensionCount: 3, originalDeadline: "2026-10-01", deadline: "2027-02-01" });
    const doneTwice = task({ status: "done", completedOn: addDays(T, -1), extensionCount: 2 });
    const f = find(assess(input({ tasks: [once, twice, thrice, doneTwice] })), "repeated_extensions")!;
    expect(f.tasks.map((t) => t.id)).toEqual([thrice.id, twice.id]);
    expect(f.severity).toBe("high");
    expect(f.tasks[1].detail).toEqual({
      key: "assistant.task.extended",
      params: { count: { t: "count", v: 2 }, original: { t: "date", v: "2026-12-01" }, deadline: { t: "date", v: "2027-01-15" } },
    });
    expect(find(assess(input({ tasks: [once, twice] })), "repeated_extensions")!.severity).toBe("medium");
    expect(find(assess(input({ tasks: [once, doneTwice] })), "repeated_extensions")).toBeUndefined();
  });
  it("without an original deadline the detail says only how many times", () => {
    const f = find(assess(input({ tasks: [task({ extensionCount: 2 })] })), "repeated_extensions")!;
    expect(f.tasks[0].detail.key).toBe("assistant.task.extendedPlain");
  });
});

// ---------------------------------------------------------------------------------------------
// Oldest overdue

describe("oldest overdue: the top 5 by days overdue", () => {
  it("names the 5 oldest, ties by id, and links the overdue list of the scope", () => {
    const ages = [3, 150, 40, 150, 10, 200, 1];
    const tasks = ages.map((d) => task({ deadline: addDays(T, -d) }));
    const onTime = task({ deadline: T }); // the deadline day itself is not overdue
    const done = task({ status: "done", deadline: addDays(T, -300), completedOn: addDays(T, -290) });
    const f = find(
      assess(input({ scope: { kind: "unit", unitId: 10, name: "Sở A" }, tasks: [...tasks, onTime, done] })),
      "oldest_overdue",
    )!;
    expect(f.tasks.map((t) => t.id)).toEqual([tasks[5].id, tasks[1].id, tasks[3].id, tasks[2].id, tasks[4].id]);
    expect(f.message.params).toMatchObject({
      n: { t: "count", v: 7 },
      maxDays: { t: "days", v: 200 },
      title: { t: "text", v: tasks[5].title },
    });
    expect(f.why).toEqual({
      key: "assistant.why.oldestOverdueOld",
      params: { n: { t: "count", v: 7 }, shown: { t: "count", v: 5 }, over120: { t: "count", v: 3 } },
    });
    expect(f.drill).toEqual({ scope: { unitId: 10, includeSubunits: true }, cell: "overdue", asOf: T });
    expect(f.numbers.find((n) => n.label === "assistant.num.overdue120")!.drill).toEqual({
      scope: { unitId: 10, includeSubunits: true },
      cell: "overdue:120+",
      asOf: T,
    });
    expect(f.tasks[0].detail).toEqual({
      key: "assistant.task.overdue",
      params: { days: { t: "days", v: 200 }, deadline: { t: "date", v: addDays(T, -200) } },
    });
  });
  it("severity by the oldest: up to 30 days low, 31–120 medium, over 120 high", () => {
    const sev = (d: number) => find(assess(input({ tasks: [task({ deadline: addDays(T, -d) })] })), "oldest_overdue")!.severity;
    expect(sev(30)).toBe("low");
    expect(sev(31)).toBe("medium");
    expect(sev(120)).toBe("medium");
    expect(sev(121)).toBe("high");
  });
  it("no finding without an overdue task", () => {
    expect(find(assess(input({ tasks: [task()] })), "oldest_overdue")).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Share overdue against the city and the last period

describe("share overdue against the city average", () => {
  const unit = { kind: "unit" as const, unitId: 10, name: "Sở A" };
  const city = numbers(10, 100); // 10 %
  const withShare = (overdue: number, total = 1000) => assess(input({ scope: unit, numbers: { scope: numbers(overdue, total), city } }));

  it("5 points above raises (medium), 4.9 does not", () => {
    expect(find(withShare(149), "overdue_vs_city")).toBeUndefined(); // 14.9 %
    const f = find(withShare(150), "overdue_vs_city")!; // 15.0 %
    expect(f).toMatchObject({ tone: "concern", severity: "medium", message: { key: "assistant.msg.overdueAboveCity" } });
    expect(f.message.params.gap).toEqual({ t: "points", v: 5 });
    expect(f.drill).toEqual({ scope: { unitId: 10, includeSubunits: true }, cell: "overdue", asOf: T });
    expect(f.numbers.find((n) => n.label === "assistant.num.cityShareOverdue")!.drill).toEqual({ scope: {}, cell: "overdue", asOf: T });
  });
  it("high from 15 points above", () => {
    expect(find(withShare(249), "overdue_vs_city")!.severity).toBe("medium");
    expect(find(withShare(250), "overdue_vs_city")!.severity).toBe("high");
  });
  it("5 points below is a positive note that weighs little", () => {
    expect(find(withShare(51), "overdue_vs_city")).toBeUndefined();
    const f = find(withShare(50), "overdue_vs_city")!;
    expect(f).toMatchObject({ tone: "positive", severity: "low", message: { key: "assistant.msg.overdueBelowCity" } });
    expect(f.weight).toBeLessThanOrEqual(2);
  });
  it("not for the city itself, nor for a scope without tasks", () => {
    expect(find(assess(input({ numbers: { scope: numbers(50, 100), city: numbers(5, 100) } })), "overdue_vs_city")).toBeUndefined();
    expect(find(assess(input({ scope: unit, numbers: { scope: numbers(0, 0), city } })), "overdue_vs_city")).toBeUndefined();
  });
  it("a program's list is the program's", () => {
    const f = find(
      assess(input({ scope: { kind: "program", code: "CDS" }, numbers: { scope: numbers(30, 100), city } })),
      "overdue_vs_city",
    )!;
    expect(f.drill!.scope).toEqual({ program: "CDS" });
  });
});

describe("share overdue against the last period end", () => {
  const periodEnd = "2026-11-25";
  const compare = (now: RollupNumbers, then: RollupNumbers) =>
    find(assess(input({ numbers: { scope: now, city: now, previous: { periodEnd, numbers: then } } })), "overdue_vs_last_period");

  it("a rise of 3 points raises (medium), 2.9 does not", () => {
    expect(compare(numbers(129, 1000), numbers(100, 1000))).toBeUndefined();
    const f = compare(numbers(130, 1000), numbers(100, 1000))!;
    expect(f).toMatchObject({ tone: "concern", severity: "medium", message: { key: "assistant.msg.overdueRose" } });
    expect(f.message.params).toMatchObject({
      previous: { t: "percent", v: 0.1 },
      share: { t: "percent", v: 0.13 },
      periodEnd: { t: "date", v: periodEnd },
      change: { t: "points", v: 3 },
    });
    // The past number links to the list as of that day.
    expect(f.numbers.find((n) => n.label === "assistant.num.overdueThen")!.drill).toEqual({ scope: {}, cell: "overdue", asOf: periodEnd });
  });
  it("high from a rise of 10 points", () => {
    expect(compare(numbers(199, 1000), numbers(100, 1000))!.severity).toBe("medium");
    expect(compare(numbers(200, 1000), numbers(100, 1000))!.severity).toBe("high");
  });
  it("a fall of 3 points is a positive note", () => {
    expect(compare(numbers(71, 1000), numbers(100, 1000))).toBeUndefined();
    expect(compare(numbers(70, 1000), numbers(100, 1000))).toMatchObject({
      tone: "positive",
      severity: "low",
      message: { key: "assistant.msg.overdueFell" },
    });
  });
  it("nothing to compare without a previous period or tasks then", () => {
    expect(
      find(assess(input({ numbers: { scope: numbers(50, 100), city: numbers(50, 100), previous: null } })), "overdue_vs_last_period"),
    ).toBeUndefined();
    expect(compare(numbers(50, 100), numbers(0, 0))).toBeUndefined();
  });
});

describe("units above the scope's share", () => {
  const sub = (unitId: number, overdue: number, total: number) => ({ unitId, name: `Đơn vị ${unitId}`, numbers: numbers(overdue, total) });
  const run = (subunits: ReturnType<typeof sub>[]) =>
    find(assess(input({ numbers: { scope: numbers(100, 1000), city: numbers(100, 1000), subunits } })), "units_above_average");

  it("10 points above raises, 9.9 does not; worst first", () => {
    expect(run([sub(1, 199, 1000)])).toBeUndefined(); // 19.9 % vs 10 %
    const f = run([sub(1, 200, 1000), sub(2, 30, 100), sub(3, 5, 100)])!;
    expect(f.units!.map((u) => u.unitId)).toEqual([2, 1]);
    expect(f.units![0]).toMatchObject({
      gap: 20,
      overdueDrill: { scope: { unitId: 2, includeSubunits: true }, cell: "overdue", asOf: T },
      totalDrill: { cell: "total" },
    });
    expect(f.message.params).toMatchObject({
      n: { t: "count", v: 2 },
      unit: { t: "text", v: "Đơn vị 2" },
      average: { t: "percent", v: 0.1 },
    });
    expect(f.severity).toBe("medium");
  });
  it("a unit needs at least 5 tasks to be compared", () => {
    expect(run([sub(1, 4, 4)])).toBeUndefined();
    expect(run([sub(1, 5, 5)])).toBeDefined();
  });
  it("high from 25 points above", () => {
    expect(run([sub(1, 349, 1000)])!.severity).toBe("medium");
    expect(run([sub(1, 350, 1000)])!.severity).toBe("high");
  });
});

// ---------------------------------------------------------------------------------------------
// Goals

describe("goals whose trend misses the target", () => {
  // +10 points a month from 20 % on 2026-08-31… (readings at 30-day steps: slope 1/3 per day)
  const readings = [
    { asOf: "2026-08-01", value: 20 },
    { asOf: "2026-08-31", value: 30 },
    { asOf: "2026-09-30", value: 40 },
  ];

  it("projects the least-squares line to the due date", () => {
    const p = projectGoal(goal({ readings, dueDate: "2026-12-29" }))!; // 150 days after the first reading → 70
    expect(p.projected).toBeCloseTo(70, 10);
    expect(p.shortfall).toBeCloseTo(30, 10);
    expect(p.achievedShare).toBeCloseTo(0.7, 10);
    expect(p.perMonth).toBeCloseTo((1 / 3) * (365.25 / 12), 10);
    expect(p.neededPerMonth).toBeCloseTo(60 / (90 / (365.25 / 12)), 10); // 60 points in 90 days
    expect(p.direction).toBe("up");
  });
  it("raises a goal that falls short, saying the projected value", () => {
    const f = find(assess(input({ goals: [goal({ readings, dueDate: "2026-12-29" })] })), "goal_off_track")!;
    expect(f).toMatchObject({ id: "goal-1", goalId: 1, severity: "high", message: { key: "assistant.msg.goalBelowTarget" } });
    expect(f.message.params).toMatchObject({
      projected: { t: "value", v: 70, unit: "%" },
      target: { t: "value", v: 100, unit: "%" },
      due: { t: "date", v: "2026-12-29" },
    });
    expect(f.why.key).toBe("assistant.why.goalTrend");
    expect(f.why.params).toMatchObject({
      readings: { t: "count", v: 3 },
      from: { t: "date", v: "2026-08-01" },
      to: { t: "date", v: "2026-09-30" },
    });
    expect(f.drill).toEqual({ scope: { goalId: 1 }, cell: "total", asOf: T });
    expect(f.numbers.find((n) => n.label === "assistant.num.goalTasks")).toMatchObject({
      value: { t: "count", v: 4 },
      drill: { scope: { goalId: 1 }, cell: "total" },
    });
    expect(f.numbers.find((n) => n.label === "assistant.num.goalOverdueTasks")).toMatchObject({
      value: { t: "count", v: 1 },
      drill: { scope: { goalId: 1 }, cell: "overdue" },
    });
  });
  it("not raised when the projection reaches the target exactly, raised just short of it", () => {
    // 100 reached 240 days after the first reading: 2027-03-29.
    expect(find(assess(input({ goals: [goal({ readings, dueDate: "2027-03-29" })] })), "goal_off_track")).toBeUndefined();
    const f = find(assess(input({ goals: [goal({ readings, dueDate: "2027-03-28" })] })), "goal_off_track")!;
    expect(f.severity).toBe("medium"); // 99.7 % of the way
    expect(f.message.params.projected).toEqual({ t: "value", v: 99.7, unit: "%" });
  });
  it("high below 80 % of the way from baseline to target, medium from it", () => {
    // baseline 0, target 100: 80 reached 180 days after the first reading (2027-01-28).
    expect(find(assess(input({ goals: [goal({ readings, dueDate: "2027-01-27" })] })), "goal_off_track")!.severity).toBe("high");
    expect(find(assess(input({ goals: [goal({ readings, dueDate: "2027-01-28" })] })), "goal_off_track")!.severity).toBe("medium");
  });
  it("a target below the baseline must be reached going down", () => {
    const falling = [
      { asOf: "2026-08-01", value: 50 },
      { asOf: "2026-08-31", value: 45 },
      { asOf: "2026-09-30", value: 40 },
    ];
    const g = goal({ baseline: 60, target: 10, readings: falling, dueDate: "2026-12-29" }); // projected 25
    const f = find(assess(input({ goals: [g] })), "goal_off_track")!;
    expect(f.message.key).toBe("assistant.msg.goalAboveTarget");
    expect(f.message.params.projected).toEqual({ t: "value", v: 25, unit: "%" });
    expect(find(assess(input({ goals: [{ ...g, target: 30 }] })), "goal_off_track")).toBeUndefined();
  });
  it("says nothing without a target or with fewer than two dated readings", () => {
    expect(find(assess(input({ goals: [goal({ readings, target: null })] })), "goal_off_track")).toBeUndefined();
    expect(find(assess(input({ goals: [goal({ readings: readings.slice(0, 1) })] })), "goal_off_track")).toBeUndefined();
    expect(
      find(assess(input({ goals: [goal({ readings: [readings[0], { ...readings[1], asOf: readings[0].asOf }] })] })), "goal_off_track"),
    ).toBeUndefined();
  });
  it("a goal past its due date is judged on its latest reading", () => {
    const past = goal({ readings, dueDate: "2026-11-27" });
    const f = find(assess(input({ goals: [past] })), "goal_off_track")!;
    expect(f).toMatchObject({ severity: "high", message: { key: "assistant.msg.goalPastDue" }, why: { key: "assistant.why.goalPastDue" } });
    expect(f.message.params).toMatchObject({ latest: { t: "value", v: 40, unit: "%" }, asOf: { t: "date", v: "2026-09-30" } });
    expect(find(assess(input({ goals: [{ ...past, target: 40 }] })), "goal_off_track")).toBeUndefined();
    // Due today is not past: projected.
    expect(find(assess(input({ goals: [{ ...past, dueDate: T }] })), "goal_off_track")!.message.key).toBe("assistant.msg.goalBelowTarget");
  });
  it("weighs a goal by the scope's open tasks serving it", () => {
    const g = goal({ readings, dueDate: "2026-12-29" });
    const weight = (tasks: TaskFact[]) => find(assess(input({ goals: [g], tasks })), "goal_off_track")!.weight;
    const none = weight([]);
    expect(weight([task({ goalId: 1 })])).toBeGreaterThan(none);
    expect(weight([task({ goalId: 1, status: "done", completedOn: T }), task({ goalId: 2 })])).toBe(none);
    expect(weight([task({ goalId: 1 }), task({ goalId: 1, status: "not_started" }), task({ goalId: 1 })])).toBe(weightOf("high", 3, 0.3));
  });
  it("rounds large projections as an analyst writes them", () => {
    const accounts = goal({
      indicatorUnit: "tài khoản",
      baseline: 1_000_000,
      target: 3_000_000,
      dueDate: "2027-03-31",
      readings: [
        { asOf: "2026-07-25", value: 1_850_000 },
        { asOf: "2026-08-25", value: 1_930_000 },
        { asOf: "2026-09-25", value: 1_990_000 },
        { asOf: "2026-10-25", value: 2_040_000 },
      ],
    });
    const f = find(assess(input({ goals: [accounts] })), "goal_off_track")!;
    const projected = f.message.params.projected as { v: number };
    expect(projected.v % 10_000).toBe(0);
    expect(projected.v).toBeGreaterThan(2_300_000);
    expect(projected.v).toBeLessThan(2_400_000);
  });
});

// ---------------------------------------------------------------------------------------------
// The whole list

describe("the list of findings", () => {
  it("empty data gives one reassuring finding", () => {
    const fs = assess(input());
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      kind: "all_clear",
      tone: "neutral",
      severity: "low",
      weight: 0,
      message: { key: "assistant.msg.noTasks" },
      numbers: [],
    });
  });
  it("healthy data gives 'no notable problem', with the total linked", () => {
    const fs = assess(
      input({ tasks: [task(), task({ status: "done", completedOn: T })], numbers: { scope: numbers(0, 2), city: numbers(0, 2) } }),
    );
    expect(kinds(fs)).toEqual(["all_clear"]);
    expect(fs[0].message.key).toBe("assistant.msg.allClear");
    expect(fs[0].numbers[0]).toMatchObject({ value: { t: "count", v: 2 }, drill: { scope: {}, cell: "total", asOf: T } });
  });
  it("positive notes alone still come with the reassurance", () => {
    const fs = assess(
      input({ scope: { kind: "program", code: "CCHC" }, tasks: [task()], numbers: { scope: numbers(0, 100), city: numbers(20, 100) } }),
    );
    expect(kinds(fs)).toEqual(["overdue_vs_city", "all_clear"]);
  });
  it("a concern removes the reassurance", () => {
    expect(kinds(assess(input({ tasks: [task({ deadline: addDays(T, -1) })] })))).not.toContain("all_clear");
  });

  it("is sorted by weight, heaviest first, on a crafted dataset", () => {
    const tasks = [
      ...Array.from({ length: 6 }, () => task({ startDate: addDays(T, -90), deadline: addDays(T, 10), progress: 0 })), // at risk, high
      task({ lastUpdateOn: addDays(T, -40) }), // stale, medium
      task({ deadline: addDays(T, -10) }), // overdue 10 days, low
      task({ extensionCount: 2 }), // repeated, medium
    ];
    const fs = assess(
      input({
        scope: { kind: "unit", unitId: 10, name: "Sở A" },
        tasks,
        numbers: { scope: numbers(1, 9), city: numbers(1, 100), previous: { periodEnd: "2026-11-25", numbers: numbers(0, 9) } },
        goals: [
          goal({
            readings: [
              { asOf: "2026-09-25", value: 10 },
              { asOf: "2026-10-25", value: 11 },
            ],
          }),
        ],
      }),
    );
    const weights = fs.map((f) => f.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(kinds(fs)).toEqual([
      "at_risk",
      "overdue_vs_last_period",
      "overdue_vs_city",
      "goal_off_track",
      "stale",
      "repeated_extensions",
      "oldest_overdue",
    ]);
    // 11.1 % now against 0 % then: +11.1 points, high, 1 overdue task → 3 × 2 × (1 + 11.1/20).
    expect(find(fs, "overdue_vs_last_period")!.weight).toBe(weightOf("high", 1, 11.1 / 20));
    // A goal no task of the scope serves, projected at ≈ 16.2 of 100 (baseline 0): 3 × 1 × (1 + 0.838).
    expect(find(fs, "goal_off_track")!.weight).toBe(5.51);
    for (const f of fs) expect(f.why.key.startsWith("assistant.why.")).toBe(true);
  });
  it("equal weights fall back to severity, then kind, then id", () => {
    const base = {
      tone: "concern" as const,
      message: { key: "assistant.msg.allClear" as const, params: {} },
      why: { key: "assistant.why.allClear" as const, params: {} },
      numbers: [],
      tasks: [],
    };
    const f = (id: string, kind: Finding["kind"], severity: Finding["severity"], weight: number): Finding => ({
      ...base,
      id,
      kind,
      severity,
      weight,
    });
    const sorted = sortFindings([
      f("b", "stale", "medium", 5),
      f("a", "stale", "medium", 5),
      f("c", "at_risk", "medium", 5),
      f("d", "stale", "high", 5),
      f("e", "stale", "low", 6),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(["e", "d", "c", "a", "b"]);
  });
  it("is deterministic and does not change its input", () => {
    const data = input({
      tasks: [task({ deadline: addDays(T, -5) }), task({ lastUpdateOn: addDays(T, -50) })],
      extensions: [approved(1, T)],
    });
    const copy = structuredClone(data);
    expect(assess(data)).toEqual(assess(data));
    expect(data).toEqual(copy);
  });
  it("taskIdsOf lists each task once, in order", () => {
    const a = task({ deadline: addDays(T, -5), lastUpdateOn: addDays(T, -50) });
    const b = task({ lastUpdateOn: addDays(T, -60) });
    expect(taskIdsOf(assess(input({ tasks: [a, b] })))).toEqual([b.id, a.id]);
  });
});

// ---------------------------------------------------------------------------------------------
// The sentences exist in both languages with the values they name

describe("every message the rules produce is in both dictionaries with its placeholders", () => {
  const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const messages: Message[] = [];
  const collect = (fs: Finding[]) => {
    for (const f of fs) {
      messages.push(f.message, f.why, ...f.tasks.map((t) => t.detail));
      for (const n of f.numbers) messages.push({ key: n.label, params: {} });
    }
  };
  // A dataset that raises every kind, in both the singular and plural forms.
  const past = [
    { asOf: "2026-08-01", value: 20 },
    { asOf: "2026-09-01", value: 25 },
  ];
  for (const many of [false, true]) {
    const times = many ? 3 : 1;
    const tasks = [
      ...Array.from({ length: times }, () => task({ startDate: addDays(T, -90), deadline: addDays(T, 10), progress: 0 })),
      ...Array.from({ length: times }, () => task({ lastUpdateOn: null, issuedOn: addDays(T, -40) })),
      ...Array.from({ length: times }, () =>
        task({ deadline: addDays(T, many ? -200 : -10), extensionCount: 2, originalDeadline: addDays(T, -300) }),
      ),
    ];
    collect(
      assess(
        input({
          scope: { kind: "unit", unitId: 10, name: "Sở A" },
          tasks,
          extensions: [approved(tasks[0].id, T), approved(tasks[0].id, T), approved(tasks[0].id, T)],
          numbers: {
            scope: numbers(50, 100),
            city: numbers(10, 100),
            previous: { periodEnd: "2026-11-25", numbers: numbers(10, 100) },
            subunits: [{ unitId: 2, name: "B", numbers: numbers(9, 10) }],
          },
          goals: [
            goal({ readings: past }),
            goal({ id: 2, readings: past, dueDate: "2026-10-01" }),
            goal({ id: 3, baseline: 90, target: 10, readings: past }),
          ],
        }),
      ),
    );
    collect(
      assess(
        input({
          scope: { kind: "program", code: "CDS" },
          numbers: { scope: numbers(1, 100), city: numbers(10, 100), previous: { periodEnd: "2026-11-25", numbers: numbers(10, 100) } },
        }),
      ),
    );
    collect(assess(input({ tasks: [task()] })));
    collect(assess(input()));
  }

  it("covers every kind", () => {
    const keys = new Set(messages.map((m) => m.key));
    for (const k of [
      "overdueAboveCity",
      "overdueBelowCity",
      "overdueRose",
      "overdueFell",
      "unitsAboveAverage",
      "atRisk",
      "stale",
      "oldestOverdue",
      "unitExtensions",
      "repeatedExtensions",
      "goalBelowTarget",
      "goalAboveTarget",
      "goalPastDue",
      "allClear",
      "noTasks",
    ]) {
      expect(keys.has(`assistant.msg.${k}` as Message["key"]), k).toBe(true);
    }
  });
  it("each key and its singular form fill every placeholder from the params", () => {
    for (const m of messages) {
      for (const key of [m.key, `${m.key}.one`]) {
        const vi = (viAssistant as Record<string, string>)[key];
        const en = (enAssistant as Record<string, string>)[key];
        if (key !== m.key && vi === undefined) continue;
        expect(vi, key).toBeTypeOf("string");
        expect(en, key).toBeTypeOf("string");
        for (const p of [...placeholders(vi), ...placeholders(en)]) expect(Object.keys(m.params), `${key} {${p}}`).toContain(p);
      }
    }
  });
  it("Vietnamese and English have the same keys and the same placeholders", () => {
    expect(Object.keys(enAssistant).sort()).toEqual(Object.keys(viAssistant).sort());
    for (const [key, vi] of Object.entries(viAssistant)) {
      expect(new Set(placeholders((enAssistant as Record<string, string>)[key])), key).toEqual(new Set(placeholders(vi)));
    }
  });
  it("every why starts with 'Vì' / 'Because'", () => {
    for (const [key, vi] of Object.entries(viAssistant)) if (key.startsWith("assistant.why.")) expect(vi.startsWith("Vì "), key).toBe(true);
    for (const [key, en] of Object.entries(enAssistant))
      if (key.startsWith("assistant.why.")) expect(en.startsWith("Because "), key).toBe(true);
  });
});
