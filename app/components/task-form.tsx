/**
 * The task form's fields (issue, edit and cascade share them), with the five required items tagged
 * as the "5 rõ" so a first-time user sees why they are asked for. Works without JavaScript; with it,
 * the owner list narrows to the chosen lead unit and its sub-units.
 */
import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { useEffect, useState, type ReactNode } from "react";
import type { OwnerChoice, TaskFormChoices, UnitChoice } from "~/domain/choices";
import type { MessageKey } from "~/i18n";
import { useT, type T } from "~/i18n/react";
import { DateField } from "./ui/date-field";
import { controlClass, describedBy, FieldErrors, FieldShell, invalid } from "./ui/field";
import { UnitChecklist } from "./unit-checklist";

export type { GoalChoice, OwnerChoice, TaskFormChoices, UnitChoice } from "~/domain/choices";

/** The form's fields as Conform sees them (names match TaskFieldsSchema). */
export interface TaskFormShape {
  title: string;
  description: string;
  ownerId: string;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  deadline: string;
  startDate: string;
  deliverable: string;
  programs: string[];
  goalId: string;
  priority: string;
  sourceDocNumber: string;
  sourceDocDate: string;
  sourceDocIssuer: string;
}

export type TaskFields = { [K in keyof TaskFormShape]: FieldMetadata<TaskFormShape[K], TaskFormShape, string[]> };

export const PROGRAMS = ["CCHC", "CDS", "DA06"] as const;
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;

/** The dictionary label of each field a task error can name (model field names and form names). */
export const FIELD_LABELS: Record<string, MessageKey> = {
  title: "field.title",
  description: "field.description",
  ownerId: "field.owner",
  leadUnitId: "field.leadUnit",
  coordinatingUnitIds: "field.coordinatingUnits",
  deadline: "field.deadline",
  startDate: "field.startDate",
  deliverable: "field.deliverable",
  programs: "field.programs",
  goalId: "field.goal",
  priority: "field.priority",
  sourceDocNumber: "field.sourceDocNumber",
  sourceDocDate: "field.sourceDocDate",
  sourceDocIssuer: "field.sourceDocIssuer",
  progress: "field.progress",
  note: "field.note",
  evidence: "field.evidence",
  evidenceUrl: "field.evidenceUrl",
  evidenceFile: "field.evidenceFile",
  reason: "field.reason",
  status: "field.status",
  extensionCount: "field.extensionCount",
  originalDeadline: "field.originalDeadline",
  decision: "field.decision",
  decisionNote: "field.decisionNote",
  unitIds: "cascade.units",
  version: "field.version",
};

export function fieldLabel(t: T, name: string): string {
  const key = FIELD_LABELS[name] ?? (name.startsWith("owners.") ? "cascade.owner" : undefined);
  return key ? t(key) : name;
}

/** An error message in the user's language; a status transition names the statuses, not their codes. */
export function taskErrorText(t: T, message: string): string {
  const [key, raw] = message.split("|", 2);
  if (key === "task.badTransition" && raw) {
    try {
      const params = JSON.parse(raw) as { from?: string; to?: string };
      const status = (s?: string) =>
        s && ["draft", "not_started", "in_progress", "done", "cancelled"].includes(s) ? t(`status.${s}` as MessageKey) : (s ?? "");
      return t("task.badTransition", { from: status(params.from), to: status(params.to) });
    } catch {
      return t.error(message);
    }
  }
  return t.error(message);
}

/** Errors of one field in a Conform reply ("" holds the form's own errors). */
export function errorsOf(result: SubmissionResult<string[]> | null | undefined, name: string): string[] {
  return result?.error?.[name] ?? [];
}

/** Summary items for every error in a reply, in the order of `order` and then the rest. */
export function summaryItems(
  t: T,
  result: SubmissionResult<string[]> | null | undefined,
  ids: Record<string, string>,
  order: string[] = [],
) {
  const errors = result?.error ?? {};
  const names = [...order.filter((n) => errors[n]?.length), ...Object.keys(errors).filter((n) => !order.includes(n) && errors[n]?.length)];
  return names.flatMap((name) =>
    (errors[name] ?? []).map((message) => ({
      fieldId: name && ids[name] ? ids[name] : undefined,
      label: name ? fieldLabel(t, name) : undefined,
      message: taskErrorText(t, message),
    })),
  );
}

const FIVE_CLEAR = {
  title: "fiveClear.task",
  ownerId: "fiveClear.person",
  deadline: "fiveClear.time",
  leadUnitId: "fiveClear.responsibility",
  deliverable: "fiveClear.product",
} as const satisfies Record<string, MessageKey>;

/** The small "rõ việc" tag on each of the five required items. */
export function FiveClearTag({ item }: { item: keyof typeof FIVE_CLEAR | "authority" }) {
  const t = useT();
  const key: MessageKey = item === "authority" ? "fiveClear.authority" : FIVE_CLEAR[item];
  return (
    <span className="ml-2 inline-flex items-center rounded bg-red-50 px-1.5 py-0.5 align-middle text-[0.7rem] font-bold uppercase tracking-wide text-flag ring-1 ring-inset ring-red-200">
      {t(key)}
    </span>
  );
}

// The form's controls look and read like every other field (ui/field); re-exported for the task's action forms.
export { controlClass, describedBy };

/** A task error list: as any field's, with a status transition named in words. */
export function ErrorList({ id, errors }: { id: string; errors: string[] | undefined | null }) {
  const t = useT();
  return <FieldErrors id={id} errors={errors} format={(e) => taskErrorText(t, e)} />;
}

/** A labelled control with its help and errors, wired for screen readers; the "5 rõ" tag after the label. */
export function TaskField({
  id,
  label,
  tag,
  required,
  help,
  errors,
  children,
}: {
  id: string;
  label: string;
  tag?: keyof typeof FIVE_CLEAR | "authority";
  required?: boolean;
  help?: ReactNode;
  errors?: string[] | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <FieldShell
      id={id}
      label={label}
      required={required}
      labelExtra={tag ? <FiveClearTag item={tag} /> : null}
      help={help}
      errors={errors}
      formatError={(e) => taskErrorText(t, e)}
    >
      {children}
    </FieldShell>
  );
}

/** Ids of the unit and all its ancestors, from the parent map. */
export function ancestry(unitId: number, parents: Record<string, number | null>): number[] {
  const out: number[] = [];
  let current: number | null | undefined = unitId;
  while (current !== null && current !== undefined && !out.includes(current)) {
    out.push(current);
    current = parents[String(current)];
  }
  return out;
}

/** Owners grouped by their unit, in the units' tree order (units without people are left out). */
export function ownerGroups(units: UnitChoice[], owners: OwnerChoice[]) {
  const byUnit = new Map<number, OwnerChoice[]>();
  for (const o of owners) {
    if (!byUnit.has(o.unitId)) byUnit.set(o.unitId, []);
    byUnit.get(o.unitId)!.push(o);
  }
  for (const list of byUnit.values()) list.sort((a, b) => a.fullName.localeCompare(b.fullName, "vi"));
  return units.filter((u) => byUnit.has(u.id)).map((u) => ({ unit: u, owners: byUnit.get(u.id)! }));
}

function unitLabel(u: UnitChoice) {
  return `${"\u00a0\u00a0".repeat(u.depth)}${u.name}`;
}

/** The value Conform holds for a field (after a failed submit: what was sent), as a string. */
function initial(field: { initialValue?: unknown }): string {
  const v = field.initialValue;
  return typeof v === "string" ? v : "";
}

function initialList(field: { initialValue?: unknown }): string[] {
  const v = field.initialValue;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];
}

export interface TaskFieldsetProps {
  fields: TaskFields;
  choices: TaskFormChoices;
  /** For an issued task: the deadline in force, shown read-only (only an approved extension moves it). */
  lockedDeadline?: string | null;
  /** Labels of the lead unit / owner pair (the cascade calls them the issuing unit and person). */
  leadLabel?: string;
  ownerLabel?: string;
  /** Leave out coordinating units (a cascade's receiving units are chosen apart). */
  hideCoordinating?: boolean;
}

export function TaskFieldset({ fields, choices, lockedDeadline, leadLabel, ownerLabel, hideCoordinating }: TaskFieldsetProps) {
  const t = useT();
  const [leadUnitId, setLeadUnitId] = useState(initial(fields.leadUnitId));
  // Without JavaScript every person is offered (the lead unit may change before submitting);
  // once hydrated, the list follows the chosen lead unit.
  const [narrowing, setNarrowing] = useState(false);
  useEffect(() => setNarrowing(true), []);
  const selectedOwner = initial(fields.ownerId);
  const leadId = narrowing ? Number(leadUnitId) : 0;
  const groups = ownerGroups(choices.allUnits, choices.owners);
  const ownerFits = (o: OwnerChoice) => !leadId || ancestry(o.unitId, choices.unitParents).includes(leadId);
  const programsValue = initialList(fields.programs);
  const coordinating = initialList(fields.coordinatingUnitIds);
  const f = fields;

  return (
    <div className="space-y-8">
      <FormSection title={t("taskForm.section.fiveClear")} help={t("taskForm.fiveClearHelp")}>
        <TaskField id={f.title.id} label={t("taskForm.label.title")} tag="title" errors={f.title.errors} help={t("taskForm.help.title")}>
          <input
            key={f.title.key}
            id={f.title.id}
            name={f.title.name}
            defaultValue={initial(f.title)}
            maxLength={300}
            className={controlClass}
            aria-invalid={invalid(f.title.errors)}
            aria-describedby={describedBy(f.title.id, true, f.title.errors)}
          />
        </TaskField>

        <TaskField id={f.description.id} label={t("field.description")} errors={f.description.errors}>
          <textarea
            key={f.description.key}
            id={f.description.id}
            name={f.description.name}
            defaultValue={initial(f.description)}
            rows={4}
            maxLength={5000}
            className={controlClass}
            aria-invalid={invalid(f.description.errors)}
            aria-describedby={describedBy(f.description.id, false, f.description.errors)}
          />
        </TaskField>

        <div className="grid gap-5 md:grid-cols-2">
          <TaskField
            id={f.leadUnitId.id}
            label={leadLabel ?? t("taskForm.label.leadUnit")}
            tag="leadUnitId"
            errors={f.leadUnitId.errors}
            help={t("taskForm.help.leadUnit")}
          >
            <select
              key={f.leadUnitId.key}
              id={f.leadUnitId.id}
              name={f.leadUnitId.name}
              defaultValue={initial(f.leadUnitId)}
              onChange={(e) => setLeadUnitId(e.currentTarget.value)}
              className={controlClass}
              aria-invalid={invalid(f.leadUnitId.errors)}
              aria-describedby={describedBy(f.leadUnitId.id, true, f.leadUnitId.errors)}
            >
              <option value="">{t("taskForm.pickUnit")}</option>
              {choices.leadUnits.map((u) => (
                <option key={u.id} value={u.id}>
                  {`${unitLabel(u)}${u.closed ? ` (${t("common.closed")})` : ""}`}
                </option>
              ))}
            </select>
          </TaskField>

          <TaskField
            id={f.ownerId.id}
            label={ownerLabel ?? t("taskForm.label.owner")}
            tag="ownerId"
            errors={f.ownerId.errors}
            help={t("taskForm.help.owner")}
          >
            <select
              key={f.ownerId.key}
              id={f.ownerId.id}
              name={f.ownerId.name}
              defaultValue={selectedOwner}
              className={controlClass}
              aria-invalid={invalid(f.ownerId.errors)}
              aria-describedby={describedBy(f.ownerId.id, true, f.ownerId.errors)}
            >
              <option value="">{t("taskForm.pickOwner")}</option>
              {groups.map(({ unit, owners }) => {
                const visible = owners.filter((o) => ownerFits(o) || String(o.id) === selectedOwner);
                if (visible.length === 0) return null;
                return (
                  <optgroup key={unit.id} label={unit.name}>
                    {visible.map((o) => (
                      <option key={o.id} value={o.id}>
                        {`${o.fullName} — ${t(`role.${o.role}` as MessageKey)}${o.inactive ? ` (${t("task.ownerInactiveShort")})` : ""}`}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </TaskField>
        </div>

        <div className="grid gap-5 md:grid-cols-2">
          {lockedDeadline !== undefined ? (
            <TaskField
              id="deadline-locked"
              label={t("taskForm.label.deadline")}
              tag="deadline"
              errors={f.deadline.errors}
              help={t("taskForm.deadlineLocked")}
            >
              <input
                id="deadline-locked"
                readOnly
                value={t.date(lockedDeadline)}
                className={controlClass}
                aria-invalid={invalid(f.deadline.errors)}
                aria-describedby={describedBy("deadline-locked", true, f.deadline.errors)}
              />
            </TaskField>
          ) : (
            <DateField
              key={f.deadline.key}
              id={f.deadline.id}
              name={f.deadline.name}
              label={t("taskForm.label.deadline")}
              labelExtra={<FiveClearTag item="deadline" />}
              typed={initial(f.deadline)}
              help={t("taskForm.help.date")}
              errors={f.deadline.errors}
            />
          )}
          <DateField
            key={f.startDate.key}
            id={f.startDate.id}
            name={f.startDate.name}
            label={t("field.startDate")}
            typed={initial(f.startDate)}
            help={t("taskForm.help.startDate")}
            errors={f.startDate.errors}
          />
        </div>

        <TaskField
          id={f.deliverable.id}
          label={t("taskForm.label.deliverable")}
          tag="deliverable"
          errors={f.deliverable.errors}
          help={t("taskForm.help.deliverable")}
        >
          <textarea
            key={f.deliverable.key}
            id={f.deliverable.id}
            name={f.deliverable.name}
            defaultValue={initial(f.deliverable)}
            rows={2}
            maxLength={1000}
            className={controlClass}
            aria-invalid={invalid(f.deliverable.errors)}
            aria-describedby={describedBy(f.deliverable.id, true, f.deliverable.errors)}
          />
        </TaskField>

        {hideCoordinating ? null : (
          <UnitChecklist
            id={f.coordinatingUnitIds.id}
            name={f.coordinatingUnitIds.name}
            legend={t("field.coordinatingUnits")}
            help={t("taskForm.help.coordinating")}
            units={choices.allUnits}
            selected={coordinating}
            errors={f.coordinatingUnitIds.errors}
            fieldKey={f.coordinatingUnitIds.key}
          />
        )}
      </FormSection>

      <FormSection title={t("taskForm.section.plan")}>
        <fieldset
          id={f.programs.id}
          tabIndex={-1}
          aria-invalid={invalid(f.programs.errors)}
          aria-describedby={describedBy(f.programs.id, true, f.programs.errors)}
          className="space-y-2"
        >
          <legend className="text-sm font-semibold text-slate-800">
            {t("field.programs")}
            <span className="sr-only"> ({t("taskForm.programsRequired")})</span>
          </legend>
          <div className="flex flex-wrap gap-3" key={f.programs.key}>
            {PROGRAMS.map((code) => (
              <label
                key={code}
                className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input
                  type="checkbox"
                  name={f.programs.name}
                  value={code}
                  defaultChecked={programsValue.includes(code)}
                  className="h-4 w-4"
                />
                <span className="font-bold">{t(`program.${code}`)}</span>
                <span className="text-slate-600">{t(`programName.${code}`)}</span>
              </label>
            ))}
          </div>
          <p id={`${f.programs.id}-help`} className="text-sm text-slate-600">
            {t("taskForm.help.programs")}
          </p>
          <ErrorList id={`${f.programs.id}-error`} errors={f.programs.errors} />
        </fieldset>

        <div className="grid gap-5 md:grid-cols-2">
          <TaskField id={f.goalId.id} label={t("field.goal")} errors={f.goalId.errors}>
            <select
              key={f.goalId.key}
              id={f.goalId.id}
              name={f.goalId.name}
              defaultValue={initial(f.goalId)}
              className={controlClass}
              aria-invalid={invalid(f.goalId.errors)}
              aria-describedby={describedBy(f.goalId.id, false, f.goalId.errors)}
            >
              <option value="">{t("taskForm.noGoal")}</option>
              {PROGRAMS.map((code) => {
                const goals = choices.goals.filter((g) => g.programCode === code);
                if (goals.length === 0) return null;
                return (
                  <optgroup key={code} label={t(`program.${code}`)}>
                    {goals.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.title}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </TaskField>
          <TaskField id={f.priority.id} label={t("field.priority")} errors={f.priority.errors}>
            <select
              key={f.priority.key}
              id={f.priority.id}
              name={f.priority.name}
              defaultValue={initial(f.priority) || "normal"}
              className={controlClass}
              aria-invalid={invalid(f.priority.errors)}
              aria-describedby={describedBy(f.priority.id, false, f.priority.errors)}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </TaskField>
        </div>
      </FormSection>

      <FormSection title={t("taskForm.section.document")} tag="authority" help={t("taskForm.help.document")}>
        <div className="grid gap-5 md:grid-cols-3">
          <TaskField
            id={f.sourceDocNumber.id}
            label={t("field.sourceDocNumber")}
            errors={f.sourceDocNumber.errors}
            help={t("taskForm.help.docNumber")}
          >
            <input
              key={f.sourceDocNumber.key}
              id={f.sourceDocNumber.id}
              name={f.sourceDocNumber.name}
              defaultValue={initial(f.sourceDocNumber)}
              maxLength={100}
              className={controlClass}
              aria-invalid={invalid(f.sourceDocNumber.errors)}
              aria-describedby={describedBy(f.sourceDocNumber.id, true, f.sourceDocNumber.errors)}
            />
          </TaskField>
          <DateField
            key={f.sourceDocDate.key}
            id={f.sourceDocDate.id}
            name={f.sourceDocDate.name}
            label={t("field.sourceDocDate")}
            typed={initial(f.sourceDocDate)}
            help={t("taskForm.help.date")}
            errors={f.sourceDocDate.errors}
          />
          <TaskField id={f.sourceDocIssuer.id} label={t("field.sourceDocIssuer")} errors={f.sourceDocIssuer.errors}>
            <input
              key={f.sourceDocIssuer.key}
              id={f.sourceDocIssuer.id}
              name={f.sourceDocIssuer.name}
              defaultValue={initial(f.sourceDocIssuer)}
              maxLength={300}
              className={controlClass}
              aria-invalid={invalid(f.sourceDocIssuer.errors)}
              aria-describedby={describedBy(f.sourceDocIssuer.id, false, f.sourceDocIssuer.errors)}
            />
          </TaskField>
        </div>
      </FormSection>
    </div>
  );
}

/** A titled card of fields (a fieldset whose legend sits inside the card, not on its border). */
export function FormSection({ title, tag, help, children }: { title: string; tag?: "authority"; help?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="float-left w-full text-base font-semibold text-slate-900">
        {title}
        {tag ? <FiveClearTag item={tag} /> : null}
      </legend>
      <div className="clear-both space-y-5 pt-1">
        {help ? <p className="text-sm text-slate-600">{help}</p> : null}
        {children}
      </div>
    </fieldset>
  );
}

/** The order fields appear in, for the error summary. */
export const TASK_FIELD_ORDER = [
  "title",
  "description",
  "leadUnitId",
  "ownerId",
  "deadline",
  "startDate",
  "deliverable",
  "coordinatingUnitIds",
  "programs",
  "goalId",
  "priority",
  "sourceDocNumber",
  "sourceDocDate",
  "sourceDocIssuer",
];

/** Field name → element id, for the summary's links. */
export function fieldIds(fields: TaskFields, lockedDeadline?: boolean): Record<string, string> {
  // Conform's `fields` is a proxy that lists no keys: ask it for each field by name.
  const ids: Record<string, string> = {};
  for (const name of TASK_FIELD_ORDER) ids[name] = (fields as unknown as Record<string, { id: string }>)[name].id;
  if (lockedDeadline) ids.deadline = "deadline-locked";
  return ids;
}
