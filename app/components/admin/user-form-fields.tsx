/**
 * What the new-user and the edit-user forms both ask (full name, role, unit): their schema entries,
 * labels and controls, so both pages validate and show them alike.
 */
import { getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { ROLES, type Role } from "~/auth/policy";
import { choice, idField, requiredText } from "~/domain/form-fields";
import { errorKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { SelectField, TextField } from "../ui/field";

const FULL_NAME_MAX = 120;
const required = errorKey("error.required");

/**
 * A blank (spaces only) value is "required", not a raw parser message: Conform turns what the
 * shared builders trim to "" into undefined, so it is caught here first.
 */
export function nonBlank<T extends z.ZodType<unknown, string>>(schema: T) {
  return z.string({ error: required }).trim().min(1, { error: required }).pipe(schema);
}

/** Schema entries for the full name, role and unit fields (spread into a form's z.object). */
export const userProfileShape = {
  fullName: nonBlank(requiredText(FULL_NAME_MAX)),
  role: choice(ROLES),
  /** An empty choice says "required"; anything else must be a real id ("abc", -1, 99999999999 are refused). */
  unitId: z.string({ error: required }).pipe(idField as z.ZodType<number, string>),
};

/** Conform set up as both user forms want it: checked in the browser on submit, then again on every input. */
export function useUserForm<Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: Schema,
  options: { id: string; lastResult?: SubmissionResult<string[]>; defaultValue: Partial<Record<keyof z.input<Schema>, string>> },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...options,
    // The form's values are strings as the browser sends them, whatever the schema makes of them.
    defaultValue: options.defaultValue as Parameters<typeof useForm<z.input<Schema>>>[0]["defaultValue"],
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

/** The label of each user field, as the controls and the error summary name it. */
export function useUserFieldLabels() {
  const t = useT();
  return {
    email: t("users.email"),
    fullName: t("users.fullName"),
    role: t("users.role"),
    unitId: t("users.unit"),
    language: t("users.language"),
  };
}

/** The error summary's items for these labelled fields, each linked to its control. */
export function fieldErrorItems<K extends string>(
  fields: Record<NoInfer<K>, { id: string; errors?: string[] }>,
  labels: Record<K, string>,
) {
  return (Object.keys(labels) as K[]).flatMap((name) =>
    (fields[name].errors ?? []).map((message) => ({ fieldId: fields[name].id, label: labels[name], message })),
  );
}

export function FullNameField({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  return (
    <TextField
      {...getInputProps(field, { type: "text" })}
      key={field.key}
      id={field.id}
      label={label}
      autoComplete="off"
      maxLength={FULL_NAME_MAX}
      required
      errors={field.errors}
    />
  );
}

export function RoleSelect({ field, label, roles }: { field: FieldMetadata<unknown>; label: string; roles: readonly string[] }) {
  const t = useT();
  return (
    <SelectField {...getSelectProps(field)} key={field.key} id={field.id} label={label} required errors={field.errors}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r as Role}`)}
        </option>
      ))}
    </SelectField>
  );
}

export interface UnitChoice {
  id: number;
  name: string;
  depth: number;
  /** A closed unit is offered only to the user who still belongs to it. */
  closed?: boolean;
}

/** The unit list, indented by depth; `placeholder` is the empty first choice, when there is one. */
export function UnitSelect({
  field,
  label,
  units,
  placeholder,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  units: readonly UnitChoice[];
  placeholder?: string;
}) {
  const t = useT();
  return (
    <SelectField {...getSelectProps(field)} key={field.key} id={field.id} label={label} required errors={field.errors}>
      {placeholder === undefined ? null : <option value="">{placeholder}</option>}
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {`${"\u00a0\u00a0".repeat(u.depth)}${u.name}${u.closed ? ` (${t("common.closed")})` : ""}`}
        </option>
      ))}
    </SelectField>
  );
}
