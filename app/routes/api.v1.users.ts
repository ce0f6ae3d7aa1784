/** GET /api/v1/users?unitId=&role= — active users (for choosing a task's owner); staff may not list users. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiActor, apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, forbiddenResponse, invalidResponse, jsonResponse, methodNotAllowed, zodFieldErrors } from "~/api/json.server";
import { UserListQuery, queryObject } from "~/api/task-input.server";
import { can } from "~/auth/policy";
import { db } from "~/db.server";
import { listUsers } from "~/models/user.server";

/** Every active user fits in one answer (a city has a few thousand); no paging needed. */
const MAX_USERS = 10_000;

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (!can(apiActor(user), "user:list")) return forbiddenResponse(lang);
  const query = UserListQuery.safeParse(queryObject(new URL(request.url)));
  if (!query.success) return invalidResponse(lang, zodFieldErrors(query.error));
  const { items } = await listUsers(db(), {
    role: query.data.role,
    unitIds: query.data.unitId !== undefined ? [query.data.unitId] : undefined,
    active: true,
    limit: MAX_USERS,
    offset: 0,
  });
  return jsonResponse(
    { items: items.map((u) => ({ id: u.id, email: u.email, name: u.fullName, role: u.role, unitId: u.unitId })) },
    { lang },
  );
});

export const action = apiHandler(async ({ request }: ActionFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["GET"]),
);
