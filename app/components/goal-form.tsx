/**
 * The goal form and its one Zod schema, shared by Conform in the browser and the actions of
 * /goals/new and /goals/:goalId. Messages are dictionary keys, translated when shown.
 */
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { choice, idField, optionalText, requiredText, versionField } from "~/domain/form-fields";
import { PROGRAM_CODES } from "~/domain/task-rules";
import { requiredDate } from "~/domain/task-schema";
import { errorKey } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { programLabel } from "./program-badge";
import { Button } from "./ui/button";
import { DateField } from "./ui/date-field";
import { ErrorSummary } from "./ui/error-summary";
import { SelectField, TextField } from "./ui/field";

export const GOAL_TITLE_MAX = 300;
export const GOAL_DESCRIPTION_MAX = 5000;
const INDICATOR_NAME_MAX = 300;
const INDICATOR_UNIT_MAX = 50;
const NUMBER_LIMIT = 1e12;

/**
 * A number as people type it: "62.5", "62,5" (Vietnamese decimal comma) or "1 000". Anything else,
 * and anything not finite or absurdly large, is refused with a message instead of being stored.
 */
export function parseTypedNumber(raw: string): number | null {
  let text = raw.trim().replace(/[\s\u00a0]/g, "");
  if (/^-?\d+,\d+$/.test(text)) text = text.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) <= NUMBER_LIMIT ? n : null;
}

const optionalNumber = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return null;
    const n = parseTypedNumber(v);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: errorKey("goals.error.number") });
      return z.NEVER;
    }
    return n;
  });

export const requiredNumber = z.string({ error: errorKey("error.required") }).transform((v, ctx) => {
  const n = parseTypedNumber(v);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: v.trim() ? errorKey("goals.error.number") : errorKey("error.required") });
    return z.NEVER;
  }
  return n;
});

// Trimmed first: Conform turns an all-blank value into undefined, so the message is ours, not Zod's default.
const title = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), requiredText(GOAL_TITLE_MAX));

const goalShape = {
  programCode: choice(PROGRAM_CODES),
  title,
  description: optionalText(GOAL_DESCRIPTION_MAX),
  leadUnitId: z.string({ error: errorKey("error.required") }).transform((v, ctx) => {
    const id = idField.safeParse(v);
    if (!id.success) {
      ctx.addIssue({ code: "custom", message: errorKey("error.invalidChoice") });
      return z.NEVER;
    }
    return id.data;
  }),
  dueDate: requiredDate,
  indicatorName: optionalText(INDICATOR_NAME_MAX),
  indicatorUnit: optionalText(INDICATOR_UNIT_MAX),
  indicatorTarget: optionalNumber,
  indicatorBaseline: optionalNumber,
};

/** A target, baseline or unit means nothing without the indicator's name. */
function indicatorNamed(v: {
  indicatorName?: string;
  indicatorUnit?: string;
  indicatorTarget: number | null;
  indicatorBaseline: number | null;
}) {
  return Boolean(v.indicatorName) || (v.indicatorTarget === null && v.indicatorBaseline === null && !v.indicatorUnit);
}
const indicatorNamedError = () => ({ path: ["indicatorName"], error: errorKey("goals.error.indicatorNameRequired") });

export const GoalFieldsSchema = z.object(goalShape).refine(indicatorNamed, indicatorNamedError());
export const GoalUpdateSchema = z
  .object({ ...goalShape, intent: z.literal("update"), version: versionField })
  .refine(indicatorNamed, indicatorNamedError());
export type GoalFormValues = z.output<typeof GoalFieldsSchema>;

/** The parsed form as the goal model takes it. */
export function goalInput(v: GoalFormValues) {
  return {
    programCode: v.programCode,
    title: v.title,
    description: v.description ?? null,
    leadUnitId: v.leadUnitId,
    dueDate: v.dueDate,
    indicatorName: v.indicatorName ?? null,
    indicatorUnit: v.indicatorUnit ?? null,
    indicatorTarget: v.indicatorTarget,
    indicatorBaseline: v.indicatorBaseline,
  };
}

export interface GoalFormDefaults {
  programCode: string;
  title: string;
  description: string;
  leadUnitId: string;
  dueDate: string;
  indicatorName: string;
  indicatorUnit: string;
  indicatorTarget: string;
  indicatorBaseline: string;
}

export const EMPTY_GOAL: GoalFormDefaults = {
  programCode: "",
  title: "",
  description: "",
  leadUnitId: "",
  dueDate: "",
  indicatorName: "",
  indicatorUnit: "",
  indicatorTarget: "",
  indicatorBaseline: "",
};

/** The stored fields of a goal that its edit form starts from. */
export interface StoredGoalFields {
  programCode: string;
  title: string;
  description: string | null;
  leadUnitId: number;
  dueDate: string;
  indicatorName: string | null;
  indicatorUnit: string | null;
  indicatorTarget: number | null;
  indicatorBaseline: number | null;
}

/** A stored goal as its edit form starts: dates typed dd/mm/yyyy, absent numbers blank. */
export function goalFormDefaults(g: StoredGoalFields): GoalFormDefaults {
  const num = (n: number | null) => (n === null ? "" : String(n));
  return {
    programCode: g.programCode,
    title: g.title,
    description: g.description ?? "",
    leadUnitId: String(g.leadUnitId),
    dueDate: formatDate(g.dueDate, "UTC"),
    indicatorName: g.indicatorName ?? "",
    indicatorUnit: g.indicatorUnit ?? "",
    indicatorTarget: num(g.indicatorTarget),
    indicatorBaseline: num(g.indicatorBaseline),
  };
}

export function GoalForm({
  id,
  defaults,
  units,
  lastResult,
  version,
  conflict = false,
  submitLabel,
}: {
  id: string;
  defaults: GoalFormDefaults;
  units: Array<{ id: number; name: string; depth: number }>;
  lastResult?: SubmissionResult<string[]> | null;
  /** Set for an edit: the version the form was loaded at. */
  version?: number;
  conflict?: boolean;
  submitLabel: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const schema = version === undefined ? GoalFieldsSchema : GoalUpdateSchema;
  const [form, fields] = useForm({
    id,
    lastResult: lastResult ?? undefined,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const labelled = [
    { field: fields.programCode, label: t("goals.field.program") },
    { field: fields.title, label: t("goals.field.title") },
    { field: fields.description, label: t("goals.field.description") },
    { field: fields.leadUnitId, label: t("goals.field.leadUnit") },
    { field: fields.dueDate, label: t("goals.field.dueDate") },
    { field: fields.indicatorName, label: t("goals.field.indicatorName") },
    { field: fields.indicatorUnit, label: t("goals.field.indicatorUnit") },
    { field: fields.indicatorTarget, label: t("goals.field.indicatorTarget") },
    { field: fields.indicatorBaseline, label: t("goals.field.indicatorBaseline") },
  ];
  const errors = [
    ...(conflict ? [{ message: "form.conflict" }] : []),
    ...(form.errors ?? []).map((message) => ({ message })),
    ...labelled.flatMap(({ field, label }) => (field.errors ?? []).map((message) => ({ fieldId: field.id, label, message }))),
  ];
  const busy = navigation.state === "submitting" && (version === undefined || navigation.formData?.get("intent") === "update");
  const descriptionErrors = fields.description.errors;
  return (
    <Form method="post" className="space-y-5" {...getFormProps(form)}>
      <ErrorSummary items={errors} />
      {version !== undefined ? (
        <>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="version" value={version} />
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[15rem_1fr]">
        <SelectField
          {...getSelectProps(fields.programCode, { ariaAttributes: false })}
          key={fields.programCode.key}
          id={fields.programCode.id}
          label={t("goals.field.program")}
          required
          errors={fields.programCode.errors}
        >
          <option value="">{t("goals.chooseProgram")}</option>
          {PROGRAM_CODES.map((p) => (
            <option key={p} value={p}>
              {programLabel(t, p)} — {t(`lists.programName.${p}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...getInputProps(fields.title, { type: "text", ariaAttributes: false })}
          key={fields.title.key}
          id={fields.title.id}
          label={t("goals.field.title")}
          help={t("goals.help.title")}
          maxLength={GOAL_TITLE_MAX}
          autoComplete="off"
          required
          errors={fields.title.errors}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={fields.description.id} className="block text-sm font-semibold text-slate-800">
          {t("goals.field.description")}
        </label>
        <textarea
          {...getTextareaProps(fields.description, { ariaAttributes: false })}
          key={fields.description.key}
          id={fields.description.id}
          rows={4}
          maxLength={GOAL_DESCRIPTION_MAX}
          aria-invalid={descriptionErrors?.length ? true : undefined}
          aria-describedby={descriptionErrors?.length ? `${fields.description.id}-error` : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600"
        />
        {descriptionErrors?.length ? (
          <ul id={`${fields.description.id}-error`} className="space-y-0.5 text-sm font-medium text-red-700">
            {descriptionErrors.map((e) => (
              <li key={e}>{t.error(e)}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <SelectField
          {...getSelectProps(fields.leadUnitId, { ariaAttributes: false })}
          key={fields.leadUnitId.key}
          id={fields.leadUnitId.id}
          label={t("goals.field.leadUnit")}
          required
          errors={fields.leadUnitId.errors}
        >
          <option value="">{t("goals.chooseUnit")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {`${"\u00a0\u00a0\u00a0".repeat(u.depth)}${u.name}`}
            </option>
          ))}
        </SelectField>
        <DateField
          key={fields.dueDate.key}
          id={fields.dueDate.id}
          name={fields.dueDate.name}
          label={t("goals.field.dueDate")}
          typed={typeof fields.dueDate.initialValue === "string" ? fields.dueDate.initialValue : ""}
          help={t("goals.help.date")}
          required
          errors={fields.dueDate.errors}
        />
      </div>
      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">{t("goals.indicator")}</legend>
        <div className="space-y-4">
          <p className="text-sm text-slate-600">{t("goals.help.indicator")}</p>
          <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
            <TextField
              {...getInputProps(fields.indicatorName, { type: "text", ariaAttributes: false })}
              key={fields.indicatorName.key}
              id={fields.indicatorName.id}
              label={t("goals.field.indicatorName")}
              maxLength={INDICATOR_NAME_MAX}
              autoComplete="off"
              errors={fields.indicatorName.errors}
            />
            <TextField
              {...getInputProps(fields.indicatorUnit, { type: "text", ariaAttributes: false })}
              key={fields.indicatorUnit.key}
              id={fields.indicatorUnit.id}
              label={t("goals.field.indicatorUnit")}
              placeholder="%"
              maxLength={INDICATOR_UNIT_MAX}
              autoComplete="off"
              errors={fields.indicatorUnit.errors}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              {...getInputProps(fields.indicatorBaseline, { type: "text", ariaAttributes: false })}
              key={fields.indicatorBaseline.key}
              id={fields.indicatorBaseline.id}
              label={t("goals.field.indicatorBaseline")}
              inputMode="decimal"
              autoComplete="off"
              errors={fields.indicatorBaseline.errors}
            />
            <TextField
              {...getInputProps(fields.indicatorTarget, { type: "text", ariaAttributes: false })}
              key={fields.indicatorTarget.key}
              id={fields.indicatorTarget.id}
              label={t("goals.field.indicatorTarget")}
              inputMode="decimal"
              autoComplete="off"
              errors={fields.indicatorTarget.errors}
            />
          </div>
        </div>
      </fieldset>
      <Button type="submit" disabled={busy}>
        {busy ? t("common.loading") : submitLabel}
      </Button>
    </Form>
  );
}
