/** A user's admin page as one view model: the user, what this admin may change, the choices the edit form offers, and the change history. */
import { ROLES, can, type Actor, type Role } from "~/auth/policy";
import type { Db } from "~/db.server";
import { parseAuditData, referencedUnitIds } from "~/domain/audit-data";
import { listAuditEvents } from "./audit.server";
import { getUnit, unitAncestors, unitOptions } from "./unit.server";
import { getUserById, userResource, type UserRow } from "./user.server";

const HISTORY_SIZE = 20;

/** The user as the page shows them (also what a conflicting save answers with). */
export function userSnapshot(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    unitId: u.unitId,
    unitName: u.unitName,
    unitActive: u.unitActive,
    active: u.active,
    language: u.language,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    version: u.version,
  };
}
export type UserSnapshot = ReturnType<typeof userSnapshot>;

/** The units this admin may put the user in; a user of a closed unit keeps it until moved, so saving other fields does not fail. */
async function unitChoicesFor(db: Db, actor: Actor, target: UserRow) {
  const units = await unitOptions(db, actor.role === "admin" ? {} : { withinUnitId: actor.unitId });
  const choices = units.map((u) => ({ id: u.id, name: u.name, depth: u.depth, closed: false }));
  if (!choices.some((u) => u.id === target.unitId)) choices.unshift({ id: target.unitId, name: target.unitName, depth: 0, closed: true });
  return choices;
}

async function namesOfUnits(db: Db, ids: number[]) {
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) {
    const unit = await getUnit(db, id);
    if (unit) names[String(id)] = unit.name;
  }
  return names;
}

/** The user's latest audit events, with the names of the units they mention. */
async function historyOf(db: Db, target: UserRow) {
  const events = await listAuditEvents(db, { entityType: "user", entityId: String(target.id), limit: HISTORY_SIZE, offset: 0 });
  const items = events.items.map((e) => ({
    id: e.id,
    occurredAt: e.occurredAt,
    action: e.action,
    actorName: e.actorName,
    data: parseAuditData(e.data),
  }));
  const unitNames = await namesOfUnits(
    db,
    items.flatMap((e) => referencedUnitIds(e.data)),
  );
  return { history: { total: events.total, items }, unitNames };
}

/** The page's data, or undefined when there is no such user. */
export async function userAdminView(db: Db, actor: Actor, id: number) {
  const target = await getUserById(db, id);
  if (!target) return undefined;
  const canManage = can(actor, "user:manage", await userResource(db, target));
  const roles: readonly Role[] = actor.role === "admin" ? ROLES : ["head", "staff"];
  // The change history is part of the audit log, which only the secretariat reads.
  const { history, unitNames } = can(actor, "audit:read") ? await historyOf(db, target) : { history: null, unitNames: {} };
  return {
    target: userSnapshot(target),
    trail: (await unitAncestors(db, target.unitId)).map((u) => u.name),
    isSelf: target.id === actor.id,
    canManage,
    roles,
    units: canManage ? await unitChoicesFor(db, actor, target) : [],
    history,
    unitNames,
  };
}
