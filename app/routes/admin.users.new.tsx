import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ROLES, type Role } from "~/auth/policy";
import { requirePermission, requireUser, type CurrentUser } from "~/auth/request.server";
import { OneTimePassword } from "~/components/one-time-password";
import { Button, ButtonLink } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { SelectField, TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { choice, emailField, idField, requiredText } from "~/domain/form-fields";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { unitOptions, unitPath } from "~/models/unit.server";
import { createUser } from "~/models/user.server";

export const meta: MetaFunction = (args) => pageTitle(args, "users.newTitle");

// Account pages and one-time passwords must never be kept by a browser or proxy cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const FULL_NAME_MAX = 120;
const required = errorKey("error.required");
/** An empty choice says "required"; anything else must be a real id ("abc", -1, 99999999999 are refused). */
const unitIdField = z.string({ error: required }).pipe(idField as z.ZodType<number, string>);

/**
 * A blank (spaces only) value is "required", not a raw parser message: Conform turns what the
 * shared builders trim to "" into undefined, so it is caught here first.
 */
function nonBlank<T extends z.ZodType<unknown, string>>(schema: T) {
  return z.string({ error: required }).trim().min(1, { error: required }).pipe(schema);
}

const CreateUserSchema = z.object({
  email: nonBlank(emailField),
  fullName: nonBlank(requiredText(FULL_NAME_MAX)),
  role: choice(ROLES),
  unitId: unitIdField,
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
  const [form, fields] = useForm({
    id: "new-user",
    lastResult: actionData?.result ?? undefined,
    // Vietnamese unless the person is known to prefer English; they can switch on their account page.
    defaultValue: { role: "staff", unitId: data.defaultUnitId, language: "vi" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateUserSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const labels = {
    email: t("users.email"),
    fullName: t("users.fullName"),
    role: t("users.role"),
    unitId: t("users.unit"),
    language: t("users.language"),
  };
  const errors = [
    ...(form.errors ?? []).map((message) => ({ message })),
    ...(Object.keys(labels) as Array<keyof typeof labels>).flatMap((name) =>
      (fields[name].errors ?? []).map((message) => ({ fieldId: fields[name].id, label: labels[name], message })),
    ),
  ];
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
          <TextField
            {...getInputProps(fields.fullName, { type: "text" })}
            key={fields.fullName.key}
            id={fields.fullName.id}
            label={labels.fullName}
            autoComplete="off"
            maxLength={FULL_NAME_MAX}
            required
            errors={fields.fullName.errors}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              {...getSelectProps(fields.role)}
              key={fields.role.key}
              id={fields.role.id}
              label={labels.role}
              required
              errors={fields.role.errors}
            >
              {data.roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </SelectField>
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
          <SelectField
            {...getSelectProps(fields.unitId)}
            key={fields.unitId.key}
            id={fields.unitId.id}
            label={labels.unitId}
            required
            errors={fields.unitId.errors}
          >
            <option value="">{t("users.pickUnit")}</option>
            {data.units.map((u) => (
              <option key={u.id} value={u.id}>
                {`${"\u00a0\u00a0".repeat(u.depth)}${u.name}`}
              </option>
            ))}
          </SelectField>
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
