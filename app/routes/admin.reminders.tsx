import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { toastCookie } from "~/auth/cookies.server";
import { requirePermission, requireUser } from "~/auth/request.server";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ErrorSummary, Notice } from "~/components/ui/error-summary";
import { TextField } from "~/components/ui/field";
import { TableRegion } from "~/components/ui/result-list";
import { db } from "~/db.server";
import {
  DEFAULT_REMINDER_SCHEDULE,
  SCHEDULE_MAX_DAYS,
  parseReminderSchedule,
  scheduleFormValues,
  type ScheduleField,
  type ScheduleFieldErrors,
} from "~/domain/reminder-schedule";
import { env } from "~/env.server";
import type { MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { getReminderScheduleState, listReminderRuns, saveReminderSchedule } from "~/models/reminder-schedule.server";

export const meta: MetaFunction = (args) => pageTitle(args, "schedule.title");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:manage");
  const state = await getReminderScheduleState(db());
  const config = env();
  return json({
    values: scheduleFormValues(state.schedule),
    version: state.version,
    updatedAt: state.updatedAt,
    updatedByName: state.updatedByName,
    runs: await listReminderRuns(db()),
    job: { time: config.REMINDER_TIME, timeZone: config.APP_TZ, inServer: config.REMINDERS_IN_SERVER === "true" },
  });
}

type FormValues = ReturnType<typeof scheduleFormValues>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:manage");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const versionRaw = String(formData.get("version") ?? "");
  const expectedVersion = /^\d{1,9}$/.test(versionRaw) ? Number(versionRaw) : -1;

  if (intent !== "save" && intent !== "restore")
    return json({ conflict: false, fieldErrors: {} as ScheduleFieldErrors, values: null as FormValues | null }, { status: 400 });

  const input = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = intent === "restore" ? ({ ok: true, schedule: DEFAULT_REMINDER_SCHEDULE } as const) : parseReminderSchedule(input);
  if (!parsed.ok) {
    // What the admin typed comes back into the form with the errors; nothing is saved.
    const values: FormValues = {
      beforeDays: String(input.beforeDays ?? "").slice(0, 200),
      onDeadlineDay: input.onDeadlineDay === "on",
      firstAfterDays: String(input.firstAfterDays ?? "").slice(0, 20),
      repeatAfterDays: String(input.repeatAfterDays ?? "").slice(0, 20),
      escalateHeadAfterDays: String(input.escalateHeadAfterDays ?? "").slice(0, 20),
      escalateCommitteeAfterDays: String(input.escalateCommitteeAfterDays ?? "").slice(0, 20),
      extensionPendingDays: String(input.extensionPendingDays ?? "").slice(0, 20),
    };
    return json({ conflict: false, fieldErrors: parsed.fieldErrors, values }, { status: 400 });
  }
  const result = await saveReminderSchedule(db(), {
    schedule: parsed.schedule,
    expectedVersion,
    actorUserId: user.id,
    ip: context.clientIp,
    reset: intent === "restore",
  });
  if (!result.ok)
    return json({ conflict: true, fieldErrors: {} as ScheduleFieldErrors, values: null as FormValues | null }, { status: 409 });
  const key: MessageKey = !result.changed ? "schedule.unchanged" : intent === "restore" ? "schedule.restored" : "schedule.saved";
  return redirect("/admin/reminders", { headers: { "Set-Cookie": toastCookie({ key }) } });
}

const NUMBER_FIELDS: Array<{
  name: Exclude<ScheduleField, "beforeDays" | "onDeadlineDay">;
  label: MessageKey;
  help?: MessageKey;
  section: "owner" | "escalation";
}> = [
  { name: "firstAfterDays", label: "schedule.firstAfterDays", help: "schedule.firstAfterDaysHelp", section: "owner" },
  { name: "repeatAfterDays", label: "schedule.repeatAfterDays", help: "schedule.repeatAfterDaysHelp", section: "owner" },
  { name: "escalateHeadAfterDays", label: "schedule.escalateHeadAfterDays", section: "escalation" },
  {
    name: "escalateCommitteeAfterDays",
    label: "schedule.escalateCommitteeAfterDays",
    help: "schedule.escalateCommitteeAfterDaysHelp",
    section: "escalation",
  },
  { name: "extensionPendingDays", label: "schedule.extensionPendingDays", section: "escalation" },
];

export default function ReminderSchedulePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  // After a conflict the form shows the schedule in force (the loader has reloaded it).
  const values = actionData?.values ?? data.values;
  const errors: ScheduleFieldErrors = actionData?.fieldErrors ?? {};
  const labelOf = (field: ScheduleField): string =>
    field === "beforeDays"
      ? t("schedule.beforeDays")
      : field === "onDeadlineDay"
        ? t("schedule.onDeadlineDay")
        : t(NUMBER_FIELDS.find((f) => f.name === field)!.label);
  const summary = (Object.entries(errors) as Array<[ScheduleField, string[]]>).flatMap(([field, messages]) =>
    messages.map((message) => ({ fieldId: field, label: labelOf(field), message })),
  );
  // A fresh key after each answer resets the uncontrolled inputs to the values shown.
  const formKey = `${data.version}-${JSON.stringify(values)}`;
  const numberField = (f: (typeof NUMBER_FIELDS)[number]) => (
    <TextField
      key={f.name}
      id={f.name}
      name={f.name}
      label={t(f.label)}
      help={f.help ? t(f.help) : undefined}
      inputMode="numeric"
      autoComplete="off"
      defaultValue={values[f.name]}
      errors={errors[f.name]}
      required
      maxLength={20}
    />
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("schedule.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("schedule.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">
          {data.updatedAt
            ? t("schedule.lastChanged", { date: t.dateTime(data.updatedAt), name: data.updatedByName ?? "—" })
            : t("schedule.usingDefaults")}
        </p>
      </div>

      {actionData?.conflict ? <Notice kind="error">{t("schedule.conflict")}</Notice> : null}

      <Form method="post" key={formKey} className="max-w-4xl space-y-6" noValidate>
        <ErrorSummary items={summary} />
        <input type="hidden" name="version" value={data.version} />
        <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <legend className="px-1 text-lg font-semibold">{t("schedule.sectionOwner")}</legend>
          <TextField
            id="beforeDays"
            name="beforeDays"
            label={t("schedule.beforeDays")}
            help={t("schedule.beforeDaysHelp", { max: SCHEDULE_MAX_DAYS })}
            autoComplete="off"
            defaultValue={values.beforeDays}
            errors={errors.beforeDays}
            required
            maxLength={200}
          />
          <label className="flex items-center gap-2 text-sm font-semibold text-slate-800">
            <input
              type="checkbox"
              id="onDeadlineDay"
              name="onDeadlineDay"
              defaultChecked={values.onDeadlineDay}
              className="h-4 w-4 rounded border-slate-300"
            />
            {t("schedule.onDeadlineDay")}
          </label>
          <div className="grid gap-4 md:grid-cols-2">{NUMBER_FIELDS.filter((f) => f.section === "owner").map(numberField)}</div>
        </fieldset>
        <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <legend className="px-1 text-lg font-semibold">{t("schedule.sectionEscalation")}</legend>
          <div className="grid gap-4 md:grid-cols-2">{NUMBER_FIELDS.filter((f) => f.section === "escalation").map(numberField)}</div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" name="intent" value="save">
            {t("schedule.save")}
          </Button>
          <Button type="submit" name="intent" value="restore" variant="secondary">
            {t("schedule.restore")}
          </Button>
        </div>
        <p className="text-sm text-slate-600">{t("schedule.defaults")}</p>
      </Form>

      <section aria-labelledby="runs-heading" className="space-y-2">
        <h2 id="runs-heading" className="text-lg font-semibold text-slate-900">
          {t("schedule.runs")}
        </h2>
        <p className="text-sm text-slate-600">{t("schedule.runsIntro", { time: data.job.time, tz: data.job.timeZone })}</p>
        {data.job.inServer ? null : <Notice kind="warning">{t("schedule.runsExternal")}</Notice>}
        {data.runs.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
            {t("schedule.runsEmpty")}
          </div>
        ) : (
          <TableRegion labelledBy="runs-heading">
            <table className="w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    {t("schedule.runDate")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("schedule.runStatus")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("schedule.runStarted")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("schedule.runFinished")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("schedule.runCounts")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {data.runs.map((r) => (
                  <tr key={r.runDate}>
                    <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-semibold tabular-nums">
                      {t.date(r.runDate)}
                    </th>
                    <td className="whitespace-nowrap px-4 py-3">
                      {r.status === "done" ? (
                        <Badge tone="green">{t("schedule.runDone")}</Badge>
                      ) : (
                        <Badge tone="amber">{t("schedule.runRunning")}</Badge>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 tabular-nums">{t.dateTime(r.startedAt)}</td>
                    <td className="whitespace-nowrap px-4 py-3 tabular-nums">
                      {r.finishedAt ? t.dateTime(r.finishedAt) : t("common.none")}
                    </td>
                    <td className="px-4 py-3 font-mono text-xs text-slate-700">
                      {Object.keys(r.counts).length
                        ? Object.entries(r.counts)
                            .map(([k, v]) => `${k}: ${v}`)
                            .join(" · ")
                        : t("common.none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
