import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { requirePermission, requireUser, toActor } from "~/auth/request.server";
import { EMPTY_GOAL, GoalFieldsSchema, GoalForm, goalInput } from "~/components/goal-form";
import { db } from "~/db.server";
import { PROGRAM_CODES } from "~/domain/task-rules";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import * as goalCommands from "~/models/goal-commands.server";
import { unitOptions } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "goals.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "goal:manage");
  const url = new URL(request.url);
  const program = url.searchParams.get("program");
  const units = await unitOptions(db());
  return json({
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    program: (PROGRAM_CODES as readonly string[]).includes(program ?? "") ? program! : "",
  });
}

/** The command asks the policy (goal:manage); the route only reads the form. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // A role that may never manage goals hears 403 before anything about its form (the command decides the rest).
  requirePermission(user, "goal:manage");
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const submission = parseWithZod(formData, { schema: GoalFieldsSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const ctx = { actor: toActor(user), ip: context.clientIp };
  const result = unlessRefused(await runCommand((trx) => goalCommands.create(trx, ctx, goalInput(submission.value))));
  if (!result.ok) return json({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 });
  return redirect(`/goals/${result.value.id}`, {
    headers: { "Set-Cookie": toastCookie({ key: "goals.created", params: { title: result.value.title.slice(0, 80) } }) },
  });
}

export default function NewGoalPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label={t("goals.breadcrumb")} className="text-sm">
        <Link to="/goals">← {t("goals.title")}</Link>
      </nav>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("goals.newTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("goals.newIntro")}</p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <GoalForm
          id="goal-new"
          defaults={{ ...EMPTY_GOAL, programCode: data.program }}
          units={data.units}
          lastResult={actionData?.result}
          submitLabel={t("goals.create")}
        />
      </section>
    </div>
  );
}
