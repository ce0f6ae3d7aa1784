/**
 * What a confirmed import created (when, how many issued and how many drafts), with where to go next.
 */
import { Link } from "@remix-run/react";
import type { ImportResultSummary } from "~/domain/task-import-preview";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { Notice } from "../ui/error-summary";
import { UploadAgainLink } from "./upload-again-link";

export function ImportResult({ importedAt, result }: { importedAt: string | null; result: ImportResultSummary }) {
  const t = useT();
  return (
    <Notice kind="success">
      <p className="font-semibold">
        {t("excel.preview.imported", {
          time: t.dateTime(importedAt),
          issued: formatNumber(result.issued, t.lang),
          drafts: formatNumber(result.drafts, t.lang),
        })}
      </p>
      <p className="mt-2 flex flex-wrap gap-4">
        <Link to="/tasks?sort=-updated" className="font-semibold">
          {t("excel.preview.viewTasks")}
        </Link>
        <UploadAgainLink />
      </p>
    </Notice>
  );
}
