/**
 * The filter form of the task list. A plain GET form (works without JavaScript); with JavaScript,
 * empty fields are left out of the URL so links stay short and readable.
 */
import { Form, Link, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { TASK_SORT_OPTIONS } from "~/domain/task-filters";
import { PROGRAM_CODES, STANDINGS, TASK_STATUSES, type TaskStatus } from "~/domain/task-rules";
import { useT } from "~/i18n/react";
import { programLabel } from "./program-badge";
import { Button } from "./ui/button";
import { DateField } from "./ui/date-field";
import { SelectField, TextField } from "./ui/field";

// The sort orders live with the URL parsing (app/domain/task-filters.ts); re-exported for the picker's users.
export { TASK_SORT_OPTIONS };

export interface TaskFilterValues {
  q: string;
  program: string;
  unit: string;
  sub: boolean;
  owner: string;
  status: TaskStatus[];
  standing: string;
  /** YYYY-MM-DD, or empty. */
  from: string;
  to: string;
  /** What was typed when it is not a date (the filter is then ignored). */
  fromUnparsed: string;
  toUnparsed: string;
  extended: boolean;
  goal: string;
  sort: string;
}

interface Options {
  units: Array<{ id: number; name: string; depth: number }>;
  owners: Array<{ id: number; fullName: string; active: boolean }>;
  /** False when the owners listed are not everyone the filter could match (no unit chosen, or a large unit). */
  ownersComplete: boolean;
  goals: Array<{ id: number; title: string; programCode: string }>;
}

export function TaskFilters({
  values,
  options,
  filtered,
  hidden = {},
}: {
  values: TaskFilterValues;
  options: Options;
  filtered: boolean;
  /** Conditions the form does not show but keeps (a dashboard link's asOf, judged, coord). */
  hidden?: Record<string, string>;
}) {
  const t = useT();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      action="/tasks"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [key, value] of new FormData(event.currentTarget)) {
          if (typeof value !== "string" || value.trim() === "") continue;
          if (key === "sort" && value === TASK_SORT_OPTIONS[0]) continue; // the default order
          params.append(key, value);
        }
        submit(params, { method: "get", action: "/tasks" });
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <TextField
            id="filter-q"
            name="q"
            type="search"
            label={t("lists.filter.q")}
            placeholder={t("lists.filter.qPlaceholder")}
            defaultValue={values.q}
            maxLength={200}
          />
        </div>
        <SelectField id="filter-program" name="program" label={t("field.programs")} defaultValue={values.program}>
          <option value="">{t("lists.filter.allPrograms")}</option>
          {PROGRAM_CODES.map((p) => (
            <option key={p} value={p}>
              {t(`lists.program.${p}`)} — {t(`lists.programName.${p}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-standing" name="standing" label={t("field.standing")} defaultValue={values.standing}>
          <option value="">{t("lists.filter.allStandings")}</option>
          {STANDINGS.map((s) => (
            <option key={s} value={s}>
              {t(`standing.${s}`)}
            </option>
          ))}
          <option value="open">{t("dash.standing.open")}</option>
        </SelectField>

        <div className="space-y-2 sm:col-span-2">
          <SelectField id="filter-unit" name="unit" label={t("lists.filter.unit")} defaultValue={values.unit}>
            <option value="">{t("lists.filter.allUnits")}</option>
            {options.units.map((u) => (
              <option key={u.id} value={u.id}>
                {`${"\u00a0\u00a0\u00a0".repeat(u.depth)}${u.name}`}
              </option>
            ))}
          </SelectField>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" name="sub" value="1" defaultChecked={values.sub} className="h-4 w-4 rounded border-slate-300" />
            {t("lists.filter.sub")}
          </label>
        </div>
        <SelectField
          id="filter-owner"
          name="owner"
          label={t("lists.filter.owner")}
          defaultValue={values.owner}
          help={options.ownersComplete ? undefined : values.unit ? t("lists.filter.ownerManyHint") : t("lists.filter.ownerUnitHint")}
        >
          <option value="">{t("lists.filter.anyOwner")}</option>
          {options.owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.active ? o.fullName : `${o.fullName} (${t("lists.ownerInactive")})`}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-goal" name="goal" label={t("field.goal")} defaultValue={values.goal}>
          <option value="">{t("lists.filter.anyGoal")}</option>
          {options.goals.map((g) => (
            <option key={g.id} value={g.id}>
              {`[${programLabel(t, g.programCode)}] ${g.title}`}
            </option>
          ))}
        </SelectField>

        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-semibold text-slate-800">{t("field.status")}</legend>
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {TASK_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="status"
                  value={s}
                  defaultChecked={values.status.includes(s)}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {t(`status.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-semibold text-slate-800">{t("lists.filter.deadlineRange")}</legend>
          <div className="mt-1 grid grid-cols-2 gap-3">
            <DateField
              id="filter-from"
              name="from"
              label={t("lists.filter.from")}
              value={values.from}
              typed={values.fromUnparsed}
              errors={values.fromUnparsed ? ["lists.filter.dateIgnored"] : undefined}
            />
            <DateField
              id="filter-to"
              name="to"
              label={t("lists.filter.to")}
              value={values.to}
              typed={values.toUnparsed}
              errors={values.toUnparsed ? ["lists.filter.dateIgnored"] : undefined}
            />
          </div>
        </fieldset>

        <SelectField id="filter-sort" name="sort" label={t("lists.filter.sort")} defaultValue={values.sort}>
          {TASK_SORT_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {t(`lists.sort.${s}`)}
            </option>
          ))}
        </SelectField>
        <div className="flex items-end pb-2">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              name="extended"
              value="1"
              defaultChecked={values.extended}
              className="h-4 w-4 rounded border-slate-300"
            />
            {t("lists.filter.extended")}
          </label>
        </div>
        <div className="flex flex-wrap items-end gap-3 sm:col-span-2">
          <Button type="submit">{t("common.filter")}</Button>
          {filtered ? (
            <Link to="/tasks" className="py-2 text-sm font-semibold">
              {t("common.clearFilters")}
            </Link>
          ) : null}
        </div>
      </div>
    </Form>
  );
}

/** How many filters narrow the list (sorting is not a filter). */
export function activeFilterCount(v: TaskFilterValues): number {
  const set = [v.q, v.program, v.unit, v.owner, v.standing, v.from || v.fromUnparsed, v.to || v.toUnparsed, v.goal];
  return [...set, v.extended, v.status.length > 0].filter(Boolean).length;
}

/**
 * The filter form in a disclosure: open on wide screens and whenever a filter is set, folded on a
 * phone so the list is not pushed a screen down. Without JavaScript it simply stays open.
 */
export function TaskFilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && active === 0 && !window.matchMedia("(min-width: 768px)").matches) ref.current.open = false;
  }, [active]);
  return (
    <details ref={ref} open className="group rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-4 py-3 hover:bg-slate-50">
        <span aria-hidden="true" className="inline-block text-slate-500 transition-transform group-open:rotate-90">
          ›
        </span>
        <h2 id="filters-heading" className="text-base font-semibold text-slate-900">
          {t("lists.filter.heading")}
        </h2>
        {active > 0 ? (
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
            {t("lists.filter.active", { count: active })}
          </span>
        ) : null}
      </summary>
      <div className="border-t border-slate-200 p-4">{children}</div>
    </details>
  );
}
