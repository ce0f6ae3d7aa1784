import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { DEFAULT_REMINDER_SCHEDULE, SCHEDULE_SETTING_KEY, type ReminderSchedule } from "~/domain/reminder-schedule";
import { recordAudit } from "~/models/audit.server";
import { isUniqueViolation } from "~/models/db-errors.server";

/** The schedule in force: the admin's saved one, or the defaults. */
export async function getReminderSchedule(db: Db): Promise<{ schedule: ReminderSchedule; version: number }> {
  const row = await db.selectFrom("settings").select(["value", "version"]).where("key", "=", SCHEDULE_SETTING_KEY).executeTakeFirst();
  if (!row) return { schedule: DEFAULT_REMINDER_SCHEDULE, version: 0 };
  return { schedule: { ...DEFAULT_REMINDER_SCHEDULE, ...(JSON.parse(row.value) as Partial<ReminderSchedule>) }, version: row.version };
}

export interface ScheduleState {
  schedule: ReminderSchedule;
  /** 0 while the defaults apply (no row yet). */
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** The schedule in force with who changed it last (for the admin page). */
export async function getReminderScheduleState(db: Db): Promise<ScheduleState> {
  const { schedule, version } = await getReminderSchedule(db);
  const row = await db
    .selectFrom("settings")
    .leftJoin("users", "users.id", "settings.updated_by")
    .select(["settings.updated_at as updatedAt", "users.full_name as updatedByName"])
    .where("settings.key", "=", SCHEDULE_SETTING_KEY)
    .executeTakeFirst();
  return { schedule, version, updatedAt: row?.updatedAt ?? null, updatedByName: row?.updatedByName ?? null };
}

export type SaveScheduleResult = { ok: true; version: number; changed: boolean } | { ok: false; error: "conflict"; currentVersion: number };

/**
 * Saves the admin's schedule if `expectedVersion` is still the one in force (0 = the defaults, no row),
 * with an audit event holding the old and new values, in one transaction. A concurrent edit (another
 * version, or a race to create the row) is a conflict and nothing is written. An unchanged schedule
 * writes nothing either.
 */
export async function saveReminderSchedule(
  db: Db,
  input: { schedule: ReminderSchedule; expectedVersion: number; actorUserId: number; ip?: string | null; reset?: boolean; now?: Date },
): Promise<SaveScheduleResult> {
  const now = (input.now ?? clock.now()).toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("settings").select(["value", "version"]).where("key", "=", SCHEDULE_SETTING_KEY).executeTakeFirst();
      const currentVersion = row?.version ?? 0;
      if (currentVersion !== input.expectedVersion) return { ok: false as const, error: "conflict" as const, currentVersion };
      const before: ReminderSchedule = row
        ? { ...DEFAULT_REMINDER_SCHEDULE, ...(JSON.parse(row.value) as Partial<ReminderSchedule>) }
        : DEFAULT_REMINDER_SCHEDULE;
      if (JSON.stringify(before) === JSON.stringify(input.schedule)) return { ok: true as const, version: currentVersion, changed: false };
      const value = JSON.stringify(input.schedule);
      let version: number;
      if (!row) {
        await trx
          .insertInto("settings")
          .values({ key: SCHEDULE_SETTING_KEY, value, version: 1, updated_at: now, updated_by: input.actorUserId })
          .execute();
        version = 1;
      } else {
        const result = await trx
          .updateTable("settings")
          .set({ value, version: currentVersion + 1, updated_at: now, updated_by: input.actorUserId })
          .where("key", "=", SCHEDULE_SETTING_KEY)
          .where("version", "=", currentVersion)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return { ok: false as const, error: "conflict" as const, currentVersion };
        version = currentVersion + 1;
      }
      await recordAudit(trx, {
        actorUserId: input.actorUserId,
        action: input.reset ? "settings.reminder_schedule_reset" : "settings.reminder_schedule",
        entityType: "settings",
        entityId: SCHEDULE_SETTING_KEY,
        data: { before, after: input.schedule },
        ip: input.ip ?? null,
        now: input.now,
      });
      return { ok: true as const, version, changed: true };
    });
  } catch (error) {
    // Two first saves at once: the row's primary key lets one through; the other is a conflict.
    if (isUniqueViolation(error)) {
      const { version } = await getReminderSchedule(db);
      return { ok: false, error: "conflict", currentVersion: version };
    }
    throw error;
  }
}

export interface ReminderRunRow {
  runDate: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  /** What the run reported (the job decides the names), numbers only. */
  counts: Record<string, number>;
}

/** The latest processed days, newest first (read-only, for the admin page). */
export async function listReminderRuns(db: Db, limit = 14): Promise<ReminderRunRow[]> {
  const rows = await db
    .selectFrom("reminder_runs")
    .select(["run_date", "status", "started_at", "finished_at", "counts"])
    .orderBy("run_date", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    runDate: r.run_date,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: numericCounts(r.counts),
  }));
}

function numericCounts(raw: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === "number"),
    );
  } catch {
    return {};
  }
}
