/**
 * GET /tasks/export.xlsx?… — the task list as an Excel file, with exactly the filters and order of
 * /tasks (the same URL parameters, parsed by the same code). Everyone signed in may read tasks.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { appToday, requirePermission, requireUser } from "~/auth/request.server";
import { db } from "~/db.server";
import { readTaskListParams, taskFilterOf } from "~/domain/task-filters";
import { env } from "~/env.server";
import { contentDisposition } from "~/evidence-storage.server";
import { exportFileName, streamTaskWorkbook, xlsxHeaders } from "~/excel/task-export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const today = appToday();
  const filter = { ...taskFilterOf(readTaskListParams(new URL(request.url))), timeZone: env().APP_TZ };
  const body = await streamTaskWorkbook(db(), filter, today);
  return new Response(body, { status: 200, headers: xlsxHeaders(contentDisposition(exportFileName(today))) });
}
