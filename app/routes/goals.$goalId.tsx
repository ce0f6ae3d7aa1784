import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { toastCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { appToday, notFound, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { GoalForm, GoalUpdateSchema, goalInput, requiredNumber, type GoalFormDefaults } from "~/components/goal-form";
import { GoalIndicator, useNumberWithUnit } from "~/components/goal-indicator";
import { ProgramBadge } from "~/components/program-badge";
import { STANDING_ORDER, StandingCounts, type StandingCountsValue } from "~/components/standing-counts";
import { TaskTable, toTaskListItem } from "~/components/task-table";
import { Button } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { optionalText } from "~/domain/form-fields";
import { requiredDate } from "~/domain/task-schema";
import { errorKey } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { addGoalReading, getGoal, goalTasksHref, listGoalReadings, updateGoal, type GoalRow } from "~/models/goal.server";
import { listTasks } from "~/models/task.server";
import { unitOptions } from "~/models/unit.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "goals.title");
  return [{ title: args.data ? `${args.data.goal.title} · ${base.title}` : base.title }];
};

const TASKS_SHOWN = 50;
const NOTE_MAX = 500;

const ReadingSchema = z.object({
  intent: z.literal("reading"),
  value: requiredNumber,
  asOf: requiredDate,
  note: optionalText(NOTE_MAX),
});

function parseGoalId(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) notFound();
  return id;
}

/** The goal as the edit form shows it. */
function snapshotOf(g: GoalRow) {
  return {
    id: g.id,
    programCode: g.programCode,
    title: g.title,
    description: g.description,
    leadUnitId: g.leadUnitId,
    leadUnitName: g.leadUnitName,
    dueDate: g.dueDate,
    indicatorName: g.indicatorName,
    indicatorUnit: g.indicatorUnit,
    indicatorTarget: g.indicatorTarget,
    indicatorBaseline: g.indicatorBaseline,
    updatedAt: g.updatedAt,
    version: g.version,
  };
}
type GoalSnapshot = ReturnType<typeof snapshotOf>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseGoalId(params.goalId);
  const goal = await getGoal(db(), id);
  if (!goal) notFound();
  const today = appToday();
  const canManage = can(toActor(user), "goal:manage");
  const [readings, tasks, counts, units] = await Promise.all([
    listGoalReadings(db(), id),
    listTasks(db(), { goalId: id, sort: "deadline", limit: TASKS_SHOWN, offset: 0 }, today),
    Promise.all(STANDING_ORDER.map(async (standing) => [standing, (await listTasks(db(), { goalId: id, standing, limit: 0, offset: 0 }, today)).total] as const)),
    canManage ? unitOptions(db()) : Promise.resolve([]),
  ]);
  return json({
    goal: snapshotOf(goal),
    readings: readings.map((r) => ({ id: r.id, value: r.value, asOf: r.asOf, note: r.note, recordedByName: r.recordedByName })),
    tasks: { total: tasks.total, items: tasks.items.map(toTaskListItem) },
    counts: Object.fromEntries(counts) as StandingCountsValue,
    tasksHref: `/tasks?goal=${id}`,
    issuedHref: goalTasksHref(id),
    canManage,
    today,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
  });
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = parseGoalId(params.goalId);
  const goal = await getGoal(db(), id);
  if (!goal) notFound();
  requirePermission(user, "goal:manage");
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const ctx = { actor: toActor(user), ip: context.clientIp };
  const intent = formData.get("intent");

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: GoalUpdateSchema });
    if (submission.status !== "success") return reply({ intent: "update", result: submission.reply(), conflict: null }, 400);
    const result = await updateGoal(db(), id, submission.value.version, goalInput(submission.value), ctx);
    if (result.ok) {
      return redirect(`/goals/${id}`, { headers: { "Set-Cookie": toastCookie({ key: "goals.updated" }) } });
    }
    if (result.error === "conflict") return reply({ intent: "update", result: null, conflict: snapshotOf(result.current) }, 409);
    if (result.error === "invalid") return reply({ intent: "update", result: submission.reply({ fieldErrors: result.fieldErrors }), conflict: null }, 400);
    if (result.error === "not_found") notFound();
    throw new Response("Forbidden", { status: 403 });
  }

  if (intent === "reading") {
    const submission = parseWithZod(formData, { schema: ReadingSchema });
    if (submission.status !== "success") return reply({ intent: "reading", result: submission.reply(), conflict: null }, 400);
    if (submission.value.asOf > appToday()) {
      return reply({ intent: "reading", result: submission.reply({ fieldErrors: { asOf: [errorKey("goals.error.futureDate")] } }), conflict: null }, 400);
    }
    const result = await addGoalReading(db(), id, { value: submission.value.value, asOf: submission.value.asOf, note: submission.value.note ?? null }, ctx);
    if (result.ok) {
      return redirect(`/goals/${id}#readings-heading`, { headers: { "Set-Cookie": toastCookie({ key: "goals.readingAdded" }) } });
    }
    if (result.error === "invalid") return reply({ intent: "reading", result: submission.reply({ fieldErrors: result.fieldErrors }), conflict: null }, 400);
    if (result.error === "not_found") notFound();
    throw new Response("Forbidden", { status: 403 });
  }

  return reply({ intent: null, result: null, conflict: null }, 400);
}

function defaultsOf(g: GoalSnapshot): GoalFormDefaults {
  const num = (n: number | null) => (n === null ? "" : String(n));
  return {
    programCode: g.programCode,
    title: g.title,
    description: g.description ?? "",
    leadUnitId: String(g.leadUnitId),
    dueDate: formatDate(g.dueDate, "UTC"),
    indicatorName: g.indicatorName ?? "",
    indicatorUnit: g.indicatorUnit ?? "",
    indicatorTarget: num(g.indicatorTarget),
    indicatorBaseline: num(g.indicatorBaseline),
  };
}

function ReadingForm({ goalId, today, lastResult }: { goalId: number; today: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `goal-reading-${goalId}`,
    lastResult,
    defaultValue: { asOf: t.date(today) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReadingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errors = [
    ...(form.errors ?? []).map((message) => ({ message })),
    ...[
      { field: fields.value, label: t("goals.field.value") },
      { field: fields.asOf, label: t("goals.field.asOf") },
      { field: fields.note, label: t("goals.field.note") },
    ].flatMap(({ field, label }) => (field.errors ?? []).map((message) => ({ fieldId: field.id, label, message }))),
  ];
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "reading";
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <ErrorSummary items={errors} />
      <input type="hidden" name="intent" value="reading" />
      <div className="grid gap-3 sm:grid-cols-[10rem_12rem_1fr_auto] sm:items-end">
        <TextField
          {...getInputProps(fields.value, { type: "text", ariaAttributes: false })}
          key={fields.value.key}
          id={fields.value.id}
          label={t("goals.field.value")}
          inputMode="decimal"
          autoComplete="off"
          required
          errors={fields.value.errors}
        />
        <TextField
          {...getInputProps(fields.asOf, { type: "text", ariaAttributes: false })}
          key={fields.asOf.key}
          id={fields.asOf.id}
          label={t("goals.field.asOf")}
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          maxLength={10}
          autoComplete="off"
          required
          errors={fields.asOf.errors}
        />
        <TextField
          {...getInputProps(fields.note, { type: "text", ariaAttributes: false })}
          key={fields.note.key}
          id={fields.note.id}
          label={t("goals.field.note")}
          maxLength={NOTE_MAX}
          autoComplete="off"
          errors={fields.note.errors}
        />
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? t("common.loading") : t("goals.addReading")}
          </Button>
        </div>
      </div>
    </Form>
  );
}

export default function GoalPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fmt = useNumberWithUnit();
  // After a conflict the form shows the goal as stored now, with its new version.
  const current = actionData?.conflict ?? data.goal;
  const latest = data.readings[0] ?? null;
  const editResult = actionData?.intent === "update" ? actionData.result : null;
  const editOpen = actionData?.intent === "update";
  const readingResult = actionData?.intent === "reading" ? actionData.result ?? undefined : undefined;
  const issued = STANDING_ORDER.reduce((sum, s) => sum + data.counts[s], 0);

  return (
    <div className="space-y-8">
      <nav aria-label={t("goals.breadcrumb")} className="text-sm">
        <Link to="/goals">← {t("goals.title")}</Link>
      </nav>

      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <ProgramBadge code={current.programCode} />
          <span className="text-sm text-slate-600">{t("goals.due", { date: t.date(current.dueDate) })}</span>
        </div>
        <h1 className="text-2xl font-bold text-slate-900">{current.title}</h1>
        <p className="text-sm text-slate-700">
          {t("goals.leadUnit")}:{" "}
          <Link to={`/units/${current.leadUnitId}`} className="font-semibold">
            {current.leadUnitName}
          </Link>
        </p>
        {current.description ? <p className="max-w-3xl whitespace-pre-line text-slate-800">{current.description}</p> : null}
      </div>

      <section aria-labelledby="indicator-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="indicator-heading" className="mb-3 text-lg font-semibold text-slate-900">
          {t("goals.indicator")}
        </h2>
        <GoalIndicator goal={{ ...current, current: latest ? { value: latest.value, asOf: latest.asOf } : null }} />
      </section>

      <section aria-labelledby="readings-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="readings-heading" className="text-lg font-semibold text-slate-900">
          {t("goals.readings")}
        </h2>
        {data.readings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("goals.noReadings")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("goals.readingsCaption", { title: current.title })}</caption>
              <thead className="border-b border-slate-200 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    {t("goals.field.asOf")}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t("goals.field.value")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("goals.field.note")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("goals.recordedBy")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.readings.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="whitespace-nowrap py-2 pr-4 text-left font-normal tabular-nums">
                      {t.date(r.asOf)}
                    </th>
                    <td className="whitespace-nowrap py-2 pr-4 text-right font-semibold tabular-nums">{fmt(r.value, current.indicatorUnit)}</td>
                    <td className="min-w-[12rem] py-2 pr-4">{r.note ?? ""}</td>
                    <td className="whitespace-nowrap py-2 text-slate-600">{r.recordedByName ?? t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {readingResult && !current.indicatorName ? (
          <ErrorSummary items={Object.values(readingResult.error ?? {}).flat().filter((m): m is string => typeof m === "string").map((message) => ({ message }))} />
        ) : null}
        {data.canManage && current.indicatorName ? (
          <div className="border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("goals.addReadingHeading")}</h3>
            <ReadingForm goalId={current.id} today={data.today} lastResult={readingResult} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="tasks-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="tasks-heading" className="text-lg font-semibold text-slate-900">
            {t("goals.tasksHeading")}
          </h2>
          <p className="text-sm">
            <Link to={data.issuedHref} className="font-semibold">
              {t("goals.issuedCount", { count: issued })}
            </Link>
          </p>
        </div>
        <StandingCounts counts={data.counts} hrefFor={(s) => `${data.tasksHref}&standing=${s}`} label={t("goals.tasksHeading")} />
        {data.tasks.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("goals.noTasks")}</p>
        ) : (
          <>
            <TaskTable items={data.tasks.items} caption={t("goals.tasksCaption", { title: current.title })} />
            {data.tasks.total > data.tasks.items.length ? (
              <p className="text-sm">
                <Link to={data.tasksHref} className="font-semibold">
                  {t("goals.allTasks", { count: data.tasks.total })}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>

      {data.canManage ? (
        <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <details open={editOpen || undefined}>
            <summary className="cursor-pointer rounded-lg px-5 py-4 hover:bg-slate-50">
              <h2 id="edit-heading" className="inline text-lg font-semibold text-slate-900">
                {t("goals.edit")}
              </h2>
            </summary>
            <div className="border-t border-slate-200 p-5">
              <GoalForm
                key={`edit-${current.version}`}
                id={`goal-edit-${current.id}`}
                defaults={defaultsOf(current)}
                units={data.units}
                lastResult={editResult}
                version={current.version}
                conflict={actionData?.intent === "update" && actionData.conflict !== null}
                submitLabel={t("common.save")}
              />
            </div>
          </details>
        </section>
      ) : null}
    </div>
  );
}
