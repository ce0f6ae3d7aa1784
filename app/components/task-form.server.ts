/**
 * The server half of the task form: its values for an existing task, and reading a submitted form into
 * the model's input. (What its pickers offer is a query: ~/models/task-form-choices.server.)
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { TaskFieldsSchema, type TaskFields } from "~/domain/task-schema";
import { formatDate } from "~/i18n/format";
import type { TaskView } from "~/models/task.server";
import type { TaskFormShape } from "./task-form";

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
