/** A unit's admin page as one view model: the unit, where it sits, what this user may do with it, and its members. */
import { can, type Actor } from "~/auth/policy";
import type { Db } from "~/db.server";
import { getUnit, subtreeIds, unitAncestors, unitOptions, unitPath, type UnitRow } from "./unit.server";
import { listUsers } from "./user.server";

const MEMBERS_SHOWN = 200;

/** What the edit form shows: the unit as stored now (also what a conflicting save answers with). */
export function unitSnapshot(unit: UnitRow) {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    active: unit.active,
    closedAt: unit.closedAt,
    createdAt: unit.createdAt,
    version: unit.version,
  };
}
export type UnitSnapshot = ReturnType<typeof unitSnapshot>;

interface ParentOption {
  id: number;
  name: string;
  code: string;
  depth: number;
  closed?: boolean;
}

/** Where the unit may move: not into itself or below, and only within the actor's reach. */
async function parentOptionsFor(db: Db, actor: Actor, unit: UnitRow, allowTopLevel: boolean): Promise<ParentOption[]> {
  const below = new Set(await subtreeIds(db, unit.id));
  const options = await unitOptions(db, allowTopLevel ? {} : { withinUnitId: actor.unitId });
  const parents: ParentOption[] = options
    .filter((o) => !below.has(o.id))
    .map((o) => ({ id: o.id, name: o.name, code: o.code, depth: o.depth }));
  // A closed parent is no longer offered, but the current one must stay selectable or a rename would move the unit.
  if (unit.parentId !== null && !parents.some((o) => o.id === unit.parentId)) {
    const parent = await getUnit(db, unit.parentId);
    if (parent) parents.unshift({ id: parent.id, name: parent.name, code: parent.code, depth: 0, closed: !parent.active });
  }
  return parents;
}

/** The page's data, or undefined when there is no such unit. */
export async function unitAdminView(db: Db, actor: Actor, id: number) {
  const unit = await getUnit(db, id);
  if (!unit) return undefined;
  const path = await unitPath(db, id);
  const canUpdate = can(actor, "unit:update", { unitPath: path, unitId: unit.id });
  const canAddChild = unit.active && can(actor, "unit:create", { unitPath: path, unitId: unit.id });
  // Top level is a destination only for those whose reach is everywhere (the secretariat).
  const allowTopLevel = canUpdate && can(actor, "unit:update", { unitPath: path, unitId: unit.id, newUnitPath: [] });
  const parentOptions = canUpdate ? await parentOptionsFor(db, actor, unit, allowTopLevel) : [];
  const members = await listUsers(db, { unitIds: [unit.id], active: true, limit: MEMBERS_SHOWN, offset: 0 });
  return {
    unit: unitSnapshot(unit),
    ancestors: await unitAncestors(db, unit.id),
    canUpdate,
    canAddChild,
    allowTopLevel,
    parentOptions,
    members: {
      total: members.total,
      items: members.items.map((m) => ({ id: m.id, fullName: m.fullName, email: m.email, role: m.role })),
    },
  };
}

export type UnitAdminView = NonNullable<Awaited<ReturnType<typeof unitAdminView>>>;
