/** The goal page's view model: the goal as its forms show it, its readings, its linked tasks and what this user may change. */
import { can, type Actor } from "~/auth/policy";
import type { Db } from "~/db.server";
import { toTaskListItem } from "~/domain/task-list-item";
import { STANDINGS, type Standing } from "~/domain/task-rules";
import { getGoal, goalTasksHref, listGoalReadings, type GoalRow } from "./goal.server";
import { listTasks } from "./task.server";
import { unitOptions } from "./unit.server";

const TASKS_SHOWN = 50;

/** The goal as the page and its edit form show it (also what a stale edit is answered with). */
export function goalSnapshot(g: GoalRow) {
  return {
    id: g.id,
    programCode: g.programCode,
    title: g.title,
    description: g.description,
    leadUnitId: g.leadUnitId,
    leadUnitName: g.leadUnitName,
    dueDate: g.dueDate,
    indicatorName: g.indicatorName,
    indicatorUnit: g.indicatorUnit,
    indicatorTarget: g.indicatorTarget,
    indicatorBaseline: g.indicatorBaseline,
    updatedAt: g.updatedAt,
    version: g.version,
  };
}
export type GoalSnapshot = ReturnType<typeof goalSnapshot>;

/** Linked tasks counted by standing, one count query each (the list each count links to has that total). */
async function standingCounts(db: Db, goalId: number, today: string): Promise<Record<Standing, number>> {
  const counts = await Promise.all(
    STANDINGS.map(async (standing) => [standing, (await listTasks(db, { goalId, standing, limit: 0, offset: 0 }, today)).total] as const),
  );
  return Object.fromEntries(counts) as Record<Standing, number>;
}

export type GoalPageData = NonNullable<Awaited<ReturnType<typeof goalPageView>>>;

/** Undefined when there is no such goal. */
export async function goalPageView(db: Db, actor: Actor, id: number, today: string) {
  const goal = await getGoal(db, id);
  if (!goal) return undefined;
  const canManage = can(actor, "goal:manage");
  const [readings, tasks, counts, units] = await Promise.all([
    listGoalReadings(db, id),
    listTasks(db, { goalId: id, sort: "deadline", limit: TASKS_SHOWN, offset: 0 }, today),
    standingCounts(db, id, today),
    canManage ? unitOptions(db) : Promise.resolve([]),
  ]);
  return {
    goal: goalSnapshot(goal),
    readings: readings.map((r) => ({ id: r.id, value: r.value, asOf: r.asOf, note: r.note, recordedByName: r.recordedByName })),
    tasks: { total: tasks.total, items: tasks.items.map(toTaskListItem) },
    counts,
    tasksHref: `/tasks?goal=${id}`,
    issuedHref: goalTasksHref(id),
    canManage,
    today,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
  };
}
