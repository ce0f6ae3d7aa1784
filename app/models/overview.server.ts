/**
 * The committee's overview ("/") as a view model: headline figures for the reader's scope (the city,
 * their unit, or their own tasks), the three programs, the units below ranked by share overdue, the most
 * overdue tasks, the extension requests waiting and the monthly trend — all as of one date.
 */
import type { Db } from "~/db.server";
import { type OverviewScope } from "~/domain/overview-scope";
import { emptyNumbers, finish, pastPeriodEnds, rankByShareOverdue, type RollupNumbers } from "~/domain/rollup";
import { type RollupRow, sortRows, type SortDir, type UnitSort } from "~/domain/rollup-rows";
import { PROGRAM_CODES } from "~/domain/task-rules";
import {
  cityNumbers,
  computeRollup,
  countPendingExtensions,
  describeOverdue,
  monthlyTrend,
  mostOverdueAsOf,
  overdueAsOf,
  tallyStates,
} from "./rollup.server";
import { listExtensions } from "./task.server";
import { getUnit, subtreeIds, unitPath } from "./unit.server";

const OVERDUE_SHOWN = 10;
/**
 * Units ranked on the page unless "show all" is asked for (?units=all): at city scale (20 departments
 * and 126 wards/communes) the full table is ~150 rows and 1,300 links, most of the page's weight.
 */
const UNITS_SHOWN = 30;
const EXTENSIONS_SHOWN = 5;
const TREND_PERIODS = 12;

/** The scopes a role may switch between, the default first. */
export function scopesFor(role: string): OverviewScope[] {
  if (role === "head") return ["unit", "city"];
  if (role === "staff") return ["me", "city"];
  return ["city"];
}

export interface OverviewQuery {
  reader: { id: number; unitId: number; role: string; language: "vi" | "en" };
  /** The scope asked for in the URL (ignored unless the reader's role offers it). */
  scope?: OverviewScope;
  sort: UnitSort;
  dir: SortDir;
  allUnits: boolean;
  asOf: string;
  /** Whether the reader decides extension requests (then the waiting ones are shown). */
  decidesExtensions: boolean;
}

interface ProgramFigures {
  code: string;
  name: string;
  numbers: RollupNumbers;
}

export async function overviewView(db: Db, q: OverviewQuery, today: string, timeZone: string, cutoffDay: number) {
  const { reader, asOf } = q;
  const scopes = scopesFor(reader.role);
  const scope: OverviewScope = q.scope && scopes.includes(q.scope) ? q.scope : scopes[0];
  const path = await unitPath(db, reader.unitId);
  const cityId = path[path.length - 1] ?? reader.unitId;
  const [city, ownUnit] = await Promise.all([getUnit(db, cityId), getUnit(db, reader.unitId)]);
  const scopeUnitId = scope === "city" ? cityId : reader.unitId;
  const scopeName = (scope === "city" ? city?.name : ownUnit?.name) ?? "";
  const figures =
    scope === "me"
      ? await ownFigures(db, reader.id, asOf, today, timeZone)
      : await unitFigures(
          db,
          { scope, scopeUnitId, scopeName, lang: reader.language, asOf, sort: q.sort, dir: q.dir, allUnits: q.allUnits },
          today,
          timeZone,
        );

  const trend =
    scope === "me"
      ? []
      : (await monthlyTrend(db, pastPeriodEnds(today, TREND_PERIODS, cutoffDay), today, timeZone)).map((p) => ({
          periodEnd: p.periodEnd,
          total: p.numbers.total,
          overdue: p.numbers.overdue,
          shareOverdue: p.numbers.shareOverdue,
        }));

  return {
    scope,
    scopes,
    cityName: city?.name ?? "",
    scopeUnit: { id: scopeUnitId, name: scopeName },
    ownUnitName: ownUnit?.name ?? "",
    ...figures,
    // Keep only programs that exist in code (the rollup lists what the database has).
    programs: figures.programs.filter((p) => (PROGRAM_CODES as readonly string[]).includes(p.code)),
    allUnits: q.allUnits,
    extensions: q.decidesExtensions ? await waitingExtensions(db) : null,
    trend,
  };
}

/** A staff member's own tasks: their figures and their most overdue tasks. */
async function ownFigures(db: Db, ownerId: number, asOf: string, today: string, timeZone: string) {
  const mine = await tallyStates(db, asOf, today, timeZone, `owner:${ownerId}`, (s) => (s.ownerId === ownerId ? ["me"] : []));
  return {
    headline: mine.get("me") ?? finish(emptyNumbers()),
    programs: [] as ProgramFigures[],
    units: [] as RollupRow[],
    unitFoot: [] as RollupRow[],
    unitCount: 0,
    coordinating: null as RollupNumbers | null,
    overdue: await mostOverdueAsOf(db, asOf, today, timeZone, (s) => s.ownerId === ownerId, OVERDUE_SHOWN),
  };
}

/** The city's or a unit's figures, its programs, the units directly below it ranked, and its most overdue tasks. */
async function unitFigures(
  db: Db,
  q: {
    scope: "city" | "unit";
    scopeUnitId: number;
    scopeName: string;
    lang: "vi" | "en";
    asOf: string;
    sort: UnitSort;
    dir: SortDir;
    allUnits: boolean;
  },
  today: string,
  timeZone: string,
) {
  const { scope, scopeUnitId, asOf } = q;
  const rollupOf = (query: Omit<Parameters<typeof computeRollup>[1], "asOf" | "lang">) =>
    computeRollup(db, { ...query, asOf, lang: q.lang }, today, timeZone);
  const unitId = scope === "unit" ? scopeUnitId : undefined;
  const [byProgram, byUnit, direct] = await Promise.all([
    rollupOf({ by: "program" }),
    rollupOf({ by: "unit", unitId }),
    rollupOf({ by: "unit", unitId, includeSubunits: false }),
  ]);
  let headline: RollupNumbers;
  let programs: ProgramFigures[];
  let overdue: Awaited<ReturnType<typeof describeOverdue>>;
  let coordinating: RollupNumbers | null = null;
  if (scope === "city") {
    headline = await cityNumbers(db, asOf, today, timeZone);
    programs = byProgram.items.map((i) => ({ code: i.key, name: i.name, numbers: i }));
    overdue = await describeOverdue(db, await overdueAsOf(db, asOf, today, timeZone, { limit: OVERDUE_SHOWN }));
  } else {
    headline = byUnit.overall;
    const inScope = new Set(await subtreeIds(db, scopeUnitId));
    const byCode = await tallyStates(db, asOf, today, timeZone, `programs-in:${scopeUnitId}`, (s) =>
      s.leadUnitId !== null && inScope.has(s.leadUnitId) ? s.programs : [],
    );
    programs = byProgram.items.map((i) => ({ code: i.key, name: i.name, numbers: byCode.get(i.key) ?? finish(emptyNumbers()) }));
    overdue = await describeOverdue(db, await overdueAsOf(db, asOf, today, timeZone, { unitIds: [...inScope], limit: OVERDUE_SHOWN }));
    coordinating = (await rollupOf({ by: "unit", unitId: scopeUnitId, role: "coordinating" })).overall;
  }
  // The units directly below the scope, each with everything below it, ranked by share overdue.
  const children = byUnit.items.filter((i) => i.parentKey === String(scopeUnitId));
  const ranked = rankByShareOverdue(
    children.map((i) => ({ key: i.key, name: i.name, href: `/units/${i.key}`, numbers: i as RollupNumbers })),
  ).map((r, index) => ({ ...r, rank: index + 1 }));
  // The first rows in the table's own order (the table sorts the same way).
  const units: RollupRow[] = q.allUnits ? ranked : sortRows(ranked, q.sort, q.dir).slice(0, UNITS_SHOWN);
  const unitFoot: RollupRow[] = [];
  const whole = byUnit.items.find((i) => i.key === String(scopeUnitId));
  const directItem = direct.items.find((i) => i.key === String(scopeUnitId));
  if (directItem && directItem.total > 0)
    unitFoot.push({ key: `${scopeUnitId}:direct`, name: q.scopeName, note: "direct", numbers: directItem });
  if (whole) unitFoot.push({ key: String(scopeUnitId), name: q.scopeName, note: "whole", numbers: whole });
  return { headline, programs, units, unitFoot, unitCount: ranked.length, coordinating, overdue };
}

/** How many extension requests wait for a decision, and the oldest few. */
async function waitingExtensions(db: Db) {
  const [count, pending] = await Promise.all([
    countPendingExtensions(db),
    listExtensions(db, { status: "pending", oldestFirst: true, limit: EXTENSIONS_SHOWN }),
  ]);
  const oldest = [...pending]
    .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : a.id - b.id))
    .slice(0, EXTENSIONS_SHOWN)
    .map((e) => ({
      id: e.id,
      taskId: e.taskId,
      taskTitle: e.taskTitle,
      leadUnitName: e.leadUnitName,
      requestedAt: e.requestedAt,
      requestedDeadline: e.requestedDeadline,
    }));
  return { count, oldest };
}

export { OVERVIEW_SCOPES, type OverviewScope } from "~/domain/overview-scope";
