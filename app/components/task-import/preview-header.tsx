/**
 * The preview's title and the batch it shows: the file and sheet, the document it comes from, its default programs.
 */
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import type { ImportPreviewData } from "./import-preview-data";

export function PreviewHeader({ preview }: { preview: ImportPreviewData }) {
  const t = useT();
  const { settings } = preview;
  const document = [settings.sourceDocNumber, settings.sourceDocDate ? t.date(settings.sourceDocDate) : null, settings.sourceDocIssuer]
    .filter(Boolean)
    .join(" — ");
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">
          {t(preview.status === "imported" ? "excel.preview.titleImported" : "excel.preview.title")}
        </h1>
        <p className="mt-1 text-slate-600">
          {t("excel.preview.file", { file: preview.fileName, sheet: preview.sheetName, count: formatNumber(preview.total, t.lang) })}
        </p>
      </div>

      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
          <dt className="font-semibold text-slate-800">{t("excel.preview.document")}</dt>
          <dd className="mt-0.5 text-slate-700">{document || t("excel.preview.noDocument")}</dd>
        </div>
        <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
          <dt className="font-semibold text-slate-800">{t("excel.preview.defaultPrograms")}</dt>
          <dd className="mt-0.5 text-slate-700">
            {settings.programs.length ? settings.programs.map((p) => t(`lists.program.${p}`)).join(", ") : t("excel.preview.noPrograms")}
          </dd>
        </div>
      </dl>
    </>
  );
}
