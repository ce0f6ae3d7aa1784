import { Form } from "@remix-run/react";
import type { ReportRole } from "~/domain/report-params";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { buttonClass } from "../ui/button";
import { DateField } from "../ui/date-field";

/** The unit page's choices: the date, the unit's own tasks only, and led or coordinated tasks (a GET form). */
export function UnitReportControls({
  asOfInput,
  asOfError,
  includeSubunits,
  role,
}: {
  asOfInput: string;
  asOfError: MessageKey | null;
  includeSubunits: boolean;
  role: ReportRole;
}) {
  const t = useT();
  return (
    <Form method="get" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="controls-heading">
      <h2 id="controls-heading" className="sr-only">
        {t("unitReport.controls")}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[12rem_auto_auto_auto] lg:items-end">
        <DateField
          id="unit-asof"
          name="asOf"
          label={t("unitReport.asOf")}
          typed={asOfInput}
          errorShownAt={asOfError ? "unit-asof-error" : null}
        />
        <div className="flex items-start gap-2 lg:pb-2">
          <input
            id="unit-own"
            name="own"
            type="checkbox"
            value="1"
            defaultChecked={!includeSubunits}
            aria-describedby="unit-own-help"
            className="mt-1 h-4 w-4 rounded border-slate-300"
          />
          <span>
            <label htmlFor="unit-own" className="block text-sm font-semibold text-slate-800">
              {t("unitReport.ownOnly")}
            </label>
            <span id="unit-own-help" className="block text-xs text-slate-600">
              {t("unitReport.ownOnlyHelp")}
            </span>
          </span>
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-semibold text-slate-800">{t("unitReport.role")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1">
            {(["lead", "coordinating"] as const).map((r) => (
              <label key={r} className="inline-flex items-center gap-2 text-sm">
                <input type="radio" name="role" value={r} defaultChecked={role === r} className="h-4 w-4" />
                {t(`reports.role.${r}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <button type="submit" className={buttonClass("primary")}>
            {t("unitReport.apply")}
          </button>
        </div>
      </div>
      {asOfError ? (
        <p id="unit-asof-error" role="alert" className="mt-2 text-sm font-medium text-red-700">
          {t(asOfError)}
        </p>
      ) : null}
    </Form>
  );
}
