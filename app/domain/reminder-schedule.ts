/**
 * The reminder schedule: when owners are reminded and when slipping work is escalated. Stored by the
 * admin under settings key "reminder_schedule" as JSON; these defaults apply until it is edited.
 * (Validation of an admin's edit lives beside this type so the form, the API and the job agree.)
 */
export interface ReminderSchedule {
  /** Days before the deadline on which the owner is reminded, e.g. [7, 3, 1]. */
  beforeDays: number[];
  /** Remind the owner on the deadline day itself. */
  onDeadlineDay: boolean;
  /** First reminder this many days after the deadline (1 = the day after). */
  firstAfterDays: number;
  /** Then every this many days while still overdue (7 = weekly; 0 = no repeats). */
  repeatAfterDays: number;
  /** Overdue this many days → the head of the lead unit is told (once per deadline). */
  escalateHeadAfterDays: number;
  /** Overdue this many days → the committee and the admins are told (once per deadline). */
  escalateCommitteeAfterDays: number;
  /** An extension request undecided this many days → the members who can decide it are told. */
  extensionPendingDays: number;
}

export const SCHEDULE_SETTING_KEY = "reminder_schedule";

export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = {
  beforeDays: [7, 3, 1],
  onDeadlineDay: true,
  firstAfterDays: 1,
  repeatAfterDays: 7,
  escalateHeadAfterDays: 7,
  escalateCommitteeAfterDays: 30,
  extensionPendingDays: 3,
};
