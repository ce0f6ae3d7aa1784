/**
 * The shape of task input, shared by the web forms (through Conform) and the JSON API.
 * Every field is optional here: what a draft may lack is decided by the 5-rõ gate in the model.
 * Unknown fields (role, leadUnitId in a progress form, …) are dropped by Zod, never stored.
 */
import { z } from "zod";
import { errorKey } from "~/i18n";
import { parseUserDate } from "./dates";
import { CONTROL_CHARS, choice, idField, optionalText, versionField } from "./form-fields";
import { PROGRAM_CODES, TASK_PRIORITIES } from "./task-rules";

export const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const parsed = parseUserDate(v);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: errorKey("error.date") });
      return z.NEVER;
    }
    return parsed;
  });

export const requiredDate = z.string({ error: errorKey("error.required") }).transform((v, ctx) => {
  const parsed = parseUserDate(v);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: v.trim() ? errorKey("error.date") : errorKey("error.required") });
    return z.NEVER;
  }
  return parsed;
});

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), idField.optional());

/** A list from a form (repeated fields, or one value) or JSON (array). */
function list<T extends z.ZodTypeAny>(item: T, max: number) {
  return z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z.array(item).max(max, { error: errorKey("error.tooMany", { max }) }),
  );
}

export const TaskFieldsSchema = z.object({
  title: optionalText(300),
  description: optionalText(5000),
  ownerId: optionalId,
  leadUnitId: optionalId,
  coordinatingUnitIds: list(idField, 50).transform((ids) => [...new Set(ids)]),
  deadline: optionalDate,
  startDate: optionalDate,
  deliverable: optionalText(1000),
  programs: list(choice(PROGRAM_CODES), 3).transform((codes) => [...new Set(codes)]),
  goalId: optionalId,
  priority: choice(TASK_PRIORITIES).optional(),
  sourceDocNumber: optionalText(100),
  sourceDocDate: optionalDate,
  sourceDocIssuer: optionalText(300),
});
export type TaskFields = z.infer<typeof TaskFieldsSchema>;

export const ProgressSchema = z.object({
  version: versionField,
  progress: z.coerce
    .number({ error: errorKey("error.progress") })
    .int({ error: errorKey("error.progress") })
    .min(0, { error: errorKey("error.progress") })
    .max(100, { error: errorKey("error.progress") }),
  note: optionalText(4000),
  evidenceUrl: optionalText(2000),
});

/** A required reason (extension, reopening, cancelling): NFC, no control or bidi characters. */
const reasonField = z
  .string({ error: errorKey("error.reasonRequired") })
  .transform((v) => v.normalize("NFC").trim())
  .pipe(
    z
      .string({ error: errorKey("error.reasonRequired") })
      .min(1, { error: errorKey("error.reasonRequired") })
      .max(2000, { error: errorKey("error.tooLong", { max: 2000 }) })
      .refine((v) => !CONTROL_CHARS.test(v), { error: errorKey("error.controlChars") }),
  );

export const ReasonSchema = z.object({ version: versionField, reason: reasonField });

export const ExtensionRequestSchema = z.object({ deadline: requiredDate, reason: reasonField });

export const ExtensionDecisionSchema = z.object({
  decision: choice(["approve", "reject"]),
  note: optionalText(2000),
});

/** A safe evidence link: http(s) only, so no javascript: or data: URL is ever rendered as a link. */
export function isSafeLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
