import { describe, expect, it } from "vitest";
import { activationProblem, placementProblem } from "./user-rules";

describe("placementProblem", () => {
  it.each<[string, { active: boolean } | undefined, string | null]>([
    ["an open unit", { active: true }, null],
    ["a closed unit", { active: false }, "error.invalidChoice"],
    ["no such unit", undefined, "error.invalidChoice"],
  ])("%s", (_label, unit, expected) => {
    expect(placementProblem(unit)).toBe(expected);
  });
});

describe("activationProblem", () => {
  it.each<[string, boolean, boolean, string | null]>([
    ["reactivating in an open unit", true, true, null],
    ["reactivating in a closed unit", true, false, "error.unitClosed"],
    ["deactivating in an open unit", false, true, null],
    ["deactivating in a closed unit", false, false, null],
  ])("%s", (_label, active, unitActive, expected) => {
    expect(activationProblem(active, unitActive)).toBe(expected);
  });
});
