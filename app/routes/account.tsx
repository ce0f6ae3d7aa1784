import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { runCommand } from "~/action.server";
import { languageCookie, toastCookie } from "~/auth/cookies.server";
import { checkCurrentPassword } from "~/auth/password-check.server";
import { APP_WORDS, passwordWeakness, personalWords } from "~/auth/password-strength.server";
import { requirePermission, requireUser, toActor } from "~/auth/request.server";
import { invalidateUserSessions } from "~/auth/session.server";
import * as clock from "~/clock.server";
import { ProfileCard, ProfileFact } from "~/components/admin/profile-card";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ErrorSummary, Notice } from "~/components/ui/error-summary";
import { SelectField, TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { PASSWORD_MAX, PASSWORD_MIN, choice, newPasswordField } from "~/domain/form-fields";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { recordAudit } from "~/models/audit.server";
import { getUnit } from "~/models/unit.server";
import * as userCommands from "~/models/user-commands.server";
import { prepareCredential } from "~/models/user-commands.server";
import { countActiveSessions, getEmailEnabled, setLanguage } from "~/models/user.server";

export const meta: MetaFunction = (args) => pageTitle(args, "account.title");

const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ error: errorKey("error.required") }).max(PASSWORD_MAX * 4, { error: errorKey("error.passwordWrong") }),
    newPassword: newPasswordField,
    confirmPassword: z.string({ error: errorKey("error.required") }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: errorKey("error.passwordMismatch") })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], error: errorKey("error.passwordSame") });

const LanguageSchema = z.object({ intent: z.literal("language"), language: choice(["vi", "en"]) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowPasswordChange: true });
  const unit = await getUnit(db(), user.unitId);
  return json({
    user: {
      fullName: user.fullName,
      email: user.email,
      role: user.role,
      language: user.language,
      mustChangePassword: user.mustChangePassword,
    },
    unitName: unit?.name ?? "",
    sessions: await countActiveSessions(db(), user.id),
    emailEnabled: await getEmailEnabled(db(), user.id),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowPasswordChange: true });
  requirePermission(user, "account:update", { userId: user.id });
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "language") {
    const submission = parseWithZod(formData, { schema: LanguageSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    await setLanguage(db(), user.id, submission.value.language);
    const headers = new Headers();
    headers.append("Set-Cookie", languageCookie(submission.value.language));
    headers.append("Set-Cookie", toastCookie({ key: "account.languageSaved" }));
    return redirect("/account", { headers });
  }

  if (intent === "email") {
    // A checkbox: present ("on") means on, absent means off. Anything else is refused.
    const value = formData.get("emailEnabled");
    if (value !== null && value !== "on") return json({ intent, result: null }, { status: 400 });
    const enabled = value === "on";
    await runCommand((trx) => userCommands.setEmailPreference(trx, { actor: toActor(user), ip: context.clientIp }, { enabled }));
    return redirect("/account", { headers: { "Set-Cookie": toastCookie({ key: enabled ? "account.emailOn" : "account.emailOff" }) } });
  }

  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: PasswordSchema });
    if (submission.status !== "success") {
      return json(
        { intent, result: submission.reply({ hideFields: ["currentPassword", "newPassword", "confirmPassword"] }) },
        { status: 400 },
      );
    }
    const hide = ["currentPassword", "newPassword", "confirmPassword"];
    const check = await checkCurrentPassword(db(), {
      userId: user.id,
      email: user.email,
      password: submission.value.currentPassword,
      ip: context.clientIp,
    });
    if (!check.ok) {
      const message =
        check.reason === "throttled"
          ? errorKey("error.passwordCheckThrottled", {
              minutes: Math.max(1, Math.ceil((check.until.getTime() - clock.now().getTime()) / 60_000)),
            })
          : errorKey("error.passwordWrong");
      return json(
        { intent, result: submission.reply({ fieldErrors: { currentPassword: [message] }, hideFields: hide }) },
        { status: check.reason === "throttled" ? 429 : 400 },
      );
    }
    // Checked only now (server-side, dictionaries never sent to the browser), for a user who proved who they are.
    const weakness = await passwordWeakness(submission.value.newPassword, [...personalWords(user), ...APP_WORDS]);
    if (weakness) {
      return json(
        { intent, result: submission.reply({ fieldErrors: { newPassword: [errorKey(weakness)] }, hideFields: hide }) },
        { status: 400 },
      );
    }
    // Hashed before the transaction: no slow await belongs inside one.
    const credential = await prepareCredential(submission.value.newPassword);
    await runCommand((trx) =>
      userCommands.changeOwnPassword(trx, { actor: toActor(user), ip: context.clientIp }, { credential, keepSessionId: user.sessionId }),
    );
    return redirect("/account", { headers: { "Set-Cookie": toastCookie({ key: "account.passwordChanged" }) } });
  }

  if (intent === "sign-out-others") {
    const count = await invalidateUserSessions(db(), user.id, user.sessionId);
    await recordAudit(db(), {
      actorUserId: user.id,
      action: "auth.sign_out_others",
      entityType: "session",
      entityId: String(user.id),
      data: { count },
      ip: context.clientIp,
    });
    return redirect("/account", { headers: { "Set-Cookie": toastCookie({ key: "account.signedOutOthers", params: { count } }) } });
  }

  return json({ intent: null, result: null }, { status: 400 });
}

export default function AccountPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const [passwordForm, passwordFields] = useForm({
    id: "password-form",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const passwordErrors = [
    { field: passwordFields.currentPassword, label: t("account.currentPassword") },
    { field: passwordFields.newPassword, label: t("account.newPassword") },
    { field: passwordFields.confirmPassword, label: t("account.confirmPassword") },
  ].flatMap(({ field, label }) => (field.errors ?? []).map((message) => ({ fieldId: field.id, label, message })));

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <h1 className="text-2xl font-bold text-slate-900">{t("account.title")}</h1>
      {data.user.mustChangePassword || searchParams.get("change") ? <Notice kind="warning">{t("account.mustChange")}</Notice> : null}

      <ProfileCard>
        <ProfileFact label={t("users.fullName")}>{data.user.fullName}</ProfileFact>
        <ProfileFact label={t("users.email")}>{data.user.email}</ProfileFact>
        <ProfileFact label={t("users.role")}>
          <Badge tone="blue">{t(`role.${data.user.role}`)}</Badge>
        </ProfileFact>
        <ProfileFact label={t("users.unit")}>{data.unitName}</ProfileFact>
      </ProfileCard>

      <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("account.password")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("account.passwordHelp", { min: PASSWORD_MIN })}</p>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(passwordForm)}>
          <ErrorSummary items={passwordErrors} />
          <input type="hidden" name="intent" value="password" />
          <TextField
            {...getInputProps(passwordFields.currentPassword, { type: "password" })}
            key={passwordFields.currentPassword.key}
            id={passwordFields.currentPassword.id}
            label={t("account.currentPassword")}
            autoComplete="current-password"
            errors={passwordFields.currentPassword.errors}
          />
          <TextField
            {...getInputProps(passwordFields.newPassword, { type: "password" })}
            key={passwordFields.newPassword.key}
            id={passwordFields.newPassword.id}
            label={t("account.newPassword")}
            autoComplete="new-password"
            errors={passwordFields.newPassword.errors}
          />
          <TextField
            {...getInputProps(passwordFields.confirmPassword, { type: "password" })}
            key={passwordFields.confirmPassword.key}
            id={passwordFields.confirmPassword.id}
            label={t("account.confirmPassword")}
            autoComplete="new-password"
            errors={passwordFields.confirmPassword.errors}
          />
          <Button type="submit">{t("account.password")}</Button>
        </Form>
      </section>

      <section aria-labelledby="language-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="language-heading" className="text-lg font-semibold">
          {t("account.language")}
        </h2>
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="language" />
          <div className="min-w-56">
            <SelectField id="language" name="language" label={t("lang.switch")} defaultValue={data.user.language}>
              <option value="vi">{t("lang.vi")}</option>
              <option value="en">{t("lang.en")}</option>
            </SelectField>
          </div>
          <Button type="submit" variant="secondary">
            {t("common.save")}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="email-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="email-heading" className="text-lg font-semibold">
          {t("account.email")}
        </h2>
        <p className="mt-1 text-sm text-slate-700" aria-live="polite">
          {data.emailEnabled ? t("account.emailStatusOn", { email: data.user.email }) : t("account.emailStatusOff")}
        </p>
        <Form method="post" className="mt-4 space-y-3">
          <input type="hidden" name="intent" value="email" />
          <div className="flex items-start gap-3">
            <input
              id="emailEnabled"
              type="checkbox"
              name="emailEnabled"
              role="switch"
              defaultChecked={data.emailEnabled}
              key={String(data.emailEnabled)}
              aria-describedby="emailEnabled-help"
              className="mt-1 h-5 w-5 rounded border-slate-300"
            />
            <div>
              <label htmlFor="emailEnabled" className="text-sm font-semibold text-slate-800">
                {t("account.emailEnabled")}
              </label>
              <p id="emailEnabled-help" className="text-sm text-slate-600">
                {t("account.emailHelp")}
              </p>
            </div>
          </div>
          <Button type="submit" variant="secondary">
            {t("common.save")}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="api-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="api-heading" className="text-lg font-semibold">
          {t("tokens.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("tokens.intro")}</p>
        <p className="mt-3">
          <Link to="/account/tokens" className="font-semibold">
            {t("tokens.manage")} →
          </Link>
        </p>
      </section>

      <section aria-labelledby="sessions-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          {t("account.sessions")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("account.sessionsCount", { count: data.sessions })}</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="sign-out-others" />
            <Button type="submit" variant="secondary" disabled={data.sessions <= 1}>
              {t("account.signOutOthers")}
            </Button>
          </Form>
          <Form method="post" action="/logout">
            <input type="hidden" name="scope" value="all" />
            <Button type="submit" variant="danger">
              {t("account.signOutAll")}
            </Button>
          </Form>
        </div>
      </section>
    </div>
  );
}
