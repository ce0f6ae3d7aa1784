import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formReply, handlerFor, runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { notFound, parseId, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { AdminSection } from "~/components/admin/admin-section";
import { UnitEditForm, UpdateUnitSchema } from "~/components/admin/unit-edit-form";
import { UnitInfo } from "~/components/admin/unit-info";
import { UnitMembers } from "~/components/admin/unit-members";
import { UnitStatusForm } from "~/components/admin/unit-status-form";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { versionField } from "~/domain/form-fields";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import type { CommandContext } from "~/models/command-result";
import { unitAdminView, unitSnapshot, type UnitSnapshot } from "~/models/unit-admin-page.server";
import * as unitCommands from "~/models/unit-commands.server";
import type { UnitResult } from "~/models/unit-commands.server";
import { getUnit, unitPath } from "~/models/unit.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "units.title");
  return [{ title: args.data ? `${args.data.unit.name} · ${base.title}` : base.title }];
};

const StatusSchema = z.object({
  intent: z.enum(["close", "reopen"], { error: errorKey("error.version") }),
  version: versionField,
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "admin:access");
  const view = await unitAdminView(db(), toActor(user), parseId(params.unitId));
  if (!view) notFound();
  return json(view);
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
  if (outcome.error === "conflict") return reply({ intent, result: null, conflict: unitSnapshot(outcome.current) }, 409);
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

      <UnitInfo unit={current} ancestors={data.ancestors} />

      {data.canUpdate ? (
        <>
          <AdminSection headingId="edit-heading" title={t("units.editTitle")}>
            <UnitEditForm
              key={`edit-${current.version}`}
              current={current}
              parents={data.parentOptions}
              allowTopLevel={data.allowTopLevel}
              lastResult={editResult}
              conflict={actionData?.intent === "update" && actionData.conflict !== null}
            />
          </AdminSection>
          <AdminSection headingId="status-heading" title={current.active ? t("units.close") : t("units.reopen")}>
            <UnitStatusForm
              key={`status-${current.version}`}
              current={current}
              lastResult={statusResult}
              conflict={actionData?.intent === "status" && actionData.conflict !== null}
            />
          </AdminSection>
        </>
      ) : null}

      <UnitMembers members={data.members} />
    </div>
  );
}
