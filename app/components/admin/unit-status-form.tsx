/** The form that closes an active unit or reopens a closed one (intents "close" and "reopen"). */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { UnitSnapshot } from "~/models/unit-admin-page.server";
import { Button } from "../ui/button";
import { ErrorSummary } from "../ui/error-summary";

export function UnitStatusForm({
  current,
  lastResult,
  conflict,
}: {
  current: UnitSnapshot;
  lastResult?: SubmissionResult<string[]>;
  conflict: boolean;
}) {
  const t = useT();
  const [form] = useForm({ id: `unit-status-${current.id}`, lastResult });
  // Only hidden fields here, so every error (version, intent, the model's refusal) is listed without a field link.
  const errors = [
    ...(conflict ? [{ message: "form.conflict" }] : []),
    ...Object.values(form.allErrors)
      .flat()
      .map((message) => ({ message })),
  ];
  const closing = current.active;
  return (
    <Form
      method="post"
      className="mt-3 space-y-3"
      {...getFormProps(form)}
      onSubmit={(event) => {
        if (closing && !window.confirm(t("units.closeConfirm"))) event.preventDefault();
      }}
    >
      <ErrorSummary items={errors} />
      <p className="text-sm text-slate-600">{closing ? t("units.closeHelp") : t("units.reopenHelp")}</p>
      <input type="hidden" name="intent" value={closing ? "close" : "reopen"} />
      <input type="hidden" name="version" value={current.version} />
      <Button type="submit" variant={closing ? "danger" : "secondary"}>
        {closing ? t("units.close") : t("units.reopen")}
      </Button>
    </Form>
  );
}
