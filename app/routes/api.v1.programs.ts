/** GET /api/v1/programs — CCHC, CDS, DA06 with their names in the caller's language. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, jsonResponse, methodNotAllowed } from "~/api/json.server";
import { db } from "~/db.server";
import { listPrograms } from "~/models/program.server";

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  const programs = await listPrograms(db());
  return jsonResponse({ items: programs.map((p) => ({ code: p.code, name: lang === "vi" ? p.nameVi : p.nameEn })) }, { lang });
});

export const action = apiHandler(async ({ request }: ActionFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["GET"]),
);
