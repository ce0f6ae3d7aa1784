/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (public: it describes, it holds no data). */
import type { ActionFunctionArgs } from "@remix-run/node";
import { UNAUTHENTICATED_LANGUAGE } from "~/api/auth.server";
import { apiHandler, jsonResponse, methodNotAllowed } from "~/api/json.server";
import { openApiDocument } from "~/api/openapi.server";

export const loader = apiHandler(async () => jsonResponse(openApiDocument()));

export const action = apiHandler(async (_: ActionFunctionArgs) => methodNotAllowed(UNAUTHENTICATED_LANGUAGE, ["GET"]));
