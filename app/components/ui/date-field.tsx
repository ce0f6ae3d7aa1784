/**
 * The one date input: typed as the civil service writes dates (dd/mm/yyyy; yyyy-mm-dd is accepted too by
 * the parsers), a plain text box so it works the same in every browser and without JavaScript.
 */
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";
import { controlClass, describedBy, FieldShell, invalid } from "./field";

export interface DateFieldProps {
  id: string;
  name: string;
  label: string;
  /** The date in force (YYYY-MM-DD), shown as dd/mm/yyyy; empty or null for none. */
  value?: string | null;
  /** What was typed when it was refused: shown back as it was, instead of `value`. */
  typed?: string | null;
  help?: ReactNode;
  /** Messages (dictionary keys) shown under the field. */
  errors?: string[] | null;
  /** When the page shows the date's error elsewhere (e.g. an alert under a filter form): that message's id. */
  errorShownAt?: string | null;
  required?: boolean;
  /** Shown after the label (the task form's "5 rõ" tag). */
  labelExtra?: ReactNode;
  /** Classes added to the input (its width). */
  className?: string;
}

export function DateField({ id, name, label, value, typed, help, errors, errorShownAt, required, labelExtra, className }: DateFieldProps) {
  const t = useT();
  const describedByIds = [describedBy(id, help, errors), errorShownAt].filter(Boolean).join(" ") || undefined;
  return (
    <FieldShell id={id} label={label} required={required} labelExtra={labelExtra} help={help} errors={errors}>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        placeholder={t("taskForm.datePlaceholder")}
        maxLength={10}
        autoComplete="off"
        required={required}
        defaultValue={typed || (value ? t.date(value) : "")}
        className={className ? `${controlClass} ${className}` : controlClass}
        aria-invalid={errorShownAt ? true : invalid(errors)}
        aria-describedby={describedByIds}
      />
    </FieldShell>
  );
}
