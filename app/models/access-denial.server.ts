/**
 * Refused requests, counted: one row per (day in APP_TZ, kind, who) whose `count` an upsert
 * increments, so a flood of refusals — a script hammering a page it may not see, a bad API token in a
 * loop — costs one row a day, not one per request. "Who" is the signed-in user when the request was
 * signed in, otherwise the client's address. Written by the HTTP server after the answer is computed,
 * in its own statement: never inside (nor rolled back with) the refused request's work.
 */
import type { AccessDenialsTable } from "#db/schema";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";

export type AccessDenialKind = AccessDenialsTable["kind"];
export const ACCESS_DENIAL_KINDS: readonly AccessDenialKind[] = ["page_forbidden", "api_forbidden", "api_unauthorized", "cross_site"];

/** Stored paths are cut to this length: enough to tell pages apart, and a long URL costs nothing. */
const MAX_PATH_CHARS = 200;

/** Which kind of refusal an HTTP answer is, or null for answers that are not counted. */
export function accessDenialKind(status: number, pathname: string): AccessDenialKind | null {
  const api = pathname === "/api" || pathname.startsWith("/api/");
  if (status === 401) return api ? "api_unauthorized" : null;
  if (status === 403) return api ? "api_forbidden" : "page_forbidden";
  return null;
}

export interface AccessDenialInput {
  kind: AccessDenialKind;
  actorUserId: number | null;
  ip: string | null;
  method: string;
  /** The path only: a query string can carry things that do not belong in a log. */
  path: string;
  now?: Date;
}

/** Counts one refusal (insert the day's row, or add one to it). */
export async function recordAccessDenial(db: Db, input: AccessDenialInput): Promise<void> {
  const at = input.now ?? clock.now();
  const now = at.toISOString();
  const day = clock.appToday(at);
  const subject = input.actorUserId !== null ? `user:${input.actorUserId}` : `ip:${input.ip ?? "unknown"}`;
  const path = input.path.slice(0, MAX_PATH_CHARS);
  const method = input.method.slice(0, 10);
  await db
    .insertInto("access_denials")
    .values({
      day,
      kind: input.kind,
      subject,
      actor_user_id: input.actorUserId,
      ip: input.ip,
      count: 1,
      first_at: now,
      last_at: now,
      last_method: method,
      last_path: path,
    })
    .onConflict((oc) =>
      oc.columns(["day", "kind", "subject"]).doUpdateSet((eb) => ({
        count: eb("access_denials.count", "+", 1),
        last_at: eb.ref("excluded.last_at"),
        last_method: eb.ref("excluded.last_method"),
        last_path: eb.ref("excluded.last_path"),
        ip: eb.ref("excluded.ip"),
      })),
    )
    .execute();
}

/** The counted refusals, most recent first, with the user's name when there was one. */
export async function listAccessDenials(db: Db, filter: { limit: number; offset?: number }) {
  const [{ total }] = await db
    .selectFrom("access_denials")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .execute();
  const items = await db
    .selectFrom("access_denials")
    .leftJoin("users", "users.id", "access_denials.actor_user_id")
    .select([
      "access_denials.id",
      "access_denials.day",
      "access_denials.kind",
      "access_denials.count",
      "access_denials.first_at as firstAt",
      "access_denials.last_at as lastAt",
      "access_denials.last_method as lastMethod",
      "access_denials.last_path as lastPath",
      "access_denials.ip",
      "access_denials.actor_user_id as actorUserId",
      "users.full_name as actorName",
      "users.email as actorEmail",
    ])
    .orderBy("access_denials.last_at", "desc")
    .orderBy("access_denials.id", "desc")
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return { total: Number(total), items: items.map((i) => ({ ...i, count: Number(i.count) })) };
}
