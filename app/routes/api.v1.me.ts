/** GET /api/v1/me — the user the token acts as. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, jsonResponse, methodNotAllowed } from "~/api/json.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  return jsonResponse(
    { id: user.id, email: user.email, name: user.fullName, role: user.role, unitId: user.unitId, language: user.language },
    { lang },
  );
});

export const action = apiHandler(async ({ request }: ActionFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["GET"]),
);
