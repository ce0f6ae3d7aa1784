/**
 * The API's JSON shapes: a task (`taskJson`, the contract of every task answer), a task with its
 * history and extensions, and an extension request.
 */
import type { Db } from "~/db.server";
import { getTask, getTaskTimeline, listExtensions, type TaskView } from "~/models/task.server";

/** A task as every API answer gives it (the OpenAPI schema `Task`). */
export function taskJson(t: TaskView) {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    ownerId: t.ownerId,
    leadUnitId: t.leadUnitId,
    coordinatingUnitIds: t.coordinatingUnitIds,
    programs: t.programs,
    goalId: t.goalId,
    parentId: t.parentId,
    deadline: t.deadline,
    originalDeadline: t.originalDeadline,
    extensionCount: t.extensionCount,
    startDate: t.startDate,
    deliverable: t.deliverable,
    priority: t.priority,
    status: t.status,
    progress: t.progress,
    completedAt: t.completedAt,
    standing: t.standing,
    sourceDocument:
      t.sourceDocNumber || t.sourceDocDate || t.sourceDocIssuer
        ? { number: t.sourceDocNumber, date: t.sourceDocDate, issuer: t.sourceDocIssuer }
        : null,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

type Timeline = Awaited<ReturnType<typeof getTaskTimeline>>;
type ExtensionRow = Timeline["extensions"][number];

export function extensionJson(e: ExtensionRow) {
  return {
    id: e.id,
    taskId: e.taskId,
    status: e.status,
    previousDeadline: e.previousDeadline,
    requestedDeadline: e.requestedDeadline,
    reason: e.reason,
    requestedAt: e.requestedAt,
    requestedByName: e.requestedByName,
    decidedAt: e.decidedAt,
    decidedByName: e.decidedByName,
    decisionNote: e.decisionNote,
  };
}

interface HistoryData {
  version?: number;
  changes?: Record<string, { before: unknown; after: unknown }>;
  note?: unknown;
  reason?: unknown;
}

function readData(raw: string): HistoryData {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as HistoryData) : {};
  } catch {
    return {};
  }
}

/** History entries oldest first: who did what, and each changed field's before and after. */
export function historyJson(history: Timeline["history"]) {
  return [...history]
    .sort((a, b) => a.id - b.id)
    .map((h) => {
      const data = readData(h.data);
      const note = typeof data.note === "string" && data.note ? data.note : typeof data.reason === "string" ? data.reason : null;
      return {
        at: h.occurredAt,
        actorId: h.actorId,
        actorName: h.actorName,
        action: h.action,
        changes: data.changes && typeof data.changes === "object" ? data.changes : {},
        note,
      };
    });
}

/** Fields changed by others since `version`, read from the task's history (for a 409). */
export function changedFieldsSince(history: Timeline["history"], version: number): string[] {
  const fields = new Set<string>();
  for (const h of history) {
    const data = readData(h.data);
    if ((data.version ?? 0) > version) for (const f of Object.keys(data.changes ?? {})) fields.add(f);
  }
  return [...fields];
}

export async function taskDetailJson(db: Db, task: TaskView) {
  const timeline = await getTaskTimeline(db, task.id);
  return {
    ...taskJson(task),
    history: historyJson(timeline.history),
    extensions: [...timeline.extensions].sort((a, b) => a.id - b.id).map(extensionJson),
  };
}

export async function getExtensionJson(db: Db, taskId: number, extensionId: number) {
  const rows = await listExtensions(db, { taskId });
  const row = rows.find((r) => r.id === extensionId);
  return row ? extensionJson(row) : null;
}

export async function getTaskJson(db: Db, id: number, today: string) {
  const task = await getTask(db, id, today);
  return task ? taskJson(task) : null;
}
