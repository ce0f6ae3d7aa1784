/**
 * Who is calling the API: the user behind `Authorization: Bearer <token>`, and nothing else — a session
 * cookie is never accepted in place of a token, so the API has no ambient credential a third-party page
 * could use (the HTTP server also refuses cross-site writes that carry cookies).
 *
 * Language of API messages: the token user's own language setting (vi or en). Before a user is known
 * (401), messages are in English.
 */
import { PERMISSIONS, type Action, type Actor } from "~/auth/policy";
import { noteRequestActor } from "~/auth/request-scope.server";
import { appToday } from "~/auth/request.server";
import { db } from "~/db.server";
import type { Language } from "~/i18n";
import { authenticateApiToken, type ApiTokenUser } from "~/models/api-token.server";
import type { TaskContext } from "~/models/task-commands.server";
import { ApiResponse, errorResponse, forbiddenResponse } from "./json.server";

export type ApiUser = ApiTokenUser;

export const UNAUTHENTICATED_LANGUAGE: Language = "en";

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1] : null;
}

export async function requireApiUser(request: Request): Promise<ApiUser> {
  const token = bearerToken(request);
  const user = token ? await authenticateApiToken(db(), token) : null;
  if (!user) {
    throw new ApiResponse(
      errorResponse(UNAUTHENTICATED_LANGUAGE, 401, "unauthorized", "api.unauthorized", {
        headers: { "WWW-Authenticate": token ? 'Bearer realm="roviec-api", error="invalid_token"' : 'Bearer realm="roviec-api"' },
      }),
    );
  }
  noteRequestActor(user.id);
  return user;
}

export function apiLanguage(user: Pick<ApiUser, "language">): Language {
  return user.language === "vi" ? "vi" : "en";
}

export function apiActor(user: ApiUser): Actor {
  return { id: user.id, role: user.role, unitId: user.unitId, active: user.active };
}

export function apiTaskContext(user: ApiUser, context: { clientIp?: string } | undefined): TaskContext {
  return { actor: apiActor(user), today: appToday(), ip: context?.clientIp ?? null };
}

/**
 * Refuses at once an action the user's role may never do, whatever the record (e.g. staff creating a
 * task), so they get 403 before any validation. The model still asks the full policy for the record.
 */
export function requireRoleMayEver(user: ApiUser, action: Action): void {
  if (!user.active || PERMISSIONS[action][user.role] === "none") throw new ApiResponse(forbiddenResponse(apiLanguage(user)));
}
