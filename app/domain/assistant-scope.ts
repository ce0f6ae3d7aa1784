/**
 * The assistant's scope in the URL (/assistant?scope=city|unit|program&unit=…&program=…), read and
 * written without I/O.
 */
import { PROGRAM_CODES, type ProgramCode } from "./task-rules";

export type AssistantScopeQuery = { kind: "city" } | { kind: "unit"; unitId: number } | { kind: "program"; code: ProgramCode };

const ID_RE = /^[1-9]\d{0,9}$/;

function isProgram(value: string | null): value is ProgramCode {
  return value !== null && (PROGRAM_CODES as readonly string[]).includes(value);
}

function parseId(raw: string | null): number | null {
  if (!raw || !ID_RE.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

/** The scope in the URL. Unknown values are ignored (the city); a unit or program that does not parse is null (a 404). */
export function readAssistantScope(search: URLSearchParams): AssistantScopeQuery | null {
  const raw = search.get("scope");
  const unitRaw = search.get("unit");
  const programRaw = search.get("program");
  const kind = raw === "city" || raw === "unit" || raw === "program" ? raw : unitRaw ? "unit" : programRaw ? "program" : "city";
  if (kind === "unit") {
    const unitId = parseId(unitRaw);
    return unitId === null ? null : { kind, unitId };
  }
  if (kind === "program") return isProgram(programRaw) ? { kind, code: programRaw } : null;
  return { kind: "city" };
}

export function scopeSearch(scope: AssistantScopeQuery): URLSearchParams {
  if (scope.kind === "unit") return new URLSearchParams({ scope: "unit", unit: String(scope.unitId) });
  if (scope.kind === "program") return new URLSearchParams({ scope: "program", program: scope.code });
  return new URLSearchParams({ scope: "city" });
}

/** The picker's single value ("city", "program:CDS", "unit:12") as the canonical URL, or null. */
export function pickedHref(value: string): string | null {
  if (value === "city") return `/assistant?${scopeSearch({ kind: "city" })}`;
  const [kind, rest] = value.split(":", 2);
  if (kind === "program" && isProgram(rest ?? null)) return `/assistant?${scopeSearch({ kind: "program", code: rest as ProgramCode })}`;
  const id = parseId(rest ?? null);
  if (kind === "unit" && id !== null) return `/assistant?${scopeSearch({ kind: "unit", unitId: id })}`;
  return null;
}

/** Whether the unit has active units below it (the picker's tree order: its children follow it, deeper). */
export function hasSubunits(units: Array<{ id: number; depth: number }>, unitId: number) {
  const i = units.findIndex((u) => u.id === unitId);
  return i >= 0 && i + 1 < units.length && units[i + 1].depth > units[i].depth;
}
