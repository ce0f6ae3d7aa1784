/** The form that renames a unit, changes its kind or moves it in the tree (intent "update"). */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { versionField } from "~/domain/form-fields";
import { useT } from "~/i18n/react";
import type { UnitSnapshot } from "~/models/unit-admin-page.server";
import { Button } from "../ui/button";
import { ErrorSummary } from "../ui/error-summary";
import { parentRequiredUnlessCity, UnitPlacementFields, unitPlacementShape, type ParentChoice } from "./unit-form-fields";

export const UpdateUnitSchema = z
  .object({
    intent: z.literal("update"),
    version: versionField,
    ...unitPlacementShape,
  })
  .refine(...parentRequiredUnlessCity);

export function UnitEditForm({
  current,
  parents,
  allowTopLevel,
  lastResult,
  conflict,
}: {
  current: UnitSnapshot;
  parents: readonly ParentChoice[];
  /** Whether this user may place the unit at the top of the tree (the secretariat). */
  allowTopLevel: boolean;
  lastResult?: SubmissionResult<string[]>;
  conflict: boolean;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof UpdateUnitSchema>>({
    id: `unit-edit-${current.id}`,
    lastResult,
    defaultValue: { name: current.name, kind: current.kind, parentId: current.parentId === null ? "" : String(current.parentId) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateUnitSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errors = [
    ...(conflict ? [{ message: "form.conflict" }] : []),
    ...(form.errors ?? []).map((message) => ({ message })),
    ...[
      { field: fields.name, label: t("units.name") },
      { field: fields.kind, label: t("units.kind") },
      { field: fields.parentId, label: t("units.parent") },
      { field: fields.version, label: "" },
    ].flatMap(({ field, label }) => (field.errors ?? []).map((message) => ({ fieldId: label ? field.id : undefined, label, message }))),
  ];
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  return (
    <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
      <ErrorSummary items={errors} />
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="version" value={current.version} />
      <UnitPlacementFields
        fields={fields}
        parents={parents}
        offerTopLevel={allowTopLevel || current.parentId === null}
        parentRequired={!allowTopLevel}
        parentHelp={t("units.moveHelp")}
      />
      <Button type="submit" disabled={busy}>
        {busy ? t("common.loading") : t("common.save")}
      </Button>
    </Form>
  );
}
