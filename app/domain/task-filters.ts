/**
 * The task list's filters as they live in the URL (`/tasks?program=CDS&unit=12&sub=1…`), parsed once
 * here for every view of the list: the page, its Excel export, and anything else that reads the same
 * links. Pure (Zod only): it is bundled for the browser too.
 */
import { z } from "zod";
import { parseUserDate } from "./dates";
import { PROGRAM_CODES, STANDINGS, TASK_STATUSES, type Standing, type TaskStatus } from "./task-rules";

export const TASK_SORTS = ["deadline", "-deadline", "updated", "-updated", "title", "progress", "-progress"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export interface TaskFilter {
  program?: string;
  unitId?: number;
  includeSubunits?: boolean;
  /** With unitId: match tasks the unit coordinates instead of leads. */
  coordinating?: boolean;
  ownerId?: number;
  status?: TaskStatus[];
  /** A standing, or "open" (on track or due soon: the "open within deadline" of the reports). */
  standing?: Standing | "open";
  /** Only issued, non-cancelled tasks (the "total" of a rollup). */
  judged?: boolean;
  deadlineFrom?: string;
  deadlineTo?: string;
  extended?: boolean;
  goalId?: number;
  parentId?: number;
  q?: string;
  /**
   * Judge the filters above by each task's state as of this past date (from task_states), so the
   * list behind a past report's number has exactly that many rows. Needs `timeZone`.
   */
  asOf?: string;
  timeZone?: string;
  sort?: TaskSort;
  limit: number;
  offset: number;
}

/** The list's sort orders, in the order the picker offers them (every TaskSort of the model, no other). */
export const TASK_SORT_OPTIONS = [
  "deadline",
  "-deadline",
  "-updated",
  "updated",
  "title",
  "progress",
  "-progress",
] as const satisfies readonly TaskSort[];
// Fails to compile when the model gains a sort order the picker does not offer.
const everySortOffered: Exclude<TaskSort, (typeof TASK_SORT_OPTIONS)[number]> extends never ? true : false = true;
void everySortOffered;

const Q_MAX = 200;

const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const dateParam = z
  .string()
  .transform((v) => parseUserDate(v) ?? undefined)
  .optional()
  .catch(undefined);

/**
 * Filters live in the URL, so every view can be linked. A value that does not parse is ignored
 * (the list is shown without that filter), never an error page.
 */
export const TaskListParams = z.object({
  program: z.enum(PROGRAM_CODES).optional().catch(undefined),
  unit: idParam.optional().catch(undefined),
  sub: z.literal("1").optional().catch(undefined),
  owner: idParam.optional().catch(undefined),
  status: z
    .array(z.string())
    .transform((values) => [...new Set(values.filter((v): v is TaskStatus => (TASK_STATUSES as readonly string[]).includes(v)))])
    .catch([]),
  // "open" = on track or due soon: the reports' "open within deadline".
  standing: z
    .enum([...STANDINGS, "open"])
    .optional()
    .catch(undefined),
  /** With unit: tasks the unit coordinates rather than leads. */
  coord: z.literal("1").optional().catch(undefined),
  /** Only issued, non-cancelled tasks (a rollup's total). */
  judged: z.literal("1").optional().catch(undefined),
  /** Judge the filters by each task's state as of this past date (the list behind a past report). */
  asOf: dateParam,
  from: dateParam,
  to: dateParam,
  extended: z.literal("1").optional().catch(undefined),
  goal: idParam.optional().catch(undefined),
  q: z
    .string()
    .transform((v) => v.normalize("NFC").slice(0, Q_MAX).trim() || undefined)
    .optional()
    .catch(undefined),
  // The picker's list, not the model's TASK_SORTS: this schema is built in the browser bundle too, where .server modules are empty.
  sort: z.enum(TASK_SORT_OPTIONS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TaskListParams = z.infer<typeof TaskListParams>;

export function readTaskListParams(url: URL): TaskListParams {
  const raw: Record<string, unknown> = {};
  for (const key of url.searchParams.keys()) {
    raw[key] = key === "status" ? url.searchParams.getAll(key) : url.searchParams.get(key);
  }
  return TaskListParams.parse(raw);
}

/** The model's filter for these parameters (paging apart). */
export function taskFilterOf(params: TaskListParams): Omit<TaskFilter, "limit" | "offset"> {
  return {
    program: params.program,
    unitId: params.unit,
    includeSubunits: Boolean(params.sub),
    coordinating: Boolean(params.coord),
    judged: Boolean(params.judged),
    asOf: params.asOf,
    ownerId: params.owner,
    status: params.status.length ? params.status : undefined,
    standing: params.standing,
    deadlineFrom: params.from,
    deadlineTo: params.to,
    extended: Boolean(params.extended),
    goalId: params.goal,
    q: params.q,
    sort: params.sort,
  };
}
