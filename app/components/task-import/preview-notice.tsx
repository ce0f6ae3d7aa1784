/**
 * Above the preview's rows, one of: what the import created, why the file cannot be imported (errors, or no
 * row to import), or the confirm step.
 */
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { Notice } from "../ui/error-summary";
import { ConfirmImport } from "./confirm-import";
import type { ImportPreviewData } from "./import-preview-data";
import { ImportResult } from "./import-result";
import { UploadAgainLink } from "./upload-again-link";

export function PreviewNotice({ preview }: { preview: ImportPreviewData }) {
  const t = useT();
  const { counts } = preview;
  if (preview.status === "imported" && preview.result) return <ImportResult importedAt={preview.importedAt} result={preview.result} />;
  if (counts.error > 0)
    return (
      <Notice kind="error">
        <p className="font-semibold">{t("excel.preview.hasErrors", { count: formatNumber(counts.error, t.lang) })}</p>
        <p className="mt-2">
          <UploadAgainLink className="font-semibold text-red-900 underline" />
        </p>
      </Notice>
    );
  if (counts.ready + counts.draft === 0)
    return (
      <Notice kind="warning">
        <p>{t("excel.preview.nothingToImport")}</p>
        <p className="mt-2">
          <UploadAgainLink />
        </p>
      </Notice>
    );
  return <ConfirmImport preview={preview} />;
}
