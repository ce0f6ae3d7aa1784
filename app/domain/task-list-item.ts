import type { Standing, TaskStatus } from "./task-rules";

/** Only what a list shows: never the whole task row. */
export interface TaskListItem {
  id: number;
  title: string;
  leadUnitId: number | null;
  leadUnitName: string | null;
  ownerName: string | null;
  ownerActive: boolean | null;
  deadline: string | null;
  originalDeadline: string | null;
  extensionCount: number;
  status: TaskStatus;
  standing: Standing | null;
  progress: number;
  programs: string[];
}

export function toTaskListItem(t: TaskListItem): TaskListItem {
  return {
    id: t.id,
    title: t.title,
    leadUnitId: t.leadUnitId,
    leadUnitName: t.leadUnitName,
    ownerName: t.ownerName,
    ownerActive: t.ownerActive,
    deadline: t.deadline,
    originalDeadline: t.originalDeadline,
    extensionCount: t.extensionCount,
    status: t.status,
    standing: t.standing,
    progress: t.progress,
    programs: t.programs,
  };
}
