/** POST /api/v1/tasks/:id/extensions — request a later deadline: 201 with the pending request. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, apiTaskContext, requireApiUser } from "~/api/auth.server";
import {
  apiHandler,
  forbiddenResponse,
  invalidResponse,
  jsonResponse,
  methodNotAllowed,
  notFoundResponse,
  parseId,
  readJsonObject,
  taskFailureResponse,
  zodFieldErrors,
} from "~/api/json.server";
import { ExtensionRequestBody } from "~/api/task-input.server";
import { getExtensionJson } from "~/api/task-json.server";
import { db } from "~/db.server";
import { ExtensionRequestSchema } from "~/domain/task-schema";
import { canOnTask, getTask, requestExtension } from "~/models/task.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["POST"]),
);

export const action = apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (request.method !== "POST") return methodNotAllowed(lang, ["POST"]);
  const body = await readJsonObject(request, lang);
  const ctx = apiTaskContext(user, context);
  const id = parseId(params.id);
  const task = id === null ? undefined : await getTask(db(), id, ctx.today);
  if (!task) return notFoundResponse(lang);
  if (!(await canOnTask(db(), ctx.actor, "extension:request", task))) return forbiddenResponse(lang);

  const typed = ExtensionRequestBody.safeParse(body);
  if (!typed.success) return invalidResponse(lang, zodFieldErrors(typed.error));
  const input = ExtensionRequestSchema.safeParse(typed.data);
  if (!input.success) return invalidResponse(lang, zodFieldErrors(input.error));

  const requested = await requestExtension(db(), task.id, input.data, ctx);
  if (!requested.ok) return taskFailureResponse(lang, requested);
  const extension = await getExtensionJson(db(), task.id, requested.value.id);
  return jsonResponse(extension, { status: 201, lang });
});
