/** POST /api/v1/tasks/:id/extensions — request a later deadline: 201 with the pending request. */
import { apiTaskContext } from "~/api/auth.server";
import { jsonResponse, notFoundResponse, parseId, taskFailureResponse, zodFieldErrors } from "~/api/json.server";
import { postOnlyRoute } from "~/api/routes.server";
import { ExtensionRequestBody } from "~/api/task-input.server";
import { getExtensionJson } from "~/api/task-json.server";
import { db } from "~/db.server";
import { ExtensionRequestSchema } from "~/domain/task-schema";
import { extensionRequestStep, withTask } from "~/models/task-commands.server";
import { invalid as invalidInput } from "~/models/task-record.server";

export const { loader, action } = postOnlyRoute(
  async ({ user, lang, body, params, context }) => {
    const ctx = apiTaskContext(user, context);
    const id = parseId(params.id);
    if (id === null) return notFoundResponse(lang);
    // The body is read after the task is loaded and the role authorised: a refused role hears 403 first.
    const requested = await withTask(db(), id, "extension:request", ctx, async (trx, loaded) => {
      const typed = ExtensionRequestBody.safeParse(body);
      if (!typed.success) return invalidInput(zodFieldErrors(typed.error));
      const input = ExtensionRequestSchema.safeParse(typed.data);
      if (!input.success) return invalidInput(zodFieldErrors(input.error));
      return extensionRequestStep(trx, loaded, input.data, ctx);
    });
    if (!requested.ok) return taskFailureResponse(lang, requested);
    const extension = await getExtensionJson(db(), id, requested.value.id);
    return jsonResponse(extension, { status: 201, lang });
  },
  { readBody: true },
);
