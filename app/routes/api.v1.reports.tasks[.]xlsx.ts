/**
 * GET /api/v1/reports/tasks.xlsx — the task list as an Excel file (the administrative layout of
 * /tasks/export.xlsx), with the filters of GET /api/v1/tasks (program, unitId, ownerId, standing, q)
 * and every matching task (no paging). Errors are JSON like the rest of the API.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, methodNotAllowed } from "~/api/json.server";
import { readTaskListRequest } from "~/api/routes.server";
import { TaskListQuery } from "~/api/task-input.server";
import { appToday } from "~/auth/request.server";
import { db } from "~/db.server";
import { contentDisposition } from "~/evidence-storage.server";
import { exportFileName, streamTaskWorkbook, xlsxHeaders } from "~/excel/task-export.server";

/** The list's filters; paging parameters are ignored here (the file holds every matching task). */
const ReportQuery = TaskListQuery.pick({ program: true, unitId: true, ownerId: true, standing: true, q: true });

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  const read = await readTaskListRequest(request, ReportQuery);
  if (!read.ok) return read.response;
  const today = appToday();
  const body = await streamTaskWorkbook(db(), read.query, today);
  return new Response(body, {
    status: 200,
    headers: { ...xlsxHeaders(contentDisposition(exportFileName(today))), "Content-Language": "vi" },
  });
});

export const action = apiHandler(async ({ request }: ActionFunctionArgs) => {
  const user = await requireApiUser(request);
  return methodNotAllowed(apiLanguage(user), ["GET"]);
});
