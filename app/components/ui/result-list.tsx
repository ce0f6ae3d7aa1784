/**
 * The pieces every filtered list page shares (users, audit log, outbox…): the filter form's buttons,
 * the empty state that offers to clear the filters, and the table box that scrolls sideways on a
 * phone instead of squeezing its columns.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";
import { Button } from "./button";

export function FilterActions({ clearTo, filtered }: { clearTo: string; filtered: boolean }) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Button type="submit">{t("common.filter")}</Button>
      {filtered ? (
        <Link to={clearTo} className="py-2 text-sm font-semibold">
          {t("common.clearFilters")}
        </Link>
      ) : null}
    </div>
  );
}

export function EmptyResults({ message, clearTo, filtered }: { message: string; clearTo: string; filtered: boolean }) {
  const t = useT();
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <p className="text-slate-700">{message}</p>
      {filtered ? (
        <p className="mt-3">
          <Link to={clearTo} className="font-semibold">
            {t("common.clearFilters")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** A focusable, labelled region so keyboard users can scroll a wide table. */
export function TableRegion({ labelledBy, className = "", children }: { labelledBy: string; className?: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-labelledby={labelledBy}
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${className}`}
    >
      {children}
    </div>
  );
}
