/**
 * "Someone else saved first": which fields they changed and what those fields hold now, so the user
 * can compare with what they typed (kept in the form) before deciding to save again.
 */
import { useT } from "~/i18n/react";
import { fieldLabel } from "./task-form";
import { formatHistoryValue } from "./task-timeline";

export interface CurrentValue {
  field: string;
  value: string | number | string[] | null;
}

const NO_NAMES = { units: {}, users: {}, goals: {}, tasks: {} };

export function ChangedFieldsNotice({
  version,
  changedFields,
  current,
}: {
  version: number;
  changedFields: string[];
  current: CurrentValue[];
}) {
  const t = useT();
  const fields = changedFields.map((f) => fieldLabel(t, f)).join(", ");
  return (
    <div role="alert" className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-4 text-sm text-amber-950">
      <p className="font-semibold">{t("task.conflict", { version })}</p>
      {changedFields.length ? <p className="mt-1">{t("task.conflictFields", { fields })}</p> : null}
      {current.length ? (
        <>
          <p className="mt-3 font-semibold">{t("taskEdit.currentValues")}</p>
          <dl className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
            {current.map((c) => (
              <div key={c.field} className="contents">
                <dt className="font-semibold">{fieldLabel(t, c.field)}</dt>
                <dd className="break-words">{formatHistoryValue(t, c.field, c.value, NO_NAMES)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <p className="mt-3">{t("taskEdit.conflictHelp")}</p>
    </div>
  );
}
