/**
 * POST /api/v1/notifications/:id/read — mark one of the token user's notifications read; answers the
 * notification. Idempotent (the first read time stays). Another user's id is 404, like a missing one.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, jsonResponse, methodNotAllowed, notFoundResponse, parseId } from "~/api/json.server";
import { db } from "~/db.server";
import { markNotificationRead, notificationJson } from "~/models/notification.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["POST"]),
);

export const action = apiHandler(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (request.method !== "POST") return methodNotAllowed(lang, ["POST"]);
  // No body is needed; whatever is sent is not read.
  const id = parseId(params.id);
  if (id === null) return notFoundResponse(lang);
  const item = await markNotificationRead(db(), { userId: user.id, id });
  if (!item) return notFoundResponse(lang);
  return jsonResponse(notificationJson(item), { lang });
});
