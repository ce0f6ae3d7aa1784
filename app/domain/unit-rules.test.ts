import { describe, expect, it } from "vitest";
import { parentProblem, statusChangeProblem, type ParentFacts, type UnitStatusFacts } from "./unit-rules";

const open = (path: number[]): ParentFacts => ({ active: true, path });
const closed = (path: number[]): ParentFacts => ({ active: false, path });

describe("parentProblem", () => {
  it.each<[string, number | null, ParentFacts | undefined, number | undefined, string | null]>([
    ["no parent (the top)", null, undefined, undefined, null],
    ["an open parent", 2, open([2, 1]), undefined, null],
    ["a parent id naming no unit", 99, undefined, undefined, "error.invalidChoice"],
    ["a closed parent", 2, closed([2, 1]), undefined, "error.unitParentClosed"],
    ["a move under an open unit elsewhere", 3, open([3, 1]), 2, null],
    ["a move under itself", 2, open([2, 1]), 2, "error.unitParentCycle"],
    ["a move under its own child", 5, open([5, 2, 1]), 2, "error.unitParentCycle"],
    ["a move under a closed unit (closed wins over the cycle)", 5, closed([5, 2, 1]), 2, "error.unitParentClosed"],
  ])("%s", (_label, parentId, parent, moving, expected) => {
    expect(parentProblem(parentId, parent, moving)).toBe(expected);
  });
});

describe("statusChangeProblem", () => {
  it.each<[string, UnitStatusFacts, string | null]>([
    ["closing an empty unit", { active: false, openChildren: 0, activeMembers: 0, parentActive: true }, null],
    [
      "closing with open sub-units",
      { active: false, openChildren: 2, activeMembers: 0, parentActive: true },
      "error.unitHasActiveChildren",
    ],
    [
      "closing with sub-units and people: sub-units first",
      { active: false, openChildren: 1, activeMembers: 4, parentActive: true },
      "error.unitHasActiveChildren",
    ],
    [
      "closing with active people",
      { active: false, openChildren: 0, activeMembers: 3, parentActive: true },
      'error.unitHasActiveUsers|{"count":3}',
    ],
    ["closing under a closed parent", { active: false, openChildren: 0, activeMembers: 0, parentActive: false }, null],
    ["reopening under an open parent", { active: true, openChildren: 0, activeMembers: 0, parentActive: true }, null],
    ["reopening at the top", { active: true, openChildren: 0, activeMembers: 0, parentActive: null }, null],
    ["reopening under a closed parent", { active: true, openChildren: 0, activeMembers: 0, parentActive: false }, "error.unitParentClosed"],
  ])("%s", (_label, facts, expected) => {
    expect(statusChangeProblem(facts)).toBe(expected);
  });
});
