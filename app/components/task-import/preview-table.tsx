/**
 * The preview's rows, a page at a time: number, status, the task as read, its units, owner and deadline, and
 * what is wrong. On a phone the last four sit inside the task's cell instead.
 */
import { useT } from "~/i18n/react";
import { Pagination } from "../ui/pagination";
import type { ImportPreviewData, ShownRow } from "./import-preview-data";
import { PreviewFilter } from "./preview-filter";
import { CellText, RowOwner, RowProblems, RowUnits } from "./preview-row-parts";
import { RowStatusBadge } from "./row-status-badge";

export function PreviewTable({ preview }: { preview: ImportPreviewData }) {
  const t = useT();
  const imported = preview.status === "imported";
  return (
    <section aria-labelledby="rows-heading" className="space-y-3">
      <h2 id="rows-heading" className="sr-only">
        {t("excel.preview.tableCaption")}
      </h2>
      <PreviewFilter preview={preview} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("excel.preview.tableCaption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("excel.preview.col.row")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("excel.preview.col.status")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("excel.preview.col.task")}
              </th>
              {/* On a phone these are shown inside the task's cell instead (a row stays readable without scrolling sideways). */}
              <th scope="col" className="hidden px-3 py-2 md:table-cell">
                {t("excel.preview.col.units")}
              </th>
              <th scope="col" className="hidden px-3 py-2 md:table-cell">
                {t("excel.preview.col.owner")}
              </th>
              <th scope="col" className="hidden px-3 py-2 md:table-cell">
                {t("excel.preview.col.deadline")}
              </th>
              <th scope="col" className="hidden px-3 py-2 md:table-cell">
                {t("excel.preview.col.problems")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {preview.rows.map((row) => (
              <PreviewRow key={row.rowNumber} row={row} imported={imported} />
            ))}
          </tbody>
        </table>
      </div>
      <Pagination total={preview.shown} limit={preview.limit} offset={preview.offset} />
    </section>
  );
}

function PreviewRow({ row, imported }: { row: ShownRow; imported: boolean }) {
  const t = useT();
  return (
    <tr className={row.status === "error" ? "bg-red-50/40" : undefined}>
      <th scope="row" className="px-3 py-2 text-right font-mono text-slate-600">
        {row.rowNumber}
      </th>
      <td className="whitespace-nowrap px-3 py-2">
        <RowStatusBadge status={row.status} imported={imported} />
      </td>
      <td className="max-w-md px-3 py-2">
        <p className="font-medium text-slate-900">
          <CellText row={row} column="title" />
        </p>
        {row.status !== "skipped" ? (
          <p className="mt-1 text-slate-600">
            <span className="font-semibold">{t("excel.preview.deliverable")}</span> <CellText row={row} column="deliverable" />
          </p>
        ) : null}
        {row.shown.note ? (
          <p className="mt-1 line-clamp-3 text-slate-600">
            <span className="font-semibold">{t("excel.preview.note")}</span> {row.shown.note}
          </p>
        ) : null}
        {row.shown.programs.length && row.status !== "skipped" ? (
          <p className="mt-1 text-xs text-slate-500">{row.shown.programs.map((p) => t(`lists.program.${p}`)).join(", ")}</p>
        ) : null}
        <div className="mt-2 space-y-1 border-t border-slate-100 pt-2 md:hidden">
          {row.status !== "skipped" ? (
            <>
              <RowUnits row={row} />
              {row.shown.owner ? <RowOwner row={row} /> : null}
              {row.shown.deadline ? (
                <p>
                  <span className="font-semibold">{t("excel.preview.col.deadline")}:</span> {t.date(row.shown.deadline)}
                </p>
              ) : null}
            </>
          ) : null}
          <RowProblems row={row} />
        </div>
      </td>
      <td className="hidden px-3 py-2 md:table-cell">
        <RowUnits row={row} />
      </td>
      <td className="hidden px-3 py-2 md:table-cell">
        <RowOwner row={row} />
      </td>
      <td className="hidden whitespace-nowrap px-3 py-2 md:table-cell">{row.shown.deadline ? t.date(row.shown.deadline) : null}</td>
      <td className="hidden px-3 py-2 md:table-cell">
        <RowProblems row={row} />
      </td>
    </tr>
  );
}
