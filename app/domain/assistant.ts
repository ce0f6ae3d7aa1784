/**
 * The assessment assistant ("Trợ lý đánh giá"): a short list of findings about the city, a unit or a
 * program, each a plain sentence with its numbers, why it was raised, and the tasks behind it.
 * Deterministic and explainable: fixed rules over the data, no outside service. Pure: the caller
 * passes the rollup numbers, the task and extension facts, the goal readings and `today`.
 *
 * The rules (thresholds in ASSISTANT_RULES):
 * - Share overdue against the city average (unit or program): raised when the scope's share is at
 *   least 5 percentage points above (a concern; high from 15 points) or below (a positive note).
 *   Shares are compared as they are shown, to one decimal of a percent.
 * - Share overdue against the last period end (the 25th before today, from task_states): raised when
 *   it rose by at least 3 points (high from 10) or fell by at least 3 points (positive).
 * - At risk: an open task still within its deadline where time elapsed = (today − start) /
 *   (deadline − start), start = start date or the day it was issued, is at least 60 % and exceeds the
 *   progress by at least 50 points (20 % done with 80 % of the time gone).
 * - No update: an open task whose last progress update (or issue day, if never updated) is more than
 *   30 days old.
 * - Repeated extensions: a unit whose tasks had at least 3 approved extensions decided in the last
 *   6 months (from the same day 6 months ago, inclusive; counted on the task's lead unit itself, not
 *   its parents); and tasks still open that
 *   were extended at least 2 times.
 * - Units above the average: units one level below the scope (with at least 5 tasks, each counting
 *   its own subtree) whose share overdue is at least 10 points above the scope's (high from 25).
 * - Oldest overdue: the 5 tasks overdue the longest.
 * - Goals off track: the least-squares line through the goal's indicator readings (date, value),
 *   projected to the goal's due date, falls short of the target (or the due date has passed and the
 *   latest reading is short of it).
 * When no concern is raised, one reassuring "no notable problem" finding says so.
 *
 * Weight (the order of the list), simple and stated on the page:
 *   weight = severity (high 3, medium 2, low 1) × (1 + log₂(1 + tasks)) × (1 + distance)
 * where `tasks` is how many tasks the finding concerns (for a goal, the scope's open tasks serving
 * it; positive notes count none: they ask for no action) and `distance` ∈ [0, 1] is how far from the norm, per kind (see `distanceOf…` below).
 * The logarithm keeps a finding about 100 tasks from burying everything else.
 */
import type { viAssistant } from "~/i18n/vi-assistant";
import { daysBetween } from "./dates";
import type { RollupCell, RollupScope } from "./drilldown";
import { classify, type RollupNumbers } from "./rollup";
import type { TaskStatus } from "./task-rules";

export type AssistantKey = keyof typeof viAssistant;

export const ASSISTANT_RULES = {
  /** Share overdue vs the city average, in percentage points. */
  cityGapPoints: 5,
  cityGapHighPoints: 15,
  /** Share overdue vs the last period end, in percentage points. */
  periodChangePoints: 3,
  periodChangeHighPoints: 10,
  /** At risk: at least this share of the time gone… */
  atRiskMinElapsedPercent: 60,
  /** …and time elapsed minus progress at least this many points. */
  atRiskGapPoints: 50,
  /** No update for more than this many days. */
  staleDays: 30,
  /** Approved extensions of one unit's tasks within the window. */
  unitExtensions: 3,
  unitExtensionsHigh: 6,
  unitExtensionMonths: 6,
  /** A task extended at least this many times. */
  taskExtensions: 2,
  taskExtensionsHigh: 3,
  /** Units one level below the scope: compared with the scope's share when they have this many tasks… */
  subunitMinTasks: 5,
  /** …and raised from this many points above it (high from the second figure). */
  subunitGapPoints: 10,
  subunitGapHighPoints: 25,
  /** How many of the oldest overdue tasks are named. */
  oldestOverdueShown: 5,
  /** A task finding is high when it concerns at least this many tasks. */
  manyTasks: 5,
  /** A goal off track is high when the projection covers less than this share of the way to the target. */
  goalHighBelowShare: 0.8,
} as const;

const DAYS_PER_MONTH = 365.25 / 12;
const SEVERITY_POINTS = { high: 3, medium: 2, low: 1 } as const;

// ---------------------------------------------------------------------------------------------
// Input

export type AssistantScope = { kind: "city" } | { kind: "unit"; unitId: number; name: string } | { kind: "program"; code: string };

/** One issued task of the scope (drafts and cancelled tasks are left out by the caller or ignored). */
export interface TaskFact {
  id: number;
  title: string;
  leadUnitId: number | null;
  leadUnitName: string | null;
  status: TaskStatus;
  progress: number;
  startDate: string | null;
  /** The day it was issued, in the app's time zone. */
  issuedOn: string | null;
  deadline: string | null;
  originalDeadline: string | null;
  completedOn: string | null;
  /** The day of the last progress update, in the app's time zone. */
  lastUpdateOn: string | null;
  extensionCount: number;
  /** The goal the task serves. */
  goalId: number | null;
}

export interface ExtensionFact {
  taskId: number;
  leadUnitId: number | null;
  leadUnitName: string | null;
  status: "pending" | "approved" | "rejected";
  /** The day it was decided, in the app's time zone. */
  decidedOn: string | null;
}

export interface GoalReadingFact {
  asOf: string;
  value: number;
}

export interface GoalFact {
  id: number;
  title: string;
  dueDate: string;
  indicatorName: string | null;
  indicatorUnit: string | null;
  target: number | null;
  baseline: number | null;
  readings: GoalReadingFact[];
  /** Issued tasks serving the goal (drafts and cancelled apart), wherever they are led, and how many are overdue. */
  taskCount: number;
  overdueTaskCount: number;
}

export interface SubunitNumbers {
  unitId: number;
  name: string;
  numbers: RollupNumbers;
}

export interface AssistantInput {
  today: string;
  scope: AssistantScope;
  numbers: {
    /** The scope as of today (for the city, the city numbers). */
    scope: RollupNumbers;
    city: RollupNumbers;
    /** The scope as of the last period end before today, when known. */
    previous: { periodEnd: string; numbers: RollupNumbers } | null;
    /** The units one level below the scope (the city's departments and wards; a unit's divisions), each with its subtree. */
    subunits?: SubunitNumbers[];
  };
  tasks: TaskFact[];
  extensions: ExtensionFact[];
  goals: GoalFact[];
}

// ---------------------------------------------------------------------------------------------
// Output

/** A value in a message, formatted by the page in the reader's language. */
export type Param =
  | { t: "scope" }
  | { t: "text"; v: string }
  | { t: "count"; v: number }
  /** A share as a fraction 0–1, shown as a percentage. */
  | { t: "percent"; v: number }
  /** A difference in percentage points. */
  | { t: "points"; v: number }
  | { t: "days"; v: number }
  | { t: "date"; v: string }
  /** An indicator value in its unit. */
  | { t: "value"; v: number; unit: string | null }
  /** A change per month in the indicator's unit, with its sign. */
  | { t: "delta"; v: number; unit: string | null };

export interface Message {
  key: AssistantKey;
  params: Record<string, Param>;
}

/** The /tasks list behind a number (drillDownHref makes the link). */
export interface Drill {
  scope: RollupScope;
  cell: RollupCell;
  asOf: string;
}

export interface FindingNumber {
  label: AssistantKey;
  value: Param;
  /** The task list behind the number, when a rollup category fits it… */
  drill?: Drill;
  /** …otherwise the number counts the finding's own task list (shown in full on request). */
  countsTasks?: boolean;
}

export interface FindingTask {
  id: number;
  detail: Message;
}

/** A unit named by a finding, with the lists behind its numbers. */
export interface FindingUnit {
  unitId: number;
  name: string;
  overdue: number;
  total: number;
  shareOverdue: number;
  /** Percentage points above the scope's share. */
  gap: number;
  overdueDrill: Drill;
  totalDrill: Drill;
}

export type FindingKind =
  | "overdue_vs_city"
  | "overdue_vs_last_period"
  | "units_above_average"
  | "goal_off_track"
  | "at_risk"
  | "stale"
  | "oldest_overdue"
  | "unit_extensions"
  | "repeated_extensions"
  | "all_clear";

export type Severity = "high" | "medium" | "low";

export interface Finding {
  /** Stable within a scope (an anchor on the page). */
  id: string;
  kind: FindingKind;
  /** A concern asks for action; a positive note reports an improvement. */
  tone: "concern" | "positive" | "neutral";
  severity: Severity;
  weight: number;
  message: Message;
  why: Message;
  numbers: FindingNumber[];
  /** The tasks behind the finding, most serious first (all of them; the page shows the first 10). */
  tasks: FindingTask[];
  /** The units behind the finding, worst first. */
  units?: FindingUnit[];
  /** The /tasks list behind the whole finding, when a rollup category fits. */
  drill?: Drill;
  goalId?: number;
}

// ---------------------------------------------------------------------------------------------
// Helpers (exported for the tests)

/** A share (fraction) as the page shows it: a percentage with one decimal. */
export function shownPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}

/** Percentage points between two shares as shown (one decimal, no floating-point dust). */
export function pointsBetween(share: number, reference: number): number {
  return Math.round((shownPercent(share) - shownPercent(reference)) * 10) / 10;
}

export function weightOf(severity: Severity, tasks: number, distance: number): number {
  const d = Math.max(0, Math.min(1, distance));
  const raw = SEVERITY_POINTS[severity] * (1 + Math.log2(1 + Math.max(0, tasks))) * (1 + d);
  return Math.round(raw * 100) / 100;
}

/** The same day `months` months earlier (clamped to the month's last day): 2026-08-31 − 6 → 2026-02-28. */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export interface Trend {
  /** Change per day. */
  slope: number;
  /** Value on the first reading's date (x = 0). */
  intercept: number;
  firstDate: string;
}

/**
 * Least-squares line through the readings, x = days since the first (earliest) reading. Null with
 * fewer than two readings or when every reading has the same date (no line can be drawn).
 */
export function linearTrend(readings: readonly GoalReadingFact[]): Trend | null {
  if (readings.length < 2) return null;
  const sorted = [...readings].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const firstDate = sorted[0].asOf;
  const xs = sorted.map((r) => daysBetween(firstDate, r.asOf));
  const ys = sorted.map((r) => r.value);
  const n = xs.length;
  const meanX = xs.reduce((s, x) => s + x, 0) / n;
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - meanX) ** 2;
    sxy += (xs[i] - meanX) * (ys[i] - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, firstDate };
}

export function projectTrend(trend: Trend, date: string): number {
  return trend.intercept + trend.slope * daysBetween(trend.firstDate, date);
}

/**
 * An estimate rounded as an analyst would write it: three significant digits from 10 000 up
 * (2 292 345 → 2 290 000), whole numbers from 100, one decimal from 1, two below.
 */
export function roundForDisplay(value: number): number {
  const abs = Math.abs(value);
  let out: number;
  if (abs >= 10_000) {
    const step = 10 ** (Math.floor(Math.log10(abs)) - 2);
    out = Math.round(value / step) * step;
  } else if (abs >= 100) out = Math.round(value);
  else if (abs >= 1) out = Math.round(value * 10) / 10;
  else out = Math.round(value * 100) / 100;
  return out === 0 ? 0 : out; // no "-0"
}

/** Time elapsed and progress of an open task, as whole-number-safe fractions (null when it cannot be said). */
export function timeElapsed(
  task: Pick<TaskFact, "startDate" | "issuedOn" | "deadline">,
  today: string,
): { elapsedDays: number; spanDays: number } | null {
  const start = task.startDate ?? task.issuedOn;
  if (!start || !task.deadline) return null;
  const spanDays = daysBetween(start, task.deadline);
  const elapsedDays = daysBetween(start, today);
  if (spanDays <= 0 || elapsedDays < 0) return null;
  return { elapsedDays, spanDays };
}

/** Whether an open task within its deadline is at risk (integer arithmetic: the thresholds are exact). */
export function isAtRisk(task: Pick<TaskFact, "startDate" | "issuedOn" | "deadline" | "progress">, today: string): boolean {
  const e = timeElapsed(task, today);
  if (!e) return false;
  const { elapsedDays, spanDays } = e;
  return (
    elapsedDays * 100 >= ASSISTANT_RULES.atRiskMinElapsedPercent * spanDays &&
    elapsedDays * 100 - task.progress * spanDays >= ASSISTANT_RULES.atRiskGapPoints * spanDays
  );
}

function isOpenStatus(status: TaskStatus) {
  return status === "not_started" || status === "in_progress";
}

function isJudged(status: TaskStatus) {
  return status !== "draft" && status !== "cancelled";
}

function drillScope(scope: AssistantScope): RollupScope {
  if (scope.kind === "unit") return { unitId: scope.unitId, includeSubunits: true };
  if (scope.kind === "program") return { program: scope.code };
  return {};
}

const KIND_ORDER: FindingKind[] = [
  "overdue_vs_city",
  "overdue_vs_last_period",
  "units_above_average",
  "goal_off_track",
  "at_risk",
  "stale",
  "oldest_overdue",
  "unit_extensions",
  "repeated_extensions",
  "all_clear",
];

const SEVERITY_ORDER: Severity[] = ["high", "medium", "low"];

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      b.weight - a.weight ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

const scopeParam: Param = { t: "scope" };
const count = (v: number): Param => ({ t: "count", v });
const percent = (v: number): Param => ({ t: "percent", v });
const points = (v: number): Param => ({ t: "points", v });
const days = (v: number): Param => ({ t: "days", v });
const date = (v: string): Param => ({ t: "date", v });
const text = (v: string): Param => ({ t: "text", v });

// ---------------------------------------------------------------------------------------------
// The rules

function overdueVsCity(input: AssistantInput): Finding[] {
  const { scope, numbers, today } = input;
  if (scope.kind === "city" || numbers.scope.total === 0 || numbers.city.total === 0) return [];
  const gap = pointsBetween(numbers.scope.shareOverdue, numbers.city.shareOverdue);
  const R = ASSISTANT_RULES;
  if (Math.abs(gap) < R.cityGapPoints) return [];
  const above = gap > 0;
  const severity: Severity = !above ? "low" : gap >= R.cityGapHighPoints ? "high" : "medium";
  const numbersShown: FindingNumber[] = [
    {
      label: "assistant.num.overdue",
      value: count(numbers.scope.overdue),
      drill: { scope: drillScope(scope), cell: "overdue", asOf: today },
    },
    { label: "assistant.num.total", value: count(numbers.scope.total), drill: { scope: drillScope(scope), cell: "total", asOf: today } },
    { label: "assistant.num.shareOverdue", value: percent(numbers.scope.shareOverdue) },
    {
      label: "assistant.num.cityShareOverdue",
      value: percent(numbers.city.shareOverdue),
      drill: { scope: {}, cell: "overdue", asOf: today },
    },
    { label: "assistant.num.gap", value: points(Math.abs(gap)) },
  ];
  const params = {
    scope: scopeParam,
    share: percent(numbers.scope.shareOverdue),
    city: percent(numbers.city.shareOverdue),
    gap: points(Math.abs(gap)),
  };
  return [
    {
      id: "overdue-vs-city",
      kind: "overdue_vs_city",
      tone: above ? "concern" : "positive",
      severity,
      weight: weightOf(severity, above ? numbers.scope.overdue : 0, Math.abs(gap) / 20),
      message: { key: above ? "assistant.msg.overdueAboveCity" : "assistant.msg.overdueBelowCity", params },
      why: {
        key: above ? "assistant.why.overdueAboveCity" : "assistant.why.overdueBelowCity",
        params: {
          scope: scopeParam,
          overdue: count(numbers.scope.overdue),
          total: count(numbers.scope.total),
          threshold: points(R.cityGapPoints),
        },
      },
      numbers: numbersShown,
      tasks: [],
      drill: { scope: drillScope(scope), cell: "overdue", asOf: today },
    },
  ];
}

function overdueVsLastPeriod(input: AssistantInput): Finding[] {
  const { scope, numbers, today } = input;
  const prev = numbers.previous;
  if (!prev || prev.numbers.total === 0 || numbers.scope.total === 0) return [];
  const change = pointsBetween(numbers.scope.shareOverdue, prev.numbers.shareOverdue);
  const R = ASSISTANT_RULES;
  if (Math.abs(change) < R.periodChangePoints) return [];
  const rose = change > 0;
  const severity: Severity = !rose ? "low" : change >= R.periodChangeHighPoints ? "high" : "medium";
  const params = {
    scope: scopeParam,
    share: percent(numbers.scope.shareOverdue),
    previous: percent(prev.numbers.shareOverdue),
    periodEnd: date(prev.periodEnd),
    change: points(Math.abs(change)),
  };
  return [
    {
      id: "overdue-vs-last-period",
      kind: "overdue_vs_last_period",
      tone: rose ? "concern" : "positive",
      severity,
      weight: weightOf(severity, rose ? numbers.scope.overdue : 0, Math.abs(change) / 20),
      message: { key: rose ? "assistant.msg.overdueRose" : "assistant.msg.overdueFell", params },
      why: {
        key: rose ? "assistant.why.overdueRose" : "assistant.why.overdueFell",
        params: { change: points(Math.abs(change)), threshold: points(R.periodChangePoints), periodEnd: date(prev.periodEnd) },
      },
      numbers: [
        {
          label: "assistant.num.overdueNow",
          value: count(numbers.scope.overdue),
          drill: { scope: drillScope(scope), cell: "overdue", asOf: today },
        },
        { label: "assistant.num.shareOverdue", value: percent(numbers.scope.shareOverdue) },
        {
          label: "assistant.num.overdueThen",
          value: count(prev.numbers.overdue),
          drill: { scope: drillScope(scope), cell: "overdue", asOf: prev.periodEnd },
        },
        { label: "assistant.num.shareOverdueThen", value: percent(prev.numbers.shareOverdue) },
      ],
      tasks: [],
      drill: { scope: drillScope(scope), cell: "overdue", asOf: today },
    },
  ];
}

function unitsAboveAverage(input: AssistantInput): Finding[] {
  const { numbers, today } = input;
  const R = ASSISTANT_RULES;
  if (!numbers.subunits?.length || numbers.scope.total === 0) return [];
  const units: FindingUnit[] = numbers.subunits
    .filter((u) => u.numbers.total >= R.subunitMinTasks)
    .map((u) => ({
      unitId: u.unitId,
      name: u.name,
      overdue: u.numbers.overdue,
      total: u.numbers.total,
      shareOverdue: u.numbers.shareOverdue,
      gap: pointsBetween(u.numbers.shareOverdue, numbers.scope.shareOverdue),
      overdueDrill: { scope: { unitId: u.unitId, includeSubunits: true }, cell: "overdue" as const, asOf: today },
      totalDrill: { scope: { unitId: u.unitId, includeSubunits: true }, cell: "total" as const, asOf: today },
    }))
    .filter((u) => u.gap >= R.subunitGapPoints)
    .sort((a, b) => b.gap - a.gap || b.overdue - a.overdue || a.name.localeCompare(b.name, "vi") || a.unitId - b.unitId);
  if (units.length === 0) return [];
  const worst = units[0];
  const severity: Severity = worst.gap >= R.subunitGapHighPoints ? "high" : "medium";
  const overdue = units.reduce((sum, u) => sum + u.overdue, 0);
  return [
    {
      id: "units-above-average",
      kind: "units_above_average",
      tone: "concern",
      severity,
      weight: weightOf(severity, overdue, worst.gap / 40),
      message: {
        key: "assistant.msg.unitsAboveAverage",
        params: {
          n: count(units.length),
          scope: scopeParam,
          average: percent(numbers.scope.shareOverdue),
          threshold: points(R.subunitGapPoints),
          unit: text(worst.name),
          share: percent(worst.shareOverdue),
        },
      },
      why: {
        key: "assistant.why.unitsAboveAverage",
        params: { minTasks: count(R.subunitMinTasks), threshold: points(R.subunitGapPoints) },
      },
      numbers: [
        { label: "assistant.num.unitsAbove", value: count(units.length) },
        { label: "assistant.num.scopeShareOverdue", value: percent(numbers.scope.shareOverdue) },
        { label: "assistant.num.maxGap", value: points(worst.gap) },
      ],
      tasks: [],
      units,
    },
  ];
}

function atRisk(input: AssistantInput): Finding[] {
  const { today } = input;
  const R = ASSISTANT_RULES;
  const risky = input.tasks
    .filter((t) => isOpenStatus(t.status) && t.deadline !== null && t.deadline >= today && isAtRisk(t, today))
    .map((t) => {
      const e = timeElapsed(t, today)!;
      const elapsed = Math.min(100, Math.round((e.elapsedDays * 100) / e.spanDays));
      return { task: t, elapsed, gap: (e.elapsedDays * 100) / e.spanDays - t.progress };
    })
    .sort(
      (a, b) =>
        b.gap - a.gap || (a.task.deadline! < b.task.deadline! ? -1 : a.task.deadline! > b.task.deadline! ? 1 : 0) || a.task.id - b.task.id,
    );
  if (risky.length === 0) return [];
  const n = risky.length;
  const meanGap = risky.reduce((s, r) => s + r.gap, 0) / n;
  const severity: Severity = n >= R.manyTasks ? "high" : "medium";
  const worst = risky[0];
  return [
    {
      id: "at-risk",
      kind: "at_risk",
      tone: "concern",
      severity,
      weight: weightOf(severity, n, (meanGap - R.atRiskGapPoints) / 50),
      message: { key: "assistant.msg.atRisk", params: { n: count(n), scope: scopeParam } },
      why: {
        key: "assistant.why.atRisk",
        params: {
          n: count(n),
          minElapsed: { t: "percent", v: R.atRiskMinElapsedPercent / 100 },
          gap: points(R.atRiskGapPoints),
          title: text(worst.task.title),
          progress: percent(worst.task.progress / 100),
          elapsed: percent(worst.elapsed / 100),
        },
      },
      numbers: [
        { label: "assistant.num.atRisk", value: count(n), countsTasks: true },
        { label: "assistant.num.meanGap", value: points(Math.round(meanGap)) },
      ],
      tasks: risky.map((r) => ({
        id: r.task.id,
        detail: {
          key: "assistant.task.atRisk",
          params: { progress: percent(r.task.progress / 100), elapsed: percent(r.elapsed / 100), deadline: date(r.task.deadline!) },
        },
      })),
    },
  ];
}

function stale(input: AssistantInput): Finding[] {
  const { today } = input;
  const R = ASSISTANT_RULES;
  const silent = input.tasks
    .filter((t) => isOpenStatus(t.status))
    .map((t) => {
      const last = t.lastUpdateOn ?? t.issuedOn;
      return { task: t, last, neverUpdated: t.lastUpdateOn === null, days: last ? daysBetween(last, today) : -1 };
    })
    .filter((s) => s.last !== null && s.days > R.staleDays)
    .sort((a, b) => b.days - a.days || a.task.id - b.task.id);
  if (silent.length === 0) return [];
  const n = silent.length;
  const meanDays = silent.reduce((s, x) => s + x.days, 0) / n;
  const severity: Severity = n >= R.manyTasks ? "high" : "medium";
  return [
    {
      id: "stale",
      kind: "stale",
      tone: "concern",
      severity,
      weight: weightOf(severity, n, (meanDays - R.staleDays) / 60),
      message: { key: "assistant.msg.stale", params: { n: count(n), days: days(R.staleDays) } },
      why: {
        key: "assistant.why.stale",
        params: { n: count(n), days: days(R.staleDays), maxDays: days(silent[0].days), title: text(silent[0].task.title) },
      },
      numbers: [
        { label: "assistant.num.stale", value: count(n), countsTasks: true },
        { label: "assistant.num.longestSilence", value: days(silent[0].days) },
      ],
      tasks: silent.map((s): FindingTask => ({
        id: s.task.id,
        detail: s.neverUpdated
          ? { key: "assistant.task.staleNever", params: { days: days(s.days), date: date(s.last!) } }
          : { key: "assistant.task.stale", params: { days: days(s.days), date: date(s.last!) } },
      })),
    },
  ];
}

function oldestOverdue(input: AssistantInput): Finding[] {
  const { today, scope } = input;
  const R = ASSISTANT_RULES;
  const overdue = input.tasks
    .filter((t) => isJudged(t.status))
    .map((t) => ({
      task: t,
      c: classify({ status: t.status, deadline: t.deadline, completedOn: t.completedOn, extensionCount: t.extensionCount }, today),
    }))
    .filter((x) => x.c.category === "overdue")
    .sort((a, b) => b.c.daysOverdue - a.c.daysOverdue || a.task.id - b.task.id);
  if (overdue.length === 0) return [];
  const shown = overdue.slice(0, R.oldestOverdueShown);
  const maxDays = shown[0].c.daysOverdue;
  const over120 = overdue.filter((x) => x.c.ageBand === "120+").length;
  const severity: Severity = maxDays > 120 ? "high" : maxDays > 30 ? "medium" : "low";
  const s = drillScope(scope);
  return [
    {
      id: "oldest-overdue",
      kind: "oldest_overdue",
      tone: "concern",
      severity,
      weight: weightOf(severity, shown.length, maxDays / 180),
      message: {
        key: "assistant.msg.oldestOverdue",
        params: { n: count(overdue.length), maxDays: days(maxDays), title: text(shown[0].task.title) },
      },
      why: {
        key: over120 > 0 ? "assistant.why.oldestOverdueOld" : "assistant.why.oldestOverdue",
        params: { n: count(overdue.length), shown: count(shown.length), over120: count(over120) },
      },
      numbers: [
        { label: "assistant.num.overdue", value: count(overdue.length), drill: { scope: s, cell: "overdue", asOf: today } },
        { label: "assistant.num.overdue120", value: count(over120), drill: { scope: s, cell: "overdue:120+", asOf: today } },
        { label: "assistant.num.maxDaysOverdue", value: days(maxDays) },
      ],
      tasks: shown.map((x) => ({
        id: x.task.id,
        detail: { key: "assistant.task.overdue", params: { days: days(x.c.daysOverdue), deadline: date(x.task.deadline!) } },
      })),
      drill: { scope: s, cell: "overdue", asOf: today },
    },
  ];
}

function unitExtensions(input: AssistantInput): Finding[] {
  const { today } = input;
  const R = ASSISTANT_RULES;
  const since = monthsBefore(today, R.unitExtensionMonths);
  const inScope = new Set(input.tasks.filter((t) => isJudged(t.status)).map((t) => t.id));
  const byUnit = new Map<number, { name: string; perTask: Map<number, number>; total: number }>();
  for (const x of input.extensions) {
    if (x.status !== "approved" || x.decidedOn === null || x.leadUnitId === null) continue;
    if (x.decidedOn < since || x.decidedOn > today || !inScope.has(x.taskId)) continue;
    let u = byUnit.get(x.leadUnitId);
    if (!u) byUnit.set(x.leadUnitId, (u = { name: x.leadUnitName ?? String(x.leadUnitId), perTask: new Map(), total: 0 }));
    u.total++;
    u.perTask.set(x.taskId, (u.perTask.get(x.taskId) ?? 0) + 1);
  }
  const out: Finding[] = [];
  for (const [unitId, u] of byUnit) {
    if (u.total < R.unitExtensions) continue;
    const severity: Severity = u.total >= R.unitExtensionsHigh ? "high" : "medium";
    const tasks = [...u.perTask.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    out.push({
      id: `unit-extensions-${unitId}`,
      kind: "unit_extensions",
      tone: "concern",
      severity,
      weight: weightOf(severity, tasks.length, (u.total - R.unitExtensions) / R.unitExtensions),
      message: {
        key: "assistant.msg.unitExtensions",
        params: { unit: text(u.name), count: count(u.total), tasks: count(tasks.length), months: count(R.unitExtensionMonths) },
      },
      why: {
        key: "assistant.why.unitExtensions",
        params: { threshold: count(R.unitExtensions), months: count(R.unitExtensionMonths), since: date(since) },
      },
      numbers: [
        { label: "assistant.num.extensions", value: count(u.total) },
        { label: "assistant.num.extendedTasks", value: count(tasks.length), countsTasks: true },
      ],
      tasks: tasks.map(([taskId, n]) => ({
        id: taskId,
        detail: { key: "assistant.task.extensionsInWindow", params: { count: count(n), months: count(R.unitExtensionMonths) } },
      })),
    });
  }
  return out;
}

function repeatedExtensions(input: AssistantInput): Finding[] {
  const R = ASSISTANT_RULES;
  const tasks = input.tasks
    .filter((t) => isOpenStatus(t.status) && t.extensionCount >= R.taskExtensions)
    .sort((a, b) => b.extensionCount - a.extensionCount || a.id - b.id);
  if (tasks.length === 0) return [];
  const max = tasks[0].extensionCount;
  const severity: Severity = max >= R.taskExtensionsHigh ? "high" : "medium";
  return [
    {
      id: "repeated-extensions",
      kind: "repeated_extensions",
      tone: "concern",
      severity,
      weight: weightOf(severity, tasks.length, (max - R.taskExtensions) / R.taskExtensions),
      message: { key: "assistant.msg.repeatedExtensions", params: { n: count(tasks.length), threshold: count(R.taskExtensions) } },
      why: {
        key: "assistant.why.repeatedExtensions",
        params: { n: count(tasks.length), threshold: count(R.taskExtensions), max: count(max), title: text(tasks[0].title) },
      },
      numbers: [
        { label: "assistant.num.repeatedTasks", value: count(tasks.length), countsTasks: true },
        { label: "assistant.num.maxExtensions", value: count(max) },
      ],
      tasks: tasks.map((t): FindingTask => ({
        id: t.id,
        detail:
          t.originalDeadline && t.deadline && t.originalDeadline !== t.deadline
            ? {
                key: "assistant.task.extended",
                params: { count: count(t.extensionCount), original: date(t.originalDeadline), deadline: date(t.deadline) },
              }
            : { key: "assistant.task.extendedPlain", params: { count: count(t.extensionCount) } },
      })),
    },
  ];
}

export interface GoalProjection {
  direction: "up" | "down";
  projected: number;
  shortfall: number;
  /** Share of the way from the start (baseline or first reading) to the target the projection covers. */
  achievedShare: number;
  perMonth: number;
  neededPerMonth: number;
  last: GoalReadingFact;
  first: GoalReadingFact;
}

/** The goal's trend projected to its due date, or null when there is no target or fewer than two dated readings. */
export function projectGoal(goal: GoalFact): GoalProjection | null {
  if (goal.target === null) return null;
  const trend = linearTrend(goal.readings);
  if (!trend) return null;
  const sorted = [...goal.readings].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const start = goal.baseline ?? first.value;
  const direction = goal.target >= start ? "up" : "down";
  const projected = projectTrend(trend, goal.dueDate);
  const shortfall = direction === "up" ? goal.target - projected : projected - goal.target;
  const span = Math.abs(goal.target - start);
  const achievedShare = span === 0 ? (shortfall <= 0 ? 1 : 0) : (direction === "up" ? projected - start : start - projected) / span;
  const monthsLeft = Math.max(1, daysBetween(last.asOf, goal.dueDate)) / DAYS_PER_MONTH;
  return {
    direction,
    projected,
    shortfall,
    achievedShare,
    perMonth: trend.slope * DAYS_PER_MONTH,
    neededPerMonth: (goal.target - last.value) / monthsLeft,
    last,
    first,
  };
}

function goalTaskNumbers(goal: GoalFact, today: string): FindingNumber[] {
  return [
    { label: "assistant.num.goalTasks", value: count(goal.taskCount), drill: { scope: { goalId: goal.id }, cell: "total", asOf: today } },
    {
      label: "assistant.num.goalOverdueTasks",
      value: count(goal.overdueTaskCount),
      drill: { scope: { goalId: goal.id }, cell: "overdue", asOf: today },
    },
  ];
}

function goalsOffTrack(input: AssistantInput): Finding[] {
  const { today } = input;
  const R = ASSISTANT_RULES;
  const out: Finding[] = [];
  for (const goal of input.goals) {
    if (goal.target === null) continue;
    // "How many tasks": the scope's open tasks serving the goal (what the scope must speed up).
    const serving = input.tasks.filter((t) => t.goalId === goal.id && isOpenStatus(t.status)).length;
    const unit = goal.indicatorUnit;
    const value = (v: number): Param => ({ t: "value", v: roundForDisplay(v), unit });
    const base = {
      id: `goal-${goal.id}`,
      kind: "goal_off_track" as const,
      tone: "concern" as const,
      goalId: goal.id,
      tasks: [],
      drill: { scope: { goalId: goal.id }, cell: "total" as const, asOf: today },
    };
    const indicator = text(goal.indicatorName ?? goal.title);

    if (goal.dueDate < today) {
      // Past its due date: judged on the latest reading.
      const last = [...goal.readings].sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0))[0];
      if (!last) continue;
      const start = goal.baseline ?? last.value;
      const up = goal.target >= start;
      const short = up ? last.value < goal.target : last.value > goal.target;
      if (!short) continue;
      const span = Math.abs(goal.target - start);
      out.push({
        ...base,
        severity: "high",
        weight: weightOf("high", serving, span === 0 ? 1 : Math.abs(goal.target - last.value) / span),
        message: {
          key: "assistant.msg.goalPastDue",
          params: {
            goal: text(goal.title),
            due: date(goal.dueDate),
            latest: value(last.value),
            asOf: date(last.asOf),
            target: value(goal.target),
          },
        },
        why: { key: "assistant.why.goalPastDue", params: { indicator } },
        numbers: [
          { label: "assistant.num.latestReading", value: value(last.value) },
          { label: "assistant.num.target", value: value(goal.target) },
          ...goalTaskNumbers(goal, today),
        ],
      });
      continue;
    }

    const p = projectGoal(goal);
    // A projection landing on the target (to floating-point precision) reaches it.
    if (!p || p.shortfall <= 1e-9 * Math.max(1, Math.abs(goal.target))) continue;
    const severity: Severity = p.achievedShare < R.goalHighBelowShare ? "high" : "medium";
    const span = Math.abs(goal.target - (goal.baseline ?? p.first.value));
    out.push({
      ...base,
      severity,
      weight: weightOf(severity, serving, span === 0 ? 1 : p.shortfall / span),
      message: {
        key: p.direction === "up" ? "assistant.msg.goalBelowTarget" : "assistant.msg.goalAboveTarget",
        params: { goal: text(goal.title), projected: value(p.projected), due: date(goal.dueDate), target: value(goal.target) },
      },
      why: {
        key: "assistant.why.goalTrend",
        params: {
          readings: count(goal.readings.length),
          from: date(p.first.asOf),
          to: date(p.last.asOf),
          indicator,
          perMonth: { t: "delta", v: roundForDisplay(p.perMonth), unit },
          needed: { t: "delta", v: roundForDisplay(p.neededPerMonth), unit },
        },
      },
      numbers: [
        { label: "assistant.num.latestReading", value: value(p.last.value) },
        { label: "assistant.num.projected", value: value(p.projected) },
        { label: "assistant.num.target", value: value(goal.target) },
        ...goalTaskNumbers(goal, today),
      ],
    });
  }
  return out;
}

function allClear(input: AssistantInput): Finding {
  const judged = input.tasks.filter((t) => isJudged(t.status)).length;
  const empty = input.numbers.scope.total === 0 && judged === 0;
  return {
    id: "all-clear",
    kind: "all_clear",
    tone: "neutral",
    severity: "low",
    weight: 0,
    message: {
      key: empty ? "assistant.msg.noTasks" : "assistant.msg.allClear",
      params: { scope: scopeParam, total: count(input.numbers.scope.total) },
    },
    why: { key: empty ? "assistant.why.noTasks" : "assistant.why.allClear", params: {} },
    numbers: empty
      ? []
      : [
          {
            label: "assistant.num.total",
            value: count(input.numbers.scope.total),
            drill: { scope: drillScope(input.scope), cell: "total", asOf: input.today },
          },
        ],
    tasks: [],
  };
}

/** Every finding for the scope, heaviest first; a reassuring one when nothing is of concern. */
export function assess(input: AssistantInput): Finding[] {
  const findings = [
    ...overdueVsCity(input),
    ...overdueVsLastPeriod(input),
    ...unitsAboveAverage(input),
    ...goalsOffTrack(input),
    ...atRisk(input),
    ...stale(input),
    ...oldestOverdue(input),
    ...unitExtensions(input),
    ...repeatedExtensions(input),
  ];
  if (!findings.some((f) => f.tone === "concern")) findings.push(allClear(input));
  return sortFindings(findings);
}

/** Every task id a finding names, in order, without repeats (what the page must look up). */
export function taskIdsOf(findings: readonly Finding[]): number[] {
  const seen = new Set<number>();
  for (const f of findings) for (const t of f.tasks) seen.add(t.id);
  return [...seen];
}
