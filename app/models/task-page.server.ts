/** The task page's view model: the task with the names it shows, its timeline, sub-tasks and the forms this user sees. */
import type { Actor } from "~/auth/policy";
import type { Db } from "~/db.server";
import { historyReferences } from "~/domain/task-history";
import { canTransition, isOpen, missingFiveClear } from "~/domain/task-rules";
import { childSummary, getTask, getTaskTimeline, listTasks, taskPermissions, taskReferenceNames, type TaskView } from "./task.server";

const CHILDREN_SHOWN = 500;

/** Which forms this user sees, given the policy and where the task is in its life. */
async function availableActions(db: Db, actor: Actor, task: TaskView, pending: { requestedBy: number } | null, today: string) {
  const p = await taskPermissions(db, actor, task, pending);
  const hasPending = pending !== null;
  const open = isOpen(task.status);
  return {
    edit: p.update && task.status !== "cancelled",
    progress: p.progress && open,
    reopen: p.reopen && task.status === "done",
    cancel: p.cancel && canTransition(task.status, "cancelled"),
    requestExtension: p.requestExtension && open && !hasPending && task.deadline !== null && today <= task.deadline,
    // The requester of the pending extension never decides it (the policy says no).
    decideExtension: p.decideExtension,
  };
}

export type TaskPageData = NonNullable<Awaited<ReturnType<typeof taskPage>>>;

export async function taskPage(db: Db, actor: Actor, id: number, today: string) {
  const task = await getTask(db, id, today);
  if (!task) return undefined;
  const [timeline, children] = await Promise.all([
    getTaskTimeline(db, task.id),
    listTasks(db, { parentId: task.id, limit: CHILDREN_SHOWN, offset: 0, sort: "deadline" }, today),
  ]);
  const pending = timeline.extensions.find((e) => e.status === "pending") ?? null;
  const refs = historyReferences(timeline.history);
  const names = await taskReferenceNames(db, {
    unitIds: [...refs.unitIds, ...task.coordinatingUnitIds, ...(task.leadUnitId ? [task.leadUnitId] : [])],
    userIds: refs.userIds,
    goalIds: [...refs.goalIds, ...(task.goalId ? [task.goalId] : [])],
    taskIds: [...refs.taskIds, ...(task.parentId ? [task.parentId] : [])],
  });
  return {
    task: {
      id: task.id,
      title: task.title,
      description: task.description,
      ownerId: task.ownerId,
      ownerName: task.ownerName,
      ownerActive: task.ownerActive,
      leadUnitId: task.leadUnitId,
      leadUnitName: task.leadUnitName,
      leadUnitClosed: task.leadUnitId ? names.closedUnitIds.includes(task.leadUnitId) : false,
      coordinatingUnits: task.coordinatingUnitIds.map((id) => ({
        id,
        name: names.units[String(id)] ?? `#${id}`,
        closed: names.closedUnitIds.includes(id),
      })),
      startDate: task.startDate,
      deadline: task.deadline,
      originalDeadline: task.originalDeadline,
      extensionCount: task.extensionCount,
      deliverable: task.deliverable,
      programs: task.programs,
      goal: task.goalId ? { id: task.goalId, title: names.goals[String(task.goalId)] ?? `#${task.goalId}` } : null,
      parent: task.parentId ? { id: task.parentId, title: names.tasks[String(task.parentId)] ?? `#${task.parentId}` } : null,
      priority: task.priority,
      status: task.status,
      standing: task.standing,
      progress: task.progress,
      issuedAt: task.issuedAt,
      completedAt: task.completedAt,
      completedOn: task.completedOn,
      cancelReason: task.cancelReason,
      sourceDocNumber: task.sourceDocNumber,
      sourceDocDate: task.sourceDocDate,
      sourceDocIssuer: task.sourceDocIssuer,
      version: task.version,
    },
    missing: task.status === "draft" ? missingFiveClear(task) : [],
    actions: await availableActions(db, actor, task, pending, today),
    pending,
    children:
      children.total > 0
        ? {
            total: children.total,
            summary: await childSummary(db, task.id, today),
            items: children.items.map((c) => ({
              id: c.id,
              title: c.title,
              leadUnitName: c.leadUnitName,
              ownerName: c.ownerName,
              deadline: c.deadline,
              status: c.status,
              standing: c.standing,
              progress: c.progress,
            })),
          }
        : null,
    timeline: { updates: timeline.updates, evidence: timeline.evidence, extensions: timeline.extensions },
    history: timeline.history.map((h) => ({ id: h.id, occurredAt: h.occurredAt, action: h.action, data: h.data, actorName: h.actorName })),
    names: { units: names.units, users: names.users, goals: names.goals, tasks: names.tasks },
  };
}
