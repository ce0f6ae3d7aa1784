/**
 * GET   /api/v1/tasks/:id — the task with its history and extension requests.
 * PATCH /api/v1/tasks/:id — edit fields and/or post progress or a status change (see app/api/task-patch.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiActor, apiLanguage, apiTaskContext, requireApiUser } from "~/api/auth.server";
import {
  apiHandler,
  forbiddenResponse,
  jsonResponse,
  methodNotAllowed,
  notFoundResponse,
  parseId,
  readJsonObject,
} from "~/api/json.server";
import { taskDetailJson } from "~/api/task-json.server";
import { patchTask } from "~/api/task-patch.server";
import { can } from "~/auth/policy";
import { appToday } from "~/auth/request.server";
import { db } from "~/db.server";
import { getTask } from "~/models/task.server";

export const loader = apiHandler(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  const id = parseId(params.id);
  const task = id === null ? undefined : await getTask(db(), id, appToday());
  if (!task) return notFoundResponse(lang);
  if (!can(apiActor(user), "task:read")) return forbiddenResponse(lang);
  return jsonResponse(await taskDetailJson(db(), task), { lang });
});

export const action = apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (request.method !== "PATCH") return methodNotAllowed(lang, ["GET", "PATCH"]);
  const body = await readJsonObject(request, lang);
  const id = parseId(params.id);
  if (id === null) return notFoundResponse(lang);
  return patchTask(db(), id, body, apiTaskContext(user, context), lang);
});
