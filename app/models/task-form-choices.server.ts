/** What the task form's pickers offer to this user (a query for the new, edit and cascade pages). */
import { can, type Actor } from "~/auth/policy";
import type { Db } from "~/db.server";
import type { TaskFormChoices, UnitChoice } from "~/domain/choices";
import { ownerChoice, taskFormChoices, taskReferenceNames, unitHeads } from "./task.server";
import { subtreeIds, unitOptions } from "./unit.server";

/**
 * The pickers' options. Everyone with "any" reach picks among all units and people; a head only within
 * their own unit and the units below it (the policy's subtree reach). `keep` adds the task's current
 * owner and coordinating units when they are no longer active, so the form shows what is stored.
 */
export async function loadTaskFormChoices(
  db: Db,
  actor: Actor,
  keep?: { ownerId?: number | null; coordinatingUnitIds?: number[]; leadUnitId?: number | null },
): Promise<TaskFormChoices> {
  const everywhere = can(actor, "task:create", { unitPath: [] }) || can(actor, "task:update", { unitPath: [] });
  const [allUnits, raw] = await Promise.all([unitOptions(db), taskFormChoices(db)]);
  const leadUnits = everywhere ? allUnits : await unitOptions(db, { withinUnitId: actor.unitId });
  const within = everywhere ? null : new Set(await subtreeIds(db, actor.unitId));
  const owners: TaskFormChoices["owners"] = raw.owners.filter((o) => !within || within.has(o.unitId));
  const units: UnitChoice[] = allUnits.map((u) => ({ ...u }));
  const lead: UnitChoice[] = leadUnits.map((u) => ({ ...u }));

  const missingOwner = keep?.ownerId && !owners.some((o) => o.id === keep.ownerId) ? keep.ownerId : null;
  const missingUnits = (keep?.coordinatingUnitIds ?? []).filter((id) => !units.some((u) => u.id === id));
  const missingLead = keep?.leadUnitId && !lead.some((u) => u.id === keep.leadUnitId) ? keep.leadUnitId : null;
  if (missingOwner || missingUnits.length || missingLead) {
    const names = await taskReferenceNames(db, { unitIds: [...missingUnits, ...(missingLead ? [missingLead] : [])] });
    for (const id of missingUnits)
      if (names.units[String(id)]) units.push({ id, name: names.units[String(id)], code: "", kind: "division", depth: 0, closed: true });
    if (missingLead && names.units[String(missingLead)]) {
      lead.unshift({
        id: missingLead,
        name: names.units[String(missingLead)],
        code: "",
        kind: "division",
        depth: 0,
        closed: names.closedUnitIds.includes(missingLead),
      });
    }
    if (missingOwner) {
      const person = await ownerChoice(db, missingOwner);
      if (person) {
        owners.push({ id: person.id, fullName: person.fullName, unitId: person.unitId, role: person.role, inactive: person.active !== 1 });
        if (!units.some((u) => u.id === person.unitId)) {
          units.push({ id: person.unitId, name: person.unitName, code: "", kind: "division", depth: 0, closed: person.unitActive !== 1 });
        }
      }
    }
  }
  return {
    leadUnits: lead,
    allUnits: units,
    owners,
    unitParents: Object.fromEntries(raw.unitParents.map((u) => [String(u.id), u.parentId])),
    goals: raw.goals,
  };
}

/**
 * The cascade's quick pickers: every ward and commune (or every department) this user may cascade to,
 * that has a head to own the child task. The city itself, and a head's own unit, are never receivers.
 */
export async function quickPickUnitIds(db: Db, actor: Actor, group: "wards" | "departments" | "other"): Promise<number[]> {
  const everywhere = can(actor, "task:cascade", { unitPath: [] });
  const choices = await loadTaskFormChoices(db, actor);
  const picked = choices.leadUnits
    .filter((u) => u.kind !== "city" && (everywhere || u.id !== actor.unitId))
    .filter((u) =>
      group === "wards" ? u.kind === "ward" || u.kind === "commune" : group === "departments" ? u.kind === "department" : false,
    );
  const withHead = await unitHeads(
    db,
    picked.map((u) => u.id),
  );
  return picked.filter((u) => withHead.has(u.id)).map((u) => u.id);
}
