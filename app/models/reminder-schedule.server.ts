import type { Db } from "~/db.server";
import { DEFAULT_REMINDER_SCHEDULE, SCHEDULE_SETTING_KEY, type ReminderSchedule } from "~/domain/reminder-schedule";

/** The schedule in force: the admin's saved one, or the defaults. */
export async function getReminderSchedule(db: Db): Promise<{ schedule: ReminderSchedule; version: number }> {
  const row = await db.selectFrom("settings").select(["value", "version"]).where("key", "=", SCHEDULE_SETTING_KEY).executeTakeFirst();
  if (!row) return { schedule: DEFAULT_REMINDER_SCHEDULE, version: 0 };
  return { schedule: { ...DEFAULT_REMINDER_SCHEDULE, ...(JSON.parse(row.value) as Partial<ReminderSchedule>) }, version: row.version };
}
