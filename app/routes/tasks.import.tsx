/**
 * /tasks/import — tasks in bulk from a plan's appendix (.xlsx), in three steps:
 *   1. upload (intent "upload"): the file is read and every row checked, nothing written; the checked rows
 *      are kept as an import batch bound to the user, and the browser goes to ?batch=<id>;
 *   2. preview (?batch=<id>&show=…&page=…): every row as ready / draft / error, with what is wrong;
 *   3. confirm (intent "confirm", batch id + version): all ready and draft rows are written in one
 *      transaction that claims the batch, or none; a second submit imports nothing.
 * Permission: task:create (admin, committee anywhere; unit heads within their subtree, row by row).
 * Rules in app/domain/task-import*, the file in app/excel/task-import.server, the batch in
 * app/models/task-import-batch.server, the markup in app/components/task-import.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { handlerFor } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { forbidden, taskContext } from "~/auth/request.server";
import * as clock from "~/clock.server";
import { TaskImportPage } from "~/components/task-import/task-import-page";
import { db } from "~/db.server";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_PREVIEW_HOURS } from "~/domain/task-import";
import { MB, checkUpload, previewHref, type ImportActionReply, type UploadValues } from "~/domain/task-import-preview";
import { readUploadForm } from "~/evidence-storage.server";
import { previewTaskImport, requireImporter } from "~/excel/task-import.server";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import {
  confirmTaskImport,
  saveTaskImportPreview,
  taskImportPreviewView,
  type ConfirmImportResult,
} from "~/models/task-import-batch.server";
import type { TaskContext } from "~/models/task-record.server";

export const meta: MetaFunction = (args) => pageTitle(args, "excel.import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireImporter(request);
  const search = new URL(request.url).searchParams;
  const limits = { mb: IMPORT_MAX_BYTES / MB, rows: IMPORT_MAX_ROWS, hours: IMPORT_PREVIEW_HOURS };
  const batchId = search.get("batch");
  if (!batchId) return json({ mode: "upload" as const, limits, preview: null });
  const preview = await taskImportPreviewView(db(), {
    batchId,
    userId: user.id,
    now: clock.now(),
    show: search.get("show"),
    page: search.get("page"),
  });
  if (!preview) return json({ mode: "expired" as const, limits, preview: null }, { status: 404 });
  return json({ mode: "preview" as const, limits, preview });
}

interface ImportRequest {
  formData: FormData;
  /** The body was cut off at the upload limit. */
  tooLarge: boolean;
  userId: number;
  ctx: TaskContext;
}

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

async function upload({ formData, tooLarge, userId, ctx }: ImportRequest) {
  const values: UploadValues = {
    programs: formData.getAll("programs").filter((v): v is string => typeof v === "string"),
    sourceDocNumber: text(formData, "sourceDocNumber"),
    sourceDocDate: text(formData, "sourceDocDate"),
    sourceDocIssuer: text(formData, "sourceDocIssuer"),
  };
  const refuse = (fieldErrors: Record<string, string[]>, status: number) =>
    json<ImportActionReply>({ intent: "upload", fieldErrors, values }, { status });
  const file = formData.get("file");
  const checked = checkUpload(values, file instanceof File ? file : null, tooLarge);
  if (!checked.ok) return refuse(checked.fieldErrors, checked.tooLarge ? 413 : 422);

  const preview = await previewTaskImport(db(), {
    bytes: new Uint8Array(await checked.file.arrayBuffer()),
    settings: checked.settings,
    actor: ctx.actor,
    today: ctx.today,
  });
  if (!preview.ok) return refuse({ file: [preview.error] }, 422);
  const id = await saveTaskImportPreview(db(), {
    userId,
    fileName: checked.file.name,
    preview: { sheetName: preview.sheetName, settings: checked.settings, rows: preview.rows },
    now: clock.now(),
  });
  return redirect(previewHref(id));
}

async function confirm({ formData, userId, ctx }: ImportRequest) {
  const batchId = text(formData, "batch");
  const version = Number.parseInt(text(formData, "version"), 10);
  const result = await confirmTaskImport(db(), { batchId, version, userId }, { ...ctx, now: clock.now() });
  return confirmReply(result, previewHref(batchId));
}

/** The confirm's answer over HTTP: back to the preview with a toast, or the refusal shown above its button. */
function confirmReply(result: ConfirmImportResult, here: string) {
  const refused = (message: string, changed?: Array<{ row: number; messages: string[] }>) =>
    json<ImportActionReply>({ intent: "confirm", refused: message, changed }, { status: 422 });
  if (result.ok)
    return redirect(here, { headers: { "Set-Cookie": toastCookie({ key: "excel.toast.imported", params: { count: result.count } }) } });
  switch (result.error) {
    case "not_found":
      return redirect(here);
    case "already_imported":
      return redirect(here, { headers: { "Set-Cookie": toastCookie({ key: "excel.toast.alreadyImported", kind: "error" }) } });
    case "forbidden":
      return forbidden();
    case "has_errors":
      return refused(errorKey("excel.preview.hasErrors", { count: result.count }));
    case "nothing_to_import":
      return refused(errorKey("excel.preview.nothingToImport"));
    case "changed":
      return refused(errorKey("excel.preview.changed", { count: result.changed.length }), result.changed);
  }
}

const intents = { upload, confirm };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireImporter(request);
  const form = await readUploadForm(request);
  if (!form) throw new Response("Bad Request", { status: 400 });
  const handler = handlerFor(intents, form.formData.get("intent"));
  if (!handler) return json<ImportActionReply>({ intent: "confirm", refused: errorKey("error.unknownAction") }, { status: 400 });
  return handler({ ...form, userId: user.id, ctx: taskContext(user, context) });
}

export default function ImportPage() {
  return <TaskImportPage data={useLoaderData<typeof loader>()} />;
}
