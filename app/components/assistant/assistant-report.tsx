/**
 * The assessment assistant's page: the scope picker, the summary against the city and the last period,
 * the findings as cards (the sentence, its numbers linking to their lists, why it was raised, the tasks
 * concerned), and how the assistant works.
 */
import { Form, Link } from "@remix-run/react";
import { ASSISTANT_RULES, shownPercent, type Finding, type Message, type Param } from "~/domain/assistant";
import { isMessageKey, type MessageKey } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { useT, type T } from "~/i18n/react";
import type { assistantView } from "~/models/assistant.server";
import { ProgramBadge } from "../program-badge";
import { StandingBadge } from "../standing-badge";
import { Badge } from "../ui/badge";
import { buttonClass } from "../ui/button";

export type AssistantData = NonNullable<Awaited<ReturnType<typeof assistantView>>>;

// ---------------------------------------------------------------------------------------------
// Formatting

/** "12,8 %" in Vietnamese (a no-break space keeps the sign on the number's line), "12.8%" in English. */
function withPercentSign(n: string, t: T) {
  return t.lang === "vi" ? `${n}\u00a0%` : `${n}%`;
}

function percentText(share: number, t: T) {
  return withPercentSign(formatNumber(shownPercent(share), t.lang), t);
}

function valueText(v: number, unit: string | null, t: T) {
  const n = formatNumber(v, t.lang);
  if (!unit) return n;
  if (unit === "%") return withPercentSign(n, t);
  return `${n}\u00a0${unit}`;
}

function deltaText(v: number, unit: string | null, t: T) {
  const sign = v > 0 ? "+" : v < 0 ? "−" : "";
  const n = formatNumber(Math.abs(v), t.lang);
  if (!unit) return `${sign}${n}`;
  if (unit === "%") return `${sign}${n} ${t("assistant.unit.percentagePoints")}`;
  return `${sign}${n} ${unit}`;
}

type ScopeView = AssistantData["scope"];

function scopePhrase(scope: ScopeView, t: T) {
  if (scope.kind === "unit") return scope.name ?? "";
  if (scope.kind === "program") return t("assistant.scope.program", { name: scope.programName?.[t.lang] ?? scope.code ?? "" });
  return t("assistant.scope.city");
}

function paramText(p: Param, scope: ScopeView, t: T): string {
  switch (p.t) {
    case "scope":
      return scopePhrase(scope, t);
    case "text":
      return p.v;
    case "count":
    case "days":
    case "points":
      return formatNumber(p.v, t.lang);
    case "percent":
      return percentText(p.v, t);
    case "date":
      return t.date(p.v);
    case "value":
      return valueText(p.v, p.unit, t);
    case "delta":
      return deltaText(p.v, p.unit, t);
  }
}

/** A number on a card, with its unit in words where the sentence does not give it. */
function numberText(p: Param, scope: ScopeView, t: T): string {
  if (p.t === "points") return t("assistant.unit.points", { value: formatNumber(p.v, t.lang) });
  if (p.t === "days") return t("assistant.unit.days", { value: formatNumber(p.v, t.lang) });
  return paramText(p, scope, t);
}

function render(message: Message, scope: ScopeView, t: T): string {
  const params = Object.fromEntries(Object.entries(message.params).map(([k, p]) => [k, paramText(p, scope, t)]));
  const n = message.params.n;
  const singular = `${message.key}.one`;
  const key: MessageKey = n && n.t === "count" && n.v === 1 && isMessageKey(singular) ? singular : message.key;
  return t(key, params);
}

// ---------------------------------------------------------------------------------------------
// Page

const CARD_BORDER: Record<string, string> = {
  high: "border-l-red-700",
  medium: "border-l-amber-500",
  low: "border-l-slate-400",
  positive: "border-l-emerald-600",
  neutral: "border-l-brand-600",
};

function SeverityBadge({ card }: { card: Pick<Finding, "tone" | "severity"> }) {
  const t = useT();
  if (card.tone === "positive") return <Badge tone="green">{t("assistant.tone.positive")}</Badge>;
  if (card.tone === "neutral") return <Badge tone="blue">{t("assistant.tone.neutral")}</Badge>;
  const tone = card.severity === "high" ? "red" : card.severity === "medium" ? "amber" : "neutral";
  return <Badge tone={tone}>{t(`assistant.severity.${card.severity}`)}</Badge>;
}

function ScopePicker({ data }: { data: AssistantData }) {
  const t = useT();
  return (
    <Form method="get" action="/assistant" className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="min-w-0 flex-1 space-y-1 sm:max-w-xl">
        <label htmlFor="assistant-scope" className="block text-sm font-semibold text-slate-800">
          {t("assistant.picker.label")}
        </label>
        <select
          id="assistant-scope"
          name="for"
          defaultValue={data.scope.pickerValue}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
        >
          <option value="city">{t("assistant.picker.city")}</option>
          <optgroup label={t("assistant.picker.programs")}>
            {data.programs.map((p) => (
              <option key={p.code} value={`program:${p.code}`}>
                {t.lang === "vi" ? p.nameVi : p.nameEn}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("assistant.picker.units")}>
            {data.units.map((u) => (
              <option key={u.id} value={`unit:${u.id}`}>
                {`${"\u00a0\u00a0\u00a0".repeat(Math.max(0, u.depth - 1))}${u.name}`}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <button type="submit" className={buttonClass("primary", "sm:self-end")}>
        {t("assistant.picker.submit")}
      </button>
    </Form>
  );
}

function Summary({ data }: { data: AssistantData }) {
  const t = useT();
  const s = data.summary;
  const cell = "rounded-lg border border-slate-200 bg-white p-3 shadow-sm";
  const label = "text-xs font-semibold uppercase tracking-wide text-slate-600";
  const value = "mt-1 text-xl font-bold tabular-nums text-slate-900";
  return (
    <section aria-labelledby="summary-heading" className="space-y-2">
      <h2 id="summary-heading" className="text-lg font-semibold text-slate-900">
        {t("assistant.summary.heading")}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <div className={cell}>
          <dt className={label}>{t("assistant.summary.total")}</dt>
          <dd className={value}>
            <Link to={s.totalHref}>{formatNumber(s.total, t.lang)}</Link>
          </dd>
        </div>
        <div className={cell}>
          <dt className={label}>{t("assistant.summary.overdue")}</dt>
          <dd className={value}>
            <Link to={s.overdueHref}>{formatNumber(s.overdue, t.lang)}</Link>
          </dd>
        </div>
        <div className={cell}>
          <dt className={label}>{t("assistant.summary.share")}</dt>
          <dd className={value}>{percentText(s.share, t)}</dd>
        </div>
        {s.city ? (
          <div className={cell}>
            <dt className={label}>{t("assistant.summary.city")}</dt>
            <dd className={value}>
              {percentText(s.city.share, t)}
              <span className="block text-sm font-normal text-slate-600">
                <Link to={s.city.href}>{formatNumber(s.city.overdue, t.lang)}</Link> {t("assistant.summary.overdueWord")}
              </span>
            </dd>
          </div>
        ) : null}
        <div className={cell}>
          <dt className={label}>{t("assistant.summary.previous", { date: s.previousPeriodEnd ? t.date(s.previousPeriodEnd) : "" })}</dt>
          <dd className={value}>
            {s.previous ? (
              <>
                {percentText(s.previous.share, t)}
                <span className="block text-sm font-normal text-slate-600">
                  <Link to={s.previous.href}>{formatNumber(s.previous.overdue, t.lang)}</Link> {t("assistant.summary.overdueWord")}
                </span>
              </>
            ) : (
              <span className="text-base font-normal text-slate-500">{t("assistant.summary.previousNone")}</span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

type Card = AssistantData["cards"][number];

function FindingCard({ card, index, data }: { card: Card; index: number; data: AssistantData }) {
  const t = useT();
  const border = card.tone === "concern" ? CARD_BORDER[card.severity] : CARD_BORDER[card.tone];
  const headingId = `${card.id}-heading`;
  return (
    <li id={card.id} className={`scroll-mt-4 rounded-lg border border-l-4 border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${border}`}>
      <article aria-labelledby={headingId} className="space-y-3">
        <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <span className="font-semibold text-slate-500">#{index + 1}</span>
          <SeverityBadge card={card} />
          <span>{t("assistant.card.weight", { weight: formatNumber(card.weight, t.lang) })}</span>
        </div>
        <h3 id={headingId} className="text-base font-semibold leading-snug text-slate-900">
          {render(card.message, data.scope, t)}
        </h3>
        {card.numbers.length ? <h4 className="sr-only">{t("assistant.card.numbers")}</h4> : null}
        {card.numbers.length ? (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm min-[480px]:grid-cols-2 lg:grid-cols-3">
            {card.numbers.map((n) => (
              <div key={n.label} className="flex items-baseline justify-between gap-3 border-b border-dotted border-slate-200 py-0.5">
                <dt className="text-slate-600">{t(n.label)}</dt>
                <dd className="shrink-0 font-semibold tabular-nums text-slate-900">
                  {n.href ? <Link to={n.href}>{numberText(n.value, data.scope, t)}</Link> : numberText(n.value, data.scope, t)}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        <p className="text-sm text-slate-700">{render(card.why, data.scope, t)}</p>
        {card.units.length ? <UnitList units={card.units} /> : null}
        {card.tasks.length ? (
          <div id={`${card.id}-tasks`} className="scroll-mt-4 space-y-1">
            <h4 className="text-sm font-semibold text-slate-800">{t("assistant.card.tasks")}</h4>
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {card.tasks.map((task) => {
                const info = data.taskInfo[task.id];
                return (
                  <li key={task.id} className="px-3 py-2 text-sm">
                    <Link to={`/tasks/${task.id}`} className="font-medium">
                      {info?.title ?? `#${task.id}`}
                    </Link>
                    <p className="mt-0.5 flex flex-wrap items-center gap-x-1 text-xs text-slate-600">
                      {info?.standing ? <StandingBadge standing={info.standing} /> : null}
                      {info?.leadUnitName ? <span>{t("assistant.card.unitOf", { unit: info.leadUnitName })} · </span> : null}
                      {render(task.detail, data.scope, t)}
                    </p>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        {card.seeAllHref || card.drillHref || card.goalId ? (
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-semibold">
            {card.seeAllHref ? (
              <Link to={card.seeAllHref} preventScrollReset={false}>
                {card.expanded
                  ? t("assistant.card.showFewer")
                  : t("assistant.card.seeAll", { count: formatNumber(card.taskTotal, t.lang) })}
              </Link>
            ) : null}
            {card.goalId ? <Link to={`/goals/${card.goalId}`}>{t("assistant.card.goal")} →</Link> : null}
            {card.drillHref ? <Link to={card.drillHref}>{t("assistant.card.taskList")} →</Link> : null}
          </p>
        ) : null}
      </article>
    </li>
  );
}

function UnitList({ units }: { units: Card["units"] }) {
  const t = useT();
  return (
    <ul aria-label={t("assistant.units.caption")} className="divide-y divide-slate-100 rounded-md border border-slate-200">
      {units.map((u) => (
        <li key={u.unitId} className="px-3 py-2 text-sm">
          <p className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className="font-medium text-slate-900">{u.name}</span>
            <Link to={u.assessHref} className="text-xs font-semibold">
              {t("assistant.units.assess")} →
            </Link>
          </p>
          <p className="mt-0.5 text-xs text-slate-600">
            <Link to={u.overdueHref}>{formatNumber(u.overdue, t.lang)}</Link> {t("assistant.units.of")}{" "}
            <Link to={u.totalHref}>{formatNumber(u.total, t.lang)}</Link>{" "}
            {t("assistant.units.tail", { share: percentText(u.shareOverdue, t), gap: formatNumber(u.gap, t.lang) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Method() {
  const t = useT();
  const R = ASSISTANT_RULES;
  const pct = (v: number) => withPercentSign(String(v), t);
  const items = [
    t("assistant.method.cityGap", { gap: R.cityGapPoints, gapHigh: R.cityGapHighPoints }),
    t("assistant.method.period", { change: R.periodChangePoints, changeHigh: R.periodChangeHighPoints }),
    t("assistant.method.atRisk", { elapsed: pct(R.atRiskMinElapsedPercent), gap: R.atRiskGapPoints }),
    t("assistant.method.stale", { days: R.staleDays }),
    t("assistant.method.extensions", { unit: R.unitExtensions, months: R.unitExtensionMonths, task: R.taskExtensions }),
    t("assistant.method.units", { minTasks: R.subunitMinTasks, gap: R.subunitGapPoints, gapHigh: R.subunitGapHighPoints }),
    t("assistant.method.oldest", { count: R.oldestOverdueShown }),
    t("assistant.method.goals"),
    t("assistant.method.weight"),
  ];
  return (
    <section
      aria-labelledby="method-heading"
      className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700"
    >
      <h2 id="method-heading" className="text-base font-semibold text-slate-900">
        {t("assistant.method.heading")}
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </section>
  );
}

/** The assistant's page: the scope picker, the summary, the findings as cards, and how it works. */
export function AssistantReport({ data }: { data: AssistantData }) {
  const t = useT();
  const heading =
    data.scope.kind === "unit"
      ? data.scope.hasSubunits
        ? t("assistant.heading.unit", { name: data.scope.name ?? "" })
        : (data.scope.name ?? "")
      : data.scope.kind === "program"
        ? t("assistant.heading.program", { name: data.scope.programName?.[t.lang] ?? "" })
        : t("assistant.heading.city");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">{t("assistant.title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("assistant.intro")}</p>
      </div>

      <ScopePicker data={data} />

      <div className="space-y-1 border-t border-slate-200 pt-4">
        <p className="flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900">
          {data.scope.code ? <ProgramBadge code={data.scope.code} /> : null}
          <span>{heading}</span>
        </p>
        <p className="text-sm text-slate-600">{t("assistant.asOf", { date: t.date(data.today) })}</p>
      </div>

      <Summary data={data} />

      <section aria-labelledby="findings-heading" className="space-y-3">
        <div>
          <h2 id="findings-heading" className="text-lg font-semibold text-slate-900">
            {t("assistant.findings.heading")}
          </h2>
          <p className="text-sm text-slate-600">{t("assistant.findings.sorted", { count: formatNumber(data.cards.length, t.lang) })}</p>
        </div>
        <ol className="space-y-4">
          {data.cards.map((card, i) => (
            <FindingCard key={card.id} card={card} index={i} data={data} />
          ))}
        </ol>
      </section>

      <Method />
    </div>
  );
}
