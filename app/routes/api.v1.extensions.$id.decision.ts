/** POST /api/v1/extensions/:id/decision — approve (the deadline moves) or reject a pending request. */
import { apiTaskContext, requireRoleMayEver } from "~/api/auth.server";
import { invalidResponse, jsonResponse, notFoundResponse, parseId, taskFailureResponse, zodFieldErrors } from "~/api/json.server";
import { postOnlyRoute } from "~/api/routes.server";
import { ExtensionDecisionBody } from "~/api/task-input.server";
import { getExtensionJson, getTaskJson } from "~/api/task-json.server";
import { db } from "~/db.server";
import { ExtensionDecisionSchema } from "~/domain/task-schema";
import { decideExtension } from "~/models/task-commands.server";

export const { loader, action } = postOnlyRoute(
  async ({ user, lang, body, params, context }) => {
    requireRoleMayEver(user, "extension:decide");
    const id = parseId(params.id);
    if (id === null) return notFoundResponse(lang);

    const typed = ExtensionDecisionBody.safeParse(body);
    if (!typed.success) return invalidResponse(lang, zodFieldErrors(typed.error));
    const input = ExtensionDecisionSchema.safeParse({ decision: typed.data.decision, note: typed.data.note ?? undefined });
    if (!input.success) return invalidResponse(lang, zodFieldErrors(input.error));

    const ctx = apiTaskContext(user, context);
    const decided = await decideExtension(db(), id, input.data, ctx);
    if (!decided.ok) return taskFailureResponse(lang, decided);
    const extension = await getExtensionJson(db(), decided.value.taskId, id);
    return jsonResponse({ ...extension, task: await getTaskJson(db(), decided.value.taskId, ctx.today) }, { lang });
  },
  { readBody: true },
);
