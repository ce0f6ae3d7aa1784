import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { handlerFor, runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { ROLES, can, type Role } from "~/auth/policy";
import { notFound, parseId, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { ProfileCard, ProfileFact } from "~/components/admin/profile-card";
import {
  fieldErrorItems,
  FullNameField,
  RoleSelect,
  UnitSelect,
  userProfileShape,
  useUserFieldLabels,
  useUserForm,
} from "~/components/admin/user-form-fields";
import { AuditDetails, auditActionLabel, parseAuditData, referencedUnitIds } from "~/components/audit-event";
import { OneTimePassword } from "~/components/one-time-password";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ErrorSummary, Notice } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { versionField } from "~/domain/form-fields";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listAuditEvents } from "~/models/audit.server";
import type { CommandContext } from "~/models/command-result";
import { getUnit, unitAncestors, unitOptions, unitPath } from "~/models/unit.server";
import * as userCommands from "~/models/user-commands.server";
import { prepareCredential, type UserResult } from "~/models/user-commands.server";
import { getUserById, userResource, type UserRow } from "~/models/user.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, "users.editTitle", { name: args.data && "target" in args.data ? args.data.target.fullName : "" });

// Account pages and one-time passwords must never be kept by a browser or proxy cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const HISTORY_SIZE = 20;

const UpdateSchema = z.object({
  intent: z.literal("update"),
  version: versionField,
  ...userProfileShape,
});

const ActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  version: versionField,
});

function view(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    unitId: u.unitId,
    unitName: u.unitName,
    unitActive: u.unitActive,
    active: u.active,
    language: u.language,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    version: u.version,
  };
}
type UserView = ReturnType<typeof view>;

/** The signed-in user, who may see users at all, and the user this page is about (a missing one is a 404). */
async function loadTarget(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "user:list");
  const target = await getUserById(db(), parseId(rawId));
  if (!target) notFound();
  return { user, target };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await loadTarget(request, params.userId);

  const actor = toActor(user);
  const path = await unitPath(db(), target.unitId);
  const canManage = can(actor, "user:manage", { unitPath: path, unitId: target.unitId, userId: target.id, role: target.role });
  const roles: readonly Role[] = user.role === "admin" ? ROLES : ["head", "staff"];
  const units = canManage ? await unitOptions(db(), user.role === "admin" ? {} : { withinUnitId: user.unitId }) : [];
  const unitChoices = units.map((u) => ({ id: u.id, name: u.name, depth: u.depth, closed: false }));
  // A user of a closed unit keeps it until moved: offer it so that saving other fields does not fail.
  if (canManage && !unitChoices.some((u) => u.id === target.unitId)) {
    unitChoices.unshift({ id: target.unitId, name: target.unitName, depth: 0, closed: true });
  }

  // The change history is part of the audit log, which only the secretariat reads.
  let history = null;
  let unitNames: Record<string, string> = {};
  if (can(actor, "audit:read")) {
    const events = await listAuditEvents(db(), { entityType: "user", entityId: String(target.id), limit: HISTORY_SIZE, offset: 0 });
    history = {
      total: events.total,
      items: events.items.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt,
        action: e.action,
        actorName: e.actorName,
        data: parseAuditData(e.data),
      })),
    };
    unitNames = await namesOfUnits(history.items.flatMap((e) => referencedUnitIds(e.data)));
  }

  return json({
    target: view(target),
    trail: (await unitAncestors(db(), target.unitId)).map((u) => u.name),
    isSelf: target.id === user.id,
    canManage,
    roles,
    units: unitChoices,
    history,
    unitNames,
  });
}

async function namesOfUnits(ids: number[]) {
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) {
    const unit = await getUnit(db(), id);
    if (unit) names[String(id)] = unit.name;
  }
  return names;
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
    return json({ intent, result: null, conflict: view(outcome.current), newPassword: null }, { status: 409 });
  const { form, ...fieldErrors } = outcome.fieldErrors;
  // The status form has only hidden fields: its refusals are the form's.
  const reply = form ? { formErrors: form } : { fieldErrors };
  return json({ intent, result: submission.reply(reply), conflict: null, newPassword: null }, { status: 400 });
}

async function update({ formData, id, ctx }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: UpdateSchema });
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
  const shown: UserView = actionData?.conflict && actionData.conflict.version > data.target.version ? actionData.conflict : data.target;

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
          <EditForm key={`edit-${shown.version}`} shown={shown} />
          <AccessSection shown={shown} />
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

      {data.history ? <History /> : null}
    </div>
  );
}

function EditForm({ shown }: { shown: UserView }) {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useUserForm(UpdateSchema, {
    id: "edit-user",
    // After a conflict the submitted values are dropped on purpose: the form shows what is saved now.
    lastResult: actionData?.intent === "update" && actionData.result ? actionData.result : undefined,
    defaultValue: { version: String(shown.version), fullName: shown.fullName, role: shown.role, unitId: String(shown.unitId) },
  });
  const { fullName, role, unitId } = useUserFieldLabels();
  const labels = { fullName, role, unitId };
  const errors = [
    ...(form.errors ?? []).map((message) => ({ message })),
    ...(fields.version.errors ?? []).map((message) => ({ message })),
    ...fieldErrorItems(fields, labels),
  ];
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  const roleOptions: readonly string[] = data.roles.includes(shown.role) ? data.roles : [shown.role, ...data.roles];

  return (
    <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="edit-heading" className="text-lg font-semibold">
        {t("users.editSection")}
      </h2>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <ErrorSummary items={errors} />
        <input type="hidden" name="intent" value="update" />
        <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
        <FullNameField field={fields.fullName} label={labels.fullName} />
        <div className="grid gap-4 sm:grid-cols-2">
          <RoleSelect field={fields.role} label={labels.role} roles={roleOptions} />
          <UnitSelect field={fields.unitId} label={labels.unitId} units={data.units} />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? t("common.loading") : t("common.save")}
        </Button>
      </Form>
    </section>
  );
}

function AccessSection({ shown }: { shown: UserView }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const passwordRef = useRef<HTMLDivElement>(null);
  const newPassword = actionData?.intent === "reset-password" ? actionData.newPassword : null;
  useEffect(() => {
    if (newPassword) passwordRef.current?.focus();
  }, [newPassword]);
  const activeErrors =
    (actionData?.intent === "deactivate" || actionData?.intent === "reactivate") && actionData.result?.error
      ? Object.values(actionData.result.error).flatMap((messages) => messages ?? [])
      : [];
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  return (
    <section aria-labelledby="access-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="access-heading" className="text-lg font-semibold">
        {t("users.accessSection")}
      </h2>

      {newPassword ? (
        <div ref={passwordRef} tabIndex={-1} className="focus:outline-none">
          <p className="mt-3 text-sm font-semibold text-emerald-800">{t("users.passwordReset", { name: shown.fullName })}</p>
          <OneTimePassword password={newPassword} name={shown.fullName} />
        </div>
      ) : null}

      <div className="mt-4 grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          <h3 className="font-semibold text-slate-800">{shown.active ? t("users.deactivate") : t("users.reactivate")}</h3>
          <p className="text-sm text-slate-600">{shown.active ? t("users.deactivateHelp") : t("users.reactivateHelp")}</p>
          {activeErrors.length ? <ErrorSummary items={activeErrors.map((message) => ({ message }))} /> : null}
          <Form
            method="post"
            onSubmit={(event) => {
              if (shown.active && !window.confirm(t("users.deactivateConfirm", { name: shown.fullName }))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value={shown.active ? "deactivate" : "reactivate"} />
            <input type="hidden" name="version" value={shown.version} />
            <Button
              type="submit"
              variant={shown.active ? "danger" : "secondary"}
              disabled={busyIntent === "deactivate" || busyIntent === "reactivate"}
            >
              {shown.active ? t("users.deactivate") : t("users.reactivate")}
            </Button>
          </Form>
        </div>
        <div className="space-y-2">
          <h3 className="font-semibold text-slate-800">{t("users.resetPassword")}</h3>
          <p className="text-sm text-slate-600">{t("users.resetPasswordHelp")}</p>
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(t("users.resetPasswordConfirm", { name: shown.fullName }))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="reset-password" />
            <Button type="submit" variant="secondary" disabled={busyIntent === "reset-password"}>
              {t("users.resetPassword")}
            </Button>
          </Form>
        </div>
      </div>
    </section>
  );
}

function History() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  if (!data.history) return null;
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("users.history")}
        </h2>
        {data.history.total > 0 ? (
          <Link to={`/admin/audit?entityType=user&entityId=${data.target.id}`} className="text-sm font-semibold">
            {t("users.historyAll", { count: data.history.total })}
          </Link>
        ) : null}
      </div>
      {data.history.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("users.historyEmpty")}</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 text-sm">
          {data.history.items.map((e) => (
            <li key={e.id} className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
              <span className="text-slate-500">{t.dateTime(e.occurredAt)}</span>
              <div>
                <p>
                  <span className="font-semibold">{auditActionLabel(t, e.action)}</span>
                  <span className="text-slate-500"> — {e.actorName ?? t("audit.system")}</span>
                </p>
                <div className="mt-0.5 text-slate-700">
                  <AuditDetails t={t} data={e.data} unitNames={data.unitNames} hideEmpty />
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
