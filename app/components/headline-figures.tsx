/**
 * The figures a committee meeting opens with, as of a date: tasks issued, share overdue, share done
 * on time, overdue by age, due soon, extended — and, counted apart, drafts and cancelled tasks.
 * Every count is a link to the list of exactly those tasks (`data-figure` names the figure).
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { RollupCell } from "~/domain/drilldown";
import { AGE_BANDS, type AgeBand, type RollupNumbers } from "~/domain/rollup";
import type { MessageKey } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { CountLink, formatShare } from "./rollup-table";
import { Button } from "./ui/button";
import { DateField } from "./ui/date-field";

const BAND_LABEL: Record<AgeBand, MessageKey> = {
  "1-30": "dash.band.1-30",
  "31-60": "dash.band.31-60",
  "61-120": "dash.band.61-120",
  "120+": "dash.band.120+",
};

function Tile({ tone, children }: { tone: "slate" | "red" | "green" | "amber"; children: ReactNode }) {
  const tones = {
    slate: "border-slate-200 bg-white",
    red: "border-red-200 bg-red-50",
    green: "border-emerald-200 bg-emerald-50",
    amber: "border-amber-200 bg-amber-50",
  };
  return <div className={`flex flex-col gap-1 rounded-lg border p-4 shadow-sm ${tones[tone]}`}>{children}</div>;
}

export function HeadlineFigures({
  numbers,
  hrefFor,
  label,
}: {
  numbers: RollupNumbers;
  hrefFor: (cell: RollupCell) => string;
  label: string;
}) {
  const t = useT();
  const n = (v: number) => formatNumber(v, t.lang);
  const link = (cell: RollupCell, count: number, what: MessageKey, className = "") => (
    <CountLink
      to={hrefFor(cell)}
      count={count}
      label={t("dash.figureLink", { count: n(count), what: t(what) })}
      className={className}
      figure={cell}
    />
  );
  return (
    <div className="space-y-3" role="group" aria-label={label}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Tile tone="slate">
          <span className="text-sm font-semibold text-slate-700">{t("dash.fig.total")}</span>
          {link("total", numbers.total, "dash.fig.total", "text-3xl font-bold text-slate-900")}
          <span className="text-xs text-slate-600">{t("dash.fig.totalNote")}</span>
        </Tile>
        <Tile tone="red">
          <span className="text-sm font-semibold text-red-900">{t("dash.fig.shareOverdue")}</span>
          <span className="text-3xl font-bold tabular-nums text-red-800" data-figure="shareOverdue">
            {numbers.total ? formatShare(numbers.shareOverdue, t.lang) : t("common.none")}
          </span>
          <span className="text-sm text-red-900">
            {link("overdue", numbers.overdue, "dash.cat.overdue", "font-semibold text-red-800")} {t("dash.fig.overdueTasks")}
          </span>
        </Tile>
        <Tile tone="green">
          <span className="text-sm font-semibold text-emerald-900">{t("dash.fig.shareDoneOnTime")}</span>
          <span className="text-3xl font-bold tabular-nums text-emerald-800" data-figure="shareDoneOnTime">
            {numbers.total ? formatShare(numbers.shareDoneOnTime, t.lang) : t("common.none")}
          </span>
          <span className="text-sm text-emerald-900">
            {link("doneOnTime", numbers.doneOnTime, "dash.cat.doneOnTime", "font-semibold text-emerald-800")}{" "}
            {t("dash.fig.doneOnTimeTasks")} · {link("doneLate", numbers.doneLate, "dash.cat.doneLate", "font-semibold text-emerald-800")}{" "}
            {t("dash.fig.doneLateTasks")}
          </span>
        </Tile>
        <Tile tone="amber">
          <span className="text-sm font-semibold text-amber-950">{t("dash.fig.dueSoon")}</span>
          {link("dueSoon", numbers.dueSoon, "dash.cat.dueSoon", "text-3xl font-bold text-amber-900")}
          <span className="text-sm text-amber-950">
            {t("dash.fig.ofOpen")} {link("openOnTime", numbers.openOnTime, "dash.cat.openOnTime", "font-semibold text-amber-900")}{" "}
            {t("dash.fig.openTasks")}
          </span>
        </Tile>
      </div>

      <div className="grid gap-3 lg:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:col-span-2">
          <h3 className="text-sm font-semibold text-slate-800">{t("dash.fig.byAge")}</h3>
          <ul className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
            {AGE_BANDS.map((band) => (
              <li key={band} className="rounded-md bg-red-50 px-3 py-2">
                <span className="block text-xs text-red-900">{t(BAND_LABEL[band])}</span>
                {link(`overdue:${band}`, numbers.overdueByAge[band], BAND_LABEL[band], "text-xl font-bold text-red-800")}
              </li>
            ))}
          </ul>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dl className="space-y-2 text-sm">
            <div className="flex items-baseline justify-between gap-3">
              <dt className="text-slate-700">{t("dash.fig.extended")}</dt>
              <dd>{link("extended", numbers.extended, "dash.fig.extended", "font-semibold")}</dd>
            </div>
            <div className="border-t border-slate-100 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
              {t("dash.fig.apart")}
            </div>
            <div className="flex items-baseline justify-between gap-3">
              <dt className="text-slate-700">{t("dash.fig.drafts")}</dt>
              <dd>{link("drafts", numbers.drafts, "dash.fig.drafts", "font-semibold")}</dd>
            </div>
            <div className="flex items-baseline justify-between gap-3">
              <dt className="text-slate-700">{t("dash.fig.cancelled")}</dt>
              <dd>{link("cancelled", numbers.cancelled, "dash.fig.cancelled", "font-semibold")}</dd>
            </div>
          </dl>
        </div>
      </div>
    </div>
  );
}

/**
 * The report date picker: a plain GET form (`?asOf=dd/mm/yyyy`), the latest cut-off dates as links,
 * and a way back to today. `keep` carries the page's other parameters (e.g. the scope).
 */
export function AsOfForm({
  action,
  asOf,
  today,
  typed,
  error,
  recentCutoffs,
  keep = {},
}: {
  action: string;
  asOf: string;
  today: string;
  /** What was typed when it was refused (shown back with the message). */
  typed: string;
  error: MessageKey | null;
  recentCutoffs: string[];
  keep?: Record<string, string>;
}) {
  const t = useT();
  const past = asOf < today;
  const href = (date: string | null) => {
    const p = new URLSearchParams(keep);
    if (date) p.set("asOf", t.date(date));
    const qs = p.toString();
    return qs ? `${action}?${qs}` : action;
  };
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <Form method="get" action={action} className="flex flex-wrap items-end gap-3">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="w-52">
          <DateField id="as-of" name="asOf" label={t("dash.asOf.label")} value={asOf} typed={typed} errors={error ? [error] : undefined} />
        </div>
        <Button type="submit">{t("dash.asOf.submit")}</Button>
        {past || error ? (
          <Link to={href(null)} className="py-2 text-sm font-semibold">
            {t("dash.asOf.today")}
          </Link>
        ) : null}
      </Form>
      <p className="mt-2 text-sm text-slate-600">
        {t("dash.asOf.cutoffs")}{" "}
        {recentCutoffs.map((d, i) => (
          <span key={d}>
            {i > 0 ? " · " : null}
            <Link to={href(d)} className="tabular-nums" aria-current={d === asOf ? "date" : undefined}>
              {t.date(d)}
            </Link>
          </span>
        ))}
      </p>
    </div>
  );
}
