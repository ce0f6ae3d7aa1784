/**
 * The data the assessment assistant (app/domain/assistant.ts) judges, gathered for one scope: the
 * city, a unit with the units below it (tasks it leads), or a program. Rollup numbers come from
 * computeRollup / cityNumbers, so they equal the dashboards' and are exact for the past period end
 * (task_states); the task facts, extensions and goal readings are read here.
 */
import type { Db } from "~/db.server";
import {
  monthsBefore,
  ASSISTANT_RULES,
  type AssistantInput,
  type AssistantScope,
  type ExtensionFact,
  type GoalFact,
  type SubunitNumbers,
  type TaskFact,
  assess,
  type Drill,
} from "~/domain/assistant";
import { hasSubunits, scopeSearch, type AssistantScopeQuery } from "~/domain/assistant-scope";
import { addDays, startOfDayUtc } from "~/domain/dates";
import { drillDownHref } from "~/domain/drilldown";
import { emptyNumbers, finish, pastPeriodEnds, type RollupNumbers } from "~/domain/rollup";
import { standing } from "~/domain/task-rules";
import { listPrograms } from "./program.server";
import { cityNumbers, computeRollup } from "./rollup.server";
import { taskInProgram } from "./task.server";
import { unitOptions, getUnit, subtreeIds } from "./unit.server";

export type { AssistantScopeQuery };

const JUDGED = ["not_started", "in_progress", "done"] as const;
const OPEN = ["not_started", "in_progress"] as const;

/** The last reporting cut-off strictly before today (on the 25th itself, the month before's). */
export function previousPeriodEnd(today: string): string {
  return pastPeriodEnds(addDays(today, -1), 1)[0];
}

/** A UTC instant as the calendar day it falls on in the time zone. */
function localDayOf(timeZone: string) {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (iso: string | null): string | null => (iso ? f.format(new Date(iso)) : null);
}

async function scopeNumbers(
  db: Db,
  scope: AssistantScope,
  asOf: string,
  today: string,
  timeZone: string,
  lang: "vi" | "en",
): Promise<RollupNumbers> {
  if (scope.kind === "city") return cityNumbers(db, asOf, today, timeZone);
  if (scope.kind === "unit") {
    return (await computeRollup(db, { by: "unit", asOf, unitId: scope.unitId, includeSubunits: true, lang }, today, timeZone)).overall;
  }
  const rollup = await computeRollup(db, { by: "program", asOf, lang }, today, timeZone);
  const item = rollup.items.find((i) => i.key === scope.code);
  return item ?? finish(emptyNumbers());
}

/** The units one level below the scope (below the root units for the city), each counting its subtree; none for a program. */
async function subunitNumbers(
  db: Db,
  scope: AssistantScope,
  today: string,
  timeZone: string,
  lang: "vi" | "en",
): Promise<SubunitNumbers[]> {
  if (scope.kind === "program") return [];
  let parents: Set<string>;
  if (scope.kind === "unit") parents = new Set([String(scope.unitId)]);
  else {
    const roots = await db.selectFrom("units").select("id").where("parent_id", "is", null).execute();
    parents = new Set(roots.map((r) => String(r.id)));
  }
  const rollup = await computeRollup(
    db,
    { by: "unit", asOf: today, unitId: scope.kind === "unit" ? scope.unitId : undefined, includeSubunits: true, lang },
    today,
    timeZone,
  );
  return rollup.items
    .filter((i) => i.parentKey != null && parents.has(i.parentKey))
    .map(({ key, name, parentKey: _p, depth: _d, ...numbers }) => ({ unitId: Number(key), name, numbers }));
}

/**
 * Everything the assistant needs for the scope, or null when the unit does not exist.
 * `today` is the app's today (APP_TZ); nothing here reads the clock.
 */
export async function gatherAssistantInput(
  db: Db,
  query: AssistantScopeQuery,
  today: string,
  timeZone: string,
  lang: "vi" | "en",
): Promise<AssistantInput | null> {
  let scope: AssistantScope;
  let unitIds: number[] | null = null;
  if (query.kind === "unit") {
    const unit = await getUnit(db, query.unitId);
    if (!unit) return null;
    scope = { kind: "unit", unitId: unit.id, name: unit.name };
    unitIds = await subtreeIds(db, unit.id);
  } else if (query.kind === "program") {
    scope = { kind: "program", code: query.code };
  } else {
    scope = { kind: "city" };
  }
  const program = query.kind === "program" ? query.code : null;
  const localDay = localDayOf(timeZone);

  // The scope's issued tasks (drafts and cancelled apart), as they stand today.
  let taskQuery = db
    .selectFrom("tasks")
    .leftJoin("units", "units.id", "tasks.lead_unit_id")
    .select([
      "tasks.id",
      "tasks.title",
      "tasks.lead_unit_id as leadUnitId",
      "units.name as leadUnitName",
      "tasks.status",
      "tasks.progress",
      "tasks.start_date as startDate",
      "tasks.issued_at as issuedAt",
      "tasks.deadline",
      "tasks.original_deadline as originalDeadline",
      "tasks.completed_on as completedOn",
      "tasks.last_update_at as lastUpdateAt",
      "tasks.extension_count as extensionCount",
      "tasks.goal_id as goalId",
    ])
    .where("tasks.status", "in", [...JUDGED]);
  if (unitIds) taskQuery = taskQuery.where("tasks.lead_unit_id", "in", unitIds.length ? unitIds : [-1]);
  if (program) {
    taskQuery = taskQuery.where(taskInProgram(program));
  }
  const taskRows = await taskQuery.orderBy("tasks.id").execute();
  const tasks: TaskFact[] = taskRows.map((r) => ({
    id: r.id,
    title: r.title,
    leadUnitId: r.leadUnitId,
    leadUnitName: r.leadUnitName,
    status: r.status,
    progress: r.progress,
    startDate: r.startDate,
    issuedOn: localDay(r.issuedAt),
    deadline: r.deadline,
    originalDeadline: r.originalDeadline,
    completedOn: r.completedOn,
    lastUpdateOn: localDay(r.lastUpdateAt),
    extensionCount: r.extensionCount,
    goalId: r.goalId,
  }));
  const taskIds = tasks.map((t) => t.id);

  // Approved extensions of those tasks decided within the window (the domain applies the exact days).
  const windowStart = startOfDayUtc(monthsBefore(today, ASSISTANT_RULES.unitExtensionMonths), timeZone).toISOString();
  const extensionRows = taskIds.length
    ? await db
        .selectFrom("task_extensions")
        .innerJoin("tasks", "tasks.id", "task_extensions.task_id")
        .leftJoin("units", "units.id", "tasks.lead_unit_id")
        .select([
          "task_extensions.task_id as taskId",
          "tasks.lead_unit_id as leadUnitId",
          "units.name as leadUnitName",
          "task_extensions.status",
          "task_extensions.decided_at as decidedAt",
        ])
        .where("task_extensions.status", "=", "approved")
        .where("task_extensions.decided_at", ">=", windowStart)
        .where("task_extensions.task_id", "in", taskIds)
        .orderBy("task_extensions.id")
        .execute()
    : [];
  const extensions: ExtensionFact[] = extensionRows.map((r) => ({
    taskId: r.taskId,
    leadUnitId: r.leadUnitId,
    leadUnitName: r.leadUnitName,
    status: r.status,
    decidedOn: localDay(r.decidedAt),
  }));

  // Goals the scope leads (or the program's), and goals its tasks serve.
  let goalQuery = db.selectFrom("goals").select([
    "goals.id",
    "goals.title",
    "goals.due_date as dueDate",
    "goals.indicator_name as indicatorName",
    "goals.indicator_unit as indicatorUnit",
    "goals.indicator_target as target",
    "goals.indicator_baseline as baseline",
    (eb) =>
      eb
        .selectFrom("tasks")
        .whereRef("tasks.goal_id", "=", "goals.id")
        .where("tasks.status", "in", [...JUDGED])
        .select(eb.fn.countAll<number>().as("n"))
        .as("taskCount"),
    (eb) =>
      eb
        .selectFrom("tasks")
        .whereRef("tasks.goal_id", "=", "goals.id")
        .where("tasks.status", "in", [...OPEN])
        .where("tasks.deadline", "<", today)
        .select(eb.fn.countAll<number>().as("n"))
        .as("overdueTaskCount"),
  ]);
  if (scope.kind !== "city") {
    const served = [...new Set(taskRows.map((r) => r.goalId).filter((id): id is number => id !== null))];
    goalQuery = goalQuery.where((eb) =>
      eb.or([
        unitIds ? eb("goals.lead_unit_id", "in", unitIds.length ? unitIds : [-1]) : eb("goals.program_code", "=", program!),
        eb("goals.id", "in", served.length ? served : [-1]),
      ]),
    );
  }
  const goalRows = await goalQuery.orderBy("goals.id").execute();
  const readingRows = goalRows.length
    ? await db
        .selectFrom("goal_indicator_values")
        .select(["goal_id as goalId", "as_of as asOf", "value"])
        .where(
          "goal_id",
          "in",
          goalRows.map((g) => g.id),
        )
        .orderBy("goal_id")
        .orderBy("as_of")
        .orderBy("id")
        .execute()
    : [];
  const goals: GoalFact[] = goalRows.map((g) => ({
    id: g.id,
    title: g.title,
    dueDate: g.dueDate,
    indicatorName: g.indicatorName,
    indicatorUnit: g.indicatorUnit,
    target: g.target,
    baseline: g.baseline,
    readings: readingRows.filter((r) => r.goalId === g.id).map((r) => ({ asOf: r.asOf, value: r.value })),
    taskCount: Number(g.taskCount ?? 0),
    overdueTaskCount: Number(g.overdueTaskCount ?? 0),
  }));

  // The numbers: today, the city today, the scope at the last period end, and the units one level below.
  const periodEnd = previousPeriodEnd(today);
  const [current, city, previous, subunits] = await Promise.all([
    scopeNumbers(db, scope, today, today, timeZone, lang),
    cityNumbers(db, today, today, timeZone),
    scopeNumbers(db, scope, periodEnd, today, timeZone, lang),
    subunitNumbers(db, scope, today, timeZone, lang),
  ]);

  return {
    today,
    scope,
    numbers: { scope: current, city, previous: { periodEnd, numbers: previous }, subunits },
    tasks,
    extensions,
    goals,
  };
}

/** Tasks listed on a card before "show all". */
const TASKS_SHOWN = 10;

/**
 * The assistant's page as a view model: its findings for the scope as cards (numbers linking to the
 * lists behind them, the tasks concerned), the scope's summary, and the picker's choices. Null when the
 * unit or program does not exist. `expanded` is the card whose tasks are all listed.
 */
export async function assistantView(db: Db, query: AssistantScopeQuery, expanded: string | null, today: string, timeZone: string) {
  const [programs, units] = await Promise.all([listPrograms(db), unitOptions(db)]);
  const program = query.kind === "program" ? programs.find((p) => p.code === query.code) : undefined;
  if (query.kind === "program" && !program) return null;
  // Rollup item names follow the language; the assistant's numbers do not depend on it.
  const input = await gatherAssistantInput(db, query, today, timeZone, "vi");
  if (!input) return null;
  const findings = assess(input);

  const base = scopeSearch(query);
  const href = (d: Drill) => drillDownHref(d.scope, d.cell, d.asOf, today);
  const pageHref = (params: Record<string, string>, hash: string) =>
    `/assistant?${new URLSearchParams({ ...Object.fromEntries(base), ...params })}#${hash}`;

  const factById = new Map(input.tasks.map((t) => [t.id, t]));
  const shownIds = new Set<number>();
  const cards = findings.map((f) => {
    const all = expanded === f.id;
    const tasks = all ? f.tasks : f.tasks.slice(0, TASKS_SHOWN);
    for (const t of tasks) shownIds.add(t.id);
    const listHref = f.tasks.length > TASKS_SHOWN && !all ? pageHref({ all: f.id }, `${f.id}-tasks`) : `#${f.id}-tasks`;
    return {
      id: f.id,
      kind: f.kind,
      tone: f.tone,
      severity: f.severity,
      weight: f.weight,
      message: f.message,
      why: f.why,
      numbers: f.numbers.map((n) => ({
        label: n.label,
        value: n.value,
        href: n.drill ? href(n.drill) : n.countsTasks && f.tasks.length ? listHref : null,
      })),
      tasks,
      taskTotal: f.tasks.length,
      expanded: all,
      seeAllHref: f.tasks.length > TASKS_SHOWN ? (all ? pageHref({}, f.id) : pageHref({ all: f.id }, `${f.id}-tasks`)) : null,
      drillHref: f.drill ? href(f.drill) : null,
      goalId: f.goalId ?? null,
      units: (f.units ?? []).map((u) => ({
        unitId: u.unitId,
        name: u.name,
        overdue: u.overdue,
        total: u.total,
        shareOverdue: u.shareOverdue,
        gap: u.gap,
        overdueHref: href(u.overdueDrill),
        totalHref: href(u.totalDrill),
        assessHref: `/assistant?${scopeSearch({ kind: "unit", unitId: u.unitId })}`,
      })),
    };
  });
  const taskInfo = Object.fromEntries(
    [...shownIds].map((id) => {
      const t = factById.get(id)!;
      return [id, { title: t.title, leadUnitName: t.leadUnitName, standing: standing(t, today) }];
    }),
  );

  const n = input.numbers;
  const scopeDrill =
    query.kind === "unit" ? { unitId: query.unitId, includeSubunits: true } : query.kind === "program" ? { program: query.code } : {};
  return {
    today,
    scope: {
      kind: query.kind,
      name: input.scope.kind === "unit" ? input.scope.name : null,
      hasSubunits: query.kind === "unit" && hasSubunits(units, query.unitId),
      code: query.kind === "program" ? query.code : null,
      programName: program ? { vi: program.nameVi, en: program.nameEn } : null,
      pickerValue: query.kind === "unit" ? `unit:${query.unitId}` : query.kind === "program" ? `program:${query.code}` : "city",
    },
    summary: {
      total: n.scope.total,
      totalHref: drillDownHref(scopeDrill, "total", today, today),
      overdue: n.scope.overdue,
      overdueHref: drillDownHref(scopeDrill, "overdue", today, today),
      share: n.scope.shareOverdue,
      city:
        query.kind === "city"
          ? null
          : { share: n.city.shareOverdue, overdue: n.city.overdue, href: drillDownHref({}, "overdue", today, today) },
      previous:
        n.previous && n.previous.numbers.total > 0
          ? {
              periodEnd: n.previous.periodEnd,
              share: n.previous.numbers.shareOverdue,
              overdue: n.previous.numbers.overdue,
              href: drillDownHref(scopeDrill, "overdue", n.previous.periodEnd, today),
            }
          : null,
      previousPeriodEnd: n.previous?.periodEnd ?? null,
    },
    cards,
    taskInfo,
    programs: programs.map((p) => ({ code: p.code, nameVi: p.nameVi, nameEn: p.nameEn })),
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
  };
}
