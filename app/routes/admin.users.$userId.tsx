import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { handlerFor, runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { notFound, parseId, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { ProfileCard, ProfileFact } from "~/components/admin/profile-card";
import { UserAccessPanel } from "~/components/admin/user-access-panel";
import { UpdateUserSchema, UserEditForm } from "~/components/admin/user-edit-form";
import { UserHistory } from "~/components/admin/user-history";
import { Badge } from "~/components/ui/badge";
import { Notice } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { versionField } from "~/domain/form-fields";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import type { CommandContext } from "~/models/command-result";
import { userAdminView, userSnapshot, type UserSnapshot } from "~/models/user-admin-page.server";
import * as userCommands from "~/models/user-commands.server";
import { prepareCredential, type UserResult } from "~/models/user-commands.server";
import { getUserById, userResource } from "~/models/user.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, "users.editTitle", { name: args.data && "target" in args.data ? args.data.target.fullName : "" });

// Account pages and one-time passwords must never be kept by a browser or proxy cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const ActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  version: versionField,
});

/** For the action: the signed-in user, who may see users at all, and the user it is about (a missing one is a 404). */
async function loadTarget(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "user:list");
  const target = await getUserById(db(), parseId(rawId));
  if (!target) notFound();
  return { user, target };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "user:list");
  const view = await userAdminView(db(), toActor(user), parseId(params.userId));
  if (!view) notFound();
  return json(view);
}

interface IntentArgs {
  formData: FormData;
  id: number;
  ctx: CommandContext;
}

type Done = "users.updated" | "users.deactivated" | "users.reactivated";

function answer(intent: string, result: UserResult, submission: { reply: (o?: object) => SubmissionResult<string[]> }, done: Done) {
  const outcome = unlessRefused(result);
  if (outcome.ok) {
    const headers = { "Set-Cookie": toastCookie({ key: done, params: { name: outcome.value.fullName } }) };
    return redirect(`/admin/users/${outcome.value.id}`, { headers });
  }
  if (outcome.error === "conflict")
    return json({ intent, result: null, conflict: userSnapshot(outcome.current), newPassword: null }, { status: 409 });
  const { form, ...fieldErrors } = outcome.fieldErrors;
  // The status form has only hidden fields: its refusals are the form's.
  const reply = form ? { formErrors: form } : { fieldErrors };
  return json({ intent, result: submission.reply(reply), conflict: null, newPassword: null }, { status: 400 });
}

async function update({ formData, id, ctx }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: UpdateUserSchema });
  if (submission.status !== "success")
    return json({ intent: "update", result: submission.reply(), conflict: null, newPassword: null }, { status: 400 });
  const result = await runCommand((trx) => userCommands.update(trx, ctx, { id, ...submission.value }));
  return answer("update", result, submission, "users.updated");
}

async function setActive({ formData, id, ctx }: IntentArgs) {
  const intent = String(formData.get("intent"));
  const submission = parseWithZod(formData, { schema: ActiveSchema });
  if (submission.status !== "success")
    return json({ intent, result: submission.reply(), conflict: null, newPassword: null }, { status: 400 });
  const active = submission.value.intent === "reactivate";
  const result = await runCommand((trx) => userCommands.setActive(trx, ctx, { id, version: submission.value.version, active }));
  return answer(intent, result, submission, active ? "users.reactivated" : "users.deactivated");
}

async function resetPassword({ id, ctx }: IntentArgs) {
  // Hashed before the transaction: no slow await belongs inside one.
  const credential = await prepareCredential();
  const outcome = unlessRefused(await runCommand((trx) => userCommands.resetPassword(trx, ctx, { id, credential })));
  if (!outcome.ok) throw new Response("Conflict", { status: 409 });
  // Shown in this response only: never in a cookie, a URL or the log.
  const body = { intent: "reset-password", result: null, conflict: null, newPassword: outcome.value.oneTimePassword };
  return json(body, { headers: { "Cache-Control": "no-store" } });
}

const intents = { update, deactivate: setActive, reactivate: setActive, "reset-password": resetPassword };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, target } = await loadTarget(request, params.userId);
  const formData = await request.formData();
  const handler = handlerFor(intents, formData.get("intent"));
  if (handler) return handler({ formData, id: target.id, ctx: { actor: toActor(user), ip: context.clientIp } });
  // A form naming no intent is malformed, but only those who may change this user learn that much.
  requirePermission(user, "user:manage", await userResource(db(), target));
  return json({ intent: null, result: null, conflict: null, newPassword: null }, { status: 400 });
}

export default function UserPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  // After a conflict the page shows the latest saved record (the newer of the action's and the loader's).
  const shown: UserSnapshot = actionData?.conflict && actionData.conflict.version > data.target.version ? actionData.conflict : data.target;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p>
        <Link to="/admin/users" className="text-sm font-semibold">
          ← {t("users.backToList")}
        </Link>
      </p>
      <div>
        <h1 className="break-words text-2xl font-bold text-slate-900">
          {shown.fullName} {data.isSelf ? <span className="text-base font-normal text-slate-500">{t("users.you")}</span> : null}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Badge tone="blue">{t(`role.${shown.role}`)}</Badge>
          {shown.active ? <Badge tone="green">{t("common.active")}</Badge> : <Badge tone="neutral">{t("common.inactive")}</Badge>}
          {shown.mustChangePassword ? <Badge tone="amber">{t("users.mustChangePassword")}</Badge> : null}
        </div>
      </div>

      {actionData?.conflict ? <Notice kind="warning">{t("form.conflict")}</Notice> : null}

      <ProfileCard>
        <ProfileFact label={t("users.email")} className="break-all">
          {shown.email}
        </ProfileFact>
        <ProfileFact label={t("users.unit")}>
          {shown.unitName}
          {!shown.unitActive ? <span className="ml-1 text-slate-500">({t("common.closed")})</span> : null}
          {data.trail.length > 0 && shown.unitId === data.target.unitId ? (
            <span className="block text-xs text-slate-500">
              {t("units.path")}: {data.trail.join(" › ")}
            </span>
          ) : null}
        </ProfileFact>
        <ProfileFact label={t("users.language")}>{t(`lang.${shown.language}`)}</ProfileFact>
        <ProfileFact label={t("users.createdAt")}>{t.date(shown.createdAt)}</ProfileFact>
        <ProfileFact label={t("users.updatedAt")}>{t.dateTime(shown.updatedAt)}</ProfileFact>
      </ProfileCard>

      {data.canManage ? (
        <>
          <UserEditForm
            key={`edit-${shown.version}`}
            shown={shown}
            roles={data.roles}
            units={data.units}
            // After a conflict the submitted values are dropped on purpose: the form shows what is saved now.
            lastResult={actionData?.intent === "update" && actionData.result ? actionData.result : undefined}
          />
          <UserAccessPanel
            shown={shown}
            statusResult={actionData?.intent === "deactivate" || actionData?.intent === "reactivate" ? actionData.result : null}
            newPassword={actionData?.intent === "reset-password" ? actionData.newPassword : null}
          />
        </>
      ) : (
        <Notice kind="info">
          {data.isSelf ? (
            <>
              {t("users.ownAccount")} <Link to="/account">{t("account.title")}</Link>
            </>
          ) : (
            t("users.readOnly")
          )}
        </Notice>
      )}

      {data.history ? <UserHistory userId={data.target.id} history={data.history} unitNames={data.unitNames} /> : null}
    </div>
  );
}
