/**
 * The /tasks/import page: its breadcrumb, then the upload form (said so when a preview has expired) or a
 * batch's preview — its details, what can be done with it, and its rows.
 */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { ImportPreviewData } from "./import-preview-data";
import { PreviewHeader } from "./preview-header";
import { PreviewNotice } from "./preview-notice";
import { PreviewTable } from "./preview-table";
import { UploadForm, type ImportLimits } from "./upload-form";

export interface TaskImportPageData {
  mode: "upload" | "expired" | "preview";
  limits: ImportLimits;
  preview: ImportPreviewData | null;
}

export function TaskImportPage({ data }: { data: TaskImportPageData }) {
  const t = useT();
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to="/tasks">{t("nav.tasks")}</Link> <span aria-hidden="true">›</span>{" "}
        {data.preview ? (
          <>
            <Link to="/tasks/import">{t("excel.import.title")}</Link> <span aria-hidden="true">›</span>{" "}
            <span>{t(data.preview.status === "imported" ? "excel.preview.titleImported" : "excel.preview.title")}</span>
          </>
        ) : (
          <span>{t("excel.import.title")}</span>
        )}
      </nav>
      {data.preview ? (
        <>
          <PreviewHeader preview={data.preview} />
          <PreviewNotice preview={data.preview} />
          <PreviewTable preview={data.preview} />
        </>
      ) : (
        <UploadForm limits={data.limits} expired={data.mode === "expired"} />
      )}
    </div>
  );
}
