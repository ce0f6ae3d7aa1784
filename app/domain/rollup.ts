/**
 * How the Government Office's task-tracking reports classify tasks as of a date, and how the
 * numbers roll up. Pure: the caller passes each task's state as of the date and the date itself.
 *
 * Categories (of issued, non-cancelled tasks):
 *   done on time · done late · open within deadline (with "due within 7 days" as a band of it) ·
 *   open and overdue (age bands 1–30, 31–60, 61–120, over 120 days).
 * Drafts and cancelled tasks are counted apart and are not in the total.
 */
import { addDays, daysBetween, parseUserDate } from "./dates";
import { DUE_SOON_DAYS, type TaskStatus } from "./task-rules";

export const AGE_BANDS = ["1-30", "31-60", "61-120", "120+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export type Category = "draft" | "cancelled" | "done_on_time" | "done_late" | "open_on_time" | "overdue";

export interface StateAsOf {
  status: TaskStatus;
  /** The deadline in force on the date (after approved extensions decided by then). */
  deadline: string | null;
  completedOn: string | null;
  extensionCount: number;
}

export interface Classification {
  category: Category;
  dueSoon: boolean;
  daysOverdue: number;
  ageBand: AgeBand | null;
}

export function ageBand(daysOverdue: number): AgeBand {
  if (daysOverdue <= 30) return "1-30";
  if (daysOverdue <= 60) return "31-60";
  if (daysOverdue <= 120) return "61-120";
  return "120+";
}

export function classify(state: StateAsOf, asOf: string): Classification {
  const none = { dueSoon: false, daysOverdue: 0, ageBand: null };
  // Cancelled first: a draft cancelled before it was complete has no deadline but is not a draft.
  if (state.status === "cancelled") return { category: "cancelled", ...none };
  if (state.status === "draft" || !state.deadline) return { category: "draft", ...none };
  if (state.status === "done") {
    const onTime = state.completedOn !== null && state.completedOn <= state.deadline;
    return { category: onTime ? "done_on_time" : "done_late", ...none };
  }
  if (state.deadline < asOf) {
    const days = daysBetween(state.deadline, asOf);
    return { category: "overdue", dueSoon: false, daysOverdue: days, ageBand: ageBand(days) };
  }
  return { category: "open_on_time", dueSoon: state.deadline <= addDays(asOf, DUE_SOON_DAYS), daysOverdue: 0, ageBand: null };
}

export interface RollupNumbers {
  total: number;
  doneOnTime: number;
  doneLate: number;
  openOnTime: number;
  dueSoon: number;
  overdue: number;
  overdueByAge: Record<AgeBand, number>;
  extended: number;
  drafts: number;
  cancelled: number;
  shareOverdue: number;
  shareDoneOnTime: number;
}

export function emptyNumbers(): RollupNumbers {
  return {
    total: 0,
    doneOnTime: 0,
    doneLate: 0,
    openOnTime: 0,
    dueSoon: 0,
    overdue: 0,
    overdueByAge: { "1-30": 0, "31-60": 0, "61-120": 0, "120+": 0 },
    extended: 0,
    drafts: 0,
    cancelled: 0,
    shareOverdue: 0,
    shareDoneOnTime: 0,
  };
}

/** Adds one classified task to a rollup (shares are computed by `finish`). */
export function addTo(numbers: RollupNumbers, c: Classification, extensionCount: number) {
  switch (c.category) {
    case "draft":
      numbers.drafts++;
      return;
    case "cancelled":
      numbers.cancelled++;
      return;
    case "done_on_time":
      numbers.doneOnTime++;
      break;
    case "done_late":
      numbers.doneLate++;
      break;
    case "open_on_time":
      numbers.openOnTime++;
      if (c.dueSoon) numbers.dueSoon++;
      break;
    case "overdue":
      numbers.overdue++;
      numbers.overdueByAge[c.ageBand!]++;
      break;
  }
  numbers.total++;
  if (extensionCount > 0) numbers.extended++;
}

/** Shares as fractions 0–1, rounded to 4 decimals so every page and the API print the same figure. */
export function finish(numbers: RollupNumbers): RollupNumbers {
  const share = (n: number) => (numbers.total === 0 ? 0 : Math.round((n / numbers.total) * 10_000) / 10_000);
  return { ...numbers, shareOverdue: share(numbers.overdue), shareDoneOnTime: share(numbers.doneOnTime) };
}

/** Ranks items by share overdue (worst first), then by share done on time (best first), then by name. */
export function rankByShareOverdue<T extends { numbers: RollupNumbers; name: string }>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      b.numbers.shareOverdue - a.numbers.shareOverdue ||
      a.numbers.shareDoneOnTime - b.numbers.shareDoneOnTime ||
      a.name.localeCompare(b.name, "vi"),
  );
}

/**
 * The cut-off date of the reporting period containing `date` (periods end on `cutoffDay` of each
 * month, default the 25th): 2026-11-20 → 2026-11-25; 2026-11-26 → 2026-12-25.
 */
export function periodEnd(date: string, cutoffDay = 25): string {
  const [y, m, d] = date.split("-").map(Number);
  const day = Math.min(cutoffDay, 28);
  if (d <= day) return `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const next = new Date(Date.UTC(y, m, day));
  return next.toISOString().slice(0, 10);
}

/** The last `count` period ends strictly before or on `date`, oldest first. */
export function pastPeriodEnds(date: string, count: number, cutoffDay = 25): string[] {
  const out: string[] = [];
  let [y, m] = date.split("-").map(Number);
  const day = Math.min(cutoffDay, 28);
  let candidate = `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (candidate > date) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  for (let i = 0; i < count; i++) {
    candidate = `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    out.unshift(candidate);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/**
 * The report date a rollup page was asked for (`?asOf=`, typed dd/mm/yyyy or yyyy-mm-dd): today when
 * absent; a date that does not parse, or one in the future, is refused (the page shows today and the
 * error, with what was typed) — plus the last three period ends offered as quick choices.
 */
export function readAsOf(raw: string | null, today: string, cutoffDay: number) {
  const typed = (raw ?? "").trim();
  let asOf = today;
  let asOfError: "dash.asOf.invalid" | "dash.asOf.future" | null = null;
  if (typed) {
    const parsed = parseUserDate(typed);
    if (!parsed) asOfError = "dash.asOf.invalid";
    else if (parsed > today) asOfError = "dash.asOf.future";
    else asOf = parsed;
  }
  return { asOf, asOfError, asOfTyped: asOfError ? typed.slice(0, 20) : "", recentCutoffs: pastPeriodEnds(today, 3, cutoffDay).reverse() };
}
