/**
 * Which reminders are due on a day. Pure: the job passes the day (YYYY-MM-DD in APP_TZ), the schedule
 * and each task's facts, and writes what comes back.
 *
 * Every reminder carries its exactly-once key — task, rule, deadline in force, recipient — so running
 * a day twice, rerunning after a crash or two servers running at once insert it once (the key is
 * unique in `notifications`). An approved extension changes the deadline in force, so the keys change
 * and the schedule starts again for the new date.
 *
 * Time-based rules fire on their exact day (before:7 seven days before the deadline, after:8 eight days
 * after it…); the job processes every day in order, catching up days missed during downtime, so no
 * day's reminders are skipped. Two rules have no day of their own and fire on every run until their
 * key exists: `owner_inactive` and `extension_pending` (from N days undecided on).
 */
import { addDays, daysBetween } from "./dates";
import type { ReminderSchedule } from "./reminder-schedule";
import { OPEN_STATUSES, type TaskStatus } from "./task-rules";

/** The kinds of notification (a contract shared with the inbox, the API and the e-mail templates). */
export const NOTIFICATION_KINDS = [
  "deadline_before",
  "deadline_today",
  "overdue",
  "escalation_head",
  "escalation_committee",
  "extension_pending",
  "owner_inactive",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Only issued, unfinished tasks are reminded: never drafts, done or cancelled tasks. */
export function isRemindable(status: TaskStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export interface TaskFacts {
  taskId: number;
  status: TaskStatus;
  /** The deadline in force (after approved extensions). */
  deadline: string | null;
  ownerId: number | null;
  /** False when the owner is deactivated: their reminders go to nobody and the head is told instead. */
  ownerActive: boolean;
  /** Active heads of the lead unit (the job falls back to the nearest unit above that has one). */
  leadHeadIds: readonly number[];
  /** Active committee members and admins. */
  committeeIds: readonly number[];
}

export interface PendingExtensionFacts {
  extensionId: number;
  taskId: number;
  taskStatus: TaskStatus;
  /** The deadline in force on the task. */
  deadline: string;
  requestedDeadline: string;
  /** The day the request was made, YYYY-MM-DD in APP_TZ. */
  requestedOn: string;
  /** Active users who may decide it (per the policy's extension:decide). */
  deciderIds: readonly number[];
}

export interface DueReminder {
  kind: NotificationKind;
  /** "before:3", "due", "after:8", "escalate-head:7", "escalate-committee:30", "extension-pending:3", "owner-inactive". */
  rule: string;
  taskId: number;
  extensionId: number | null;
  userId: number;
  deadline: string;
  dedupeKey: string;
  /** Facts for rendering (stored as notifications.data). */
  data: Record<string, number | string>;
}

// Deadlines repeat across tasks (a few hundred distinct dates): remember the day numbers.
const dayNumbers = new Map<string, number>();
function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = daysBetween("1970-01-01", date);
    if (dayNumbers.size > 20_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

/** Whole days from `deadline` to `date` (negative before the deadline); fast for the job's 100k tasks. */
export function daysPast(deadline: string, date: string): number {
  return dayNumber(date) - dayNumber(deadline);
}

/** The exactly-once key: `task:12|before:3|2026-12-01|user:5`. */
export function reminderKey(taskId: number, rule: string, deadline: string, userId: number): string {
  return `task:${taskId}|${rule}|${deadline}|user:${userId}`;
}

/** Whether an overdue reminder falls on this many days after the deadline: first, then every repeat. */
export function isOverdueReminderDay(daysOverdue: number, schedule: Pick<ReminderSchedule, "firstAfterDays" | "repeatAfterDays">): boolean {
  const { firstAfterDays: first, repeatAfterDays: repeat } = schedule;
  if (daysOverdue < first) return false;
  if (daysOverdue === first) return true;
  return repeat > 0 && (daysOverdue - first) % repeat === 0;
}

function make(
  kind: NotificationKind,
  rule: string,
  taskId: number,
  deadline: string,
  userId: number,
  data: DueReminder["data"],
  extensionId: number | null = null,
): DueReminder {
  const key =
    extensionId === null ? reminderKey(taskId, rule, deadline, userId) : `task:${taskId}|${rule}|ext:${extensionId}|user:${userId}`;
  return { kind, rule, taskId, extensionId, userId, deadline, dedupeKey: key, data };
}

/** The reminders one task gives on `date`. */
export function remindersDue(task: TaskFacts, date: string, schedule: ReminderSchedule): DueReminder[] {
  if (!isRemindable(task.status) || !task.deadline) return [];
  const deadline = task.deadline;
  const out: DueReminder[] = [];
  // Days past the deadline: negative before it, 0 on the day.
  const d = daysPast(deadline, date);
  const ownerReachable = task.ownerId !== null && task.ownerActive;

  if (ownerReachable) {
    const owner = task.ownerId as number;
    if (d < 0 && schedule.beforeDays.includes(-d))
      out.push(make("deadline_before", `before:${-d}`, task.taskId, deadline, owner, { days: -d }));
    else if (d === 0 && schedule.onDeadlineDay) out.push(make("deadline_today", "due", task.taskId, deadline, owner, {}));
    else if (d > 0 && isOverdueReminderDay(d, schedule)) out.push(make("overdue", `after:${d}`, task.taskId, deadline, owner, { days: d }));
  } else {
    // The owner cannot act: the head answers for the task instead, told once per deadline.
    for (const head of task.leadHeadIds) {
      if (head === task.ownerId) continue;
      out.push(
        make("owner_inactive", "owner-inactive", task.taskId, deadline, head, task.ownerId !== null ? { ownerId: task.ownerId } : {}),
      );
    }
  }

  if (d > 0 && d === schedule.escalateHeadAfterDays) {
    for (const head of task.leadHeadIds) out.push(make("escalation_head", `escalate-head:${d}`, task.taskId, deadline, head, { days: d }));
  }
  if (d > 0 && d === schedule.escalateCommitteeAfterDays) {
    for (const member of task.committeeIds)
      out.push(make("escalation_committee", `escalate-committee:${d}`, task.taskId, deadline, member, { days: d }));
  }
  return out;
}

/** The reminders a pending extension request gives on `date`: once it has waited N days, each decider once. */
export function extensionRemindersDue(ext: PendingExtensionFacts, date: string, schedule: ReminderSchedule): DueReminder[] {
  if (!isRemindable(ext.taskStatus)) return [];
  const waited = daysPast(ext.requestedOn, date);
  const n = schedule.extensionPendingDays;
  if (waited < n) return [];
  return ext.deciderIds.map((userId) =>
    make(
      "extension_pending",
      `extension-pending:${n}`,
      ext.taskId,
      ext.deadline,
      userId,
      { days: waited, requestedDeadline: ext.requestedDeadline },
      ext.extensionId,
    ),
  );
}

/** Where an open task stands for a daily digest on `date`: overdue, due today, due within 7 days, or none. */
export function digestBucket(deadline: string | null, date: string, weekEnd = addDays(date, 7)): "overdue" | "today" | "week" | null {
  if (!deadline) return null;
  if (deadline < date) return "overdue";
  if (deadline === date) return "today";
  if (deadline <= weekEnd) return "week";
  return null;
}

/** Weekly digests go out on Mondays. */
export function isMonday(date: string): boolean {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 1;
}

export function dailyDigestKey(date: string, userId: number) {
  return `digest:daily:${date}|user:${userId}`;
}
export function headDigestKey(date: string, userId: number) {
  return `digest:weekly-head:${date}|user:${userId}`;
}
export function committeeDigestKey(date: string, userId: number) {
  return `digest:weekly-committee:${date}|user:${userId}`;
}
