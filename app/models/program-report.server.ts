/**
 * One program's page (/programs/:code) as a view model: its numbers as of a date, its goals (the
 * indicator's latest reading and how their tasks stand), its units ranked by share overdue, and its
 * most overdue tasks.
 */
import type { Db } from "~/db.server";
import { emptyNumbers, finish, rankByShareOverdue, type RollupNumbers } from "~/domain/rollup";
import type { RollupRow } from "~/domain/rollup-rows";
import type { ProgramCode } from "~/domain/task-rules";
import { listGoalReadings, listGoals } from "./goal.server";
import { computeRollup, mostOverdueAsOf, tallyStates } from "./rollup.server";
import { getUnit, unitPath } from "./unit.server";

const OVERDUE_SHOWN = 10;

export async function programReportView(
  db: Db,
  q: { program: ProgramCode; asOf: string; readerUnitId: number; lang: "vi" | "en" },
  today: string,
  timeZone: string,
) {
  const { program, asOf, lang } = q;
  const path = await unitPath(db, q.readerUnitId);
  const cityId = path[path.length - 1] ?? q.readerUnitId;
  const [byProgram, byGoal, byUnit, goals, city] = await Promise.all([
    computeRollup(db, { by: "program", asOf, lang }, today, timeZone),
    computeRollup(db, { by: "goal", asOf, lang }, today, timeZone),
    computeRollup(db, { by: "unit", asOf, lang }, today, timeZone),
    listGoals(db, { program }),
    getUnit(db, cityId),
  ]);
  const item = byProgram.items.find((i) => i.key === program);
  const numbers: RollupNumbers = item ?? finish(emptyNumbers());
  const cityKey = String(cityId);

  // Goals: the indicator's latest reading on or before the date, and how the goal's tasks stand.
  const goalRows = await Promise.all(
    goals.map(async (g) => {
      const readings = await listGoalReadings(db, g.id);
      const reading = readings.find((r) => r.asOf <= asOf) ?? null;
      return {
        id: g.id,
        title: g.title,
        leadUnitName: g.leadUnitName,
        dueDate: g.dueDate,
        indicatorName: g.indicatorName,
        indicatorUnit: g.indicatorUnit,
        indicatorTarget: g.indicatorTarget,
        indicatorBaseline: g.indicatorBaseline,
        current: reading ? { value: reading.value, asOf: reading.asOf } : null,
        numbers: (byGoal.items.find((i) => i.key === String(g.id)) as RollupNumbers | undefined) ?? finish(emptyNumbers()),
      };
    }),
  );

  // Units directly below the city, each with everything below it: the unit rollup's tree gives each
  // lead unit's top-level ancestor (every ancestor of a lead unit is an item of that rollup).
  const parentOf = new Map(byUnit.items.map((i) => [i.key, i.parentKey ?? null]));
  const topOf = (unitId: number): string | null => {
    let key: string | null = String(unitId);
    for (let guard = 0; key !== null && guard < 64; guard++) {
      const parent: string | null = parentOf.get(key) ?? null;
      if (parent === cityKey) return key;
      key = parent;
    }
    return null;
  };
  // Tallied once per date and version (cached like the rollups), not on every request.
  const byTop = await tallyStates(db, asOf, today, timeZone, `program-units:${program}:${cityKey}`, (s) => {
    if (s.leadUnitId === null || !s.programs.includes(program)) return [];
    const key = s.leadUnitId === cityId ? `direct:${cityKey}` : topOf(s.leadUnitId);
    return key ? [key] : [];
  });
  const nameOf = new Map(byUnit.items.map((i) => [i.key, i.name]));
  const units: RollupRow[] = rankByShareOverdue(
    [...byTop.entries()]
      .filter(([k]) => !k.startsWith("direct:"))
      .map(([k, n]) => ({ key: k, name: nameOf.get(k) ?? k, href: `/units/${k}`, numbers: n })),
  ).map((r, index) => ({ ...r, rank: index + 1 }));
  const direct = byTop.get(`direct:${cityKey}`);
  const unitFoot: RollupRow[] = [];
  if (direct) unitFoot.push({ key: `direct:${cityKey}`, name: city?.name ?? "", note: "direct", numbers: direct });
  unitFoot.push({ key: "all", name: city?.name ?? "", note: "whole", numbers });

  // The program's most overdue tasks, as they stood on the date.
  const overdue = await mostOverdueAsOf(db, asOf, today, timeZone, (s) => s.programs.includes(program), OVERDUE_SHOWN);

  return { program: { code: program, name: item?.name ?? program }, numbers, goals: goalRows, units, unitFoot, overdue };
}
