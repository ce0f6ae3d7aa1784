/**
 * The task import's batches, as the /tasks/import route uses them: a checked upload is kept (nothing
 * written yet), shown a page at a time, and confirmed — its rows written by importTasks in one
 * transaction that also claims the batch, so a second submit imports nothing.
 */
import type { Db } from "~/db.server";
import { countByStatus, IMPORT_PREVIEW_HOURS } from "~/domain/task-import";
import {
  changedRows,
  decideConfirm,
  isBatchId,
  previewPage,
  type ImportResultSummary,
  type StoredPreview,
} from "~/domain/task-import-preview";
import { claimImportBatch, createImportBatch, getImportBatch, recordImportResult } from "./import-batch.server";
import { importTasks } from "./task-import.server";
import type { TaskContext } from "./task-record.server";

const KIND = "tasks";

/** Keeps a checked upload for the user and returns its id (the preview's address). */
export function saveTaskImportPreview(db: Db, input: { userId: number; fileName: string; preview: StoredPreview; now: Date }) {
  return createImportBatch(db, {
    userId: input.userId,
    kind: KIND,
    fileName: input.fileName.slice(0, 200),
    rowCount: input.preview.rows.length,
    errorCount: countByStatus(input.preview.rows).error,
    payload: JSON.stringify(input.preview),
    now: input.now,
    ttlHours: IMPORT_PREVIEW_HOURS,
  });
}

/** The user's own batch, unless its id is malformed or it has expired. */
function findBatch(db: Db, input: { batchId: string; userId: number; now: Date }) {
  return isBatchId(input.batchId) ? getImportBatch(db, { id: input.batchId, userId: input.userId, kind: KIND, now: input.now }) : undefined;
}

/** One page of a batch's preview (undefined when it is not the user's or has expired). */
export async function taskImportPreviewView(
  db: Db,
  input: { batchId: string; userId: number; now: Date; show: string | null; page: string | null },
) {
  const batch = await findBatch(db, input);
  if (!batch) return undefined;
  const stored = JSON.parse(batch.payload) as StoredPreview;
  return {
    id: batch.id,
    version: batch.version,
    status: batch.status,
    fileName: batch.fileName,
    sheetName: stored.sheetName,
    importedAt: batch.importedAt,
    result: batch.result ? (JSON.parse(batch.result) as ImportResultSummary) : null,
    settings: stored.settings,
    ...previewPage(stored.rows, input),
  };
}

export type ConfirmImportResult =
  | { ok: true; count: number }
  | { ok: false; error: "not_found" | "already_imported" | "nothing_to_import" | "forbidden" }
  | { ok: false; error: "has_errors"; count: number }
  /** Units or people changed since the preview: which rows, by their number in the file; nothing written. */
  | { ok: false; error: "changed"; changed: Array<{ row: number; messages: string[] }> };

/** Writes the batch's ready and draft rows as the form saw it (at `version`), all or none. */
export async function confirmTaskImport(
  db: Db,
  input: { batchId: string; version: number; userId: number },
  ctx: TaskContext & { now: Date },
): Promise<ConfirmImportResult> {
  const batch = await findBatch(db, { ...input, now: ctx.now });
  if (!batch) return { ok: false, error: "not_found" };
  const decision = decideConfirm(batch, input.version, JSON.parse(batch.payload) as StoredPreview);
  if (!decision.ok)
    return decision.refusal === "has_errors"
      ? { ok: false, error: "has_errors", count: decision.count }
      : { ok: false, error: decision.refusal };

  const result = await importTasks(
    db,
    decision.rows.map((r) => ({ fields: r.fields, issue: r.issue, audit: { import: { file: batch.fileName, row: r.rowNumber } } })),
    ctx,
    {
      claim: (trx) => claimImportBatch(trx, { id: batch.id, userId: input.userId, version: batch.version, now: ctx.now }),
      finish: (trx, ids) => recordImportResult(trx, batch.id, { count: ids.length, ...decision.summary }),
    },
  );
  if (result.ok) return { ok: true, count: result.value.ids.length };
  if (result.error === "claimed") return { ok: false, error: "already_imported" };
  if (result.error === "forbidden") return { ok: false, error: "forbidden" };
  return { ok: false, error: "changed", changed: changedRows(decision.rows, result.rowErrors) };
}
