/**
 * The import's upload, preview and confirm steps as pure rules: what an upload's form lacks, which rows a
 * page of the preview shows, which rows a confirm writes, and which rows changed since the preview.
 * The rows themselves are checked by ./task-import; the batch they are kept in is app/models'.
 */
import { errorKey } from "~/i18n";
import {
  IMPORT_MAX_BYTES,
  ImportSettingsSchema,
  countByStatus,
  type ImportFields,
  type ImportSettings,
  type PreviewRow,
} from "./task-import";

export const MB = 1024 * 1024;
export const PREVIEW_PAGE_SIZE = 100;
export const PREVIEW_SHOWS = ["all", "error", "draft", "ready", "skipped"] as const;
export type PreviewShow = (typeof PREVIEW_SHOWS)[number];

/** What an import batch keeps (import_batches.payload). */
export interface StoredPreview {
  sheetName: string;
  settings: ImportSettings;
  rows: PreviewRow[];
}

/** What a confirmed batch created (import_batches.result). */
export interface ImportResultSummary {
  count: number;
  issued: number;
  drafts: number;
}

/** A batch id as createImportBatch makes them; anything else is not looked up. */
export function isBatchId(id: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(id);
}

/** The preview's address (the upload redirects there, the confirm comes back to it). */
export function previewHref(batchId: string): string {
  return `/tasks/import?batch=${encodeURIComponent(batchId)}`;
}

// -------------------------------------------------------------------------------------------------
// Upload

/** The upload form's fields as typed (given back to the form when it is refused). */
export interface UploadValues {
  programs: string[];
  sourceDocNumber: string;
  sourceDocDate: string;
  sourceDocIssuer: string;
}

export type UploadCheck<F> =
  | { ok: true; settings: ImportSettings; file: F }
  /** `tooLarge`: the body was cut off (413); otherwise the form is wrong (422). */
  | { ok: false; fieldErrors: Record<string, string[]>; tooLarge: boolean };

/** The file-wide settings and the file itself (name and size; null when no file was sent), before it is read. */
export function checkUpload<F extends { name: string; size: number }>(
  values: UploadValues,
  file: F | null,
  tooLarge: boolean,
): UploadCheck<F> {
  const fieldErrors: Record<string, string[]> = {};
  const settings = ImportSettingsSchema.safeParse(values);
  if (!settings.success)
    for (const issue of settings.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  if (tooLarge || (file && file.size > IMPORT_MAX_BYTES))
    fieldErrors.file = [errorKey("excel.error.fileTooLarge", { max: IMPORT_MAX_BYTES / MB })];
  else if (!file || file.size === 0) fieldErrors.file = [errorKey("excel.error.fileRequired")];
  else if (!/\.xlsx$/i.test(file.name)) fieldErrors.file = [errorKey("excel.error.notXlsx")];
  if (Object.keys(fieldErrors).length || !settings.success || !file) return { ok: false, fieldErrors, tooLarge };
  return { ok: true, settings: settings.data, file };
}

// -------------------------------------------------------------------------------------------------
// Preview

/**
 * One page of the preview: the rows of the status asked for (errors first when there are any), the page
 * clamped to those there are. Only what the table shows: the resolved ids stay on the server.
 */
export function previewPage(rows: PreviewRow[], requested: { show: string | null; page: string | null }) {
  const counts = countByStatus(rows);
  const show: PreviewShow = (PREVIEW_SHOWS as readonly string[]).includes(requested.show ?? "")
    ? (requested.show as PreviewShow)
    : counts.error > 0
      ? "error"
      : "all";
  const shown = show === "all" ? rows : rows.filter((r) => r.status === show);
  const lastPage = Math.max(1, Math.ceil(shown.length / PREVIEW_PAGE_SIZE));
  const page = Math.max(1, Math.min(Number.parseInt(requested.page ?? "1", 10) || 1, lastPage));
  const offset = (page - 1) * PREVIEW_PAGE_SIZE;
  return {
    counts,
    total: rows.length,
    show,
    shown: shown.length,
    offset,
    limit: PREVIEW_PAGE_SIZE,
    rows: shown.slice(offset, offset + PREVIEW_PAGE_SIZE).map(({ fields: _fields, ...row }) => row),
  };
}

// -------------------------------------------------------------------------------------------------
// Confirm

export interface ImportableRow {
  rowNumber: number;
  fields: ImportFields;
  /** Ready rows are issued at once; drafts are saved as drafts. */
  issue: boolean;
}

export type ConfirmDecision =
  | { ok: true; rows: ImportableRow[]; summary: Omit<ImportResultSummary, "count"> }
  /** Confirmed already, or the form showed an older version of the batch. */
  | { ok: false; refusal: "already_imported" }
  /** A preview with errors is never imported, not even its good rows: fix the file and upload again. */
  | { ok: false; refusal: "has_errors"; count: number }
  | { ok: false; refusal: "nothing_to_import" };

/** Whether a batch may be imported as the form saw it, and which of its rows. */
export function decideConfirm(
  batch: { status: string; version: number; errorCount: number },
  version: number,
  stored: StoredPreview,
): ConfirmDecision {
  if (batch.status !== "pending" || batch.version !== version) return { ok: false, refusal: "already_imported" };
  if (batch.errorCount > 0) return { ok: false, refusal: "has_errors", count: batch.errorCount };
  const rows = stored.rows.flatMap((r) =>
    (r.status === "ready" || r.status === "draft") && r.fields
      ? [{ rowNumber: r.rowNumber, fields: r.fields, issue: r.status === "ready" }]
      : [],
  );
  if (rows.length === 0) return { ok: false, refusal: "nothing_to_import" };
  const issued = rows.filter((r) => r.issue).length;
  return { ok: true, rows, summary: { issued, drafts: rows.length - issued } };
}

/** The rows that no longer pass (units or people changed since the preview), by their number in the file. */
export function changedRows(
  rows: ImportableRow[],
  rowErrors: Array<{ index: number; fieldErrors: Record<string, string[]> }>,
): Array<{ row: number; messages: string[] }> {
  return rowErrors.map((e) => ({ row: rows[e.index].rowNumber, messages: Object.values(e.fieldErrors).flat() }));
}

/** What the action answers when it does not redirect: the upload form's errors, or why the confirm was refused. */
export type ImportActionReply =
  | { intent: "upload"; fieldErrors: Record<string, string[]>; values: UploadValues }
  | { intent: "confirm"; refused: string; changed?: Array<{ row: number; messages: string[] }> };
