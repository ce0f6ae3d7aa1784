/** Reading an audit event's data (JSON written by the commands), for pages that show history. */

export type AuditData = Record<string, unknown>;

/** The event's JSON as an object; anything else (broken or not an object) under `value`. */
export function parseAuditData(raw: string): AuditData {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as AuditData;
    return { value: parsed };
  } catch {
    return { value: raw };
  }
}

export const UNIT_REF_FIELDS = ["unitId", "parentId"];

/** Unit ids an event's data refers to, so the page can show their names instead of numbers. */
export function referencedUnitIds(data: AuditData): number[] {
  const ids = new Set<number>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== "object") return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (UNIT_REF_FIELDS.includes(key) && typeof v === "number" && Number.isInteger(v)) ids.add(v);
    }
  };
  visit(data);
  visit(data.before);
  visit(data.after);
  return [...ids];
}
