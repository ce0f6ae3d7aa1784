/**
 * Back to the upload form: a preview is never edited, the file is fixed and uploaded again.
 */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";

export function UploadAgainLink({ className = "font-semibold" }: { className?: string }) {
  const t = useT();
  return (
    <Link to="/tasks/import" className={className}>
      {t("excel.preview.uploadAgain")}
    </Link>
  );
}
