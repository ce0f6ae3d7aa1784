/**
 * The one permission policy. Every loader, action and "show this button?" asks `can`.
 * The matrix is data so that tests can enumerate it: a role × action pair without a row fails the suite.
 * Pure: the caller supplies the unit ancestry of the resource (ids from the root down to the unit).
 */

export const ROLES = ["admin", "committee", "head", "staff"] as const;
export type Role = (typeof ROLES)[number];

/**
 * How far a role's permission reaches for an action:
 * - any: every resource;
 * - subtree: resources of the user's own unit or a unit below it;
 * - below: resources of a unit strictly below the user's own unit;
 * - own: the user's own record (for a task: the user is its owner);
 * - own+subtree: either of the two;
 * - none: never.
 */
export type Reach = "any" | "subtree" | "below" | "own" | "own+subtree" | "none";

export const PERMISSIONS = {
  /** See the administration section at all. */
  "admin:access": { admin: "any", committee: "none", head: "any", staff: "none" },
  "unit:read": { admin: "any", committee: "any", head: "any", staff: "any" },
  /** Create a unit under the given parent. */
  "unit:create": { admin: "any", committee: "none", head: "subtree", staff: "none" },
  /** Rename, move, close or reopen the unit. */
  "unit:update": { admin: "any", committee: "none", head: "below", staff: "none" },
  "user:list": { admin: "any", committee: "any", head: "any", staff: "none" },
  /** Create a user in the given unit with the given role. */
  "user:create": { admin: "any", committee: "none", head: "subtree", staff: "none" },
  /** Change role or unit, deactivate/reactivate, reset the password of another user. */
  "user:manage": { admin: "any", committee: "none", head: "subtree", staff: "none" },
  /** Change one's own password, language and sessions. */
  "account:update": { admin: "own", committee: "own", head: "own", staff: "own" },
  "audit:read": { admin: "any", committee: "none", head: "none", staff: "none" },
  /** Tasks and goals are readable by everyone signed in; rollups too. */
  "task:read": { admin: "any", committee: "any", head: "any", staff: "any" },
  /** Create (draft or issued) a task led by the given unit. */
  "task:create": { admin: "any", committee: "any", head: "subtree", staff: "none" },
  /** Edit a task's fields and issue a draft (lead unit = the resource's unit). */
  "task:update": { admin: "any", committee: "any", head: "subtree", staff: "none" },
  /** Issue one directive to many units at once. */
  "task:cascade": { admin: "any", committee: "any", head: "subtree", staff: "none" },
  /** Post progress and evidence, mark done (committee members own a few tasks of their own: they report on those). */
  "task:progress": { admin: "any", committee: "own", head: "own+subtree", staff: "own" },
  "task:reopen": { admin: "any", committee: "any", head: "subtree", staff: "none" },
  "task:cancel": { admin: "any", committee: "any", head: "none", staff: "none" },
  "extension:request": { admin: "any", committee: "none", head: "own+subtree", staff: "own" },
  "extension:decide": { admin: "any", committee: "any", head: "none", staff: "none" },
  "goal:manage": { admin: "any", committee: "any", head: "none", staff: "none" },
  /** Edit the reminder schedule (and see the reminder job's runs). */
  "settings:manage": { admin: "any", committee: "none", head: "none", staff: "none" },
  /** Read the e-mail outbox (bodies included) and retry an e-mail. */
  "outbox:manage": { admin: "any", committee: "none", head: "none", staff: "none" },
  /** Personal API tokens. */
  "token:manage": { admin: "own", committee: "own", head: "own", staff: "own" },
} as const satisfies Record<string, Record<Role, Reach>>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/**
 * Separation of duties, as data: for these actions the person who made the request (the resource's
 * `requestedBy`) never decides it, whatever their role — an admin who asks for an extension cannot
 * approve it. Without `requestedBy` (e.g. "may this role decide extensions at all?", for a menu) only the
 * matrix answers; every decision about a specific request passes its requester.
 */
export const NOT_BY_REQUESTER: Partial<Record<Action, true>> = { "extension:decide": true };

export interface Actor {
  id: number;
  role: Role;
  unitId: number;
  active: boolean;
}

export interface Resource {
  /** Ids of the resource's unit and all its ancestors (any order). */
  unitPath?: readonly number[];
  /** The unit itself (for a unit, its id; for a user, their unit). */
  unitId?: number;
  /** For a user record: whose it is. */
  userId?: number;
  /** For a user record: the role it has now. */
  role?: Role;
  /** For creating or changing a user: the role it would get. */
  newRole?: Role;
  /** For moving a user or unit: the ancestry of the destination. */
  newUnitPath?: readonly number[];
  /** For deciding a request (an extension): who made it. */
  requestedBy?: number;
}

/** Roles a unit head may hand out or manage: never the committee's or the secretariat's. */
const HEAD_MANAGEABLE_ROLES: readonly Role[] = ["head", "staff"];

function reaches(
  actor: Actor,
  reach: Reach,
  unitPath: readonly number[] | undefined,
  unitId: number | undefined,
  userId: number | undefined,
) {
  switch (reach) {
    case "any":
      return true;
    case "none":
      return false;
    case "own":
      return userId !== undefined && userId === actor.id;
    case "subtree":
      return unitPath !== undefined && unitPath.includes(actor.unitId);
    case "below":
      return unitPath !== undefined && unitPath.includes(actor.unitId) && unitId !== actor.unitId;
    case "own+subtree":
      return (userId !== undefined && userId === actor.id) || (unitPath !== undefined && unitPath.includes(actor.unitId));
  }
}

export function can(actor: Actor | null | undefined, action: Action, resource: Resource = {}): boolean {
  if (!actor || !actor.active) return false;
  const reach: Reach = PERMISSIONS[action][actor.role];
  if (!reaches(actor, reach, resource.unitPath, resource.unitId, resource.userId)) return false;
  if (NOT_BY_REQUESTER[action] && resource.requestedBy !== undefined && resource.requestedBy === actor.id) return false;

  if (action === "user:create" || action === "user:manage") {
    // Nobody locks themselves out through the admin pages; their own account is under account:update.
    if (action === "user:manage" && resource.userId === actor.id) return false;
    if (actor.role === "head") {
      if (resource.role && !HEAD_MANAGEABLE_ROLES.includes(resource.role)) return false;
      if (resource.newRole && !HEAD_MANAGEABLE_ROLES.includes(resource.newRole)) return false;
    }
  }
  // A move must be allowed at the destination too.
  if (resource.newUnitPath !== undefined && reach !== "any") {
    if (!resource.newUnitPath.includes(actor.unitId)) return false;
  }
  return true;
}

export class ForbiddenError extends Error {
  constructor(public action: Action) {
    super(`Forbidden: ${action}`);
  }
}
