/**
 * The JSON bodies of the task API. Two layers: first the JSON types are checked strictly (an id is a
 * JSON integer, a date is "YYYY-MM-DD" — no coercion of `true` into 1), then the values go through the
 * same TaskFieldsSchema the web forms use (NFC, lengths, control characters, real calendar dates).
 * Unknown keys (role, createdBy, id, …) are dropped; they never reach the model.
 */
import { z } from "zod";
import { ROLES } from "~/auth/policy";
import { choice } from "~/domain/form-fields";
import { PROGRAM_CODES, STANDINGS, TASK_STATUSES } from "~/domain/task-rules";
import { TaskFieldsSchema, type TaskFields } from "~/domain/task-schema";
import { errorKey } from "~/i18n";
import type { FieldErrors } from "~/models/task-commands.server";
import { apiFieldErrors, hasOwn, zodFieldErrors } from "./json.server";

const MAX_ID = 2_147_483_647;
const str = () => z.string({ error: errorKey("api.expectedString") });
const int = () => z.int({ error: errorKey("api.expectedInteger") });
const bool = () => z.boolean({ error: errorKey("api.expectedBoolean") });
/** The API's date: exactly YYYY-MM-DD (the calendar check comes in the second layer). */
export const apiDate = () => str().regex(/^\d{4}-\d{2}-\d{2}$/, { error: errorKey("api.dateFormat") });
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.array(item, { error: errorKey("api.expectedArray") }).max(1000, { error: errorKey("error.tooMany", { max: 1000 }) });

const SourceDocumentBody = z.object(
  {
    number: str().nullable().optional(),
    date: apiDate().nullable().optional(),
    issuer: str().nullable().optional(),
  },
  { error: errorKey("api.expectedObject") },
);

/** The content of a task, in both POST and PATCH. */
const contentShape = {
  title: str().optional(),
  description: str().nullable().optional(),
  ownerId: int().nullable().optional(),
  leadUnitId: int().nullable().optional(),
  coordinatingUnitIds: list(int()).nullable().optional(),
  deadline: apiDate().nullable().optional(),
  startDate: apiDate().nullable().optional(),
  deliverable: str().nullable().optional(),
  programs: list(str()).nullable().optional(),
  goalId: int().nullable().optional(),
  priority: str().optional(),
  sourceDocument: SourceDocumentBody.nullable().optional(),
};
export const CONTENT_KEYS = Object.keys(contentShape) as Array<keyof typeof contentShape>;

export const TaskCreateBody = z.object({ ...contentShape, draft: bool().optional() });
export type TaskCreateBody = z.infer<typeof TaskCreateBody>;

export const TaskPatchBody = z.object({
  ...contentShape,
  version: z
    .int({ error: errorKey("api.versionRequired") })
    .min(1, { error: errorKey("api.versionRequired") })
    .max(MAX_ID, { error: errorKey("api.versionRequired") }),
  progress: z
    .int({ error: errorKey("error.progress") })
    .min(0, { error: errorKey("error.progress") })
    .max(100, { error: errorKey("error.progress") })
    .optional(),
  status: choice(TASK_STATUSES).optional(),
  note: str().nullable().optional(),
  evidenceUrl: str().nullable().optional(),
});
export type TaskPatchBody = z.infer<typeof TaskPatchBody>;

export const ExtensionRequestBody = z.object({
  deadline: apiDate(),
  reason: str(),
});

export const ExtensionDecisionBody = z.object({
  decision: str(),
  note: str().nullable().optional(),
});

/** Fields that may be cleared in a PATCH with null (or ""): the model stores null for them. */
const CLEARABLE = new Set([
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
]);
const SOURCE_DOCUMENT_PARTS = { number: "sourceDocNumber", date: "sourceDocDate", issuer: "sourceDocIssuer" } as const;

export type FieldsResult = { ok: true; fields: Partial<TaskFields> } | { ok: false; fieldErrors: FieldErrors };

/**
 * The content keys present in a (type-checked) body as model input. In a PATCH only the keys present
 * change: null or an empty text clears an optional field, null or [] clears a list, and absent keys stay
 * as they are; `sourceDocument` merges by part (null clears all three). In a POST, null means absent.
 */
export function taskFieldsFrom(body: Partial<Record<keyof typeof contentShape, unknown>>, mode: "create" | "patch"): FieldsResult {
  const raw: Record<string, unknown> = {};
  const present = new Set<string>();
  const cleared = new Set<string>();
  const fieldErrors: FieldErrors = {};

  const take = (key: string, value: unknown) => {
    present.add(key);
    if (value === null) {
      if (key === "coordinatingUnitIds" || key === "programs") raw[key] = [];
      else if (mode === "patch") cleared.add(key);
    } else if (mode === "patch" && typeof value === "string" && value.trim() === "") {
      if (CLEARABLE.has(key)) cleared.add(key);
      else (fieldErrors[key] ??= []).push(errorKey("error.required"));
    } else {
      raw[key] = value;
    }
  };

  for (const key of CONTENT_KEYS) {
    if (!hasOwn(body as Record<string, unknown>, key)) continue;
    if (key !== "sourceDocument") {
      take(key, body[key]);
      continue;
    }
    const doc = body.sourceDocument as z.infer<typeof SourceDocumentBody> | null;
    for (const [part, field] of Object.entries(SOURCE_DOCUMENT_PARTS) as Array<[keyof typeof SOURCE_DOCUMENT_PARTS, string]>) {
      if (doc === null) take(field, null);
      else if (doc[part] !== undefined) take(field, doc[part]);
    }
  }

  const parsed = TaskFieldsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const [field, messages] of Object.entries(apiFieldErrors(zodFieldErrors(parsed.error))))
      (fieldErrors[field] ??= []).push(...messages);
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors: apiFieldErrors(fieldErrors) };

  // Only what was sent: the form schema turns a missing list into [], which in a PATCH would clear it.
  const data = parsed.data as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of present) {
    if (cleared.has(key)) fields[key] = null;
    else if (data[key] !== undefined) fields[key] = data[key];
  }
  // The model's merge (`prepared`) keeps a field given undefined and stores null for a field given null:
  // that is how a PATCH clears one. TaskFields has no null in its types, hence the cast.
  return { ok: true, fields: fields as Partial<TaskFields> };
}

/**
 * A head creates tasks only within their own unit's subtree, so a head's draft that names no lead unit is
 * led by the head's unit (the web form presets the same). Anyone else's draft may stay without one, and
 * an issued task must name it (the 5-rõ gate).
 */
export function withDraftLeadUnit(fields: Partial<TaskFields>, actor: { role: string; unitId: number }): Partial<TaskFields> {
  if (actor.role !== "head" || (fields.leadUnitId !== undefined && fields.leadUnitId !== null)) return fields;
  return { ...fields, leadUnitId: actor.unitId };
}

/** Query parameters: empty values count as absent; ids are decimal integers. */
const queryId = () =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { error: errorKey("error.invalidChoice") })
    .transform(Number)
    .pipe(z.number().max(MAX_ID, { error: errorKey("error.invalidChoice") }));
/** A whole number in a query string, within bounds (a number-like text is refused, not guessed). */
export const queryInt = (min: number, max: number, message: string) =>
  z
    .string()
    .regex(/^[0-9]{1,10}$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }));

export const TASK_LIST_DEFAULT_LIMIT = 50;
export const TASK_LIST_MAX_LIMIT = 200;
export const QUERY_TEXT_MAX = 200;

export const TaskListQuery = z.object({
  program: choice(PROGRAM_CODES).optional(),
  unitId: queryId().optional(),
  ownerId: queryId().optional(),
  standing: choice(STANDINGS).optional(),
  q: z
    .string()
    .max(QUERY_TEXT_MAX, { error: errorKey("error.tooLong", { max: QUERY_TEXT_MAX }) })
    .optional(),
  limit: queryInt(1, TASK_LIST_MAX_LIMIT, errorKey("api.limit", { max: TASK_LIST_MAX_LIMIT })).default(TASK_LIST_DEFAULT_LIMIT),
  offset: queryInt(0, MAX_ID, errorKey("api.offset")).default(0),
});

export const UserListQuery = z.object({
  unitId: queryId().optional(),
  role: choice(ROLES).optional(),
});

/** The search parameters as an object, without empty values (`?program=` means no filter). */
export function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (value !== "") out[key] = value;
  return out;
}
