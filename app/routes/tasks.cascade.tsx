/**
 * "1 xuyên suốt": one directive to many units at once. The parent task is led by the issuing unit and
 * owned by the issuing person; every receiving unit gets its own issued child task, owned by the person
 * chosen for it (by default the unit's head).
 * (Slightly over 300 lines: the receivers picker — groups, quick picks, an owner per unit — is this page alone.)
 */
import { getFormProps, useForm } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef, type MouseEvent } from "react";
import { toastCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { forbidden, requireUser, taskContext, toActor, type CurrentUser } from "~/auth/request.server";
import {
  ErrorList,
  TASK_FIELD_ORDER,
  TaskFieldset,
  ancestry,
  errorsOf,
  fieldIds,
  summaryItems,
  type TaskFormShape,
} from "~/components/task-form";
import { readTaskFields } from "~/components/task-form.server";
import { Button } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { indentClass } from "~/components/unit-checklist";
import { db } from "~/db.server";
import { errorKey, type MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { cascadeTask } from "~/models/task-commands.server";
import { loadTaskFormChoices, quickPickUnitIds } from "~/models/task-form-choices.server";
import { unitHeads } from "~/models/task.server";
import { unitPath } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "cascade.title");

type Group = "wards" | "departments" | "other";
const GROUPS: Group[] = ["wards", "departments", "other"];

async function requireCascader(request: Request) {
  const user = await requireUser(request);
  if (!can(toActor(user), "task:cascade", { unitPath: await unitPath(db(), user.unitId), unitId: user.unitId })) forbidden();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCascader(request);
  const choices = await loadTaskFormChoices(db(), toActor(user));
  const everywhere = can(toActor(user), "task:cascade", { unitPath: [] });
  // Receiving units: anywhere for the secretariat and committee, the units below their own for a head.
  const candidates = choices.leadUnits.filter((u) => u.kind !== "city" && (everywhere || u.id !== user.unitId));
  const heads = await unitHeads(
    db(),
    candidates.map((u) => u.id),
  );
  const units = candidates.map((u) => {
    const group: Group = u.kind === "ward" || u.kind === "commune" ? "wards" : u.kind === "department" ? "departments" : "other";
    const owners = choices.owners
      .filter((o) => ancestry(o.unitId, choices.unitParents).includes(u.id))
      .sort((a, b) => (a.role === "head" ? 0 : 1) - (b.role === "head" ? 0 : 1) || a.fullName.localeCompare(b.fullName, "vi"))
      .map((o) => ({ id: o.id, fullName: o.fullName, role: o.role }));
    const head = heads.get(u.id) ?? null;
    return { id: u.id, name: u.name, kind: u.kind, depth: u.depth, group, headId: head?.id ?? null, owners };
  });
  return json({
    choices,
    units,
    defaults: { leadUnitId: String(user.unitId), ownerId: String(user.id), priority: "normal" } satisfies Partial<TaskFormShape>,
  });
}

interface CascadeReply {
  result: ReturnType<ReturnType<typeof readTaskFields>["submission"]["reply"]>;
  unitIds: string[];
  owners: Record<string, string>;
}

/** The receiving units and per-unit owners as sent (ids only; anything else is dropped). */
function readReceivers(formData: FormData) {
  const unitIds = [...new Set(formData.getAll("unitIds").filter((v): v is string => typeof v === "string" && /^[1-9]\d{0,9}$/.test(v)))];
  const bad = formData.getAll("unitIds").some((v) => typeof v !== "string" || (v !== "" && !/^[1-9]\d{0,9}$/.test(v)));
  const owners: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    const m = /^owners\.([1-9]\d{0,9})$/.exec(key);
    if (m && typeof value === "string" && /^[1-9]\d{0,9}$/.test(value)) owners[m[1]] = value;
  }
  return { unitIds, owners, bad };
}

interface CascadeArgs {
  user: CurrentUser;
  intent: string;
  formData: FormData;
  context: ActionFunctionArgs["context"];
}

/** Without JavaScript the quick pickers come here: tick the group and show the form again. */
async function pickIntent({ user, intent, formData }: CascadeArgs) {
  const { submission } = readTaskFields(formData, { clearEmpty: false });
  const receivers = readReceivers(formData);
  const group = intent.slice("pick-".length);
  let unitIds = receivers.unitIds;
  if (group === "none") unitIds = [];
  else if (GROUPS.includes(group as Group)) {
    const picked = await quickPickUnitIds(db(), toActor(user), group as Group);
    unitIds = [...new Set([...unitIds, ...picked.map(String)])];
  }
  return json<CascadeReply>({ result: submission.reply(), unitIds, owners: receivers.owners }, { status: 200 });
}

async function cascadeIntent({ user, formData, context }: CascadeArgs) {
  const { submission, fields } = readTaskFields(formData, { clearEmpty: false });
  const receivers = readReceivers(formData);
  const refuse = (fieldErrors?: Record<string, string[]>) =>
    json<CascadeReply>({ result: submission.reply(fieldErrors ? { fieldErrors } : undefined), ...receivers }, { status: 422 });
  if (receivers.bad) return refuse({ unitIds: [errorKey("error.invalidChoice")] });
  if (!fields) return refuse();
  const owners: Record<number, number> = {};
  for (const id of receivers.unitIds) if (receivers.owners[id]) owners[Number(id)] = Number(receivers.owners[id]);
  const result = await cascadeTask(db(), fields, { unitIds: receivers.unitIds.map(Number), owners }, taskContext(user, context));
  if (!result.ok) {
    if (result.error === "forbidden") forbidden();
    return refuse(result.error === "invalid" ? result.fieldErrors : { unitIds: [errorKey("error.invalidChoice")] });
  }
  return redirect(`/tasks/${result.value.parent.id}`, {
    headers: { "Set-Cookie": toastCookie({ key: "task.toast.cascaded", params: { count: result.value.childIds.length } }) },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCascader(request);
  const formData = await request.formData().catch(() => null);
  if (!formData) throw new Response("Bad Request", { status: 400 });
  const intent = String(formData.get("intent") ?? "");
  if (intent.startsWith("pick-")) return pickIntent({ user, intent, formData, context });
  if (intent === "cascade") return cascadeIntent({ user, intent, formData, context });
  const { submission } = readTaskFields(formData, { clearEmpty: false });
  const receivers = readReceivers(formData);
  return json<CascadeReply>({ result: submission.reply({ formErrors: [errorKey("error.unknownAction")] }), ...receivers }, { status: 400 });
}

const GROUP_LABEL: Record<Group, MessageKey> = {
  wards: "cascade.group.wards",
  departments: "cascade.group.departments",
  other: "cascade.group.other",
};
const PICK_LABEL: Record<Group, MessageKey> = {
  wards: "cascade.pick.wards",
  departments: "cascade.pick.departments",
  other: "cascade.pick.other",
};

export default function CascadePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as CascadeReply | undefined;
  const navigation = useNavigation();
  const t = useT();
  const listRef = useRef<HTMLDivElement>(null);
  const [form, fields] = useForm<TaskFormShape>({
    id: "cascade-form",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: data.defaults,
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  const chosen = new Set(actionData?.unitIds ?? []);
  const owners = actionData?.owners ?? {};
  const result = actionData?.result;
  const ids: Record<string, string> = { ...fieldIds(fields), unitIds: "receiving-units" };
  for (const u of data.units) ids[`owners.${u.id}`] = `owner-${u.id}`;
  const items = summaryItems(t, result, ids, [...TASK_FIELD_ORDER, "unitIds"]);
  const noHead = data.units.filter((u) => u.headId === null);

  // With JavaScript the pickers tick the boxes in place; without, they post and the server ticks them.
  function pick(event: MouseEvent<HTMLButtonElement>, group: Group | "none") {
    const root = listRef.current;
    if (!root) return;
    event.preventDefault();
    for (const box of root.querySelectorAll<HTMLInputElement>("input[name=unitIds]")) {
      if (group === "none") box.checked = false;
      // Quick pickers skip units nobody could own the task in; they can still be ticked by hand.
      else if (box.dataset.group === group && box.dataset.hasOwner === "1") box.checked = true;
    }
  }

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to="/tasks">{t("nav.tasks")}</Link> <span aria-hidden="true">›</span> <span>{t("cascade.title")}</span>
      </nav>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("cascade.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("cascade.intro")}</p>
      </div>
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        {/* Enter in a text field submits with the first submit button: make that the real one, not a picker. */}
        <button type="submit" name="intent" value="cascade" className="sr-only" tabIndex={-1} aria-hidden="true" />
        <ErrorSummary items={items} />
        <TaskFieldset
          fields={fields}
          choices={data.choices}
          leadLabel={t("cascade.issuingUnit")}
          ownerLabel={t("cascade.issuingPerson")}
          hideCoordinating
        />

        <fieldset
          id="receiving-units"
          tabIndex={-1}
          aria-describedby={`receiving-units-help${errorsOf(result, "unitIds").length ? " receiving-units-error" : ""}`}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <legend className="px-1 text-base font-semibold text-slate-900">
            {t("cascade.units")}
            <span className="ml-1 text-red-700" aria-hidden="true">
              *
            </span>
          </legend>
          <p id="receiving-units-help" className="text-sm text-slate-600">
            {t("cascade.unitsHelp")}
          </p>
          <div className="flex flex-wrap gap-2">
            {(["wards", "departments"] as const).map((g) => (
              <Button key={g} type="submit" name="intent" value={`pick-${g}`} variant="secondary" onClick={(e) => pick(e, g)}>
                {t(PICK_LABEL[g])}
              </Button>
            ))}
            <Button type="submit" name="intent" value="pick-none" variant="ghost" onClick={(e) => pick(e, "none")}>
              {t("cascade.pick.none")}
            </Button>
          </div>
          {noHead.length ? (
            <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t("cascade.noHeadSummary", { count: noHead.length })}</p>
          ) : null}
          <ErrorList id="receiving-units-error" errors={errorsOf(result, "unitIds")} />
          <div ref={listRef} className="space-y-4">
            {GROUPS.map((group) => {
              const units = data.units.filter((u) => u.group === group);
              if (units.length === 0) return null;
              const list = (
                <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
                  {units.map((u) => {
                    const ownerErrors = errorsOf(result, `owners.${u.id}`);
                    const defaultOwner = owners[String(u.id)] ?? (u.headId ? String(u.headId) : "");
                    return (
                      <li
                        key={u.id}
                        className={`grid gap-2 p-2 sm:grid-cols-[1fr_18rem] sm:items-center ${group === "other" ? indentClass(u.depth) : ""}`}
                      >
                        <label className="flex items-start gap-2 text-sm">
                          <input
                            type="checkbox"
                            name="unitIds"
                            value={u.id}
                            data-group={group}
                            data-has-owner={u.headId === null ? "0" : "1"}
                            defaultChecked={chosen.has(String(u.id))}
                            className="mt-0.5 h-4 w-4 shrink-0"
                          />
                          <span>
                            <span className="font-medium">{u.name}</span>
                            {u.headId === null ? (
                              <span className="ml-2 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
                                {t("cascade.noHead")}
                              </span>
                            ) : null}
                          </span>
                        </label>
                        <div>
                          {u.owners.length === 0 ? (
                            <p className="text-sm text-slate-500">{t("cascade.noPeople")}</p>
                          ) : (
                            <>
                              <label htmlFor={`owner-${u.id}`} className="sr-only">
                                {t("cascade.ownerFor", { unit: u.name })}
                              </label>
                              <select
                                id={`owner-${u.id}`}
                                name={`owners.${u.id}`}
                                defaultValue={defaultOwner}
                                className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600"
                                aria-invalid={ownerErrors.length ? true : undefined}
                                aria-describedby={ownerErrors.length ? `owner-${u.id}-error` : undefined}
                              >
                                <option value="">{u.headId ? t("cascade.ownerDefault") : t("cascade.ownerPick")}</option>
                                {u.owners.map((o) => (
                                  <option key={o.id} value={o.id}>
                                    {`${o.fullName} — ${t(`role.${o.role}` as MessageKey)}`}
                                  </option>
                                ))}
                              </select>
                            </>
                          )}
                          <ErrorList id={`owner-${u.id}-error`} errors={ownerErrors} />
                        </div>
                      </li>
                    );
                  })}
                </ul>
              );
              return group === "other" ? (
                <details key={group} className="rounded-md border border-slate-200 p-3" open={units.some((u) => chosen.has(String(u.id)))}>
                  <summary className="cursor-pointer text-sm font-semibold text-slate-800">
                    {t(GROUP_LABEL[group])} ({units.length})
                  </summary>
                  <div className="mt-3">{list}</div>
                </details>
              ) : (
                <section key={group} aria-label={t(GROUP_LABEL[group])}>
                  <h3 className="mb-2 text-sm font-semibold text-slate-800">
                    {t(GROUP_LABEL[group])} ({units.length})
                  </h3>
                  {list}
                </section>
              );
            })}
          </div>
        </fieldset>

        <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
          <Link to="/tasks" className="text-center text-sm font-semibold sm:mr-auto">
            {t("common.cancel")}
          </Link>
          <Button type="submit" name="intent" value="cascade" disabled={busy}>
            {t("cascade.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
