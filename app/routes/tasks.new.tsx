import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { toastCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { forbidden, requireUser, taskContext, toActor } from "~/auth/request.server";
import { TASK_FIELD_ORDER, TaskFieldset, fieldIds, summaryItems, type TaskFormShape } from "~/components/task-form";
import { readTaskFields } from "~/components/task-form.server";
import { Button } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { createTask } from "~/models/task-commands.server";
import { loadTaskFormChoices } from "~/models/task-form-choices.server";
import { unitPath } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "taskNew.title");

async function requireCreator(request: Request) {
  const user = await requireUser(request);
  // Anyone who may lead a task somewhere: the secretariat and committee anywhere, a head in their unit.
  if (!can(toActor(user), "task:create", { unitPath: await unitPath(db(), user.unitId), unitId: user.unitId })) forbidden();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCreator(request);
  const choices = await loadTaskFormChoices(db(), toActor(user));
  // A head issues within their own unit: start from it.
  const defaults: Partial<TaskFormShape> = { priority: "normal", leadUnitId: user.role === "head" ? String(user.unitId) : "" };
  return json({ choices, defaults });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCreator(request);
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const intent = formData.get("intent");
  const { submission, fields } = readTaskFields(formData, { clearEmpty: false });
  if (intent !== "draft" && intent !== "issue") {
    return json({ result: submission.reply({ formErrors: [errorKey("error.unknownAction")] }) }, { status: 400 });
  }
  if (!fields) return json({ result: submission.reply() }, { status: 422 });

  const result = await createTask(db(), fields, { issue: intent === "issue" }, taskContext(user, context));
  if (!result.ok) {
    if (result.error === "forbidden") forbidden();
    if (result.error === "invalid") return json({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 422 });
    throw new Response("Bad Request", { status: 400 });
  }
  const task = result.value;
  return redirect(`/tasks/${task.id}`, {
    headers: {
      "Set-Cookie": toastCookie({
        key: intent === "issue" ? "task.toast.issued" : "task.toast.draftSaved",
        params: { title: task.title.slice(0, 80) },
      }),
    },
  });
}

export default function NewTaskPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm<TaskFormShape>({
    id: "task-form",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: data.defaults,
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  const items = summaryItems(t, actionData?.result, fieldIds(fields), TASK_FIELD_ORDER);

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to="/tasks">{t("nav.tasks")}</Link> <span aria-hidden="true">›</span> <span>{t("taskNew.title")}</span>
      </nav>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("taskNew.title")}</h1>
        <p className="mt-1 text-slate-600">{t("taskNew.intro")}</p>
      </div>
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        <ErrorSummary items={items} />
        <TaskFieldset fields={fields} choices={data.choices} />
        <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
          <Link to="/tasks" className="text-center text-sm font-semibold sm:mr-auto">
            {t("common.cancel")}
          </Link>
          <Button type="submit" name="intent" value="draft" variant="secondary" disabled={busy}>
            {t("task.saveDraft")}
          </Button>
          <Button type="submit" name="intent" value="issue" disabled={busy}>
            {t("task.issue")}
          </Button>
        </div>
        <p className="text-right text-sm text-slate-600">{t("task.issueHelp")}</p>
      </Form>
    </div>
  );
}
