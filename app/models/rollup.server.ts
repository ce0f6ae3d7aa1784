/**
 * Rollups as of a date, computed from task_states (the state each task had then), so a report for a
 * past date gives the same numbers whenever it is produced again. Results are cached in memory:
 * past dates forever (their history can no longer change), today and later by the rollup version
 * that every task write bumps in the database (so a write on any server invalidates every cache).
 */
import type { Db } from "~/db.server";
import { addDays, startOfDayUtc } from "~/domain/dates";
import { addTo, classify, emptyNumbers, finish, type Classification, type RollupNumbers } from "~/domain/rollup";
import type { TaskStatus } from "~/domain/task-rules";

export interface TaskStateAsOf {
  taskId: number;
  status: TaskStatus;
  leadUnitId: number | null;
  ownerId: number | null;
  deadline: string | null;
  completedOn: string | null;
  extensionCount: number;
  goalId: number | null;
  programs: string[];
  coordinatingUnitIds: number[];
}

/** The id of the state row in force for each task at the end of `asOf` (in `timeZone`). */
export function latestStateIds(db: Db, asOf: string, timeZone: string) {
  const cutoff = startOfDayUtc(addDays(asOf, 1), timeZone).toISOString();
  return db.selectFrom("task_states").select((eb) => eb.fn.max("id").as("id")).where("valid_from", "<", cutoff).groupBy("task_id");
}

export async function statesAsOf(db: Db, asOf: string, timeZone: string): Promise<TaskStateAsOf[]> {
  const rows = await db
    .selectFrom("task_states")
    .select([
      "task_id as taskId",
      "status",
      "lead_unit_id as leadUnitId",
      "owner_id as ownerId",
      "deadline",
      "completed_on as completedOn",
      "extension_count as extensionCount",
      "goal_id as goalId",
      "programs",
      "coordinating_unit_ids as coordinating",
    ])
    .where("id", "in", latestStateIds(db, asOf, timeZone))
    .execute();
  return rows.map((r) => ({
    taskId: r.taskId,
    status: r.status,
    leadUnitId: r.leadUnitId,
    ownerId: r.ownerId,
    deadline: r.deadline,
    completedOn: r.completedOn,
    extensionCount: r.extensionCount,
    goalId: r.goalId,
    programs: r.programs ? r.programs.split(",") : [],
    coordinatingUnitIds: r.coordinating ? r.coordinating.split(",").map(Number) : [],
  }));
}

export type RollupBy = "unit" | "program" | "goal";

export interface RollupQuery {
  by: RollupBy;
  asOf: string;
  /** For by=unit: the scope (default: every unit). */
  unitId?: number;
  /** For by=unit: each unit counts the tasks of the units below it too (default true). */
  includeSubunits?: boolean;
  /** For by=unit: attribute tasks to their lead unit (default) or to their coordinating units. */
  role?: "lead" | "coordinating";
  lang: "vi" | "en";
}

export interface RollupItem extends RollupNumbers {
  key: string;
  name: string;
  /** For units: the parent (to draw the tree) and the depth below the scope. */
  parentKey?: string | null;
  depth?: number;
}

export interface Rollup {
  asOf: string;
  overall: RollupNumbers;
  items: RollupItem[];
}

// ---------------------------------------------------------------------------------------------
// Cache

const CACHE_LIMIT = 200;
const cache = new Map<string, unknown>();

async function rollupVersion(db: Db): Promise<string> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "rollup_version").executeTakeFirst();
  return row?.value ?? "0";
}

async function cached<T>(db: Db, key: string, asOf: string, today: string, compute: () => Promise<T>): Promise<T> {
  const fullKey = asOf < today ? `past|${key}` : `v${await rollupVersion(db)}|${key}`;
  if (cache.has(fullKey)) {
    const value = cache.get(fullKey) as T;
    cache.delete(fullKey);
    cache.set(fullKey, value); // most recently used last
    return value;
  }
  const value = await compute();
  cache.set(fullKey, value);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return value;
}

/** For tests and benchmarks: start cold. */
export function clearRollupCache() {
  cache.clear();
}

// ---------------------------------------------------------------------------------------------
// Computing

interface UnitNode {
  id: number;
  name: string;
  parentId: number | null;
  active: boolean;
  kind: string;
}

async function loadUnits(db: Db): Promise<Map<number, UnitNode>> {
  const rows = await db.selectFrom("units").select(["id", "name", "parent_id as parentId", "active", "kind"]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, parentId: r.parentId, active: r.active === 1, kind: r.kind }]));
}

function ancestorsOf(units: Map<number, UnitNode>, unitId: number): number[] {
  const out: number[] = [];
  let current: number | null = unitId;
  for (let guard = 0; current !== null && guard < 64; guard++) {
    out.push(current);
    current = units.get(current)?.parentId ?? null;
  }
  return out;
}

/** The classified states as of the date (cached per date and version). */
async function classifiedStates(db: Db, asOf: string, today: string, timeZone: string) {
  return cached(db, `states|${asOf}`, asOf, today, async () => {
    const states = await statesAsOf(db, asOf, timeZone);
    return states.map((s) => ({ state: s, c: classify(s, asOf) }));
  });
}

export async function computeRollup(db: Db, query: RollupQuery, today: string, timeZone: string): Promise<Rollup> {
  const key = JSON.stringify(query);
  return cached(db, `rollup|${key}`, query.asOf, today, async () => {
    const classified = await classifiedStates(db, query.asOf, today, timeZone);
    const overall = emptyNumbers();
    const buckets = new Map<string, RollupNumbers>();
    const bump = (k: string, c: Classification, ext: number) => {
      let n = buckets.get(k);
      if (!n) buckets.set(k, (n = emptyNumbers()));
      addTo(n, c, ext);
    };

    if (query.by === "unit") {
      const units = await loadUnits(db);
      const scope = query.unitId;
      const includeSub = query.includeSubunits !== false;
      const inScope = (unitId: number) => scope === undefined || ancestorsOf(units, unitId).includes(scope);
      for (const { state, c } of classified) {
        const attributed = query.role === "coordinating" ? state.coordinatingUnitIds : state.leadUnitId !== null ? [state.leadUnitId] : [];
        // A task counts once per unit, even when several of its coordinating units sit below it.
        const targets = new Set<number>();
        for (const unitId of attributed) {
          if (!inScope(unitId)) continue;
          for (const target of includeSub ? ancestorsOf(units, unitId) : [unitId]) {
            if (scope === undefined || ancestorsOf(units, target).includes(scope)) targets.add(target);
          }
        }
        for (const target of targets) bump(String(target), c, state.extensionCount);
        if (targets.size > 0) addTo(overall, c, state.extensionCount);
      }
      const scopeDepth = scope !== undefined ? ancestorsOf(units, scope).length : 0;
      const items: RollupItem[] = [...buckets.entries()].map(([k, n]) => {
        const unit = units.get(Number(k));
        return {
          key: k,
          name: unit?.name ?? k,
          parentKey: unit?.parentId != null ? String(unit.parentId) : null,
          depth: unit ? ancestorsOf(units, unit.id).length - scopeDepth - (scope === undefined ? 1 : 0) : 0,
          ...finish(n),
        };
      });
      items.sort((a, b) => (a.depth ?? 0) - (b.depth ?? 0) || a.name.localeCompare(b.name, "vi"));
      return { asOf: query.asOf, overall: finish(overall), items };
    }

    if (query.by === "program") {
      const programs = await db.selectFrom("programs").select(["code", "name_vi", "name_en"]).orderBy("rank").execute();
      for (const { state, c } of classified) {
        for (const code of state.programs) bump(code, c, state.extensionCount);
        addTo(overall, c, state.extensionCount);
      }
      const items = programs.map((p) => ({ key: p.code, name: query.lang === "vi" ? p.name_vi : p.name_en, ...finish(buckets.get(p.code) ?? emptyNumbers()) }));
      return { asOf: query.asOf, overall: finish(overall), items };
    }

    const goals = await db.selectFrom("goals").select(["id", "title"]).orderBy("id").execute();
    for (const { state, c } of classified) {
      if (state.goalId !== null) {
        bump(String(state.goalId), c, state.extensionCount);
        addTo(overall, c, state.extensionCount);
      }
    }
    const items = goals.map((g) => ({ key: String(g.id), name: g.title, ...finish(buckets.get(String(g.id)) ?? emptyNumbers()) }));
    return { asOf: query.asOf, overall: finish(overall), items };
  });
}

/** Headline numbers of every issued task as of the date (the city as a whole). */
export async function cityNumbers(db: Db, asOf: string, today: string, timeZone: string) {
  const classified = await classifiedStates(db, asOf, today, timeZone);
  const n = emptyNumbers();
  for (const { state, c } of classified) addTo(n, c, state.extensionCount);
  return finish(n);
}

/** The overdue tasks as of the date, oldest first (for the committee's "most overdue" list and reports). */
export async function overdueAsOf(db: Db, asOf: string, today: string, timeZone: string, options: { unitIds?: number[]; limit?: number } = {}) {
  const classified = await classifiedStates(db, asOf, today, timeZone);
  const set = options.unitIds ? new Set(options.unitIds) : null;
  return classified
    .filter(({ state, c }) => c.category === "overdue" && (!set || (state.leadUnitId !== null && set.has(state.leadUnitId))))
    .sort((a, b) => b.c.daysOverdue - a.c.daysOverdue || a.state.taskId - b.state.taskId)
    .slice(0, options.limit ?? 50)
    .map(({ state, c }) => ({ taskId: state.taskId, daysOverdue: c.daysOverdue, ageBand: c.ageBand, deadline: state.deadline, leadUnitId: state.leadUnitId, ownerId: state.ownerId }));
}

// ---------------------------------------------------------------------------------------------
// Monthly snapshots: frozen at each period's cut-off, the trend is read from them.

export async function ensureSnapshot(db: Db, periodEndDate: string, today: string, timeZone: string) {
  if (periodEndDate >= today) return null; // a period is frozen only once it has ended
  const existing = await db
    .selectFrom("rollup_snapshots")
    .select("numbers")
    .where("period_end", "=", periodEndDate)
    .where("dimension", "=", "city")
    .where("item_key", "=", "all")
    .executeTakeFirst();
  if (existing) return JSON.parse(existing.numbers) as RollupNumbers;
  const numbers = await cityNumbers(db, periodEndDate, today, timeZone);
  await db
    .insertInto("rollup_snapshots")
    .values({ period_end: periodEndDate, dimension: "city", item_key: "all", include_subunits: 1, numbers: JSON.stringify(numbers), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(["period_end", "dimension", "item_key", "include_subunits"]).doNothing())
    .execute();
  return numbers;
}

/** Share overdue per period end (oldest first), from the frozen snapshots (made on first need). */
export async function monthlyTrend(db: Db, periodEnds: string[], today: string, timeZone: string) {
  const out: Array<{ periodEnd: string; numbers: RollupNumbers }> = [];
  for (const p of periodEnds) {
    const numbers = await ensureSnapshot(db, p, today, timeZone);
    if (numbers) out.push({ periodEnd: p, numbers });
  }
  return out;
}

export async function countPendingExtensions(db: Db) {
  const row = await db.selectFrom("task_extensions").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "pending").executeTakeFirstOrThrow();
  return Number(row.n);
}


/**
 * Overdue entries (as of a date) with the task's title and the names of the lead unit and owner it
 * had then — three queries for the whole list, for the "most overdue" tables.
 */
export async function describeOverdue(
  db: Db,
  entries: Array<{ taskId: number; daysOverdue: number; deadline: string | null; leadUnitId: number | null; ownerId: number | null }>,
) {
  const ids = (list: Array<number | null>) => [...new Set(list.filter((x): x is number => x !== null))].concat([-1]);
  const [tasks, units, users] = await Promise.all([
    db.selectFrom("tasks").select(["id", "title"]).where("id", "in", ids(entries.map((e) => e.taskId))).execute(),
    db.selectFrom("units").select(["id", "name"]).where("id", "in", ids(entries.map((e) => e.leadUnitId))).execute(),
    db.selectFrom("users").select(["id", "full_name"]).where("id", "in", ids(entries.map((e) => e.ownerId))).execute(),
  ]);
  const title = new Map(tasks.map((t) => [t.id, t.title]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const ownerName = new Map(users.map((u) => [u.id, u.full_name]));
  return entries.map((e) => ({
    taskId: e.taskId,
    title: title.get(e.taskId) ?? `#${e.taskId}`,
    leadUnitId: e.leadUnitId,
    leadUnitName: e.leadUnitId !== null ? unitName.get(e.leadUnitId) ?? null : null,
    ownerName: e.ownerId !== null ? ownerName.get(e.ownerId) ?? null : null,
    deadline: e.deadline,
    daysOverdue: e.daysOverdue,
  }));
}
