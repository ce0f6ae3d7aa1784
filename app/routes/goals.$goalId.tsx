import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { handlerFor, runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { appToday, notFound, parseId, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { GoalUpdateSchema, goalInput } from "~/components/goal-form";
import { GoalEditSection } from "~/components/goal-page/goal-edit-section";
import { GoalFacts } from "~/components/goal-page/goal-facts";
import { IndicatorSection } from "~/components/goal-page/indicator-section";
import { LinkedTasks } from "~/components/goal-page/linked-tasks";
import { ReadingSchema } from "~/components/goal-page/reading-form";
import { ReadingsSection } from "~/components/goal-page/readings-section";
import { db } from "~/db.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import type { CommandContext } from "~/models/command-result";
import * as goalCommands from "~/models/goal-commands.server";
import { goalPageView, goalSnapshot, type GoalSnapshot } from "~/models/goal-page.server";
import { getGoal } from "~/models/goal.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "goals.title");
  return [{ title: args.data ? `${args.data.goal.title} · ${base.title}` : base.title }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await goalPageView(db(), toActor(user), parseId(params.goalId), appToday());
  if (!page) notFound();
  return json(page);
}

interface ActionResult {
  intent: "update" | "reading" | null;
  result: SubmissionResult<string[]> | null;
  /** Set when the edit form was stale: the goal as stored now (nothing was overwritten). */
  conflict: GoalSnapshot | null;
}

function reply(body: ActionResult, status: number) {
  return json(body, { status });
}

interface IntentArgs {
  formData: FormData;
  goalId: number;
  ctx: CommandContext;
}

async function update({ formData, goalId, ctx }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: GoalUpdateSchema });
  if (submission.status !== "success") return reply({ intent: "update", result: submission.reply(), conflict: null }, 400);
  const fields = goalInput(submission.value);
  const result = unlessRefused(
    await runCommand((trx) => goalCommands.update(trx, ctx, { id: goalId, version: submission.value.version, fields })),
  );
  if (result.ok) return redirect(`/goals/${goalId}`, { headers: { "Set-Cookie": toastCookie({ key: "goals.updated" }) } });
  if (result.error === "conflict") return reply({ intent: "update", result: null, conflict: goalSnapshot(result.current) }, 409);
  return reply({ intent: "update", result: submission.reply({ fieldErrors: result.fieldErrors }), conflict: null }, 400);
}

async function addReading({ formData, goalId, ctx }: IntentArgs) {
  const submission = parseWithZod(formData, { schema: ReadingSchema });
  if (submission.status !== "success") return reply({ intent: "reading", result: submission.reply(), conflict: null }, 400);
  const { value, asOf, note } = submission.value;
  const reading = { goalId, value, asOf, note: note ?? null, today: appToday() };
  const result = unlessRefused(await runCommand((trx) => goalCommands.addReading(trx, ctx, reading)));
  if (result.ok) {
    return redirect(`/goals/${goalId}#readings-heading`, { headers: { "Set-Cookie": toastCookie({ key: "goals.readingAdded" }) } });
  }
  return reply({ intent: "reading", result: submission.reply({ fieldErrors: result.fieldErrors }), conflict: null }, 400);
}

const intents = { update, reading: addReading };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const goalId = parseId(params.goalId);
  // A goal that does not exist is a missing page, whatever the form says.
  if (!(await getGoal(db(), goalId))) notFound();
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const handler = handlerFor(intents, formData.get("intent"));
  if (handler) return handler({ formData, goalId, ctx: { actor: toActor(user), ip: context.clientIp } });
  requirePermission(user, "goal:manage");
  return reply({ intent: null, result: null, conflict: null }, 400);
}

export default function GoalPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  // After a conflict the page and its form show the goal as stored now, with its new version.
  const current = actionData?.conflict ?? data.goal;
  const edited = actionData?.intent === "update";
  const readingResult = actionData?.intent === "reading" ? (actionData.result ?? undefined) : undefined;

  return (
    <div className="space-y-8">
      <nav aria-label={t("goals.breadcrumb")} className="text-sm">
        <Link to="/goals">← {t("goals.title")}</Link>
      </nav>
      <GoalFacts goal={current} />
      <IndicatorSection goal={current} readings={data.readings} today={data.today} />
      <ReadingsSection goal={current} readings={data.readings} today={data.today} canRecord={data.canManage} lastResult={readingResult} />
      <LinkedTasks
        goalTitle={current.title}
        counts={data.counts}
        tasks={data.tasks}
        tasksHref={data.tasksHref}
        issuedHref={data.issuedHref}
      />
      {data.canManage ? (
        <GoalEditSection
          goal={current}
          units={data.units}
          open={edited}
          lastResult={edited ? actionData.result : null}
          conflict={edited && actionData.conflict !== null}
        />
      ) : null}
    </div>
  );
}
