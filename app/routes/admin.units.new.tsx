import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState, type ChangeEvent } from "react";
import { z } from "zod";
import type { Unit } from "#db/schema";
import { formReply, runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { forbidden, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { parentRequiredUnlessCity, UnitPlacementFields, unitPlacementShape } from "~/components/admin/unit-form-fields";
import { Button, ButtonLink } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import * as unitCommands from "~/models/unit-commands.server";
import { unitOptions } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "units.newTitle");

type UnitKind = Unit["kind"];

const CreateUnitSchema = z
  .object({
    code: z
      .string({ error: errorKey("error.required") })
      .transform((v) => v.trim())
      .pipe(z.string({ error: errorKey("error.required") }).regex(/^[A-Za-z0-9_-]{2,32}$/, { error: errorKey("error.unitCode") })),
    ...unitPlacementShape,
  })
  // The policy lets only the secretariat create a unit without a parent.
  .refine(...parentRequiredUnlessCity);

/** The usual kind of a new unit under a parent of this kind: departments under the city, divisions below. */
function suggestedKind(parentKind: UnitKind | undefined): UnitKind {
  if (!parentKind) return "city";
  return parentKind === "city" ? "department" : "division";
}

async function parentChoices(user: Awaited<ReturnType<typeof requireUser>>) {
  const actor = toActor(user);
  const anywhere = can(actor, "unit:create", { unitPath: [] });
  const options = await unitOptions(db(), anywhere ? {} : { withinUnitId: user.unitId });
  return { allowTopLevel: anywhere, options };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "admin:access");
  const { allowTopLevel, options } = await parentChoices(user);
  if (!allowTopLevel && options.length === 0) forbidden();

  const wanted = Number(new URL(request.url).searchParams.get("parent"));
  // The secretariat mostly adds departments and wards under the city (the first root); a head, sub-units of their own unit.
  const preselected =
    options.find((o) => o.id === wanted) ?? (allowTopLevel ? options[0] : (options.find((o) => o.id === user.unitId) ?? options[0]));
  const defaultKind = suggestedKind(preselected?.kind);
  return json({
    allowTopLevel,
    options: options.map((o) => ({ id: o.id, name: o.name, code: o.code, kind: o.kind, depth: o.depth })),
    defaults: { parentId: preselected ? String(preselected.id) : "", kind: defaultKind },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "admin:access");
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const submission = parseWithZod(formData, { schema: CreateUnitSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });

  const { code, name, kind, parentId } = submission.value;
  const ctx = { actor: toActor(user), ip: context.clientIp };
  const created = unlessRefused(await runCommand((trx) => unitCommands.create(trx, ctx, { code, name, kind, parentId: parentId ?? null })));
  if (!created.ok) return json({ result: submission.reply(formReply(created.fieldErrors)) }, { status: 400 });
  return redirect("/admin/units", {
    headers: { "Set-Cookie": toastCookie({ key: "units.created", params: { name: created.value.name } }) },
  });
}

export default function NewUnitPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm<z.input<typeof CreateUnitSchema>>({
    id: "unit-new",
    lastResult: actionData?.result,
    defaultValue: data.defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateUnitSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errors = [
    ...(form.errors ?? []).map((message) => ({ message })),
    ...[
      { field: fields.code, label: t("units.code") },
      { field: fields.name, label: t("units.name") },
      { field: fields.kind, label: t("units.kind") },
      { field: fields.parentId, label: t("units.parent") },
    ].flatMap(({ field, label }) => (field.errors ?? []).map((message) => ({ fieldId: field.id, label, message }))),
  ];
  const busy = navigation.state === "submitting";
  // Until the user picks a kind, it follows the chosen parent.
  const [kindChosen, setKindChosen] = useState(false);
  const followParent = (event: ChangeEvent<HTMLSelectElement>) => {
    if (kindChosen) return;
    const parent = data.options.find((o) => String(o.id) === event.currentTarget.value);
    form.update({ name: fields.kind.name, value: suggestedKind(parent?.kind) });
  };

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/admin/units" className="text-sm font-semibold">
          ← {t("units.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{t("units.newTitle")}</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <ErrorSummary items={errors} />
          <TextField
            {...getInputProps(fields.code, { type: "text", ariaAttributes: false })}
            key={fields.code.key}
            id={fields.code.id}
            label={t("units.code")}
            help={t("units.codeHelp")}
            autoComplete="off"
            spellCheck={false}
            required
            errors={fields.code.errors}
          />
          <UnitPlacementFields
            fields={fields}
            parents={data.options}
            offerTopLevel={data.allowTopLevel}
            parentRequired={!data.allowTopLevel}
            onKindChange={() => setKindChosen(true)}
            onParentChange={followParent}
          />
          <div className="flex flex-wrap gap-3 pt-2">
            <Button type="submit" disabled={busy}>
              {busy ? t("common.loading") : t("units.new")}
            </Button>
            <ButtonLink to="/admin/units" variant="secondary">
              {t("common.cancel")}
            </ButtonLink>
          </div>
        </Form>
      </section>
    </div>
  );
}
