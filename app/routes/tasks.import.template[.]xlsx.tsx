/**
 * GET /tasks/import/template.xlsx — the file to fill for an import: the columns, an instructions
 * sheet, and the units' codes and names to copy from.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { contentDisposition } from "~/evidence-storage.server";
import { xlsxHeaders } from "~/excel/task-export.server";
import { buildTaskTemplate, requireImporter } from "~/excel/task-import.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireImporter(request);
  const body = await buildTaskTemplate(db());
  return new Response(new Uint8Array(body), { status: 200, headers: xlsxHeaders(contentDisposition("Mẫu nhập nhiệm vụ.xlsx")) });
}
