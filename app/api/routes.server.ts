/**
 * How the API's resource routes start: a POST-only route (GET and others answer 405 with `Allow`), and
 * a task-list request (403 for a role that may not read tasks, 422 for filters that do not parse).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { can } from "~/auth/policy";
import type { Language } from "~/i18n";
import { apiActor, apiLanguage, requireApiUser, type ApiUser } from "./auth.server";
import { apiHandler, forbiddenResponse, invalidResponse, methodNotAllowed, readJsonObject, zodFieldErrors } from "./json.server";
import { queryObject } from "./task-input.server";

export interface PostArgs {
  user: ApiUser;
  lang: Language;
  /** The JSON body, when the route reads one (`readBody`); an empty object otherwise. */
  body: Record<string, unknown>;
  params: ActionFunctionArgs["params"];
  context: ActionFunctionArgs["context"];
}

/** The loader and action of a route that answers POST only. */
export function postOnlyRoute(handle: (args: PostArgs) => Promise<Response>, options: { readBody: boolean }) {
  return {
    loader: apiHandler(async ({ request }: LoaderFunctionArgs) => methodNotAllowed(apiLanguage(await requireApiUser(request)), ["POST"])),
    action: apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
      const user = await requireApiUser(request);
      const lang = apiLanguage(user);
      if (request.method !== "POST") return methodNotAllowed(lang, ["POST"]);
      const body = options.readBody ? await readJsonObject(request, lang) : {};
      return handle({ user, lang, body, params, context });
    }),
  };
}

/** A task-list request's user, language and filters, or the refusal to answer. */
export async function readTaskListRequest<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; user: ApiUser; lang: Language; query: z.output<S> } | { ok: false; response: Response }> {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (!can(apiActor(user), "task:read")) return { ok: false, response: forbiddenResponse(lang) };
  const query = schema.safeParse(queryObject(new URL(request.url)));
  if (!query.success) return { ok: false, response: invalidResponse(lang, zodFieldErrors(query.error)) };
  return { ok: true, user, lang, query: query.data };
}
