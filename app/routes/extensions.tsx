/**
 * The committee's queue of extension requests awaiting a decision, oldest first, each approved or
 * rejected in place with a note.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { toastCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { appToday, forbidden, notFound, requirePermission, requireUser, taskContext, toActor } from "~/auth/request.server";
import { ExtensionDecisionForm, type ActionReply } from "~/components/task-actions";
import { db } from "~/db.server";
import { daysBetween } from "~/domain/dates";
import { idField } from "~/domain/form-fields";
import { ExtensionDecisionSchema } from "~/domain/task-schema";
import { env } from "~/env.server";
import { errorKey } from "~/i18n";
import { todayIn } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { decideExtension } from "~/models/task-commands.server";
import { listExtensions } from "~/models/task.server";

export const meta: MetaFunction = (args) => pageTitle(args, "extensions.title");

const DecisionSchema = ExtensionDecisionSchema.extend({ extensionId: idField });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "extension:decide");
  const today = appToday();
  const pending = await listExtensions(db(), { status: "pending", oldestFirst: true });
  const timeZone = env().APP_TZ;
  const actor = toActor(user);
  return json({
    items: pending
      .map((e) => ({
        id: e.id,
        taskId: e.taskId,
        taskTitle: e.taskTitle,
        leadUnitName: e.leadUnitName,
        requestedByName: e.requestedByName,
        requestedAt: e.requestedAt,
        previousDeadline: e.previousDeadline,
        requestedDeadline: e.requestedDeadline,
        reason: e.reason,
        ageDays: Math.max(0, daysBetween(todayIn(timeZone, new Date(e.requestedAt)), today)),
        daysLeft: daysBetween(today, e.previousDeadline),
        // Who asked never decides (the same policy refuses the action): their own request shows no buttons.
        mayDecide: can(actor, "extension:decide", { requestedBy: e.requestedBy }),
      }))
      // Oldest first: the longest-waiting request is decided first.
      .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : a.id - b.id)),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "extension:decide");
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const intent = formData.get("intent");
  if (intent !== "extension-decide") {
    return json<ActionReply>(
      { intent: null, result: { status: "error", error: { "": [errorKey("error.unknownAction")] } }, conflict: null },
      { status: 400 },
    );
  }
  const submission = parseWithZod(formData, { schema: DecisionSchema });
  const rawId = Number(formData.get("extensionId"));
  const extensionId = Number.isInteger(rawId) ? rawId : null;
  if (submission.status !== "success")
    return json<ActionReply>({ intent, extensionId, result: submission.reply(), conflict: null }, { status: 422 });
  const result = await decideExtension(
    db(),
    submission.value.extensionId,
    { decision: submission.value.decision, note: submission.value.note },
    taskContext(user, context),
  );
  if (result.ok) {
    return redirect("/extensions", {
      headers: {
        "Set-Cookie": toastCookie({
          key: result.value.status === "approved" ? "task.toast.extensionApproved" : "task.toast.extensionRejected",
        }),
      },
    });
  }
  if (result.error === "forbidden") forbidden();
  if (result.error === "not_found") notFound();
  const fieldErrors = result.error === "invalid" ? result.fieldErrors : { decision: [errorKey("extension.alreadyDecided")] };
  return json<ActionReply>({ intent, extensionId, result: submission.reply({ fieldErrors }), conflict: null }, { status: 422 });
}

export default function ExtensionsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const t = useT();
  const general = actionData && actionData.intent === null ? (actionData.result?.error?.[""] ?? []) : [];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("extensions.title")}</h1>
        <p className="mt-1 text-slate-600">{t("extensions.intro")}</p>
      </div>
      {general.length ? (
        <p role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {general.map((e) => t.error(e)).join(" ")}
        </p>
      ) : null}
      <p className="text-sm font-semibold text-slate-700">{t("extensions.count", { count: data.items.length })}</p>
      {data.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("extensions.empty")}</p>
      ) : (
        <ul className="space-y-4">
          {data.items.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <article aria-labelledby={`ext-${e.id}-title`} className="grid gap-5 lg:grid-cols-[1fr_22rem]">
                <div className="space-y-3">
                  <h2 id={`ext-${e.id}-title`} className="text-lg font-semibold">
                    <Link to={`/tasks/${e.taskId}`}>{e.taskTitle}</Link>
                  </h2>
                  <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
                    <dt className="font-semibold text-slate-600">{t("taskForm.label.leadUnit")}</dt>
                    <dd>{e.leadUnitName ?? "—"}</dd>
                    <dt className="font-semibold text-slate-600">{t("extensions.requester")}</dt>
                    <dd>
                      {e.requestedByName} ·{" "}
                      <time dateTime={e.requestedAt} className="text-slate-600">
                        {t.dateTime(e.requestedAt)}
                      </time>{" "}
                      <span className="text-slate-600">
                        ({e.ageDays === 0 ? t("extensions.today") : t("extensions.age", { days: e.ageDays })})
                      </span>
                    </dd>
                    <dt className="font-semibold text-slate-600">{t("extensions.deadlines")}</dt>
                    <dd>
                      <span className="tabular-nums">{t.date(e.previousDeadline)}</span> <span aria-hidden="true">→</span>
                      <span className="sr-only"> {t("extensions.to")} </span>{" "}
                      <strong className="tabular-nums">{t.date(e.requestedDeadline)}</strong>
                      <span className="ml-2 text-slate-600">
                        {e.daysLeft >= 0
                          ? t("extensions.daysLeft", { days: e.daysLeft })
                          : t("extensions.overdueBy", { days: -e.daysLeft })}
                      </span>
                    </dd>
                    <dt className="font-semibold text-slate-600">{t("field.reason")}</dt>
                    <dd className="whitespace-pre-line break-words">{e.reason}</dd>
                  </dl>
                </div>
                <div className="rounded-md bg-slate-50 p-3">
                  {e.mayDecide ? (
                    <ExtensionDecisionForm extensionId={e.id} reply={actionData} compact />
                  ) : (
                    <p className="text-sm text-slate-700">{t("extensions.ownRequest")}</p>
                  )}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
