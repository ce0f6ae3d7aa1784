/**
 * The results half of an admin list page (users, audit log, outbox): the live count, the empty state
 * that offers to clear the filters, and the table in its scrolling region with the pager under it.
 */
import type { ReactNode } from "react";
import { Pagination } from "../ui/pagination";
import { EmptyResults, TableRegion } from "../ui/result-list";

export function PagedResults({
  count,
  empty,
  emptyMessage,
  clearTo,
  filtered,
  caption,
  tableClassName,
  columns,
  bodyClassName = "divide-y divide-slate-100",
  page,
  children,
}: {
  /** "N results", announced when the filters change. */
  count: string;
  /** This page has no rows. */
  empty: boolean;
  emptyMessage: string;
  clearTo: string;
  filtered: boolean;
  caption: string;
  tableClassName: string;
  /** The header cells' contents, in column order. */
  columns: readonly ReactNode[];
  bodyClassName?: string;
  page: { total: number; limit: number; offset: number };
  /** The table's rows. */
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="results-heading" className="space-y-2">
      <h2 id="results-heading" className="text-sm font-semibold text-slate-700" aria-live="polite">
        {count}
      </h2>
      {empty ? (
        <EmptyResults message={emptyMessage} clearTo={clearTo} filtered={filtered} />
      ) : (
        <>
          {/* On a phone the table scrolls sideways inside its own box instead of squeezing. */}
          <TableRegion labelledBy="results-heading" className="relative">
            <table className={tableClassName}>
              <caption className="sr-only">{caption}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  {columns.map((column, i) => (
                    <th key={i} scope="col" className="px-4 py-3">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className={bodyClassName}>{children}</tbody>
            </table>
          </TableRegion>
          <Pagination total={page.total} limit={page.limit} offset={page.offset} />
        </>
      )}
    </section>
  );
}
