/**
 * A unit's page (/units/:unitId) as a view model: its figures as of a date (the report categories, from
 * computeRollup, the same as the API and the printable report) against the city's, the units below it,
 * and its overdue and due-soon tasks.
 */
import type { Db } from "~/db.server";
import type { ReportRole } from "~/domain/report-params";
import { emptyNumbers, type RollupNumbers } from "~/domain/rollup";
import { toTaskListItem } from "~/domain/task-list-item";
import { cityNumbers, computeRollup } from "./rollup.server";
import { listTasks } from "./task.server";
import { getUnit, listUnits, unitAncestors } from "./unit.server";

const LIST_SHOWN = 10;

export interface UnitReportQuery {
  unitId: number;
  asOf: string;
  includeSubunits: boolean;
  role: ReportRole;
  lang: "vi" | "en";
}

/** The unit's report, or null when there is no such unit. */
export async function unitReportView(db: Db, q: UnitReportQuery, today: string, timeZone: string) {
  const { unitId: id, asOf, includeSubunits, role, lang } = q;
  const unit = await getUnit(db, id);
  if (!unit) return null;
  const coordinating = role === "coordinating";

  // The lists use the drill-down's own filters, so "see all N" lands on a list of N rows.
  const listFilter = { unitId: id, includeSubunits, coordinating, asOf, timeZone, sort: "deadline" as const, limit: LIST_SHOWN, offset: 0 };
  const [ancestors, rollup, city, allUnits, overdue, dueSoon] = await Promise.all([
    unitAncestors(db, id),
    computeRollup(db, { by: "unit", asOf, unitId: id, includeSubunits, role, lang }, today, timeZone),
    cityNumbers(db, asOf, today, timeZone),
    listUnits(db, { includeClosed: true }),
    listTasks(db, { ...listFilter, standing: "overdue" }, today),
    listTasks(db, { ...listFilter, standing: "due_soon" }, today),
  ]);

  const byKey = new Map(rollup.items.map((item) => [item.key, item]));
  // With sub-units the scope's whole subtree counts once per task (the rollup's overall); own tasks only: the unit's own row.
  const numbers: RollupNumbers = includeSubunits ? rollup.overall : (byKey.get(String(id)) ?? emptyNumbers());

  // The units below: the direct children (each with its subtree), or every unit below (each with its own
  // tasks), in tree order. A closed unit is listed only while it still has tasks on the date.
  const children = new Map<number, typeof allUnits>();
  for (const u of allUnits) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const rows: Array<{ id: number; name: string; depth: number; closed: boolean; numbers: RollupNumbers }> = [];
  const walk = (parentId: number, depth: number) => {
    for (const u of [...(children.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name, "vi"))) {
      const item = byKey.get(String(u.id));
      if (u.active || item) rows.push({ id: u.id, name: u.name, depth, closed: !u.active, numbers: item ?? emptyNumbers() });
      if (!includeSubunits && depth < 64) walk(u.id, depth + 1);
    }
  };
  walk(id, 1);

  return {
    unit: { id: unit.id, name: unit.name, code: unit.code, kind: unit.kind, active: unit.active },
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
    numbers,
    city: { shareOverdue: city.shareOverdue, shareDoneOnTime: city.shareDoneOnTime, total: city.total },
    rows,
    // Judged as of the date: every row of these lists is overdue (due soon) then.
    overdue: { total: overdue.total, items: overdue.items.map((t) => ({ ...toTaskListItem(t), standing: "overdue" as const })) },
    dueSoon: { total: dueSoon.total, items: dueSoon.items.map((t) => ({ ...toTaskListItem(t), standing: "due_soon" as const })) },
  };
}
