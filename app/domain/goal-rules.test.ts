import { describe, expect, it } from "vitest";
import { goalProblems, indicatorStanding, readingProblem } from "./goal-rules";
import type { ProgramCode } from "./task-rules";

describe("goalProblems", () => {
  it.each<[string, string, { active: boolean } | "kept" | undefined, Record<string, string[]>]>([
    ["a known program and an open lead unit", "CDS", { active: true }, {}],
    ["a lead unit kept though it has closed since", "CCHC", "kept", {}],
    ["a newly chosen closed lead unit", "CDS", { active: false }, { leadUnitId: ["error.unitClosed"] }],
    ["a lead unit id naming no unit", "CDS", undefined, { leadUnitId: ["error.invalidChoice"] }],
    ["an unknown program", "XYZ", { active: true }, { programCode: ["error.invalidChoice"] }],
    ["both wrong", "XYZ", undefined, { programCode: ["error.invalidChoice"], leadUnitId: ["error.invalidChoice"] }],
  ])("%s", (_label, program, leadUnit, expected) => {
    expect(goalProblems(program as ProgramCode, leadUnit)).toEqual(expected);
  });
});

describe("readingProblem", () => {
  const today = "2026-03-10";
  it.each<[string, string | null, string, Record<string, string[]> | null]>([
    ["today, with an indicator", "Tỷ lệ", today, null],
    ["an earlier date", "Tỷ lệ", "2025-12-31", null],
    ["a date ahead of today", "Tỷ lệ", "2026-03-11", { asOf: ["goals.error.futureDate"] }],
    ["a goal without an indicator", null, today, { value: ["goals.error.noIndicator"] }],
    ["both: the date is refused first", null, "2026-03-11", { asOf: ["goals.error.futureDate"] }],
  ])("%s", (_label, indicatorName, asOf, expected) => {
    expect(readingProblem({ indicatorName }, asOf, today)).toEqual(expected);
  });
});

describe("indicatorStanding", () => {
  const today = "2027-06-01";
  const goal = (target: number | null, baseline: number | null, dueDate = "2027-06-30") => ({
    indicatorTarget: target,
    indicatorBaseline: baseline,
    dueDate,
  });
  it.each<[string, ReturnType<typeof goal>, number[], { reached: boolean | null; gap: number | null; daysLeft: number }]>([
    ["no target: nothing to reach", goal(null, 10), [40], { reached: null, gap: null, daysLeft: 29 }],
    ["no reading yet", goal(90, 10), [], { reached: null, gap: null, daysLeft: 29 }],
    ["upward, not reached", goal(90, 10), [70, 40], { reached: false, gap: 20, daysLeft: 29 }],
    ["upward, reached", goal(90, 10), [95, 70], { reached: true, gap: 5, daysLeft: 29 }],
    ["downward (days to process), reached", goal(5, 15), [4, 9], { reached: true, gap: 1, daysLeft: 29 }],
    ["downward read from the first reading without a baseline", goal(5, null), [7, 12], { reached: false, gap: 2, daysLeft: 29 }],
    ["due date past: days left negative", goal(90, 10, "2027-05-30"), [50], { reached: false, gap: 40, daysLeft: -2 }],
  ])("%s", (_label, g, values, expected) => {
    expect(
      indicatorStanding(
        g,
        values.map((value) => ({ value })),
        today,
      ),
    ).toEqual(expected);
  });
});
