import { sql } from "kysely";
import type { Unit } from "#db/schema";
import type { Db } from "~/db.server";
import { containsPattern, likeContains } from "~/domain/text";

export { UNIT_KINDS } from "~/domain/units";
export type UnitKind = Unit["kind"];

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  active: boolean;
  closedAt: string | null;
  createdAt: string;
  version: number;
}

const unitColumns = [
  "units.id",
  "units.code",
  "units.name",
  "units.kind",
  "units.parent_id as parentId",
  "units.active",
  "units.closed_at as closedAt",
  "units.created_at as createdAt",
  "units.version",
] as const;

function toRow(r: Omit<UnitRow, "active"> & { active: 0 | 1 }): UnitRow {
  return { ...r, active: r.active === 1 };
}

export async function getUnit(db: Db, id: number): Promise<UnitRow | undefined> {
  const row = await db.selectFrom("units").select(unitColumns).where("units.id", "=", id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function getUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
  const row = await db.selectFrom("units").select(unitColumns).where("units.code", "=", code).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** Every unit, with how many active users and sub-units it has (for the tree). */
export async function listUnits(db: Db, options: { includeClosed?: boolean } = {}) {
  let query = db
    .selectFrom("units")
    .select(unitColumns)
    .select((eb) => [
      eb
        .selectFrom("users")
        .whereRef("users.unit_id", "=", "units.id")
        .where("users.active", "=", 1)
        .select(eb.fn.countAll<number>().as("n"))
        .as("memberCount"),
    ]);
  if (!options.includeClosed) query = query.where("units.active", "=", 1);
  const rows = await query.orderBy("units.kind").orderBy("units.name").execute();
  return rows.map((r) => ({ ...toRow(r), memberCount: Number(r.memberCount ?? 0) }));
}

/** Units whose name or code matches, ignoring diacritics and case ("ha noi" finds "Hà Nội"). */
export async function searchUnits(db: Db, options: { q: string; includeClosed?: boolean; limit?: number }) {
  const pattern = containsPattern(options.q);
  const codePattern = likeContains(options.q.trim().toLowerCase());
  let query = db
    .selectFrom("units")
    .select(unitColumns)
    .where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref("units.name_folded")} like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref("units.code")}) like ${codePattern} escape '\\'`,
      ]),
    );
  if (!options.includeClosed) query = query.where("units.active", "=", 1);
  const rows = await query
    .orderBy("units.name")
    .limit(options.limit ?? 200)
    .execute();
  return rows.map(toRow);
}

/** Ids from the unit up to the root, the unit first. Empty when the unit does not exist. */
export async function unitPath(db: Db, unitId: number): Promise<number[]> {
  const rows = await db
    .withRecursive("chain(id, parent_id, depth)", (qb) =>
      qb
        .selectFrom("units")
        .select(["id", "parent_id", sql<number>`0`.as("depth")])
        .where("id", "=", unitId)
        .unionAll((qb2) =>
          qb2
            .selectFrom("units")
            .innerJoin("chain", "chain.parent_id", "units.id")
            .select(["units.id", "units.parent_id", sql<number>`chain.depth + 1`.as("depth")]),
        ),
    )
    .selectFrom("chain")
    .select(["id", "depth"])
    .orderBy("depth")
    .execute();
  return rows.map((r) => Number(r.id));
}

/** The unit and every unit below it. */
export async function subtreeIds(db: Db, unitId: number): Promise<number[]> {
  const rows = await db
    .withRecursive("tree(id)", (qb) =>
      qb
        .selectFrom("units")
        .select("id")
        .where("id", "=", unitId)
        .unionAll((qb2) => qb2.selectFrom("units").innerJoin("tree", "tree.id", "units.parent_id").select("units.id")),
    )
    .selectFrom("tree")
    .select("id")
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Names from the root down to the unit's parent, for a breadcrumb. */
export async function unitAncestors(db: Db, unitId: number) {
  const path = await unitPath(db, unitId);
  const ids = path.slice(1);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("units").select(["id", "name"]).where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .reverse()
    .map((id) => byId.get(id)!)
    .filter(Boolean);
}

/**
 * Active units as picker options, in tree order with their depth; optionally only a subtree.
 * Closed units are left out: they stay in history but are no longer chosen.
 */
export async function unitOptions(db: Db, options: { withinUnitId?: number } = {}) {
  const rows = await db
    .selectFrom("units")
    .select(["id", "name", "code", "kind", "parent_id as parentId"])
    .where("active", "=", 1)
    .orderBy("name")
    .execute();
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) {
    const key = r.parentId;
    if (!children.has(key)) children.set(key, []);
    children.get(key)!.push(r);
  }
  const ids = new Set(rows.map((r) => r.id));
  const out: Array<{ id: number; name: string; code: string; kind: UnitKind; depth: number }> = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const r of children.get(parentId) ?? []) {
      out.push({ id: r.id, name: r.name, code: r.code, kind: r.kind, depth });
      walk(r.id, depth + 1);
    }
  };
  if (options.withinUnitId !== undefined) {
    const root = rows.find((r) => r.id === options.withinUnitId);
    if (root) {
      out.push({ id: root.id, name: root.name, code: root.code, kind: root.kind, depth: 0 });
      walk(root.id, 1);
    }
    return out;
  }
  // Roots are units without a parent, or whose parent is closed.
  for (const r of rows)
    if (r.parentId === null || !ids.has(r.parentId)) {
      out.push({ id: r.id, name: r.name, code: r.code, kind: r.kind, depth: 0 });
      walk(r.id, 1);
    }
  return out;
}
