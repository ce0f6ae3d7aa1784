/**
 * GET  /api/v1/tasks — the task list with filters and paging: { items, total, limit, offset }.
 * POST /api/v1/tasks — create a task (issued, or a draft with "draft": true): 201 with the task.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, apiTaskContext, requireApiUser, requireRoleMayEver } from "~/api/auth.server";
import {
  apiHandler,
  hasOwn,
  invalidResponse,
  jsonResponse,
  methodNotAllowed,
  readJsonObject,
  taskFailureResponse,
  zodFieldErrors,
} from "~/api/json.server";
import { readTaskListRequest } from "~/api/routes.server";
import { TaskCreateBody, TaskListQuery, taskFieldsFrom, withDraftLeadUnit } from "~/api/task-input.server";
import { taskJson } from "~/api/task-json.server";
import { appToday } from "~/auth/request.server";
import { db } from "~/db.server";
import { errorKey } from "~/i18n";
import { createTask } from "~/models/task-commands.server";
import { listTasks } from "~/models/task.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  const read = await readTaskListRequest(request, TaskListQuery);
  if (!read.ok) return read.response;
  const { query, lang } = read;
  const { total, items } = await listTasks(db(), query, appToday());
  return jsonResponse({ items: items.map(taskJson), total, limit: query.limit, offset: query.offset }, { lang });
});

export const action = apiHandler(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (request.method !== "POST") return methodNotAllowed(lang, ["GET", "POST"]);
  const body = await readJsonObject(request, lang);
  requireRoleMayEver(user, "task:create");

  const parsed = TaskCreateBody.safeParse(body);
  if (!parsed.success) return invalidResponse(lang, zodFieldErrors(parsed.error));
  // A new task's status follows from "draft"; a status in the body is refused rather than silently ignored.
  if (hasOwn(body, "status")) return invalidResponse(lang, { status: [errorKey("api.statusOnCreate")] });
  const content = taskFieldsFrom(parsed.data, "create");
  if (!content.ok) return invalidResponse(lang, content.fieldErrors);

  const issue = parsed.data.draft !== true;
  const fields = issue ? content.fields : withDraftLeadUnit(content.fields, user);
  const created = await createTask(db(), fields, { issue }, apiTaskContext(user, context));
  if (!created.ok) return taskFailureResponse(lang, created);
  return jsonResponse(taskJson(created.value), { status: 201, lang, headers: { Location: `/api/v1/tasks/${created.value.id}` } });
});
