/**
 * The printable report (/reports/print) as a view model: the headline figures of a scope (the city, a
 * unit, a program) as of a date, its breakdown by unit ranked by share overdue, and every overdue task.
 */
import type { Db } from "~/db.server";
import type { RollupScope } from "~/domain/drilldown";
import type { PrintScope } from "~/domain/report-params";
import { addTo, emptyNumbers, finish, rankByShareOverdue, type RollupNumbers } from "~/domain/rollup";
import { translate } from "~/i18n";
import { listPrograms } from "./program.server";
import { cityNumbers, classifiedStatesAsOf, computeRollup, type TaskStateAsOf } from "./rollup.server";
import { taskReferenceNames } from "./task.server";
import { listUnits, subtreeIds } from "./unit.server";

interface Row {
  key: string;
  name: string;
  scope: RollupScope;
  numbers: RollupNumbers;
}

/** The report, or null when its unit does not exist. */
export async function printReportView(db: Db, q: { asOf: string; scope: PrintScope; lang: "vi" | "en" }, today: string, timeZone: string) {
  const { asOf, scope, lang } = q;
  const unitList = await listUnits(db, { includeClosed: true });
  const units = new Map(unitList.map((u) => [u.id, u]));
  if (scope.kind === "unit" && !units.has(scope.unitId)) return null;
  // The date's classified states, shared with the other rollups (cached per date and version).
  const classified = await classifiedStatesAsOf(db, asOf, today, timeZone);

  let headline: RollupNumbers;
  let headlineScope: RollupScope;
  let rows: Row[] = [];
  let scopeName: { unit?: string; program?: string } = {};
  // Which tasks the overdue list holds: the same scope as the figures.
  let inScope: (s: TaskStateAsOf) => boolean = () => true;

  if (scope.kind === "city") {
    const [city, bySubtree, byOwn] = await Promise.all([
      cityNumbers(db, asOf, today, timeZone),
      computeRollup(db, { by: "unit", asOf, includeSubunits: true, lang }, today, timeZone),
      computeRollup(db, { by: "unit", asOf, includeSubunits: false, lang }, today, timeZone),
    ]);
    headline = city;
    headlineScope = {};
    rows = bySubtree.items
      .filter((i) => i.depth === 1)
      .map((i) => ({ key: i.key, name: i.name, scope: { unitId: Number(i.key), includeSubunits: true }, numbers: i }));
    for (const root of bySubtree.items.filter((i) => i.depth === 0)) {
      const own = byOwn.items.find((i) => i.key === root.key);
      if (own)
        rows.push({
          key: `own-${own.key}`,
          name: translate(lang, "reports.print.direct", { unit: own.name }),
          scope: { unitId: Number(own.key), includeSubunits: false },
          numbers: own,
        });
    }
  } else if (scope.kind === "unit") {
    const { unitId, includeSubunits, role } = scope;
    const coordinating = role === "coordinating";
    const unitName = units.get(unitId)!.name;
    scopeName = { unit: unitName };
    const [bySubtree, byOwn, subtree] = await Promise.all([
      includeSubunits ? computeRollup(db, { by: "unit", asOf, unitId, includeSubunits: true, role, lang }, today, timeZone) : null,
      computeRollup(db, { by: "unit", asOf, unitId, includeSubunits: false, role, lang }, today, timeZone),
      includeSubunits ? subtreeIds(db, unitId) : Promise.resolve([unitId]),
    ]);
    const own = byOwn.items.find((i) => i.key === String(unitId)) ?? null;
    const ownRow = (name: string): Row[] =>
      own ? [{ key: `own-${unitId}`, name, scope: { unitId, includeSubunits: false, coordinating }, numbers: own }] : [];
    if (bySubtree) {
      // The whole subtree counts each task once (the rollup's overall), whatever its units.
      headline = bySubtree.overall;
      rows = [
        ...bySubtree.items
          .filter((i) => i.depth === 1)
          .map((i) => ({ key: i.key, name: i.name, scope: { unitId: Number(i.key), includeSubunits: true, coordinating }, numbers: i })),
        ...ownRow(translate(lang, "reports.print.direct", { unit: unitName })),
      ];
    } else {
      headline = own ?? emptyNumbers();
      rows = ownRow(unitName);
    }
    headlineScope = { unitId, includeSubunits, coordinating };
    const set = new Set(subtree);
    inScope = coordinating ? (s) => s.coordinatingUnitIds.some((id) => set.has(id)) : (s) => s.leadUnitId !== null && set.has(s.leadUnitId);
  } else {
    const { program } = scope;
    const [byProgram, programs] = await Promise.all([computeRollup(db, { by: "program", asOf, lang }, today, timeZone), listPrograms(db)]);
    const p = programs.find((x) => x.code === program);
    scopeName = { program: p ? (lang === "vi" ? p.nameVi : p.nameEn) : program };
    headline = byProgram.items.find((i) => i.key === program) ?? emptyNumbers();
    headlineScope = { program };
    inScope = (s) => s.programs.includes(program);
    // By lead unit, as the city's breakdown: each unit below the city with its subtree, and the city's own tasks.
    const buckets = new Map<string, { unitId: number; own: boolean; numbers: RollupNumbers }>();
    for (const { state, c } of classified) {
      if (!inScope(state) || state.leadUnitId === null) continue;
      const chain: number[] = [];
      for (let id: number | null = state.leadUnitId, guard = 0; id !== null && guard < 64; guard++) {
        chain.push(id);
        id = units.get(id)?.parentId ?? null;
      }
      const own = chain.length === 1;
      const unitId = own ? chain[0] : chain[chain.length - 2];
      const key = own ? `own-${unitId}` : String(unitId);
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { unitId, own, numbers: emptyNumbers() }));
      addTo(bucket.numbers, c, state.extensionCount);
    }
    rows = [...buckets.entries()].map(([key, b]) => {
      const name = units.get(b.unitId)?.name ?? String(b.unitId);
      return {
        key,
        name: b.own ? translate(lang, "reports.print.direct", { unit: name }) : name,
        scope: { unitId: b.unitId, includeSubunits: !b.own, program },
        numbers: finish(b.numbers),
      };
    });
  }

  const ranked = rankByShareOverdue(rows.filter((r) => r.numbers.total > 0));

  const overdue = classified
    .filter(({ state, c }) => c.category === "overdue" && inScope(state))
    .sort((a, b) => b.c.daysOverdue - a.c.daysOverdue || a.state.taskId - b.state.taskId);
  const names = await taskReferenceNames(db, {
    taskIds: overdue.map((o) => o.state.taskId),
    unitIds: overdue.map((o) => o.state.leadUnitId).filter((x): x is number => x !== null),
    userIds: overdue.map((o) => o.state.ownerId).filter((x): x is number => x !== null),
  });

  return {
    scope,
    scopeName,
    headline,
    headlineScope,
    rows: ranked.map((r) => ({ key: r.key, name: r.name, scope: r.scope, numbers: r.numbers })),
    overdue: overdue.map(({ state, c }) => ({
      taskId: state.taskId,
      title: names.tasks[String(state.taskId)] ?? `#${state.taskId}`,
      leadUnitName: state.leadUnitId !== null ? (names.units[String(state.leadUnitId)] ?? null) : null,
      ownerName: state.ownerId !== null ? (names.users[String(state.ownerId)] ?? null) : null,
      deadline: state.deadline,
      daysOverdue: c.daysOverdue,
    })),
  };
}
