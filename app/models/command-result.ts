/**
 * The one shape every write command returns, so each caller maps it to HTTP (or a CLI message) the same way.
 * A conflict carries what the caller needs to show the record as stored now; its payload is per aggregate.
 */
import type { Transaction, Updateable } from "kysely";
import type { Database } from "#db/schema";
import type { Actor } from "~/auth/policy";

/** A command runs inside the transaction its caller opened (`db.transaction().execute(trx => command(trx, …))`). */
export type Trx = Transaction<Database>;

export type FieldErrors = Record<string, string[]>;

export type CommandResult<T, Conflict extends object = never> =
  | { ok: true; value: T }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "forbidden" }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors }
  | ([Conflict] extends [never] ? never : { ok: false; error: "conflict" } & Conflict);

export type CommandFailure = Exclude<CommandResult<never, object>, { ok: true }>;

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const invalid = (fieldErrors: FieldErrors) => ({ ok: false as const, error: "invalid" as const, fieldErrors });
export const forbidden = { ok: false as const, error: "forbidden" as const };
export const notFound = { ok: false as const, error: "not_found" as const };
export const conflict = <C extends object>(payload: C) => ({ ok: false as const, error: "conflict" as const, ...payload });

/** Who runs a command, from where, and when (tests and jobs pass `now`; otherwise the clock's). */
export interface CommandContext {
  actor: Actor;
  ip?: string | null;
  now?: Date;
}

type VersionedTable = "units" | "users" | "goals";

/**
 * Writes the changes and bumps the version only if nobody else did first (the optimistic lock);
 * false when the form was stale and nothing was written.
 */
export async function writeIfVersion<T extends VersionedTable>(
  trx: Trx,
  table: T,
  row: { id: number; version: number },
  changes: Updateable<Database[T]>,
): Promise<boolean> {
  const result = await trx
    .updateTable(table as VersionedTable)
    .set({ ...changes, version: row.version + 1 } as Updateable<Database[VersionedTable]>)
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
