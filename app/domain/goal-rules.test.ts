import { describe, expect, it } from "vitest";
import { goalProblems, readingProblem } from "./goal-rules";
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
