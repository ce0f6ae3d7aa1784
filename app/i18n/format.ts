/**
 * Dates as the civil service writes them: dd/mm/yyyy, in the app's time zone (Asia/Ho_Chi_Minh by default).
 * Pure functions: the time zone is passed in.
 */

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(formatter: Intl.DateTimeFormat, date: Date) {
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(date)) parts[p.type] = p.value;
  return parts;
}

/** 2026-11-28T01:00:00Z → "28/11/2026" (in timeZone). A plain YYYY-MM-DD date is shown as is. */
export function formatDate(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return "";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-");
    return `${d}/${m}/${y}`;
  }
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" });
    dateFormatters.set(timeZone, f);
  }
  const p = partsOf(f, date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "28/11/2026 14:05" in timeZone (24-hour clock). */
export function formatDateTime(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  let f = dateTimeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    dateTimeFormatters.set(timeZone, f);
  }
  const p = partsOf(f, date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "14:05" in timeZone. */
export function formatTime(value: Date, timeZone: string): string {
  return formatDateTime(value, timeZone).slice(11);
}

/** Today's calendar date (YYYY-MM-DD) in timeZone. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
export function todayIn(timeZone: string, now: Date): string {
  let f = dayFormatters.get(timeZone);
  if (!f)
    dayFormatters.set(timeZone, (f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return f.format(now);
}

// Made once per language: a page of rollups formats over a thousand numbers, and building an
// Intl.NumberFormat costs far more than using one.
const numberFormatters = { vi: new Intl.NumberFormat("vi-VN"), en: new Intl.NumberFormat("en-GB") };
export function formatNumber(value: number, lang: "vi" | "en"): string {
  return numberFormatters[lang === "vi" ? "vi" : "en"].format(value);
}
