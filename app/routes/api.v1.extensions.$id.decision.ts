/** POST /api/v1/extensions/:id/decision — approve (the deadline moves) or reject a pending request. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, apiTaskContext, requireApiUser, requireRoleMayEver } from "~/api/auth.server";
import {
  apiHandler,
  invalidResponse,
  jsonResponse,
  methodNotAllowed,
  notFoundResponse,
  parseId,
  readJsonObject,
  taskFailureResponse,
  zodFieldErrors,
} from "~/api/json.server";
import { ExtensionDecisionBody } from "~/api/task-input.server";
import { getExtensionJson, getTaskJson } from "~/api/task-json.server";
import { db } from "~/db.server";
import { ExtensionDecisionSchema } from "~/domain/task-schema";
import { decideExtension } from "~/models/task-commands.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["POST"]),
);

export const action = apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (request.method !== "POST") return methodNotAllowed(lang, ["POST"]);
  const body = await readJsonObject(request, lang);
  requireRoleMayEver(user, "extension:decide");
  const id = parseId(params.id);
  if (id === null) return notFoundResponse(lang);

  const typed = ExtensionDecisionBody.safeParse(body);
  if (!typed.success) return invalidResponse(lang, zodFieldErrors(typed.error));
  const input = ExtensionDecisionSchema.safeParse({ decision: typed.data.decision, note: typed.data.note ?? undefined });
  if (!input.success) return invalidResponse(lang, zodFieldErrors(input.error));

  const ctx = apiTaskContext(user, context);
  const decided = await decideExtension(db(), id, input.data, ctx);
  if (!decided.ok) return taskFailureResponse(lang, decided);
  const extension = await getExtensionJson(db(), decided.value.taskId, id);
  return jsonResponse({ ...extension, task: await getTaskJson(db(), decided.value.taskId, ctx.today) }, { lang });
});
