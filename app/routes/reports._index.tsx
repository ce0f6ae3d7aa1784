/**
 * The report builder: the cut-off date (dd/mm/yyyy, today by default, never in the future) and the
 * scope (the city, a program, or a unit with or without the units below it, as lead or coordinating
 * unit). A GET form, so it works without JavaScript: a valid choice redirects to the printable report
 * (/reports/print), an invalid one comes back with the fields marked.
 */
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { appToday, requestLanguage, requirePermission, requireUser } from "~/auth/request.server";
import { buttonClass } from "~/components/ui/button";
import { DateField } from "~/components/ui/date-field";
import { db } from "~/db.server";
import { parseUserDate } from "~/domain/dates";
import { pastPeriodEnds } from "~/domain/rollup";
import { PROGRAM_CODES, type ProgramCode } from "~/domain/task-rules";
import type { MessageKey } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPrograms } from "~/models/program.server";
import { unitOptions } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "reports.title");

const QUICK_DATES = 4;

type Role = "lead" | "coordinating";

interface Choice {
  asOfInput: string;
  scope: string;
  sub: boolean;
  role: Role;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const today = appToday();
  const lang = requestLanguage(request, user);
  const search = new URL(request.url).searchParams;
  const submitted = search.get("view") === "print";
  const [units, programs] = await Promise.all([unitOptions(db()), listPrograms(db())]);

  const rawAsOf = (search.get("asOf") ?? "").trim().slice(0, 20);
  const choice: Choice = {
    asOfInput: rawAsOf ? (parseUserDate(rawAsOf) ? formatDate(parseUserDate(rawAsOf)!, "UTC") : rawAsOf) : formatDate(today, "UTC"),
    scope: search.get("scope") ?? "city",
    // A ticked box sends sub=1; an unticked one sends nothing, which counts only once the form was sent.
    sub: submitted ? search.get("sub") === "1" : search.get("sub") !== "0",
    role: search.get("role") === "coordinating" ? "coordinating" : "lead",
  };

  const errors: { asOf?: MessageKey; scope?: MessageKey } = {};
  if (submitted) {
    const asOf = rawAsOf ? parseUserDate(rawAsOf) : today;
    if (!asOf) errors.asOf = "reports.error.asOfInvalid";
    else if (asOf > today) errors.asOf = "reports.error.asOfFuture";
    const scope = parseScope(
      choice.scope,
      units.map((u) => u.id),
    );
    if (!scope) errors.scope = "reports.error.scope";
    if (asOf && !errors.asOf && scope) {
      const params = new URLSearchParams({ asOf });
      if (scope.kind === "program") params.set("program", scope.program);
      if (scope.kind === "unit") {
        params.set("unit", String(scope.unitId));
        params.set("sub", choice.sub ? "1" : "0");
        params.set("role", choice.role);
      }
      throw redirect(`/reports/print?${params}`);
    }
  }

  return json(
    {
      today,
      choice,
      errors,
      quickDates: pastPeriodEnds(today, QUICK_DATES).reverse(),
      units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
      programs: programs.map((p) => ({ code: p.code, name: lang === "vi" ? p.nameVi : p.nameEn })),
    },
    { status: Object.keys(errors).length ? 400 : 200 },
  );
}

function parseScope(
  value: string,
  unitIds: number[],
): { kind: "city" } | { kind: "program"; program: ProgramCode } | { kind: "unit"; unitId: number } | null {
  if (value === "city") return { kind: "city" };
  const [kind, rest] = value.split(":", 2);
  if (kind === "program" && (PROGRAM_CODES as readonly string[]).includes(rest)) return { kind: "program", program: rest as ProgramCode };
  if (kind === "unit" && /^[1-9]\d{0,9}$/.test(rest ?? "") && unitIds.includes(Number(rest))) return { kind: "unit", unitId: Number(rest) };
  return null;
}

export default function ReportBuilderPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { choice, errors } = data;
  const errorItems = [
    errors.asOf ? { id: "report-asof", label: t("reports.field.asOf"), message: t(errors.asOf) } : null,
    errors.scope ? { id: "report-scope", label: t("reports.field.scope"), message: t(errors.scope) } : null,
  ].filter((x): x is { id: string; label: string; message: string } => x !== null);
  const quickHref = (date: string) => {
    const params = new URLSearchParams({
      asOf: formatDate(date, "UTC"),
      scope: choice.scope,
      sub: choice.sub ? "1" : "0",
      role: choice.role,
    });
    return `/reports?${params}`;
  };
  const control =
    "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600";

  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">{t("reports.builder.heading")}</h1>
        <p className="text-slate-700">{t("reports.builder.intro")}</p>
      </div>

      {errorItems.length ? (
        <div role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-sm text-red-900">
          <ul className="list-disc space-y-1 pl-5">
            {errorItems.map((e) => (
              <li key={e.id}>
                <a href={`#${e.id}`} className="text-red-900 underline">
                  {e.label}: {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Form method="get" action="/reports" className="space-y-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <input type="hidden" name="view" value="print" />
        <div className="space-y-1">
          <DateField
            id="report-asof"
            name="asOf"
            label={t("reports.field.asOf")}
            typed={choice.asOfInput}
            help={t("reports.field.asOfHelp")}
            errors={errors.asOf ? [errors.asOf] : null}
            className="max-w-[12rem]"
          />
          <p className="pt-1 text-sm text-slate-700">
            {t("reports.quickDates")}{" "}
            {data.quickDates.map((d, i) => (
              <span key={d} className="whitespace-nowrap">
                {i > 0 ? " · " : null}
                <Link
                  to={quickHref(d)}
                  aria-label={t("reports.quickDateLabel", { date: t.date(d) })}
                  className="font-semibold tabular-nums"
                >
                  {t.date(d)}
                </Link>
              </span>
            ))}
          </p>
        </div>

        <div className="space-y-1">
          <label htmlFor="report-scope" className="block text-sm font-semibold text-slate-800">
            {t("reports.field.scope")}
          </label>
          <select
            id="report-scope"
            name="scope"
            defaultValue={choice.scope}
            aria-invalid={errors.scope ? true : undefined}
            aria-describedby="report-scope-help"
            className={control}
          >
            <option value="city">{t("reports.scope.city")}</option>
            <optgroup label={t("reports.scope.programs")}>
              {data.programs.map((p) => (
                <option key={p.code} value={`program:${p.code}`}>
                  {t(`lists.program.${p.code as ProgramCode}`)} — {p.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("reports.scope.units")}>
              {data.units.map((u) => (
                <option key={u.id} value={`unit:${u.id}`}>
                  {"\u00a0\u00a0".repeat(u.depth)}
                  {u.name}
                </option>
              ))}
            </optgroup>
          </select>
          <p id="report-scope-help" className="text-sm text-slate-600">
            {t("reports.field.scopeHelp")}
          </p>
        </div>

        <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-800">{t("reports.field.unitOptions")}</legend>
          <div className="flex items-start gap-2">
            <input
              id="report-sub"
              name="sub"
              type="checkbox"
              value="1"
              defaultChecked={choice.sub}
              aria-describedby="report-sub-help"
              className="mt-1 h-4 w-4 rounded border-slate-300"
            />
            <span>
              <label htmlFor="report-sub" className="block text-sm font-semibold text-slate-800">
                {t("reports.field.sub")}
              </label>
              <span id="report-sub-help" className="block text-sm text-slate-600">
                {t("reports.field.subHelp")}
              </span>
            </span>
          </div>
          <fieldset>
            <legend className="text-sm font-semibold text-slate-800">{t("reports.field.role")}</legend>
            <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
              {(["lead", "coordinating"] as const).map((r) => (
                <label key={r} className="inline-flex items-center gap-2 text-sm">
                  <input type="radio" name="role" value={r} defaultChecked={choice.role === r} className="h-4 w-4" />
                  {t(`reports.role.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </fieldset>

        <button type="submit" className={buttonClass("primary")}>
          {t("reports.submit")}
        </button>
      </Form>

      <section aria-labelledby="excel-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="excel-heading" className="text-lg font-semibold text-slate-900">
          {t("reports.excel.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("reports.excel.help")}</p>
        <ul className="mt-3 flex flex-wrap gap-3 text-sm font-semibold">
          <li>
            <a href="/reports/rollup.xlsx?by=unit&sub=1" download>
              {t("reports.excel.byUnit")}
            </a>
          </li>
          <li>
            <a href="/reports/rollup.xlsx?by=program" download>
              {t("reports.excel.byProgram")}
            </a>
          </li>
          <li>
            <a href="/reports/rollup.xlsx?by=goal" download>
              {t("reports.excel.byGoal")}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
