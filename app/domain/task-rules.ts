/**
 * The rules of a task: the 5-rõ gate, status transitions, deadline standing, extensions.
 * Pure: no database, no clock — `today` (YYYY-MM-DD in APP_TZ) is passed in.
 */
import { addDays } from "./dates";

export const TASK_STATUSES = ["draft", "not_started", "in_progress", "done", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const OPEN_STATUSES: readonly TaskStatus[] = ["not_started", "in_progress"];

export const TASK_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const STANDINGS = ["on_track", "due_soon", "overdue", "done_on_time", "done_late"] as const;
export type Standing = (typeof STANDINGS)[number];

/** "Sắp đến hạn": not done and the deadline within this many days (the deadline day included). */
export const DUE_SOON_DAYS = 7;

export const PROGRAM_CODES = ["CCHC", "CDS", "DA06"] as const;
export type ProgramCode = (typeof PROGRAM_CODES)[number];

/** The five required items, by the field that carries each. */
export const FIVE_CLEAR_FIELDS = ["title", "ownerId", "deadline", "leadUnitId", "deliverable"] as const;
export type FiveClearField = (typeof FIVE_CLEAR_FIELDS)[number];

export interface FiveClearInput {
  title?: string | null;
  ownerId?: number | null;
  deadline?: string | null;
  leadUnitId?: number | null;
  deliverable?: string | null;
}

/** Which of the five are missing; an empty list means the task may be issued (ownership checked apart). */
export function missingFiveClear(task: FiveClearInput): FiveClearField[] {
  const missing: FiveClearField[] = [];
  if (!task.title?.trim()) missing.push("title");
  if (!task.ownerId) missing.push("ownerId");
  if (!task.deadline) missing.push("deadline");
  if (!task.leadUnitId) missing.push("leadUnitId");
  if (!task.deliverable?.trim()) missing.push("deliverable");
  return missing;
}

/** The owner must belong to the lead unit or a unit below it (ownerUnitPath: the owner's unit and its ancestors). */
export function ownerBelongsToLeadUnit(ownerUnitPath: readonly number[], leadUnitId: number): boolean {
  return ownerUnitPath.includes(leadUnitId);
}

const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  draft: ["not_started", "cancelled"],
  not_started: ["in_progress", "done", "cancelled"],
  in_progress: ["done", "cancelled"],
  done: ["in_progress"], // reopened, with a reason
  cancelled: [],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isOpen(status: TaskStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export interface StandingInput {
  status: TaskStatus;
  deadline: string | null;
  completedOn: string | null;
}

/**
 * Where a task stands on `today`: null for drafts and cancelled tasks (they are not judged).
 * Done on time = completed on or before the deadline in force; the deadline day itself is not overdue.
 */
export function standing(task: StandingInput, today: string): Standing | null {
  if (task.status === "draft" || task.status === "cancelled" || !task.deadline) return null;
  if (task.status === "done") {
    return task.completedOn && task.completedOn <= task.deadline ? "done_on_time" : "done_late";
  }
  if (task.deadline < today) return "overdue";
  if (task.deadline <= addDays(today, DUE_SOON_DAYS)) return "due_soon";
  return "on_track";
}

export type ExtensionProblem = "extension.notOpen" | "extension.afterDeadline" | "extension.notLater" | "extension.pendingExists";

/** Whether an extension may be requested now: open task, before its deadline passes, a later date, none pending. */
export function extensionRequestProblem(
  task: { status: TaskStatus; deadline: string | null },
  requestedDeadline: string,
  today: string,
  hasPending: boolean,
): ExtensionProblem | null {
  if (!isOpen(task.status) || !task.deadline) return "extension.notOpen";
  if (hasPending) return "extension.pendingExists";
  if (today > task.deadline) return "extension.afterDeadline";
  if (requestedDeadline <= task.deadline) return "extension.notLater";
  return null;
}
