/** The goal's edit form, folded away until opened (open again when the last save was refused). */
import type { SubmissionResult } from "@conform-to/react";
import { useT } from "~/i18n/react";
import { GoalForm, goalFormDefaults, type StoredGoalFields } from "../goal-form";

export function GoalEditSection({
  goal,
  units,
  open,
  lastResult,
  conflict,
}: {
  goal: StoredGoalFields & { id: number; version: number };
  units: Array<{ id: number; name: string; depth: number }>;
  open: boolean;
  lastResult: SubmissionResult<string[]> | null;
  /** The form was stale: `goal` is the goal as stored now. */
  conflict: boolean;
}) {
  const t = useT();
  return (
    <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <details open={open || undefined}>
        <summary className="cursor-pointer rounded-lg px-5 py-4 hover:bg-slate-50">
          <h2 id="edit-heading" className="inline text-lg font-semibold text-slate-900">
            {t("goals.edit")}
          </h2>
        </summary>
        <div className="border-t border-slate-200 p-5">
          <GoalForm
            key={`edit-${goal.version}`}
            id={`goal-edit-${goal.id}`}
            defaults={goalFormDefaults(goal)}
            units={units}
            lastResult={lastResult}
            version={goal.version}
            conflict={conflict}
            submitLabel={t("common.save")}
          />
        </div>
      </details>
    </section>
  );
}
