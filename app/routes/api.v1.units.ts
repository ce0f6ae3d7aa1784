/** GET /api/v1/units — the open units (closed ones are kept for history but no longer chosen). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiActor, apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, forbiddenResponse, jsonResponse, methodNotAllowed } from "~/api/json.server";
import { can } from "~/auth/policy";
import { db } from "~/db.server";
import { listUnits } from "~/models/unit.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (!can(apiActor(user), "unit:read")) return forbiddenResponse(lang);
  const units = await listUnits(db());
  return jsonResponse(
    { items: units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId })) },
    { lang },
  );
});

export const action = apiHandler(async ({ request }: ActionFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["GET"]),
);
