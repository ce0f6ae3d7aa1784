/**
 * GET /api/v1/notifications?unread=true&limit=&offset= — the token user's notifications, newest first:
 * { items: [{ id, kind, taskId, createdAt, readAt }], unread, total, limit, offset }.
 * `unread` is always the count of unread notifications; `total` counts the items matching the filter.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, invalidResponse, jsonResponse, methodNotAllowed, zodFieldErrors } from "~/api/json.server";
import { NotificationListQuery } from "~/api/notification-input.server";
import { queryObject } from "~/api/task-input.server";
import { db } from "~/db.server";
import { countUnread, listNotifications, notificationJson } from "~/models/notification.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  // Everyone has an inbox; only the token user's own rows are ever read.
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  const query = NotificationListQuery.safeParse(queryObject(new URL(request.url)));
  if (!query.success) return invalidResponse(lang, zodFieldErrors(query.error));
  const { limit, offset } = query.data;
  const { total, items } = await listNotifications(db(), { userId: user.id, unreadOnly: query.data.unread === "true", limit, offset });
  const unread = await countUnread(db(), user.id);
  return jsonResponse({ items: items.map(notificationJson), unread, total, limit, offset }, { lang });
});

export const action = apiHandler(async ({ request }: ActionFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["GET"]),
);
