/** Any other path under /api/v1: a JSON 404 (not the HTML page), whatever the method. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { UNAUTHENTICATED_LANGUAGE } from "~/api/auth.server";
import { apiHandler, notFoundResponse } from "~/api/json.server";

export const loader = apiHandler(async (_: LoaderFunctionArgs) => notFoundResponse(UNAUTHENTICATED_LANGUAGE));
export const action = apiHandler(async (_: ActionFunctionArgs) => notFoundResponse(UNAUTHENTICATED_LANGUAGE));
