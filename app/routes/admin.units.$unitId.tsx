import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { formReply, handlerFor, runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { notFound, parseId, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { parentRequiredUnlessCity, UnitPlacementFields, unitPlacementShape } from "~/components/admin/unit-form-fields";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { versionField } from "~/domain/form-fields";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import type { CommandContext } from "~/models/command-result";
import * as unitCommands from "~/models/unit-commands.server";
import type { UnitResult } from "~/models/unit-commands.server";
import { getUnit, subtreeIds, unitAncestors, unitOptions, unitPath, type UnitRow } from "~/models/unit.server";
import { listUsers } from "~/models/user.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "units.title");
  return [{ title: args.data ? `${args.data.unit.name} · ${base.title}` : base.title }];
};

const MEMBERS_SHOWN = 200;

const UpdateUnitSchema = z
  .object({
    intent: z.literal("update"),
    version: versionField,
    ...unitPlacementShape,
  })
  .refine(...parentRequiredUnlessCity);

const StatusSchema = z.object({
  intent: z.enum(["close", "reopen"], { error: errorKey("error.version") }),
  version: versionField,
});

async function loadUnit(user: Awaited<ReturnType<typeof requireUser>>, rawId: string | undefined) {
  requirePermission(user, "admin:access");
  const id = parseId(rawId);
  const unit = await getUnit(db(), id);
  if (!unit) notFound();
  return { unit, path: await unitPath(db(), id) };
}

/** What the edit form shows: the unit as stored now. */
function snapshotOf(unit: UnitRow) {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    active: unit.active,
    closedAt: unit.closedAt,
    createdAt: unit.createdAt,
    version: unit.version,
  };
}
type UnitSnapshot = ReturnType<typeof snapshotOf>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { unit, path } = await loadUnit(user, params.unitId);
  const actor = toActor(user);
  const canUpdate = can(actor, "unit:update", { unitPath: path, unitId: unit.id });
  const canAddChild = unit.active && can(actor, "unit:create", { unitPath: path, unitId: unit.id });
  // Top level is a destination only for those whose reach is everywhere (the secretariat).
  const allowTopLevel = canUpdate && can(actor, "unit:update", { unitPath: path, unitId: unit.id, newUnitPath: [] });

  let parentOptions: Array<{ id: number; name: string; code: string; depth: number; closed?: boolean }> = [];
  if (canUpdate) {
    const below = new Set(await subtreeIds(db(), unit.id));
    const options = await unitOptions(db(), allowTopLevel ? {} : { withinUnitId: user.unitId });
    parentOptions = options.filter((o) => !below.has(o.id)).map((o) => ({ id: o.id, name: o.name, code: o.code, depth: o.depth }));
    // A closed parent is no longer offered, but the current one must stay selectable or a rename would move the unit.
    if (unit.parentId !== null && !parentOptions.some((o) => o.id === unit.parentId)) {
      const parent = await getUnit(db(), unit.parentId);
      if (parent) parentOptions.unshift({ id: parent.id, name: parent.name, code: parent.code, depth: 0, closed: !parent.active });
    }
  }
  const members = await listUsers(db(), { unitIds: [unit.id], active: true, limit: MEMBERS_SHOWN, offset: 0 });
  return json({
    unit: snapshotOf(unit),
    ancestors: await unitAncestors(db(), unit.id),
    canUpdate,
    canAddChild,
    allowTopLevel,
    parentOptions,
    members: {
      total: members.total,
      items: members.items.map((m) => ({ id: m.id, fullName: m.fullName, email: m.email, role: m.role })),
    },
  });
}

interface ActionResult {
  intent: "update" | "status" | null;
  result: SubmissionResult<string[]> | null;
  /** Set when the form was stale: the unit as it is now, to show in place of what was submitted. */
  conflict: UnitSnapshot | null;
}

function reply(body: ActionResult, status: number) {
  return json(body, { status });
}

interface IntentArgs {
  formData: FormData;
  unitId: number;
  ctx: CommandContext;
}

/** A unit's new state, or why not: the page shows the unit as stored now after a conflict. */
function answer(
  intent: "update" | "status",
  result: UnitResult,
  submission: { reply: (o?: object) => SubmissionResult<string[]> },
  done: string,
) {
  const outcome = unlessRefused(result);
  if (outcome.ok)
    return redirect(`/admin/units/${outcome.value.id}`, {
      headers: { "Set-Cookie": toastCookie({ key: done, params: { name: outcome.value.name } }) },
    });
  if (outcome.error === "conflict") return reply({ intent, result: null, conflict: snapshotOf(outcome.current) }, 409);
  return reply({ intent, result: submission.reply(formReply(outcome.fieldErrors)), conflict: null }, 400);
}

async function update({ formData, unitId, ctx }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: UpdateUnitSchema });
  if (submission.status !== "success") return reply({ intent: "update", result: submission.reply(), conflict: null }, 400);
  const { version, name, kind } = submission.value;
  const parentId = submission.value.parentId ?? null;
  const result = await runCommand((trx) => unitCommands.update(trx, ctx, { id: unitId, version, name, kind, parentId }));
  return answer("update", result, submission, "units.updated");
}

async function setStatus({ formData, unitId, ctx }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: StatusSchema });
  if (submission.status !== "success") return reply({ intent: "status", result: submission.reply(), conflict: null }, 400);
  const active = submission.value.intent === "reopen";
  const result = await runCommand((trx) => unitCommands.setActive(trx, ctx, { id: unitId, version: submission.value.version, active }));
  return answer("status", result, submission, active ? "units.reopenedNotice" : "units.closedNotice");
}

const intents = { update, close: setStatus, reopen: setStatus };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "admin:access");
  const unitId = parseId(params.unitId);
  // A unit that does not exist is a missing page, whatever the form says.
  if (!(await getUnit(db(), unitId))) notFound();
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const handler = handlerFor(intents, formData.get("intent"));
  if (!handler) {
    // An unknown intent from someone who may not change this unit is refused as such (403, not 400).
    requirePermission(user, "unit:update", { unitPath: await unitPath(db(), unitId), unitId });
    return reply({ intent: null, result: null, conflict: null }, 400);
  }
  return handler({ formData, unitId, ctx: { actor: toActor(user), ip: context.clientIp } });
}

type LoaderData = SerializeFrom<typeof loader>;

function EditForm({
  data,
  current,
  lastResult,
  conflict,
}: {
  data: LoaderData;
  current: UnitSnapshot;
  lastResult?: SubmissionResult<string[]>;
  conflict: boolean;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof UpdateUnitSchema>>({
    id: `unit-edit-${current.id}`,
    lastResult,
    defaultValue: { name: current.name, kind: current.kind, parentId: current.parentId === null ? "" : String(current.parentId) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateUnitSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errors = [
    ...(conflict ? [{ message: "form.conflict" }] : []),
    ...(form.errors ?? []).map((message) => ({ message })),
    ...[
      { field: fields.name, label: t("units.name") },
      { field: fields.kind, label: t("units.kind") },
      { field: fields.parentId, label: t("units.parent") },
      { field: fields.version, label: "" },
    ].flatMap(({ field, label }) => (field.errors ?? []).map((message) => ({ fieldId: label ? field.id : undefined, label, message }))),
  ];
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  return (
    <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
      <ErrorSummary items={errors} />
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="version" value={current.version} />
      <UnitPlacementFields
        fields={fields}
        parents={data.parentOptions}
        offerTopLevel={data.allowTopLevel || current.parentId === null}
        parentRequired={!data.allowTopLevel}
        parentHelp={t("units.moveHelp")}
      />
      <Button type="submit" disabled={busy}>
        {busy ? t("common.loading") : t("common.save")}
      </Button>
    </Form>
  );
}

function StatusForm({
  current,
  lastResult,
  conflict,
}: {
  current: UnitSnapshot;
  lastResult?: SubmissionResult<string[]>;
  conflict: boolean;
}) {
  const t = useT();
  const [form] = useForm({ id: `unit-status-${current.id}`, lastResult });
  // Only hidden fields here, so every error (version, intent, the model's refusal) is listed without a field link.
  const errors = [
    ...(conflict ? [{ message: "form.conflict" }] : []),
    ...Object.values(form.allErrors)
      .flat()
      .map((message) => ({ message })),
  ];
  const closing = current.active;
  return (
    <Form
      method="post"
      className="mt-3 space-y-3"
      {...getFormProps(form)}
      onSubmit={(event) => {
        if (closing && !window.confirm(t("units.closeConfirm"))) event.preventDefault();
      }}
    >
      <ErrorSummary items={errors} />
      <p className="text-sm text-slate-600">{closing ? t("units.closeHelp") : t("units.reopenHelp")}</p>
      <input type="hidden" name="intent" value={closing ? "close" : "reopen"} />
      <input type="hidden" name="version" value={current.version} />
      <Button type="submit" variant={closing ? "danger" : "secondary"}>
        {closing ? t("units.close") : t("units.reopen")}
      </Button>
    </Form>
  );
}

export default function UnitPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  // After a conflict the forms show the unit as stored now, with its new version (nothing is overwritten).
  const current = actionData?.conflict ?? data.unit;
  const editResult = actionData?.intent === "update" ? (actionData.result ?? undefined) : undefined;
  const statusResult = actionData?.intent === "status" ? (actionData.result ?? undefined) : undefined;
  const unknownIntent = actionData !== undefined && actionData.intent === null;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label={t("units.path")}>
        <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
          <li>
            <Link to="/admin/units" className="font-semibold">
              {t("units.title")}
            </Link>
          </li>
          {data.ancestors.map((a) => (
            <li key={a.id} className="flex items-center gap-2">
              <span aria-hidden="true">›</span>
              <Link to={`/admin/units/${a.id}`}>{a.name}</Link>
            </li>
          ))}
          <li className="flex items-center gap-2">
            <span aria-hidden="true">›</span>
            <span aria-current="page" className="text-slate-900">
              {current.name}
            </span>
          </li>
        </ol>
      </nav>

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{current.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Badge tone="blue">{t(`unitKind.${current.kind}`)}</Badge>
            {current.active ? <Badge tone="green">{t("common.active")}</Badge> : <Badge tone="red">{t("common.closed")}</Badge>}
          </div>
        </div>
        {data.canAddChild ? (
          <ButtonLink to={`/admin/units/new?parent=${current.id}`} variant="secondary">
            <span aria-hidden="true">+</span>
            {t("units.addChild")}
          </ButtonLink>
        ) : null}
      </div>

      {unknownIntent ? <ErrorSummary items={[{ message: "error.version" }]} /> : null}
      {data.canUpdate ? null : <p className="text-sm text-slate-600">{t("units.readOnly")}</p>}

      <section aria-labelledby="info-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="info-heading" className="text-lg font-semibold">
          {t("units.info")}
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold text-slate-600">{t("units.code")}</dt>
          <dd>
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">{current.code}</code>
            <span className="ml-2 text-slate-500">{t("units.codeFixed")}</span>
          </dd>
          <dt className="font-semibold text-slate-600">{t("units.parent")}</dt>
          <dd>{data.ancestors.length ? data.ancestors.map((a) => a.name).join(" › ") : t("units.topLevel")}</dd>
          <dt className="font-semibold text-slate-600">{t("common.status")}</dt>
          <dd>
            {[
              current.active ? t("common.active") : t("common.closed"),
              current.closedAt ? t("units.closedOn", { date: t.date(current.closedAt) }) : null,
              t("units.createdOn", { date: t.date(current.createdAt) }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </dd>
        </dl>
      </section>

      {data.canUpdate ? (
        <>
          <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="edit-heading" className="text-lg font-semibold">
              {t("units.editTitle")}
            </h2>
            <EditForm
              key={`edit-${current.version}`}
              data={data}
              current={current}
              lastResult={editResult}
              conflict={actionData?.intent === "update" && actionData.conflict !== null}
            />
          </section>
          <section aria-labelledby="status-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="status-heading" className="text-lg font-semibold">
              {current.active ? t("units.close") : t("units.reopen")}
            </h2>
            <StatusForm
              key={`status-${current.version}`}
              current={current}
              lastResult={statusResult}
              conflict={actionData?.intent === "status" && actionData.conflict !== null}
            />
          </section>
        </>
      ) : null}

      <section aria-labelledby="members-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t("units.usersOfUnit")}{" "}
          <span className="text-sm font-normal text-slate-600">({t("units.members", { count: data.members.total })})</span>
        </h2>
        {data.members.items.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t("units.noUsers")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("users.fullName")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("users.email")}
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    {t("users.role")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.members.items.map((m) => (
                  <tr key={m.id}>
                    <td className="py-2 pr-4">
                      <Link to={`/admin/users/${m.id}`} className="font-semibold">
                        {m.fullName}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 break-all">{m.email}</td>
                    <td className="py-2">{t(`role.${m.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
