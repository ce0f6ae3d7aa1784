/**
 * Many tasks at once (the Excel import's confirm step), as one command: each row gets createTask's
 * checks and writes, and the whole batch is one transaction.
 */
import type { Transaction } from "kysely";
import type { Database } from "#db/schema";
import { can } from "~/auth/policy";
import * as clock from "~/clock.server";
import { changesBetween, fiveClearErrors, referenceErrors, taskContent, type FieldErrors } from "~/domain/task-decisions";
import type { TaskFields } from "~/domain/task-schema";
import { errorKey } from "~/i18n";
import { recordAudits } from "./audit.server";
import { bumpRollupVersion, columnsOf, forbidden, loadReferences, stateRow, type Executor, type TaskContext } from "./task-record.server";
import { unitPath } from "./unit.server";

export interface ImportTaskRow {
  fields: Partial<TaskFields>;
  /** Issue at once (all five clear); otherwise saved as a draft. */
  issue: boolean;
  /** Added to the task's history entry (e.g. the file and row it came from). */
  audit?: Record<string, unknown>;
}

export type ImportTasksResult =
  | { ok: true; value: { ids: number[]; issued: number; drafts: number } }
  | { ok: false; error: "forbidden" }
  /** Per row (index into the rows given): the same field errors createTask would answer. */
  | { ok: false; error: "invalid"; rowErrors: Array<{ index: number; fieldErrors: FieldErrors }> }
  /** `claim` answered false (e.g. the batch was confirmed already): nothing was written. */
  | { ok: false; error: "claimed" };

class ClaimRefused extends Error {}

/** Rows written per multi-row insert (SQLite allows 32,766 bound values in one statement). */
const IMPORT_CHUNK = 500;

/**
 * Creates many tasks in ONE transaction — all of them or none. Each row goes through createTask's own
 * checks (the policy's task:create on its lead unit, references, the 5-rõ gate when issuing) and the
 * same writes (task, programs, coordinating units, task_states row with the rollup version bump, a
 * history entry). `claim` runs first inside the transaction (e.g. marking an import batch as used);
 * when it answers false nothing is written. `finish` runs last inside it, with the new ids.
 */
export async function importTasks(
  db: Executor,
  rows: ImportTaskRow[],
  ctx: TaskContext,
  options: {
    claim?: (trx: Transaction<Database>) => Promise<boolean>;
    finish?: (trx: Transaction<Database>, ids: number[]) => Promise<void>;
  } = {},
): Promise<ImportTasksResult> {
  const paths = new Map<number, number[]>();
  const pathOf = async (unitId: number) => {
    if (!paths.has(unitId)) paths.set(unitId, await unitPath(db, unitId));
    return paths.get(unitId)!;
  };
  const prepared_ = rows.map((row) => taskContent(row.fields));
  const rowErrors: Array<{ index: number; fieldErrors: FieldErrors }> = [];
  const checked = new Map<string, FieldErrors>();
  for (const [index, p] of prepared_.entries()) {
    const errors: FieldErrors = {};
    const path = p.leadUnitId !== null ? await pathOf(p.leadUnitId) : undefined;
    if (p.leadUnitId !== null && path!.length === 0) {
      rowErrors.push({ index, fieldErrors: { leadUnitId: [errorKey("error.invalidChoice")] } });
      continue;
    }
    if (!can(ctx.actor, "task:create", { unitPath: path, unitId: p.leadUnitId ?? undefined })) {
      if (ctx.actor.role !== "head") return forbidden;
      rowErrors.push({
        index,
        fieldErrors: { leadUnitId: [errorKey(p.leadUnitId === null ? "task.missing.leadUnitId" : "error.forbiddenUnit")] },
      });
      continue;
    }
    // A plan repeats the same units and people on many rows: each distinct combination is checked once.
    const key = JSON.stringify([p.leadUnitId, p.coordinatingUnitIds, p.ownerId, p.goalId, p.startDate ? [p.startDate, p.deadline] : null]);
    let references = checked.get(key);
    if (!references) {
      references = referenceErrors(p, (await loadReferences(db, p)).facts);
      checked.set(key, references);
    }
    for (const [field, messages] of Object.entries(references)) errors[field] = [...messages];
    if (rows[index].issue) fiveClearErrors(p, ctx.today, true, errors);
    if (Object.keys(errors).length) rowErrors.push({ index, fieldErrors: errors });
  }
  if (rowErrors.length) return { ok: false, error: "invalid", rowErrors };

  const now = (ctx.now ?? clock.now()).toISOString();
  const ids = await db
    .transaction()
    .execute(async (trx) => {
      if (options.claim && !(await options.claim(trx))) throw new ClaimRefused();
      const created: number[] = [];
      // createTask's writes, a chunk at a time: the tasks, then their programs and coordinating units,
      // state rows and history entries in a few multi-row inserts (a new task has none to replace).
      for (let start = 0; start < prepared_.length; start += IMPORT_CHUNK) {
        const chunk = prepared_.slice(start, start + IMPORT_CHUNK).map((p, i) => ({ p, index: start + i, id: 0 }));
        // One multi-row insert per chunk. Ids come from an ascending sequence assigned in VALUES order
        // (SQLite and PostgreSQL alike), so the returned ids, sorted, belong to the rows in order.
        const inserted = await trx
          .insertInto("tasks")
          .values(
            chunk.map((item) => {
              const issue = rows[item.index].issue;
              return {
                ...columnsOf(item.p),
                original_deadline: issue ? item.p.deadline : null,
                status: issue ? ("not_started" as const) : ("draft" as const),
                issued_at: issue ? now : null,
                parent_id: null,
                created_by: ctx.actor.id,
                created_at: now,
                updated_at: now,
              };
            }),
          )
          .returning("id")
          .execute();
        const newIds = inserted.map((r) => r.id).sort((a, b) => a - b);
        chunk.forEach((item, i) => (item.id = newIds[i]));
        const programs = chunk.flatMap(({ p, id }) => p.programs.map((program_code) => ({ task_id: id, program_code })));
        const coordinating = chunk.flatMap(({ p, id }) => p.coordinatingUnitIds.map((unit_id) => ({ task_id: id, unit_id })));
        // Two values per row: 5,000 rows stay well within SQLite's limit on bound values.
        for (let i = 0; i < programs.length; i += 5000)
          await trx
            .insertInto("task_programs")
            .values(programs.slice(i, i + 5000))
            .execute();
        for (let i = 0; i < coordinating.length; i += 5000)
          await trx
            .insertInto("task_coordinating_units")
            .values(coordinating.slice(i, i + 5000))
            .execute();
        // Each new task's state row is known without reading it back, so states and audit events go in
        // a few multi-row inserts too: one round trip per row would dominate on PostgreSQL over a network.
        const states = chunk.map(({ p, index, id }) =>
          stateRow(id, { ...p, status: rows[index].issue ? "not_started" : "draft", completedOn: null, extensionCount: 0 }, now),
        );
        for (let i = 0; i < states.length; i += 500)
          await trx
            .insertInto("task_states")
            .values(states.slice(i, i + 500))
            .execute();
        await recordAudits(
          trx,
          chunk.map(({ p, index, id }) => {
            const issue = rows[index].issue;
            return {
              actorUserId: ctx.actor.id,
              action: issue ? "task.issue" : "task.create_draft",
              entityType: "task",
              entityId: id,
              data: { version: 1, changes: changesBetween({}, { ...p, status: issue ? "not_started" : "draft" }), ...rows[index].audit },
              ip: ctx.ip,
              now: ctx.now,
            };
          }),
        );
        for (const { id } of chunk) created.push(id);
      }
      if (created.length) await bumpRollupVersion(trx);
      await options.finish?.(trx, created);
      return created;
    })
    .catch((error) => {
      if (error instanceof ClaimRefused) return null;
      throw error;
    });
  if (!ids) return { ok: false, error: "claimed" };
  const issued = rows.filter((r) => r.issue).length;
  return { ok: true, value: { ids, issued, drafts: ids.length - issued } };
}
