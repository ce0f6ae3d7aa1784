import { useEffect, useRef } from "react";
import { useT } from "~/i18n/react";

export interface SummaryItem {
  fieldId?: string;
  label?: string;
  message: string;
}

/** The list of what is wrong, focused after a failed submit so keyboard and screen-reader users land on it. */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.fieldId}:${i.message}`).join("|");
  useEffect(() => {
    if (!signature) return;
    // Conform focuses the first invalid field after a failed submit (in its own effect and then on the
    // next frames); the summary takes focus once that has settled, as the GOV.UK pattern does.
    const timer = setTimeout(() => ref.current?.focus(), 80);
    return () => clearTimeout(timer);
  }, [signature]);
  if (items.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">{t("form.errorSummary", { count: items.length })}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {items.map((item) => (
          <li key={`${item.fieldId}-${item.message}`}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`} className="text-red-900 underline">
                {item.label ? `${item.label}: ` : ""}
                {t.error(item.message)}
              </a>
            ) : (
              <>
                {item.label ? `${item.label}: ` : ""}
                {t.error(item.message)}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ kind = "info", children }: { kind?: "info" | "success" | "warning" | "error"; children: React.ReactNode }) {
  const styles = {
    info: "border-brand-600 bg-brand-50 text-brand-900",
    success: "border-emerald-600 bg-emerald-50 text-emerald-900",
    warning: "border-amber-500 bg-amber-50 text-amber-900",
    error: "border-red-700 bg-red-50 text-red-900",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-md border-l-4 p-4 text-sm ${styles}`}>
      {children}
    </div>
  );
}
