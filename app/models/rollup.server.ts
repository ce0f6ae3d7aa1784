/**
 * Rollups as of a date, computed from task_states (the state each task had then), so a report for a
 * past date gives the same numbers whenever it is produced again. Results are cached in memory:
 * past dates forever (their history can no longer change), today and later by the rollup version
 * that every task write bumps in the database (so a write on any server invalidates every cache).
 */
import { sql } from "kysely";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { addDays, startOfDayUtc } from "~/domain/dates";
import { addTo, classify, emptyNumbers, finish, type AgeBand, type Classification, type RollupNumbers } from "~/domain/rollup";
import { DUE_SOON_DAYS, type TaskStatus } from "~/domain/task-rules";

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
  return db
    .selectFrom("task_states")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("valid_from", "<", cutoff)
    .groupBy("task_id");
}

/** Shared copies of the few distinct program and coordinating-unit lists (100,000 tasks share a few hundred). */
function interner<T>(parse: (raw: string) => T) {
  const seen = new Map<string, T>();
  return (raw: string | null) => {
    const key = raw ?? "";
    let value = seen.get(key);
    if (value === undefined) seen.set(key, (value = parse(key)));
    return value;
  };
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
  // The lists are shared between states (read-only): at 100,000 tasks this keeps a date's states small.
  const programsOf = interner((raw) => (raw ? raw.split(",") : []));
  const coordinatingOf = interner((raw) => (raw ? raw.split(",").map(Number) : []));
  return rows.map((r) => ({
    taskId: r.taskId,
    status: r.status,
    leadUnitId: r.leadUnitId,
    ownerId: r.ownerId,
    deadline: r.deadline,
    completedOn: r.completedOn,
    extensionCount: r.extensionCount,
    goalId: r.goalId,
    programs: programsOf(r.programs),
    coordinatingUnitIds: coordinatingOf(r.coordinating),
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
//
// Two memories, both keyed by date and, for today and later, by the rollup version every task write
// bumps in the database (so a write on any server invalidates every server's answers):
// - the classified states of a date (one entry per task: large), kept for a few dates only;
// - everything derived from them (rollups, headline numbers, the overdue ranking, tallies: small),
//   kept for many. A past date's history can no longer change, so its answers stay valid.
// A computation under way is shared: concurrent requests after a write wait for one computation
// instead of each recomputing the same 100,000 states.

const RESULT_LIMIT = 200;
const STATES_LIMIT = 3;
const results = new Map<string, Promise<unknown>>();
const stateTables = new Map<string, Promise<ClassifiedState[]>>();

async function rollupVersion(db: Db): Promise<string> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "rollup_version").executeTakeFirst();
  return row?.value ?? "0";
}

function remember<T>(store: Map<string, Promise<T>>, limit: number, key: string, compute: () => Promise<T>): Promise<T> {
  const hit = store.get(key);
  if (hit) {
    store.delete(key);
    store.set(key, hit); // most recently used last
    return hit;
  }
  const value = compute();
  store.set(key, value);
  value.catch(() => store.delete(key)); // a failed computation is not an answer
  if (store.size > limit) store.delete(store.keys().next().value as string);
  return value;
}

async function versionKey(db: Db, asOf: string, today: string) {
  return asOf < today ? `past|${asOf}` : `v${await rollupVersion(db)}|${asOf}`;
}

async function cached<T>(db: Db, key: string, asOf: string, today: string, compute: () => Promise<T>): Promise<T> {
  return remember(results as Map<string, Promise<T>>, RESULT_LIMIT, `${await versionKey(db, asOf, today)}|${key}`, compute);
}

/** For tests and benchmarks: start cold. */
export function clearRollupCache() {
  results.clear();
  stateTables.clear();
}

// ---------------------------------------------------------------------------------------------
// Computing

export interface ClassifiedState {
  state: TaskStateAsOf;
  c: Classification;
}

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

/**
 * The classified states as of the date (cached per date and version). Classifications are shared
 * between states (a few hundred distinct ones), so a date's table stays a few megabytes.
 */
export async function classifiedStatesAsOf(db: Db, asOf: string, today: string, timeZone: string): Promise<ClassifiedState[]> {
  return remember(stateTables, STATES_LIMIT, await versionKey(db, asOf, today), async () => {
    const states = await statesAsOf(db, asOf, timeZone);
    const shared = new Map<string, Classification>();
    return states.map((s) => {
      const c = classify(s, asOf);
      const key = `${c.category}|${c.dueSoon ? 1 : 0}|${c.daysOverdue}`;
      let one = shared.get(key);
      if (!one) shared.set(key, (one = c));
      return { state: s, c: one };
    });
  });
}

/**
 * Rollup numbers of the states kept by `keysOf` (a state may count under several keys), cached like
 * the rollups under `cacheKey` (which must name everything `keysOf` depends on). For cuts the rollup
 * model has no query for (a unit's programs, one person's tasks, a program's units).
 */
export async function tallyStates<K>(
  db: Db,
  asOf: string,
  today: string,
  timeZone: string,
  cacheKey: string,
  keysOf: (s: TaskStateAsOf) => K[],
): Promise<Map<K, RollupNumbers>> {
  return cached(db, `tally|${cacheKey}`, asOf, today, async () => {
    const out = new Map<K, RollupNumbers>();
    for (const { state, c } of await classifiedStatesAsOf(db, asOf, today, timeZone)) {
      const keys = keysOf(state);
      if (keys.length === 0) continue;
      for (const k of keys) {
        let n = out.get(k);
        if (!n) out.set(k, (n = emptyNumbers()));
        addTo(n, c, state.extensionCount);
      }
    }
    for (const [k, n] of out) out.set(k, finish(n));
    return out;
  });
}

export async function computeRollup(db: Db, query: RollupQuery, today: string, timeZone: string): Promise<Rollup> {
  const key = JSON.stringify(query);
  return cached(db, `rollup|${key}`, query.asOf, today, async () => {
    const classified = await classifiedStatesAsOf(db, query.asOf, today, timeZone);
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
      // Per unit, once: the units its tasks count under (itself, and its ancestors within the scope).
      const targetsOfUnit = new Map<number, string[]>();
      const targetsOf = (unitId: number): string[] => {
        let targets = targetsOfUnit.get(unitId);
        if (!targets) {
          const chain = ancestorsOf(units, unitId);
          const inScope = scope === undefined || chain.includes(scope);
          targets = !inScope
            ? []
            : (includeSub ? chain.slice(0, scope === undefined ? chain.length : chain.indexOf(scope) + 1) : [unitId]).map(String);
          targetsOfUnit.set(unitId, targets);
        }
        return targets;
      };
      // A task counts once per unit, even when several of its coordinating units sit below it
      // (per distinct list of coordinating units, once).
      const targetsOfList = new Map<number[], string[]>();
      const coordinatingTargets = (list: number[]) => {
        let targets = targetsOfList.get(list);
        if (!targets) targetsOfList.set(list, (targets = [...new Set(list.flatMap(targetsOf))]));
        return targets;
      };
      for (const { state, c } of classified) {
        const targets =
          query.role === "coordinating"
            ? coordinatingTargets(state.coordinatingUnitIds)
            : state.leadUnitId !== null
              ? targetsOf(state.leadUnitId)
              : [];
        for (const target of targets) bump(target, c, state.extensionCount);
        if (targets.length > 0) addTo(overall, c, state.extensionCount);
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
      const items = programs.map((p) => ({
        key: p.code,
        name: query.lang === "vi" ? p.name_vi : p.name_en,
        ...finish(buckets.get(p.code) ?? emptyNumbers()),
      }));
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
  return cached(db, "city", asOf, today, async () => {
    const n = emptyNumbers();
    for (const { state, c } of await classifiedStatesAsOf(db, asOf, today, timeZone)) addTo(n, c, state.extensionCount);
    return finish(n);
  });
}

/** The overdue tasks as of the date, oldest first (for the committee's "most overdue" list and reports). */
export async function overdueAsOf(
  db: Db,
  asOf: string,
  today: string,
  timeZone: string,
  options: { unitIds?: number[]; limit?: number } = {},
) {
  // Every overdue task of the date, ranked once; each list is then the first `limit` of its units.
  const ranked = await cached(db, "overdue", asOf, today, async () =>
    (await classifiedStatesAsOf(db, asOf, today, timeZone))
      .filter(({ c }) => c.category === "overdue")
      .sort((a, b) => b.c.daysOverdue - a.c.daysOverdue || a.state.taskId - b.state.taskId)
      .map(({ state, c }) => ({
        taskId: state.taskId,
        daysOverdue: c.daysOverdue,
        ageBand: c.ageBand,
        deadline: state.deadline,
        leadUnitId: state.leadUnitId,
        ownerId: state.ownerId,
      })),
  );
  const set = options.unitIds ? new Set(options.unitIds) : null;
  const limit = options.limit ?? 50;
  const out: typeof ranked = [];
  for (const entry of ranked) {
    if (out.length >= limit) break;
    if (!set || (entry.leadUnitId !== null && set.has(entry.leadUnitId))) out.push(entry);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Monthly snapshots: frozen at each period's cut-off, the trend is read from them.

/**
 * The city's numbers as of a date, counted by the database with classify's rules written as SQL, so
 * a past period's snapshot does not load every task's state into memory (twelve periods of 100,000
 * states each made the trend the server's largest allocation). Equal to cityNumbers for the date.
 */
export async function cityNumbersCounted(db: Db, asOf: string, timeZone: string): Promise<RollupNumbers> {
  const category = sql<string>`case
    when status = 'cancelled' then 'cancelled'
    when status = 'draft' or deadline is null then 'draft'
    when status = 'done' then case when completed_on is not null and completed_on <= deadline then 'done_on_time' else 'done_late' end
    when deadline >= ${asOf} then case when deadline <= ${addDays(asOf, DUE_SOON_DAYS)} then 'due_soon' else 'open' end
    when deadline >= ${addDays(asOf, -30)} then '1-30'
    when deadline >= ${addDays(asOf, -60)} then '31-60'
    when deadline >= ${addDays(asOf, -120)} then '61-120'
    else '120+' end`;
  const rows = await db
    .selectFrom(
      db
        .selectFrom("task_states")
        .select([category.as("category"), sql<number>`case when extension_count > 0 then 1 else 0 end`.as("extended")])
        .where("id", "in", latestStateIds(db, asOf, timeZone))
        .as("s"),
    )
    .select(["s.category", "s.extended", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["s.category", "s.extended"])
    .execute();
  const numbers = emptyNumbers();
  for (const row of rows) {
    const n = Number(row.n);
    const band = row.category as AgeBand;
    if (row.category === "draft") numbers.drafts += n;
    else if (row.category === "cancelled") numbers.cancelled += n;
    else {
      if (row.category === "done_on_time") numbers.doneOnTime += n;
      else if (row.category === "done_late") numbers.doneLate += n;
      else if (row.category === "open" || row.category === "due_soon") {
        numbers.openOnTime += n;
        if (row.category === "due_soon") numbers.dueSoon += n;
      } else {
        numbers.overdue += n;
        numbers.overdueByAge[band] += n;
      }
      numbers.total += n;
      if (Number(row.extended) === 1) numbers.extended += n;
    }
  }
  return finish(numbers);
}

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
  const numbers = await cityNumbersCounted(db, periodEndDate, timeZone);
  await db
    .insertInto("rollup_snapshots")
    .values({
      period_end: periodEndDate,
      dimension: "city",
      item_key: "all",
      include_subunits: 1,
      numbers: JSON.stringify(numbers),
      created_at: clock.nowIso(),
    })
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
  const row = await db
    .selectFrom("task_extensions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
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
    db
      .selectFrom("tasks")
      .select(["id", "title"])
      .where("id", "in", ids(entries.map((e) => e.taskId)))
      .execute(),
    db
      .selectFrom("units")
      .select(["id", "name"])
      .where("id", "in", ids(entries.map((e) => e.leadUnitId)))
      .execute(),
    db
      .selectFrom("users")
      .select(["id", "full_name"])
      .where("id", "in", ids(entries.map((e) => e.ownerId)))
      .execute(),
  ]);
  const title = new Map(tasks.map((t) => [t.id, t.title]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const ownerName = new Map(users.map((u) => [u.id, u.full_name]));
  return entries.map((e) => ({
    taskId: e.taskId,
    title: title.get(e.taskId) ?? `#${e.taskId}`,
    leadUnitId: e.leadUnitId,
    leadUnitName: e.leadUnitId !== null ? (unitName.get(e.leadUnitId) ?? null) : null,
    ownerName: e.ownerId !== null ? (ownerName.get(e.ownerId) ?? null) : null,
    deadline: e.deadline,
    daysOverdue: e.daysOverdue,
  }));
}

/**
 * The most overdue tasks as of the date among the states `keep` accepts (most days overdue first, then
 * by task id), described for a "most overdue" table.
 */
export async function mostOverdueAsOf(
  db: Db,
  asOf: string,
  today: string,
  timeZone: string,
  keep: (state: TaskStateAsOf) => boolean,
  limit: number,
) {
  const entries = (await classifiedStatesAsOf(db, asOf, today, timeZone))
    .filter(({ state, c }) => c.category === "overdue" && keep(state))
    .sort((a, b) => b.c.daysOverdue - a.c.daysOverdue || a.state.taskId - b.state.taskId)
    .slice(0, limit)
    .map(({ state: s, c }) => ({
      taskId: s.taskId,
      daysOverdue: c.daysOverdue,
      deadline: s.deadline,
      leadUnitId: s.leadUnitId,
      ownerId: s.ownerId,
    }));
  return describeOverdue(db, entries);
}
