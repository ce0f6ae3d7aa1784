/**
 * POST /api/v1/notifications/:id/read — mark one of the token user's notifications read; answers the
 * notification. Idempotent (the first read time stays). Another user's id is 404, like a missing one.
 */
import { jsonResponse, notFoundResponse, parseId } from "~/api/json.server";
import { postOnlyRoute } from "~/api/routes.server";
import { db } from "~/db.server";
import { markNotificationRead, notificationJson } from "~/models/notification.server";

export const { loader, action } = postOnlyRoute(
  async ({ user, lang, params }) => {
    // No body is needed; whatever is sent is not read.
    const id = parseId(params.id);
    if (id === null) return notFoundResponse(lang);
    const item = await markNotificationRead(db(), { userId: user.id, id });
    if (!item) return notFoundResponse(lang);
    return jsonResponse(notificationJson(item), { lang });
  },
  { readBody: false },
);
