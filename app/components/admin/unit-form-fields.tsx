/**
 * What the new-unit and the edit-unit forms both ask: the unit's name, its kind and its parent
 * (where it stands in the tree), with the rule that only the city stands at the top.
 */
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ChangeEvent } from "react";
import { choice, idField, requiredText } from "~/domain/form-fields";
import { UNIT_KINDS } from "~/domain/units";
import { errorKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { SelectField, TextField } from "../ui/field";

const UNIT_NAME_MAX = 200;

/** Schema entries for the name, kind and parent fields (spread into a form's z.object). */
export const unitPlacementShape = {
  name: requiredText(UNIT_NAME_MAX),
  kind: choice(UNIT_KINDS),
  parentId: idField.optional(),
};

/** Only the city itself stands at the top: pass to the form schema's `.refine`, both arguments spread. */
export const parentRequiredUnlessCity: [(v: { kind: string; parentId?: number }) => boolean, { path: PropertyKey[]; error: string }] = [
  (v) => v.kind === "city" || v.parentId !== undefined,
  { path: ["parentId"], error: errorKey("error.unitParentRequired") },
];

export interface ParentChoice {
  id: number;
  name: string;
  code: string;
  depth: number;
  closed?: boolean;
}

export function UnitPlacementFields({
  fields,
  parents,
  offerTopLevel,
  parentRequired,
  parentHelp,
  onKindChange,
  onParentChange,
}: {
  fields: { name: FieldMetadata<unknown>; kind: FieldMetadata<unknown>; parentId: FieldMetadata<unknown> };
  parents: readonly ParentChoice[];
  /** Whether "no parent" is one of the choices. */
  offerTopLevel: boolean;
  parentRequired: boolean;
  parentHelp?: string;
  onKindChange?: () => void;
  onParentChange?: (event: ChangeEvent<HTMLSelectElement>) => void;
}) {
  const t = useT();
  return (
    <>
      <TextField
        {...getInputProps(fields.name, { type: "text", ariaAttributes: false })}
        key={fields.name.key}
        id={fields.name.id}
        label={t("units.name")}
        autoComplete="off"
        required
        errors={fields.name.errors}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          {...getSelectProps(fields.kind, { ariaAttributes: false })}
          key={fields.kind.key}
          id={fields.kind.id}
          label={t("units.kind")}
          required
          errors={fields.kind.errors}
          onChange={onKindChange}
        >
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          {...getSelectProps(fields.parentId, { ariaAttributes: false })}
          key={fields.parentId.key}
          id={fields.parentId.id}
          label={t("units.parent")}
          help={parentHelp}
          required={parentRequired}
          errors={fields.parentId.errors}
          onChange={onParentChange}
        >
          {offerTopLevel ? <option value="">{t("units.parentNone")}</option> : null}
          {parents.map((o) => (
            <option key={o.id} value={o.id}>
              {`${"\u00a0\u00a0\u00a0".repeat(o.depth)}${o.name} (${o.code})${o.closed ? ` — ${t("common.closed")}` : ""}`}
            </option>
          ))}
        </SelectField>
      </div>
    </>
  );
}
