import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useT } from "~/i18n/react";

const controlClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600 disabled:bg-slate-100";

interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  help?: ReactNode;
  errors?: string[] | null;
  children: ReactNode;
}

/** Label, control, help and errors, wired for screen readers (aria-describedby, aria-invalid). */
function FieldShell({ id, label, required, help, errors, children }: FieldShellProps) {
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
      </label>
      {children}
      {help ? (
        <p id={`${id}-help`} className="text-sm text-slate-600">
          {help}
        </p>
      ) : null}
      {errors?.length ? (
        <ul id={`${id}-error`} className="space-y-0.5 text-sm font-medium text-red-700">
          {errors.map((e) => (
            <li key={e}>{t.error(e)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function describedBy(id: string, help: unknown, errors?: string[] | null) {
  return [help ? `${id}-help` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
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
      <input
        id={id}
        className={controlClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, help, errors)}
        {...input}
      />
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
      <select
        id={id}
        className={controlClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, help, errors)}
        {...select}
      >
        {children}
      </select>
    </FieldShell>
  );
}
