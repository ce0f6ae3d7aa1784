/**
 * The permission matrix as a person reviews it: one literal row per action, written from what each role
 * is meant to do (see DOMAIN.md), not computed from `can`. A wrong entry in `PERMISSIONS`, or a reach
 * that means something else than it says, fails here.
 *
 * The unit tree: city 1 → department 10 → division 11; another department 20.
 * The admin and the committee member sit at the city, the head at the department, the staff member in
 * the division. Each cell of a row is one resource, relative to the person asking:
 *   1 their own unit · 2 a unit below theirs (staff have none: another department) · 3 another department
 *   · 4 their own record (in another department) · 5 someone else's record (in another department)
 * "Y" = allowed, "." = refused. The city is above every unit, so a city-wide role reaches 2–5 too.
 */
import { describe, expect, it } from "vitest";
import { ACTIONS, can, type Action, type Actor, type Resource, type Role } from "./policy";

const CITY = 1,
  DEPT = 10,
  DIV = 11,
  OTHER = 20;
const PATHS: Record<number, number[]> = { [CITY]: [CITY], [DEPT]: [DEPT, CITY], [DIV]: [DIV, DEPT, CITY], [OTHER]: [OTHER, CITY] };

const PEOPLE: Record<Role, Actor> = {
  admin: { id: 1, role: "admin", unitId: CITY, active: true },
  committee: { id: 2, role: "committee", unitId: CITY, active: true },
  head: { id: 3, role: "head", unitId: DEPT, active: true },
  staff: { id: 4, role: "staff", unitId: DIV, active: true },
};
const BELOW: Record<number, number> = { [CITY]: DEPT, [DEPT]: DIV, [DIV]: OTHER };

function resources(actor: Actor): Resource[] {
  const unit = (id: number, userId = 999): Resource => ({ unitId: id, unitPath: PATHS[id], userId });
  return [unit(actor.unitId), unit(BELOW[actor.unitId]), unit(OTHER), unit(OTHER, actor.id), unit(OTHER)];
}

//                                       admin    committee  head     staff
const MATRIX: Record<Action, [string, string, string, string]> = {
  "admin:access": ["YYYYY", ".....", "YYYYY", "....."],
  "unit:read": ["YYYYY", "YYYYY", "YYYYY", "YYYYY"],
  "unit:create": ["YYYYY", ".....", "YY...", "....."],
  "unit:update": ["YYYYY", ".....", ".Y...", "....."],
  "user:list": ["YYYYY", "YYYYY", "YYYYY", "....."],
  "user:create": ["YYYYY", ".....", "YY...", "....."],
  "user:manage": ["YYY.Y", ".....", "YY...", "....."],
  "account:update": ["...Y.", "...Y.", "...Y.", "...Y."],
  "audit:read": ["YYYYY", ".....", ".....", "....."],
  "task:read": ["YYYYY", "YYYYY", "YYYYY", "YYYYY"],
  "task:create": ["YYYYY", "YYYYY", "YY...", "....."],
  "task:update": ["YYYYY", "YYYYY", "YY...", "....."],
  "task:cascade": ["YYYYY", "YYYYY", "YY...", "....."],
  "task:progress": ["YYYYY", "...Y.", "YY.Y.", "...Y."],
  "task:reopen": ["YYYYY", "YYYYY", "YY...", "....."],
  "task:cancel": ["YYYYY", "YYYYY", ".....", "....."],
  "extension:request": ["YYYYY", ".....", "YY.Y.", "...Y."],
  "extension:decide": ["YYYYY", "YYYYY", ".....", "....."],
  "goal:manage": ["YYYYY", "YYYYY", ".....", "....."],
  "settings:manage": ["YYYYY", ".....", ".....", "....."],
  "outbox:manage": ["YYYYY", ".....", ".....", "....."],
  "token:manage": ["...Y.", "...Y.", "...Y.", "...Y."],
};
const ROLE_ORDER: Role[] = ["admin", "committee", "head", "staff"];

describe("the permission matrix, row by row", () => {
  it("has a reviewed row for every action and no row for an action that does not exist", () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of Object.keys(MATRIX) as Action[]) {
    it(action, () => {
      const got = ROLE_ORDER.map((role) =>
        resources(PEOPLE[role])
          .map((r) => (can(PEOPLE[role], action, r) ? "Y" : "."))
          .join(""),
      );
      expect(Object.fromEntries(ROLE_ORDER.map((role, i) => [role, got[i]]))).toEqual(
        Object.fromEntries(ROLE_ORDER.map((role, i) => [role, MATRIX[action][i]])),
      );
    });
  }

  it("refuses everything to a deactivated account and to nobody", () => {
    for (const action of ACTIONS) {
      expect(can({ ...PEOPLE.admin, active: false }, action, resources(PEOPLE.admin)[0])).toBe(false);
      expect(can(null, action, resources(PEOPLE.admin)[0])).toBe(false);
    }
  });

  it("never lets whoever asked for an extension decide it, whatever their role", () => {
    for (const role of ["admin", "committee"] as const) {
      const person = PEOPLE[role];
      expect(can(person, "extension:decide", { ...resources(person)[0], requestedBy: person.id })).toBe(false);
      expect(can(person, "extension:decide", { ...resources(person)[0], requestedBy: 42 })).toBe(true);
    }
  });

  it("lets a head hand out and manage only head and staff accounts, and move them only within their department", () => {
    const head = PEOPLE.head;
    const inDept: Resource = { unitId: DIV, unitPath: PATHS[DIV], userId: 999 };
    expect(can(head, "user:create", { ...inDept, newRole: "staff" })).toBe(true);
    expect(can(head, "user:create", { ...inDept, newRole: "committee" })).toBe(false);
    expect(can(head, "user:manage", { ...inDept, role: "admin" })).toBe(false);
    expect(can(head, "user:manage", { ...inDept, role: "staff", newUnitPath: PATHS[DEPT] })).toBe(true);
    expect(can(head, "user:manage", { ...inDept, role: "staff", newUnitPath: PATHS[OTHER] })).toBe(false);
  });
});
