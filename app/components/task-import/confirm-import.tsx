/**
 * The confirm step: how many tasks will be issued and how many saved as drafts, the button that writes them
 * all, and why the last confirm was refused (with the rows that changed since the preview).
 */
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { importMessage } from "~/domain/task-import";
import { previewHref, type ImportActionReply } from "~/domain/task-import-preview";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { Button } from "../ui/button";
import type { ImportPreviewData } from "./import-preview-data";
import { UploadAgainLink } from "./upload-again-link";

/** Changed rows listed at most; the count above says how many there are. */
const CHANGED_SHOWN = 20;

export function ConfirmImport({ preview }: { preview: ImportPreviewData }) {
  const t = useT();
  const actionData = useActionData<ImportActionReply>();
  const busy = useNavigation().state === "submitting";
  const refused = actionData?.intent === "confirm" ? actionData : undefined;
  const { counts } = preview;
  return (
    <section
      aria-labelledby="confirm-heading"
      className="space-y-3 rounded-lg border-l-4 border-brand-600 bg-brand-50 p-4 text-sm text-brand-900"
    >
      <h2 id="confirm-heading" className="font-semibold">
        {t("excel.preview.confirmText", { issued: formatNumber(counts.ready, t.lang), drafts: formatNumber(counts.draft, t.lang) })}
      </h2>
      {refused ? (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          <p className="font-semibold">{importMessage(t.lang, refused.refused)}</p>
          {refused.changed?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {refused.changed.slice(0, CHANGED_SHOWN).map((c) => (
                <li key={c.row}>{t("excel.preview.changedRow", { row: c.row, message: c.messages.map((m) => t.error(m)).join(" ") })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" action={previewHref(preview.id)} className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="batch" value={preview.id} />
        <input type="hidden" name="version" value={preview.version} />
        <Button type="submit" disabled={busy}>
          {busy ? t("excel.preview.confirming") : t("excel.preview.confirm", { count: formatNumber(counts.ready + counts.draft, t.lang) })}
        </Button>
        <UploadAgainLink />
      </Form>
    </section>
  );
}
