/**
 * The URL parameters of the report pages (a unit's page, the report builder, the printable report),
 * read without I/O: today is a parameter.
 */
import type { MessageKey } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { isIsoDate, parseUserDate } from "./dates";
import { PROGRAM_CODES, type ProgramCode } from "./task-rules";

const ID_PATTERN = /^[1-9]\d{0,9}$/;
const MAX_ID = 2_147_483_647;

export type ReportRole = "lead" | "coordinating";

/** The date of the figures: typed as dd/mm/yyyy (or YYYY-MM-DD); a bad or future one falls back to today, with a message. */
export function readReportDate(raw: string | null, today: string): { asOf: string; input: string; error: MessageKey | null } {
  const input = (raw ?? "").trim().slice(0, 20);
  if (!input) return { asOf: today, input: formatDate(today, "UTC"), error: null };
  const parsed = parseUserDate(input);
  if (!parsed) return { asOf: today, input, error: "reports.error.asOfInvalid" };
  if (parsed > today) return { asOf: today, input, error: "reports.error.asOfFuture" };
  return { asOf: parsed, input: formatDate(parsed, "UTC"), error: null };
}

/** A unit page's view: the date, with or without the units below, the tasks it leads or coordinates. */
export function readUnitReportParams(search: URLSearchParams, today: string) {
  const date = readReportDate(search.get("asOf"), today);
  const role: ReportRole = search.get("role") === "coordinating" ? "coordinating" : "lead";
  return { date, includeSubunits: search.get("own") !== "1", role };
}

export type PrintScope =
  | { kind: "city" }
  | { kind: "program"; program: ProgramCode }
  | { kind: "unit"; unitId: number; includeSubunits: boolean; role: ReportRole };

/** The printable report's parameters, or null when anything is malformed (the builder at /reports never sends it). */
export function readPrintReportParams(search: URLSearchParams, today: string): { asOf: string; scope: PrintScope } | null {
  const asOf = search.get("asOf") || today;
  if (!isIsoDate(asOf) || asOf > today) return null;
  const unit = search.get("unit");
  const program = search.get("program");
  if (unit && program) return null;
  if (program) {
    if (!(PROGRAM_CODES as readonly string[]).includes(program)) return null;
    return { asOf, scope: { kind: "program", program: program as ProgramCode } };
  }
  if (unit) {
    if (!ID_PATTERN.test(unit) || Number(unit) > MAX_ID) return null;
    const sub = search.get("sub") ?? "1";
    const role = search.get("role") ?? "lead";
    if ((sub !== "1" && sub !== "0") || (role !== "lead" && role !== "coordinating")) return null;
    return { asOf, scope: { kind: "unit", unitId: Number(unit), includeSubunits: sub === "1", role } };
  }
  return { asOf, scope: { kind: "city" } };
}
