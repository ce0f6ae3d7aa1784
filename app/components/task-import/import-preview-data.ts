/**
 * The preview's view model as the page receives it (taskImportPreviewView, through JSON).
 */
import type { SerializeFrom } from "@remix-run/node";
import type { taskImportPreviewView } from "~/models/task-import-batch.server";

export type ImportPreviewData = SerializeFrom<NonNullable<Awaited<ReturnType<typeof taskImportPreviewView>>>>;
export type ShownRow = ImportPreviewData["rows"][number];
