import { describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, ROLES, can, type Actor, type Reach, type Resource, type Role } from "./policy";

// A small unit tree: city 1 → department 10 → division 11; another department 20.
const CITY = 1,
  DEPT = 10,
  DIV = 11,
  OTHER = 20;
const paths: Record<number, number[]> = { [CITY]: [CITY], [DEPT]: [DEPT, CITY], [DIV]: [DIV, DEPT, CITY], [OTHER]: [OTHER, CITY] };

const actors: Record<Role, Actor> = {
  admin: { id: 1, role: "admin", unitId: CITY, active: true },
  committee: { id: 2, role: "committee", unitId: CITY, active: true },
  head: { id: 3, role: "head", unitId: DEPT, active: true },
  staff: { id: 4, role: "staff", unitId: DIV, active: true },
};

/** The scopes a resource can stand in, relative to the actor. */
const SCOPES = ["own-unit", "sub-unit", "other-unit", "own-record", "others-record"] as const;
type Scope = (typeof SCOPES)[number];

function resourceFor(actor: Actor, scope: Scope): Resource {
  switch (scope) {
    case "own-unit":
      return { unitId: actor.unitId, unitPath: paths[actor.unitId], userId: 999 };
    case "sub-unit": {
      const sub = actor.unitId === DEPT ? DIV : actor.unitId === CITY ? DEPT : undefined;
      return sub ? { unitId: sub, unitPath: paths[sub], userId: 999 } : { unitId: OTHER, unitPath: paths[OTHER], userId: 999 };
    }
    case "other-unit":
      return { unitId: OTHER, unitPath: paths[OTHER], userId: 999 };
    case "own-record":
      return { userId: actor.id, unitId: OTHER, unitPath: paths[OTHER] };
    case "others-record":
      return { userId: 999, unitId: OTHER, unitPath: paths[OTHER] };
  }
}

/** What a reach promises for a scope — the meaning of the matrix, written independently of `can`. */
function expected(reach: Reach, actor: Actor, scope: Scope): boolean {
  const r = resourceFor(actor, scope);
  const inSubtree = r.unitPath?.includes(actor.unitId) ?? false;
  switch (reach) {
    case "any":
      return true;
    case "none":
      return false;
    case "own":
      return r.userId === actor.id;
    case "subtree":
      return inSubtree;
    case "below":
      return inSubtree && r.unitId !== actor.unitId;
    case "own+subtree":
      return r.userId === actor.id || inSubtree;
  }
}

describe("the permission matrix", () => {
  it("has a row for every role in every action", () => {
    for (const action of ACTIONS) {
      expect(Object.keys(PERMISSIONS[action]).sort(), action).toEqual([...ROLES].sort());
    }
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const reach = PERMISSIONS[action][role];
        it(`${role} × ${action} × ${scope} → ${reach}`, () => {
          const actor = actors[role];
          const resource = resourceFor(actor, scope);
          let want = expected(reach, actor, scope);
          // The extra rules the policy adds on top of reach.
          if (action === "user:manage" && resource.userId === actor.id) want = false;
          expect(can(actor, action, resource)).toBe(want);
        });
      }
    }
  }
});

describe("rules beyond reach", () => {
  it("refuses an inactive or missing actor everything", () => {
    for (const action of ACTIONS) {
      expect(can({ ...actors.admin, active: false }, action, {})).toBe(false);
      expect(can(null, action, {})).toBe(false);
    }
  });
  it("a head never creates or manages committee or admin accounts", () => {
    const head = actors.head;
    const own = { unitId: DIV, unitPath: paths[DIV] };
    expect(can(head, "user:create", { ...own, newRole: "staff" })).toBe(true);
    expect(can(head, "user:create", { ...own, newRole: "committee" })).toBe(false);
    expect(can(head, "user:manage", { ...own, userId: 50, role: "admin" })).toBe(false);
    expect(can(head, "user:manage", { ...own, userId: 50, role: "staff", newRole: "admin" })).toBe(false);
  });
  it("a move must be allowed at the destination too", () => {
    const head = actors.head;
    expect(can(head, "unit:update", { unitId: DIV, unitPath: paths[DIV], newUnitPath: paths[DEPT] })).toBe(true);
    expect(can(head, "unit:update", { unitId: DIV, unitPath: paths[DIV], newUnitPath: paths[OTHER] })).toBe(false);
  });
  it("nobody deactivates themselves through the admin pages", () => {
    expect(can(actors.admin, "user:manage", { userId: actors.admin.id, unitPath: paths[CITY] })).toBe(false);
  });
});
