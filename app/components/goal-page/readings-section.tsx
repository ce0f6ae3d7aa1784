/** Every reading of the goal's indicator as a table, and for those who may, the form that records one. */
import type { SubmissionResult } from "@conform-to/react";
import { useT } from "~/i18n/react";
import { useNumberWithUnit } from "../goal-indicator";
import { ErrorSummary } from "../ui/error-summary";
import { ReadingForm } from "./reading-form";

export interface ReadingRow {
  id: number;
  value: number;
  asOf: string;
  note: string | null;
  recordedByName: string | null;
}

function ReadingsTable({ title, unit, readings }: { title: string; unit: string | null; readings: ReadingRow[] }) {
  const t = useT();
  const fmt = useNumberWithUnit();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("goals.readingsCaption", { title })}</caption>
        <thead className="border-b border-slate-200 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4">
              {t("goals.field.asOf")}
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              {t("goals.field.value")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("goals.field.note")}
            </th>
            <th scope="col" className="py-2">
              {t("goals.recordedBy")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {readings.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="whitespace-nowrap py-2 pr-4 text-left font-normal tabular-nums">
                {t.date(r.asOf)}
              </th>
              <td className="whitespace-nowrap py-2 pr-4 text-right font-semibold tabular-nums">{fmt(r.value, unit)}</td>
              <td className="min-w-[12rem] py-2 pr-4">{r.note ?? ""}</td>
              <td className="whitespace-nowrap py-2 text-slate-600">{r.recordedByName ?? t("common.none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A refused reading on a goal that measures nothing has no form to show its errors, so they are listed here. */
function errorsWithoutForm(result: SubmissionResult<string[]>) {
  return Object.values(result.error ?? {})
    .flat()
    .filter((m): m is string => typeof m === "string")
    .map((message) => ({ message }));
}

export function ReadingsSection({
  goal,
  readings,
  today,
  canRecord,
  lastResult,
}: {
  goal: { id: number; title: string; indicatorName: string | null; indicatorUnit: string | null };
  readings: ReadingRow[];
  today: string;
  canRecord: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  return (
    <section aria-labelledby="readings-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="readings-heading" className="text-lg font-semibold text-slate-900">
        {t("goals.readings")}
      </h2>
      {readings.length === 0 ? (
        <p className="text-sm text-slate-600">{t("goals.noReadings")}</p>
      ) : (
        <ReadingsTable title={goal.title} unit={goal.indicatorUnit} readings={readings} />
      )}
      {lastResult && !goal.indicatorName ? <ErrorSummary items={errorsWithoutForm(lastResult)} /> : null}
      {canRecord && goal.indicatorName ? (
        <div className="border-t border-slate-100 pt-4">
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("goals.addReadingHeading")}</h3>
          <ReadingForm goalId={goal.id} today={today} lastResult={lastResult} />
        </div>
      ) : null}
    </section>
  );
}
