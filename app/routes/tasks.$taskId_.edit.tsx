import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { toastCookie } from "~/auth/cookies.server";
import { appToday, forbidden, notFound, requireUser, taskContext, toActor, parseId } from "~/auth/request.server";
import { ChangedFieldsNotice, type CurrentValue } from "~/components/task-conflict";
import { TASK_FIELD_ORDER, TaskFieldset, fieldIds, summaryItems, type TaskFormShape } from "~/components/task-form";
import { readTaskFields, taskFormValues } from "~/components/task-form.server";
import { Button } from "~/components/ui/button";
import { ErrorSummary, Notice } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { versionField } from "~/domain/form-fields";
import { env } from "~/env.server";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { editStep, versionConflict, withTask } from "~/models/task-commands.server";
import { loadTaskFormChoices } from "~/models/task-form-choices.server";
import { getTask, taskPermissions, taskReferenceNames, type TaskView } from "~/models/task.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [base] = pageTitle(args, "taskEdit.title");
  return [{ title: args.data ? `${args.data.task.title || base.title} · ${base.title}` : base.title }];
};

async function loadEditable(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  const id = parseId(rawId);
  const task = await getTask(db(), id, appToday());
  if (!task) notFound();
  const permissions = await taskPermissions(db(), toActor(user), task);
  if (!permissions.update) forbidden();
  return { user, task };
}

/** The stored values of the fields someone else changed, with names for the ids, for the conflict notice. */
async function currentValues(task: TaskView, changed: string[]): Promise<CurrentValue[]> {
  const names = await taskReferenceNames(db(), {
    unitIds: [...(task.leadUnitId ? [task.leadUnitId] : []), ...task.coordinatingUnitIds],
    userIds: task.ownerId ? [task.ownerId] : [],
    goalIds: task.goalId ? [task.goalId] : [],
  });
  const record = task as unknown as Record<string, unknown>;
  return changed.map((field) => {
    const value = record[field];
    switch (field) {
      case "ownerId":
        return { field, value: task.ownerId ? (names.users[String(task.ownerId)] ?? null) : null };
      case "leadUnitId":
        return { field, value: task.leadUnitId ? (names.units[String(task.leadUnitId)] ?? null) : null };
      case "goalId":
        return { field, value: task.goalId ? (names.goals[String(task.goalId)] ?? null) : null };
      case "coordinatingUnitIds":
        return { field, value: task.coordinatingUnitIds.map((id) => names.units[String(id)] ?? `#${id}`).join(", ") || null };
      default:
        return { field, value: value === undefined ? null : (value as CurrentValue["value"]) };
    }
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, task } = await loadEditable(request, params.taskId);
  const choices = await loadTaskFormChoices(db(), toActor(user), {
    ownerId: task.ownerId,
    coordinatingUnitIds: task.coordinatingUnitIds,
    leadUnitId: task.leadUnitId,
  });
  return json({
    task: {
      id: task.id,
      title: task.title,
      status: task.status,
      version: task.version,
      deadline: task.deadline,
      originalDeadline: task.originalDeadline,
      extensionCount: task.extensionCount,
    },
    values: taskFormValues(task, env().APP_TZ),
    choices,
  });
}

/** What the action answers when it does not redirect: the form's errors, or the fields someone else changed. */
interface EditReply {
  result: ReturnType<ReturnType<typeof readTaskFields>["submission"]["reply"]>;
  conflict: { currentVersion: number; changedFields: string[]; current: CurrentValue[] } | null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.taskId);
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const ctx = taskContext(user, context);
  const intent = formData.get("intent");
  // The form is read once the task is loaded and the user authorised: a refused user hears 403 first.
  const outcome = await withTask(db(), id, "task:update", ctx, async (trx, loaded) => {
    const { submission, fields } = readTaskFields(formData, { clearEmpty: true });
    const version = versionField.safeParse(formData.get("version") ?? undefined);
    const answer = (body: EditReply, status: number) => ({ ok: true as const, value: json(body, { status }) });
    if (intent !== "save" && intent !== "issue")
      return answer({ result: submission.reply({ formErrors: [errorKey("error.unknownAction")] }), conflict: null }, 400);
    if (!version.success) return answer({ result: submission.reply({ formErrors: [errorKey("error.version")] }), conflict: null }, 422);
    if (!fields) return answer({ result: submission.reply(), conflict: null }, 422);
    const stale = await versionConflict(trx, loaded, version.data);
    const edited = stale ?? (await editStep(trx, loaded, fields, { issue: intent === "issue" }, ctx));
    if (edited.ok) {
      const task = edited.value.task;
      const issued = loaded.task.status === "draft" && task.status !== "draft";
      const toast = toastCookie({ key: issued ? "task.toast.issued" : "task.toast.saved", params: { title: task.title.slice(0, 80) } });
      return { ok: true as const, value: redirect(`/tasks/${id}`, { headers: { "Set-Cookie": toast } }) };
    }
    return edited;
  });
  if (outcome.ok) return outcome.value;
  if (outcome.error === "invalid") {
    const { submission } = readTaskFields(formData, { clearEmpty: true });
    return json({ result: submission.reply({ fieldErrors: outcome.fieldErrors }), conflict: null } satisfies EditReply, { status: 422 });
  }
  if (outcome.error === "conflict") {
    // Read after the transaction: the notice shows what is stored now, with names for the ids.
    const current = (await getTask(db(), id, appToday()))!;
    const changed = outcome.changedFields;
    const conflict = { currentVersion: outcome.currentVersion, changedFields: changed, current: await currentValues(current, changed) };
    const { submission } = readTaskFields(formData, { clearEmpty: true });
    return json({ result: submission.reply(), conflict } satisfies EditReply, { status: 409 });
  }
  return outcome.error === "forbidden" ? forbidden() : notFound();
}

export default function EditTaskPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as EditReply | undefined;
  const navigation = useNavigation();
  const t = useT();
  const isDraft = data.task.status === "draft";
  const lockedDeadline = isDraft ? undefined : data.task.deadline;
  const [form, fields] = useForm<TaskFormShape>({
    id: "task-form",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: data.values,
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  const conflict = actionData?.conflict ?? null;
  // After a conflict the form keeps what was typed; saving again (deliberately) applies it over the new version.
  const version = conflict ? conflict.currentVersion : data.task.version;
  const items = summaryItems(t, actionData?.result, fieldIds(fields, !isDraft), TASK_FIELD_ORDER);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to="/tasks">{t("nav.tasks")}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/tasks/${data.task.id}`}>{data.task.title || t("task.untitled")}</Link> <span aria-hidden="true">›</span>{" "}
        <span>{t("taskEdit.title")}</span>
      </nav>
      <h1 className="text-2xl font-bold text-slate-900">{t("taskEdit.title")}</h1>
      {data.task.status === "cancelled" ? (
        <Notice kind="warning">
          {t("taskEdit.cancelled")} <Link to={`/tasks/${data.task.id}`}>{t("common.back")}</Link>
        </Notice>
      ) : null}
      {conflict ? (
        <ChangedFieldsNotice version={conflict.currentVersion} changedFields={conflict.changedFields} current={conflict.current} />
      ) : null}
      <Form method="post" className="space-y-6" hidden={data.task.status === "cancelled"} {...getFormProps(form)}>
        <ErrorSummary items={items} />
        <input type="hidden" name="version" value={version} />
        <TaskFieldset fields={fields} choices={data.choices} lockedDeadline={lockedDeadline} />
        <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
          <Link to={`/tasks/${data.task.id}`} className="text-center text-sm font-semibold sm:mr-auto">
            {t("common.cancel")}
          </Link>
          <Button type="submit" name="intent" value="save" variant={isDraft ? "secondary" : "primary"} disabled={busy}>
            {isDraft ? t("task.saveDraft") : t("common.save")}
          </Button>
          {isDraft ? (
            <Button type="submit" name="intent" value="issue" disabled={busy}>
              {t("task.issue")}
            </Button>
          ) : null}
        </div>
        {isDraft ? <p className="text-right text-sm text-slate-600">{t("task.issueHelp")}</p> : null}
      </Form>
    </div>
  );
}
