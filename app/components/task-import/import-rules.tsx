/**
 * Beside the upload form: what becomes of a row (ready, draft, error) and who owns a task the file names no owner for.
 */
import { useT } from "~/i18n/react";
import { RowStatusBadge } from "./row-status-badge";

const RULE_TEXT = { ready: "excel.import.ruleReady", draft: "excel.import.ruleDraft", error: "excel.import.ruleError" } as const;

export function ImportRules() {
  const t = useT();
  return (
    <aside aria-labelledby="rules" className="h-fit rounded-lg border border-slate-200 bg-slate-50 p-5 text-sm text-slate-700">
      <h2 id="rules" className="text-base font-semibold text-slate-900">
        {t("excel.import.rulesTitle")}
      </h2>
      <ul className="mt-3 space-y-3">
        {(["ready", "draft", "error"] as const).map((s) => (
          <li key={s}>
            <RowStatusBadge status={s} /> <span className="ml-1">{t(RULE_TEXT[s])}</span>
          </li>
        ))}
        <li>{t("excel.import.ruleOwner")}</li>
      </ul>
    </aside>
  );
}
