/**
 * Step 1 and 2 of the import: the template to fill in, then the file with the document it comes from and
 * its default programs. A refused upload comes back with its errors and what was typed.
 */
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import type { ImportActionReply } from "~/domain/task-import-preview";
import { PROGRAM_CODES } from "~/domain/task-rules";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { Button, buttonClass } from "../ui/button";
import { DateField } from "../ui/date-field";
import { ErrorSummary, Notice } from "../ui/error-summary";
import { TextField } from "../ui/field";
import { ImportRules } from "./import-rules";

export interface ImportLimits {
  mb: number;
  rows: number;
  hours: number;
}

const FIELD_IDS: Record<string, string> = {
  file: "import-file",
  programs: "import-programs",
  sourceDocNumber: "import-doc-number",
  sourceDocDate: "import-doc-date",
  sourceDocIssuer: "import-doc-issuer",
};

export function UploadForm({ limits, expired }: { limits: ImportLimits; expired: boolean }) {
  const t = useT();
  const actionData = useActionData<ImportActionReply>();
  const busy = useNavigation().state === "submitting";
  const reply = actionData?.intent === "upload" ? actionData : undefined;
  const errors = reply?.fieldErrors ?? {};
  const values = reply?.values;
  const chosenPrograms = new Set(values?.programs ?? []);
  const labels: Record<string, string> = {
    file: t("excel.import.file"),
    programs: t("excel.import.programs"),
    sourceDocNumber: t("field.sourceDocNumber"),
    sourceDocDate: t("field.sourceDocDate"),
    sourceDocIssuer: t("field.sourceDocIssuer"),
  };
  const summary = Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ fieldId: FIELD_IDS[field], label: labels[field], message })),
  );
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("excel.import.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("excel.import.intro")}</p>
      </div>
      {expired ? <Notice kind="warning">{t("excel.preview.expired", { hours: limits.hours })}</Notice> : null}
      <ErrorSummary items={summary} />

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <section aria-labelledby="step1" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="step1" className="text-base font-semibold text-slate-900">
              {t("excel.import.step1")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("excel.import.step1Text")}</p>
            <p className="mt-3">
              <a href="/tasks/import/template.xlsx" download className={buttonClass("secondary")}>
                {t("excel.import.template")}
              </a>
            </p>
          </section>

          <Form
            method="post"
            encType="multipart/form-data"
            className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
            aria-labelledby="step2"
          >
            <h2 id="step2" className="text-base font-semibold text-slate-900">
              {t("excel.import.step2")}
            </h2>
            <TextField
              id={FIELD_IDS.file}
              name="file"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              label={labels.file}
              required
              help={t("excel.import.fileHelp", { mb: limits.mb, rows: formatNumber(limits.rows, t.lang) })}
              errors={errors.file}
            />
            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold text-slate-800">{t("excel.import.document")}</legend>
              <p className="text-sm text-slate-600">{t("excel.import.documentHelp")}</p>
              <div className="grid gap-4 sm:grid-cols-3">
                <TextField
                  id={FIELD_IDS.sourceDocNumber}
                  name="sourceDocNumber"
                  label={labels.sourceDocNumber}
                  maxLength={100}
                  defaultValue={values?.sourceDocNumber ?? ""}
                  errors={errors.sourceDocNumber}
                />
                <DateField
                  id={FIELD_IDS.sourceDocDate}
                  name="sourceDocDate"
                  label={labels.sourceDocDate}
                  typed={values?.sourceDocDate ?? ""}
                  errors={errors.sourceDocDate}
                />
                <TextField
                  id={FIELD_IDS.sourceDocIssuer}
                  name="sourceDocIssuer"
                  label={labels.sourceDocIssuer}
                  maxLength={300}
                  defaultValue={values?.sourceDocIssuer ?? ""}
                  errors={errors.sourceDocIssuer}
                />
              </div>
            </fieldset>
            <fieldset id={FIELD_IDS.programs} tabIndex={-1} className="space-y-2">
              <legend className="text-sm font-semibold text-slate-800">{labels.programs}</legend>
              <p className="text-sm text-slate-600">{t("excel.import.programsHelp")}</p>
              <div className="flex flex-wrap gap-x-5 gap-y-2">
                {PROGRAM_CODES.map((p) => (
                  <label key={p} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      name="programs"
                      value={p}
                      defaultChecked={chosenPrograms.has(p)}
                      className="h-4 w-4 rounded border-slate-300"
                    />
                    {t(`lists.program.${p}`)} — {t(`lists.programName.${p}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
              <Link to="/tasks" className="text-center text-sm font-semibold sm:mr-auto">
                {t("common.cancel")}
              </Link>
              <Button type="submit" name="intent" value="upload" disabled={busy}>
                {busy ? t("excel.import.checking") : t("excel.import.submit")}
              </Button>
            </div>
          </Form>
        </div>

        <ImportRules />
      </div>
    </>
  );
}
