import { sql, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { containsPattern, likeContains, toNfc } from "~/domain/text";

export interface AuditInput {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  /** Before/after values or other facts; never secrets (passwords, tokens). */
  data?: Record<string, unknown>;
  ip?: string | null;
  now?: Date;
}

function auditRow(input: AuditInput) {
  return {
    occurred_at: (input.now ?? clock.now()).toISOString(),
    actor_user_id: input.actorUserId,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    data: JSON.stringify(input.data ?? {}),
    ip: input.ip ?? null,
  };
}

/** Appends one audit event. Call it inside the transaction of the change it records. */
export async function recordAudit(db: Db | Transaction<Database>, input: AuditInput) {
  await db.insertInto("audit_events").values(auditRow(input)).execute();
}

/**
 * Appends many audit events in order, a few hundred per statement (bulk writes such as an import:
 * one round trip per event would dominate on a networked database).
 */
export async function recordAudits(db: Db | Transaction<Database>, inputs: AuditInput[]) {
  for (let i = 0; i < inputs.length; i += 500)
    await db
      .insertInto("audit_events")
      .values(inputs.slice(i, i + 500).map(auditRow))
      .execute();
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorUserId?: number;
  /** Who did it: part of the actor's name (diacritics and case ignored) or e-mail. */
  actorQuery?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function listAuditEvents(db: Db, filter: AuditFilter) {
  let query = db.selectFrom("audit_events").leftJoin("users", "users.id", "audit_events.actor_user_id");
  if (filter.action) query = query.where("audit_events.action", "=", filter.action);
  if (filter.entityType) query = query.where("audit_events.entity_type", "=", filter.entityType);
  if (filter.entityId) query = query.where("audit_events.entity_id", "=", filter.entityId);
  if (filter.actorUserId) query = query.where("audit_events.actor_user_id", "=", filter.actorUserId);
  if (filter.actorQuery) {
    const namePattern = containsPattern(filter.actorQuery);
    const emailPattern = likeContains(filter.actorQuery.trim().toLowerCase());
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref("users.name_folded")} like ${namePattern} escape '\\'`,
        sql<boolean>`${eb.ref("users.email_normalized")} like ${emailPattern} escape '\\'`,
      ]),
    );
  }
  // LIKE has no escape character unless one is named: without `escape`, "50%" would match "50" + anything.
  // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
  if (filter.q) query = query.where(sql<boolean>`lower(audit_events.data) like lower(${likeContains(toNfc(filter.q))}) escape '\\'`);

  const [{ total }] = await query.select((eb) => eb.fn.countAll<number>().as("total")).execute();
  const items = await query
    .select([
      "audit_events.id",
      "audit_events.occurred_at as occurredAt",
      "audit_events.action",
      "audit_events.entity_type as entityType",
      "audit_events.entity_id as entityId",
      "audit_events.data",
      "audit_events.ip",
      "audit_events.actor_user_id as actorUserId",
      "users.full_name as actorName",
      "users.email as actorEmail",
    ])
    .orderBy("audit_events.id", "desc")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { total: Number(total), items };
}

export async function listAuditActions(db: Db) {
  const rows = await db.selectFrom("audit_events").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}

/** Kinds of record the log has events for (user, unit, session, …), for the filter. */
export async function listAuditEntityTypes(db: Db) {
  const rows = await db.selectFrom("audit_events").select("entity_type").distinct().orderBy("entity_type").execute();
  return rows.map((r) => r.entity_type);
}
