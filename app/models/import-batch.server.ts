/**
 * Uploaded imports waiting for confirmation (import_batches): the checked rows of one file, bound to
 * the user who uploaded it, until it expires. Confirming claims the batch (pending → imported, version
 * + 1) inside the import's own transaction, so a double submit imports once.
 */
import crypto from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "#db/schema";
import type { Db } from "~/db.server";

export interface ImportBatch {
  id: string;
  userId: number;
  kind: string;
  fileName: string;
  status: "pending" | "imported";
  version: number;
  rowCount: number;
  errorCount: number;
  payload: string;
  result: string | null;
  createdAt: string;
  expiresAt: string;
  importedAt: string | null;
}

const batchColumns = [
  "id",
  "user_id as userId",
  "kind",
  "file_name as fileName",
  "status",
  "version",
  "row_count as rowCount",
  "error_count as errorCount",
  "payload",
  "result",
  "created_at as createdAt",
  "expires_at as expiresAt",
  "imported_at as importedAt",
] as const;

/** Stores a checked upload and returns its id (random: it is the preview's address). Expired batches of anyone are removed first. */
export async function createImportBatch(
  db: Db,
  input: {
    userId: number;
    kind: string;
    fileName: string;
    rowCount: number;
    errorCount: number;
    payload: string;
    now: Date;
    ttlHours: number;
  },
): Promise<string> {
  const id = crypto.randomBytes(18).toString("base64url");
  const now = input.now.toISOString();
  await db.deleteFrom("import_batches").where("expires_at", "<", now).execute();
  await db
    .insertInto("import_batches")
    .values({
      id,
      user_id: input.userId,
      kind: input.kind,
      file_name: input.fileName,
      row_count: input.rowCount,
      error_count: input.errorCount,
      payload: input.payload,
      created_at: now,
      expires_at: new Date(input.now.getTime() + input.ttlHours * 3_600_000).toISOString(),
    })
    .execute();
  return id;
}

/** The user's own batch, unless it has expired. */
export async function getImportBatch(
  db: Db,
  input: { id: string; userId: number; kind: string; now: Date },
): Promise<ImportBatch | undefined> {
  const row = await db
    .selectFrom("import_batches")
    .select(batchColumns)
    .where("id", "=", input.id)
    .where("user_id", "=", input.userId)
    .where("kind", "=", input.kind)
    .where("expires_at", ">=", input.now.toISOString())
    .executeTakeFirst();
  return row as ImportBatch | undefined;
}

/** Marks a pending batch imported, only if it is still at `version`: false when it was already confirmed (or expired). */
export async function claimImportBatch(
  trx: Transaction<Database>,
  input: { id: string; userId: number; version: number; now: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable("import_batches")
    .set({ status: "imported", version: input.version + 1, imported_at: input.now.toISOString() })
    .where("id", "=", input.id)
    .where("user_id", "=", input.userId)
    .where("version", "=", input.version)
    .where("status", "=", "pending")
    .where("expires_at", ">=", input.now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What the import created, kept with the batch for its result page. */
export async function recordImportResult(trx: Transaction<Database>, id: string, result: unknown): Promise<void> {
  await trx
    .updateTable("import_batches")
    .set({ result: JSON.stringify(result) })
    .where("id", "=", id)
    .execute();
}
