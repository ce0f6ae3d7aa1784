import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useT } from "~/i18n/react";

/** The look of every text input, select and textarea (an invalid control is outlined in red). */
export const controlClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600 disabled:bg-slate-100 read-only:bg-slate-100";

/** The ids a control's aria-describedby names: its help and its errors, when shown. */
export function describedBy(id: string, help: unknown, errors?: string[] | null) {
  return [help ? `${id}-help` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** aria-invalid for a control with these errors. */
export function invalid(errors?: string[] | null) {
  return errors?.length ? true : undefined;
}

/** A field's errors as a list under it; `format` turns a message (a dictionary key) into text. */
export function FieldErrors({
  id,
  errors,
  format,
}: {
  id: string;
  errors: string[] | undefined | null;
  format?: (message: string) => string;
}) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="space-y-0.5 text-sm font-medium text-red-700">
      {errors.map((e) => (
        <li key={e}>{format ? format(e) : t.error(e)}</li>
      ))}
    </ul>
  );
}

export interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  /** Shown after the label (the task form's "5 rõ" tag). */
  labelExtra?: ReactNode;
  help?: ReactNode;
  errors?: string[] | null;
  formatError?: (message: string) => string;
  children: ReactNode;
}

/** Label, control, help and errors, wired for screen readers (aria-describedby, aria-invalid). */
export function FieldShell({ id, label, required, labelExtra, help, errors, formatError, children }: FieldShellProps) {
  const t = useT();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
        {required ? (
          <span className="ml-1 text-red-700" aria-hidden="true">
            *
          </span>
        ) : null}
        {required ? <span className="sr-only"> ({t("common.required")})</span> : null}
        {labelExtra}
      </label>
      {children}
      {help ? (
        <p id={`${id}-help`} className="text-sm text-slate-600">
          {help}
        </p>
      ) : null}
      <FieldErrors id={`${id}-error`} errors={errors} format={formatError} />
    </div>
  );
}

export function TextField({
  label,
  help,
  errors,
  id,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; help?: ReactNode; errors?: string[] | null }) {
  return (
    <FieldShell id={id} label={label} required={input.required} help={help} errors={errors}>
      <input id={id} className={controlClass} aria-invalid={invalid(errors)} aria-describedby={describedBy(id, help, errors)} {...input} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  help,
  errors,
  id,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; help?: ReactNode; errors?: string[] | null }) {
  return (
    <FieldShell id={id} label={label} required={select.required} help={help} errors={errors}>
      <select id={id} className={controlClass} aria-invalid={invalid(errors)} aria-describedby={describedBy(id, help, errors)} {...select}>
        {children}
      </select>
    </FieldShell>
  );
}
