/** The form that records a reading of the goal's indicator, and its one schema (browser and action alike). */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { optionalText } from "~/domain/form-fields";
import { requiredDate } from "~/domain/task-schema";
import { useT } from "~/i18n/react";
import { requiredNumber } from "../goal-form";
import { Button } from "../ui/button";
import { ErrorSummary } from "../ui/error-summary";
import { TextField } from "../ui/field";

const NOTE_MAX = 500;

export const ReadingSchema = z.object({
  intent: z.literal("reading"),
  value: requiredNumber,
  asOf: requiredDate,
  note: optionalText(NOTE_MAX),
});

export function ReadingForm({ goalId, today, lastResult }: { goalId: number; today: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `goal-reading-${goalId}`,
    lastResult,
    defaultValue: { asOf: t.date(today) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReadingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errors = [
    ...(form.errors ?? []).map((message) => ({ message })),
    ...[
      { field: fields.value, label: t("goals.field.value") },
      { field: fields.asOf, label: t("goals.field.asOf") },
      { field: fields.note, label: t("goals.field.note") },
    ].flatMap(({ field, label }) => (field.errors ?? []).map((message) => ({ fieldId: field.id, label, message }))),
  ];
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "reading";
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <ErrorSummary items={errors} />
      <input type="hidden" name="intent" value="reading" />
      <div className="grid gap-3 sm:grid-cols-[10rem_12rem_1fr_auto] sm:items-end">
        <TextField
          {...getInputProps(fields.value, { type: "text", ariaAttributes: false })}
          key={fields.value.key}
          id={fields.value.id}
          label={t("goals.field.value")}
          inputMode="decimal"
          autoComplete="off"
          required
          errors={fields.value.errors}
        />
        <TextField
          {...getInputProps(fields.asOf, { type: "text", ariaAttributes: false })}
          key={fields.asOf.key}
          id={fields.asOf.id}
          label={t("goals.field.asOf")}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          maxLength={10}
          autoComplete="off"
          required
          errors={fields.asOf.errors}
        />
        <TextField
          {...getInputProps(fields.note, { type: "text", ariaAttributes: false })}
          key={fields.note.key}
          id={fields.note.id}
          label={t("goals.field.note")}
          maxLength={NOTE_MAX}
          autoComplete="off"
          errors={fields.note.errors}
        />
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? t("common.loading") : t("goals.addReading")}
          </Button>
        </div>
      </div>
    </Form>
  );
}
