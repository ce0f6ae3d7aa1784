/**
 * The server half of the task form: what its pickers offer to this user, its values for an existing
 * task, and reading a submitted form into the model's input.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { can } from "~/auth/policy";
import { notFound, toActor, type CurrentUser } from "~/auth/request.server";
import { db } from "~/db.server";
import { formatDate } from "~/i18n/format";
import { TaskFieldsSchema, type TaskFields } from "~/domain/task-schema";
import { ownerChoice, taskFormChoices, taskReferenceNames, type TaskView } from "~/models/task.server";
import { subtreeIds, unitOptions } from "~/models/unit.server";
import type { TaskFormChoices, TaskFormShape, UnitChoice } from "./task-form";

/** Ids are positive integers that fit the column; anything else is a page that does not exist. */
export function parseId(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) notFound();
  return id;
}

/**
 * The pickers' options. Everyone with "any" reach picks among all units and people; a head only within
 * their own unit and the units below it (the policy's subtree reach). `keep` adds the task's current
 * owner and coordinating units when they are no longer active, so the form shows what is stored.
 */
export async function loadTaskFormChoices(
  user: CurrentUser,
  keep?: { ownerId?: number | null; coordinatingUnitIds?: number[]; leadUnitId?: number | null },
): Promise<TaskFormChoices> {
  const actor = toActor(user);
  const everywhere = can(actor, "task:create", { unitPath: [] }) || can(actor, "task:update", { unitPath: [] });
  const [allUnits, raw] = await Promise.all([unitOptions(db()), taskFormChoices(db())]);
  const leadUnits = everywhere ? allUnits : await unitOptions(db(), { withinUnitId: user.unitId });
  const within = everywhere ? null : new Set(await subtreeIds(db(), user.unitId));
  const owners: TaskFormChoices["owners"] = raw.owners.filter((o) => !within || within.has(o.unitId));
  const units: UnitChoice[] = allUnits.map((u) => ({ ...u }));
  const lead: UnitChoice[] = leadUnits.map((u) => ({ ...u }));

  const missingOwner = keep?.ownerId && !owners.some((o) => o.id === keep.ownerId) ? keep.ownerId : null;
  const missingUnits = (keep?.coordinatingUnitIds ?? []).filter((id) => !units.some((u) => u.id === id));
  const missingLead = keep?.leadUnitId && !lead.some((u) => u.id === keep.leadUnitId) ? keep.leadUnitId : null;
  if (missingOwner || missingUnits.length || missingLead) {
    const names = await taskReferenceNames(db(), { unitIds: [...missingUnits, ...(missingLead ? [missingLead] : [])] });
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
      const person = await ownerChoice(db(), missingOwner);
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

/** A task's current values as the form shows them (dates as dd/mm/yyyy). */
export function taskFormValues(task: TaskView, timeZone: string): Partial<TaskFormShape> {
  const date = (d: string | null) => (d ? formatDate(d, timeZone) : "");
  return {
    title: task.title,
    description: task.description ?? "",
    ownerId: task.ownerId ? String(task.ownerId) : "",
    leadUnitId: task.leadUnitId ? String(task.leadUnitId) : "",
    coordinatingUnitIds: task.coordinatingUnitIds.map(String),
    deadline: date(task.deadline),
    startDate: date(task.startDate),
    deliverable: task.deliverable ?? "",
    programs: task.programs,
    goalId: task.goalId ? String(task.goalId) : "",
    priority: task.priority,
    sourceDocNumber: task.sourceDocNumber ?? "",
    sourceDocDate: date(task.sourceDocDate),
    sourceDocIssuer: task.sourceDocIssuer ?? "",
  };
}

/** Fields that an edit may empty; the model keeps a field it is not given, so an emptied one is sent as null. */
const CLEARABLE = [
  "description",
  "ownerId",
  "leadUnitId",
  "deadline",
  "startDate",
  "deliverable",
  "goalId",
  "sourceDocNumber",
  "sourceDocDate",
  "sourceDocIssuer",
] as const;

/** Reads the task fields of a submitted form (unknown fields are dropped by the schema). */
export function readTaskFields(formData: FormData, options: { clearEmpty: boolean }) {
  const submission = parseWithZod(formData, { schema: TaskFieldsSchema });
  if (submission.status !== "success") return { submission, fields: null };
  const fields: Partial<TaskFields> = { ...submission.value };
  if (options.clearEmpty) {
    const blank = (name: string) => formData.has(name) && formData.getAll(name).every((v) => typeof v === "string" && v.trim() === "");
    for (const name of CLEARABLE) {
      if (blank(name)) (fields as Record<string, unknown>)[name] = null;
    }
    // An emptied title is passed on as empty, so the 5-rõ gate names it instead of the old one staying.
    if (blank("title")) fields.title = "";
  }
  return { submission, fields };
}
