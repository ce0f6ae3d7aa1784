/** Reading a task's history entries (audit_events data written by the task commands). */

/** Ids a task's history mentions, so the page can show names instead of numbers. */
export function historyReferences(events: Array<{ data: string }>) {
  const unitIds = new Set<number>();
  const userIds = new Set<number>();
  const goalIds = new Set<number>();
  const taskIds = new Set<number>();
  const num = (v: unknown, set: Set<number>) => {
    if (typeof v === "number" && Number.isInteger(v)) set.add(v);
  };
  for (const e of events) {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(e.data) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!data || typeof data !== "object") continue;
    const changes = (data.changes ?? {}) as Record<string, { before?: unknown; after?: unknown }>;
    for (const [field, c] of Object.entries(changes)) {
      for (const v of [c?.before, c?.after]) {
        if (field === "ownerId") num(v, userIds);
        if (field === "leadUnitId") num(v, unitIds);
        if (field === "goalId") num(v, goalIds);
        if (field === "coordinatingUnitIds" && Array.isArray(v)) v.forEach((x) => num(x, unitIds));
      }
    }
    if (Array.isArray(data.units)) data.units.forEach((x) => num(x, unitIds));
    num(data.parentId, taskIds);
  }
  return { unitIds: [...unitIds], userIds: [...userIds], goalIds: [...goalIds], taskIds: [...taskIds] };
}
