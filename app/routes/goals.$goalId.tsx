import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { handlerFor, runCommand, unlessRefused } from "~/action.server";
import { toastCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { appToday, notFound, parseId, requirePermission, requireUser, toActor } from "~/auth/request.server";
import { GoalForm, GoalUpdateSchema, goalInput, requiredNumber, type GoalFormDefaults } from "~/components/goal-form";
import { GoalIndicator, useNumberWithUnit } from "~/components/goal-indicator";
import { ProgramBadge } from "~/components/program-badge";
import { STANDING_ORDER, StandingCounts, type StandingCountsValue } from "~/components/standing-counts";
import { TaskTable, toTaskListItem } from "~/components/task-table";
import { Button } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { daysBetween } from "~/domain/dates";
import { optionalText } from "~/domain/form-fields";
import { requiredDate } from "~/domain/task-schema";
import { formatDate, formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT, type T } from "~/i18n/react";
import type { CommandContext } from "~/models/command-result";
import * as goalCommands from "~/models/goal-commands.server";
import { getGoal, goalTasksHref, listGoalReadings, type GoalRow } from "~/models/goal.server";
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
  const id = parseId(params.goalId);
  const goal = await getGoal(db(), id);
  if (!goal) notFound();
  const today = appToday();
  const canManage = can(toActor(user), "goal:manage");
  const [readings, tasks, counts, units] = await Promise.all([
    listGoalReadings(db(), id),
    listTasks(db(), { goalId: id, sort: "deadline", limit: TASKS_SHOWN, offset: 0 }, today),
    Promise.all(
      STANDING_ORDER.map(
        async (standing) => [standing, (await listTasks(db(), { goalId: id, standing, limit: 0, offset: 0 }, today)).total] as const,
      ),
    ),
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
  if (result.error === "conflict") return reply({ intent: "update", result: null, conflict: snapshotOf(result.current) }, 409);
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

// ---------------------------------------------------------------------------------------------
// The indicator over time: readings as a line toward the target and the due date (server-rendered
// SVG; the readings table below carries every value, so the chart is never the only way to read them).

interface ChartReading {
  value: number;
  asOf: string;
}

const CHART = { width: 400, height: 210, left: 44, right: 14, top: 18, bottom: 36 };

/** A round step for about `count` ticks over `span` (1, 2 or 5 × 10ⁿ). */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / magnitude;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10) * magnitude;
}

/** Where everything goes on the chart: x by day from the first reading to the due date (or the last reading), y from zero (or below) to the largest value. */
function indicatorChartGeometry(readings: ChartReading[], target: number | null, baseline: number | null, dueDate: string) {
  const sorted = [...readings].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const start = sorted[0].asOf;
  const end = [dueDate, sorted[sorted.length - 1].asOf].sort()[1];
  const days = Math.max(1, daysBetween(start, end));
  const values = [...sorted.map((r) => r.value), ...(target !== null ? [target] : []), ...(baseline !== null ? [baseline] : [])];
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  const step = niceStep(high - low || 1, 4);
  const yMin = Math.floor(low / step) * step;
  const yMax = Math.ceil(high / step) * step || step;
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (date: string) => CHART.left + (daysBetween(start, date) / days) * plotWidth;
  const y = (value: number) => CHART.top + plotHeight - ((value - yMin) / (yMax - yMin || 1)) * plotHeight;
  const ticks: number[] = [];
  for (let v = yMin; v <= yMax + step / 2; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  return { sorted, start, end, x, y, ticks, plotWidth, plotHeight };
}

function IndicatorChart({
  t,
  name,
  unit,
  readings,
  target,
  baseline,
  dueDate,
}: {
  t: T;
  name: string;
  unit: string | null;
  readings: ChartReading[];
  target: number | null;
  baseline: number | null;
  dueDate: string;
}) {
  const withUnit = (v: number) => `${formatNumber(v, t.lang)}${unit ? (unit === "%" ? "%" : ` ${unit}`) : ""}`;
  const g = indicatorChartGeometry(readings, target, baseline, dueDate);
  const first = g.sorted[0];
  const last = g.sorted[g.sorted.length - 1];
  const points = g.sorted.map((r) => `${g.x(r.asOf).toFixed(1)},${g.y(r.value).toFixed(1)}`).join(" ");
  const bottom = CHART.top + g.plotHeight;
  const descParams = {
    count: g.sorted.length,
    first: t.date(first.asOf),
    firstValue: withUnit(first.value),
    last: t.date(last.asOf),
    lastValue: withUnit(last.value),
    due: t.date(dueDate),
  };
  return (
    <svg
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby="indicator-chart-title indicator-chart-desc"
      className="h-auto w-full max-w-lg"
    >
      <title id="indicator-chart-title">{t("goalChart.title", { name })}</title>
      <desc id="indicator-chart-desc">
        {target !== null ? t("goalChart.desc", { ...descParams, target: withUnit(target) }) : t("goalChart.descNoTarget", descParams)}
      </desc>
      {g.ticks.map((v) => (
        <g key={v}>
          <line x1={CHART.left} x2={CHART.width - CHART.right} y1={g.y(v)} y2={g.y(v)} className="stroke-slate-200" strokeWidth={1} />
          <text x={CHART.left - 6} y={g.y(v) + 4} textAnchor="end" className="fill-slate-600 text-[12px]">
            {formatNumber(v, t.lang)}
          </text>
        </g>
      ))}
      <line x1={CHART.left} x2={CHART.left} y1={CHART.top} y2={bottom} className="stroke-slate-400" strokeWidth={1} />
      {target !== null ? (
        <g>
          <line
            x1={CHART.left}
            x2={CHART.width - CHART.right}
            y1={g.y(target)}
            y2={g.y(target)}
            className="stroke-emerald-700"
            strokeWidth={1.5}
            strokeDasharray="6 4"
          />
          <text x={CHART.left + 4} y={g.y(target) - 5} className="fill-emerald-800 text-[12px] font-semibold">
            {t("goalChart.target", { value: withUnit(target) })}
          </text>
        </g>
      ) : null}
      <g>
        <line
          x1={g.x(dueDate)}
          x2={g.x(dueDate)}
          y1={CHART.top}
          y2={bottom}
          className="stroke-amber-600"
          strokeWidth={1.5}
          strokeDasharray="4 4"
        />
        <text x={g.x(dueDate) - 4} y={bottom + 26} textAnchor="end" className="fill-amber-800 text-[12px] font-semibold">
          {t("goalChart.due", { date: t.date(dueDate) })}
        </text>
      </g>
      {target !== null && last.asOf < dueDate ? (
        <line
          x1={g.x(last.asOf)}
          y1={g.y(last.value)}
          x2={g.x(dueDate)}
          y2={g.y(target)}
          className="stroke-brand-600"
          strokeOpacity={0.5}
          strokeWidth={1.5}
          strokeDasharray="2 4"
        />
      ) : null}
      <polyline points={points} fill="none" className="stroke-brand-700" strokeWidth={2.5} strokeLinejoin="round" />
      {g.sorted.map((r, i) => (
        <circle key={`${r.asOf}-${i}`} cx={g.x(r.asOf)} cy={g.y(r.value)} r={4} className="fill-white stroke-brand-700" strokeWidth={2}>
          <title>{`${t.date(r.asOf)}: ${withUnit(r.value)}`}</title>
        </circle>
      ))}
      <text x={CHART.left} y={bottom + 14} className="fill-slate-600 text-[12px]">
        {t.date(first.asOf)}
      </text>
      {g.x(last.asOf) - g.x(first.asOf) > 80 && g.x(dueDate) - g.x(last.asOf) > 80 ? (
        <text x={g.x(last.asOf)} y={bottom + 14} textAnchor="middle" className="fill-slate-600 text-[12px]">
          {t.date(last.asOf)}
        </text>
      ) : null}
    </svg>
  );
}

function IndicatorProgress({
  goal,
  readings,
  today,
}: {
  goal: {
    indicatorName: string | null;
    indicatorUnit: string | null;
    indicatorTarget: number | null;
    indicatorBaseline: number | null;
    dueDate: string;
  };
  readings: ChartReading[];
  today: string;
}) {
  const t = useT();
  if (!goal.indicatorName) return null;
  const withUnit = (v: number) =>
    `${formatNumber(v, t.lang)}${goal.indicatorUnit ? (goal.indicatorUnit === "%" ? "%" : ` ${goal.indicatorUnit}`) : ""}`;
  const latest = readings[0] ?? null;
  const target = goal.indicatorTarget;
  // A goal goes up (coverage, share online) or down (days to process); the baseline, or the first reading, says which.
  const oldest = readings[readings.length - 1] ?? null;
  const from = goal.indicatorBaseline ?? oldest?.value ?? null;
  const upward = target === null || from === null || target >= from;
  const reached = latest !== null && target !== null && (upward ? latest.value >= target : latest.value <= target);
  const daysLeft = daysBetween(today, goal.dueDate);
  return (
    <figure aria-labelledby="indicator-progress-heading" className="mt-5 space-y-2 border-t border-slate-100 pt-4">
      <h3 id="indicator-progress-heading" className="text-sm font-semibold text-slate-800">
        {t("goalChart.heading")}
      </h3>
      {readings.length === 0 ? (
        <p className="text-sm text-slate-600">{t("goalChart.noReadings")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {target !== null && latest
              ? reached
                ? t("goalChart.reached")
                : t("goalChart.gap", { gap: withUnit(Math.abs(target - latest.value)) })
              : null}{" "}
            {daysLeft >= 0
              ? t("goalChart.daysLeft", { days: formatNumber(daysLeft, t.lang) })
              : t("goalChart.daysPast", { days: formatNumber(-daysLeft, t.lang) })}
          </p>
          <IndicatorChart
            t={t}
            name={goal.indicatorName}
            unit={goal.indicatorUnit}
            readings={readings}
            target={target}
            baseline={goal.indicatorBaseline}
            dueDate={goal.dueDate}
          />
          <figcaption className="text-xs text-slate-600">
            <a href="#readings-heading">{t("goalChart.tableNote", { table: t("goals.readings") })}</a>
          </figcaption>
        </>
      )}
    </figure>
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
  const readingResult = actionData?.intent === "reading" ? (actionData.result ?? undefined) : undefined;
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
        <IndicatorProgress goal={current} readings={data.readings} today={data.today} />
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
                    <td className="whitespace-nowrap py-2 pr-4 text-right font-semibold tabular-nums">
                      {fmt(r.value, current.indicatorUnit)}
                    </td>
                    <td className="min-w-[12rem] py-2 pr-4">{r.note ?? ""}</td>
                    <td className="whitespace-nowrap py-2 text-slate-600">{r.recordedByName ?? t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {readingResult && !current.indicatorName ? (
          <ErrorSummary
            items={Object.values(readingResult.error ?? {})
              .flat()
              .filter((m): m is string => typeof m === "string")
              .map((message) => ({ message }))}
          />
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
