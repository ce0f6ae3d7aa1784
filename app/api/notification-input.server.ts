/** Query parameters of GET /api/v1/notifications (shared with the OpenAPI document). */
import { z } from "zod";
import { errorKey } from "~/i18n";
import { queryInt } from "./task-input.server";

export const NOTIFICATION_LIST_DEFAULT_LIMIT = 50;
export const NOTIFICATION_LIST_MAX_LIMIT = 200;

export const NotificationListQuery = z.object({
  /** "true": unread only; "false" or absent: all. Anything else is refused, not guessed. */
  unread: z.enum(["true", "false"], { error: errorKey("api.expectedBoolean") }).optional(),
  limit: queryInt(1, NOTIFICATION_LIST_MAX_LIMIT, errorKey("api.limit", { max: NOTIFICATION_LIST_MAX_LIMIT })).default(
    NOTIFICATION_LIST_DEFAULT_LIMIT,
  ),
  offset: queryInt(0, 2_147_483_647, errorKey("api.offset")).default(0),
});
