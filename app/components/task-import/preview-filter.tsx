/**
 * The preview's tabs: all rows, or those of one status (a status with no row has no tab), each with its count.
 */
import { Link } from "@remix-run/react";
import { PREVIEW_SHOWS, previewHref, type PreviewShow } from "~/domain/task-import-preview";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import type { ImportPreviewData } from "./import-preview-data";

export function PreviewFilter({ preview }: { preview: ImportPreviewData }) {
  const t = useT();
  const { counts } = preview;
  const tabs = PREVIEW_SHOWS.filter((s) => s === "all" || counts[s] > 0);
  const showHref = (s: PreviewShow) => `${previewHref(preview.id)}&show=${s}`;
  return (
    <nav aria-label={t("excel.preview.filter")} className="flex flex-wrap gap-2 text-sm">
      {tabs.map((s) => (
        <Link
          key={s}
          to={showHref(s)}
          aria-current={preview.show === s ? "page" : undefined}
          className={`rounded-full border px-3 py-1 font-semibold no-underline ${preview.show === s ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
        >
          {t(`excel.preview.show.${s}`, { count: formatNumber(s === "all" ? preview.total : counts[s], t.lang) })}
        </Link>
      ))}
    </nav>
  );
}
