/**
 * A list of units as checkboxes, indented as the unit tree, for choosing several units at once
 * (coordinating units). Plain checkboxes: usable by keyboard and without JavaScript.
 */
import { useState } from "react";
import type { UnitChoice } from "~/domain/choices";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { describedBy, FieldErrors, invalid } from "./ui/field";

export type { UnitChoice } from "~/domain/choices";

const INDENT = ["pl-0", "pl-5", "pl-10", "pl-14", "pl-16"];

export function indentClass(depth: number) {
  return INDENT[Math.min(depth, INDENT.length - 1)];
}

export function UnitChecklist({
  id,
  name,
  legend,
  help,
  units,
  selected,
  errors,
  fieldKey,
}: {
  id: string;
  name: string;
  legend: string;
  help?: string;
  units: UnitChoice[];
  selected: string[];
  errors?: string[] | null;
  fieldKey?: string;
}) {
  const t = useT();
  // What is ticked, named above the (scrolling) list so a choice far down is not out of sight.
  const [picked, setPicked] = useState(selected);
  const names = units.filter((u) => picked.includes(String(u.id))).map((u) => u.name);
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={describedBy(id, help, errors)} aria-invalid={invalid(errors)} className="space-y-2">
      <legend className="text-sm font-semibold text-slate-800">{legend}</legend>
      {help ? (
        <p id={`${id}-help`} className="text-sm text-slate-600">
          {help}
        </p>
      ) : null}
      <p className="text-sm text-slate-800" aria-live="polite">
        {names.length ? t("unitChecklist.selected", { count: names.length, names: names.join(", ") }) : t("unitChecklist.none")}
      </p>
      <ul
        key={fieldKey}
        onChange={(e) => {
          const box = e.target as HTMLInputElement;
          if (box.name !== name) return;
          setPicked((list) => (box.checked ? [...list, box.value] : list.filter((v) => v !== box.value)));
        }}
        className="max-h-72 space-y-0.5 overflow-y-auto rounded-md border border-slate-300 bg-white p-2 aria-[invalid=true]:border-red-600"
      >
        {units.map((u) => (
          <li key={u.id} className={indentClass(u.depth)}>
            <label className="flex items-start gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                name={name}
                value={u.id}
                defaultChecked={selected.includes(String(u.id))}
                className="mt-0.5 h-4 w-4 shrink-0"
              />
              <span>
                {u.name}
                <span className="ml-2 text-xs text-slate-500">{t(`unitKind.${u.kind}` as MessageKey)}</span>
                {u.closed ? <span className="ml-2 text-xs font-semibold text-red-700">{t("common.closed")}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}
