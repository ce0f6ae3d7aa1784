import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ROLES, type Role } from "~/auth/policy";
import { requirePermission, requireUser, type CurrentUser } from "~/auth/request.server";
import {
  fieldErrorItems,
  FullNameField,
  nonBlank,
  RoleSelect,
  UnitSelect,
  userProfileShape,
  useUserFieldLabels,
  useUserForm,
} from "~/components/admin/user-form-fields";
import { OneTimePassword } from "~/components/one-time-password";
import { Button, ButtonLink } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { SelectField, TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { choice, emailField } from "~/domain/form-fields";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { unitOptions, unitPath } from "~/models/unit.server";
import { createUser } from "~/models/user.server";

export const meta: MetaFunction = (args) => pageTitle(args, "users.newTitle");

// Account pages and one-time passwords must never be kept by a browser or proxy cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const CreateUserSchema = z.object({
  email: nonBlank(emailField),
  ...userProfileShape,
  language: choice(["vi", "en"]),
});

/** What this user may hand out: a unit head only head/staff, only in their own subtree. */
async function choicesFor(user: CurrentUser) {
  const roles: readonly Role[] = user.role === "admin" ? ROLES : ["head", "staff"];
  const units = await unitOptions(db(), user.role === "admin" ? {} : { withinUnitId: user.unitId });
  return { roles, units };
}

/** May this user create anyone at all (admins anywhere, heads at least in their own unit)? */
async function requireCreateAnywhere(user: CurrentUser) {
  requirePermission(user, "user:create", { unitPath: await unitPath(db(), user.unitId), unitId: user.unitId });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireCreateAnywhere(user);
  const { roles, units } = await choicesFor(user);
  return json({
    roles,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    defaultUnitId: units.length === 1 ? String(units[0].id) : "",
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await requireCreateAnywhere(user);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: CreateUserSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply(), created: null }, { status: 400 });
  }
  const { unitId, role } = submission.value;
  requirePermission(user, "user:create", { unitPath: await unitPath(db(), unitId), unitId, newRole: role });

  const outcome = await createUser(db(), submission.value, { actorUserId: user.id, ip: context.clientIp });
  if (!outcome.ok) {
    const fieldErrors = "fieldErrors" in outcome ? outcome.fieldErrors : { "": [errorKey("form.conflict")] };
    return json({ result: submission.reply({ fieldErrors }), created: null }, { status: 400 });
  }
  // Shown in this response only: never in a cookie, a URL or the log.
  return json(
    {
      result: null,
      created: {
        id: outcome.user.id,
        fullName: outcome.user.fullName,
        email: outcome.user.email,
        oneTimePassword: outcome.oneTimePassword ?? "",
      },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function NewUserPage() {
  const actionData = useActionData<typeof action>();
  if (actionData?.created) return <CreatedPanel created={actionData.created} />;
  return <NewUserForm />;
}

function NewUserForm() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useUserForm(CreateUserSchema, {
    id: "new-user",
    lastResult: actionData?.result ?? undefined,
    // Vietnamese unless the person is known to prefer English; they can switch on their account page.
    defaultValue: { role: "staff", unitId: data.defaultUnitId, language: "vi" },
  });
  const labels = useUserFieldLabels();
  const errors = [...(form.errors ?? []).map((message) => ({ message })), ...fieldErrorItems(fields, labels)];
  const busy = navigation.state === "submitting";

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/admin/users" className="text-sm font-semibold">
          ← {t("users.backToList")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{t("users.newTitle")}</h1>
      <section aria-labelledby="new-user-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="new-user-heading" className="sr-only">
          {t("users.newTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("users.newHelp")}</p>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <ErrorSummary items={errors} />
          <TextField
            {...getInputProps(fields.email, { type: "email" })}
            key={fields.email.key}
            id={fields.email.id}
            label={labels.email}
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            required
            errors={fields.email.errors}
          />
          <FullNameField field={fields.fullName} label={labels.fullName} />
          <div className="grid gap-4 sm:grid-cols-2">
            <RoleSelect field={fields.role} label={labels.role} roles={data.roles} />
            <SelectField
              {...getSelectProps(fields.language)}
              key={fields.language.key}
              id={fields.language.id}
              label={labels.language}
              required
              errors={fields.language.errors}
            >
              <option value="vi">{t("lang.vi")}</option>
              <option value="en">{t("lang.en")}</option>
            </SelectField>
          </div>
          <UnitSelect field={fields.unitId} label={labels.unitId} units={data.units} placeholder={t("users.pickUnit")} />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={busy}>
              {busy ? t("common.loading") : t("users.new")}
            </Button>
            <ButtonLink to="/admin/users" variant="secondary">
              {t("common.cancel")}
            </ButtonLink>
          </div>
        </Form>
      </section>
    </div>
  );
}

function CreatedPanel({ created }: { created: { id: number; fullName: string; email: string; oneTimePassword: string } }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <section aria-labelledby="created-heading" className="rounded-lg border border-emerald-300 bg-white p-5 shadow-sm">
        <h1 id="created-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-bold text-slate-900 focus:outline-none">
          <span aria-hidden="true" className="mr-2 text-emerald-700">
            ✓
          </span>
          {t("users.created", { name: created.fullName })}
        </h1>
        <p className="mt-1 break-all text-sm text-slate-600">{created.email}</p>
        {created.oneTimePassword ? <OneTimePassword password={created.oneTimePassword} name={created.fullName} /> : null}
        <div className="mt-6 flex flex-wrap gap-3">
          <ButtonLink to={`/admin/users/${created.id}`}>{t("users.viewUser")}</ButtonLink>
          <ButtonLink to="/admin/users/new" variant="secondary">
            {t("users.addAnother")}
          </ButtonLink>
          <ButtonLink to="/admin/users" variant="ghost">
            {t("users.backToList")}
          </ButtonLink>
        </div>
      </section>
    </div>
  );
}
