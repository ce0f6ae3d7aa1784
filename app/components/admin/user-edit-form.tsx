/** The form that changes a user's full name, role and unit (intent "update"). */
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { versionField } from "~/domain/form-fields";
import { useT } from "~/i18n/react";
import type { UserSnapshot } from "~/models/user-admin-page.server";
import { Button } from "../ui/button";
import { ErrorSummary } from "../ui/error-summary";
import { AdminSection } from "./admin-section";
import {
  fieldErrorItems,
  FullNameField,
  RoleSelect,
  UnitSelect,
  userProfileShape,
  useUserFieldLabels,
  useUserForm,
  type UnitChoice,
} from "./user-form-fields";

export const UpdateUserSchema = z.object({
  intent: z.literal("update"),
  version: versionField,
  ...userProfileShape,
});

export function UserEditForm({
  shown,
  roles,
  units,
  lastResult,
}: {
  shown: UserSnapshot;
  /** The roles this admin may give; the user's own is added when it is not one of them. */
  roles: readonly string[];
  units: readonly UnitChoice[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useUserForm(UpdateUserSchema, {
    id: "edit-user",
    lastResult,
    defaultValue: { version: String(shown.version), fullName: shown.fullName, role: shown.role, unitId: String(shown.unitId) },
  });
  const { fullName, role, unitId } = useUserFieldLabels();
  const labels = { fullName, role, unitId };
  const errors = [
    ...(form.errors ?? []).map((message) => ({ message })),
    ...(fields.version.errors ?? []).map((message) => ({ message })),
    ...fieldErrorItems(fields, labels),
  ];
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  const roleOptions = roles.includes(shown.role) ? roles : [shown.role, ...roles];

  return (
    <AdminSection headingId="edit-heading" title={t("users.editSection")}>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <ErrorSummary items={errors} />
        <input type="hidden" name="intent" value="update" />
        <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
        <FullNameField field={fields.fullName} label={labels.fullName} />
        <div className="grid gap-4 sm:grid-cols-2">
          <RoleSelect field={fields.role} label={labels.role} roles={roleOptions} />
          <UnitSelect field={fields.unitId} label={labels.unitId} units={units} />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? t("common.loading") : t("common.save")}
        </Button>
      </Form>
    </AdminSection>
  );
}
