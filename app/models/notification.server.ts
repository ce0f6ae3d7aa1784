/**
 * The in-app inbox. Every function takes the signed-in user's id and touches only that user's rows:
 * another user's notification is "not found", never "forbidden", so ids do not leak.
 * Reading is not audited (it changes nothing anyone else sees); the reminder job writes the rows.
 */
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";

export interface NotificationItem {
  id: number;
  kind: string;
  rule: string;
  taskId: number | null;
  taskTitle: string | null;
  /** The task's deadline in force now. */
  taskDeadline: string | null;
  /** The deadline the reminder was about (it may have moved since by an extension). */
  deadline: string | null;
  data: string;
  createdAt: string;
  readAt: string | null;
}

function baseQuery(db: Db, userId: number) {
  return db.selectFrom("notifications").leftJoin("tasks", "tasks.id", "notifications.task_id").where("notifications.user_id", "=", userId);
}

function select(query: ReturnType<typeof baseQuery>) {
  return query.select([
    "notifications.id as id",
    "notifications.kind as kind",
    "notifications.rule as rule",
    "notifications.task_id as taskId",
    "tasks.title as taskTitle",
    "tasks.deadline as taskDeadline",
    "notifications.deadline as deadline",
    "notifications.data as data",
    "notifications.created_at as createdAt",
    "notifications.read_at as readAt",
  ]);
}

/** A page of the user's notifications, newest first, with the total matching. */
export async function listNotifications(
  db: Db,
  input: { userId: number; unreadOnly?: boolean; limit: number; offset: number },
): Promise<{ total: number; items: NotificationItem[] }> {
  let count = db.selectFrom("notifications").where("user_id", "=", input.userId);
  if (input.unreadOnly) count = count.where("read_at", "is", null);
  const { total } = await count.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  let query = baseQuery(db, input.userId);
  if (input.unreadOnly) query = query.where("notifications.read_at", "is", null);
  const items = await select(query).orderBy("notifications.id", "desc").limit(input.limit).offset(input.offset).execute();
  return { total: Number(total), items };
}

/** How many of the user's notifications are unread (index notifications_unread_idx: it runs on every page). */
export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getNotification(db: Db, userId: number, id: number): Promise<NotificationItem | null> {
  return (await select(baseQuery(db, userId).where("notifications.id", "=", id)).executeTakeFirst()) ?? null;
}

/**
 * Marks one of the user's notifications read and returns it; null when it is not theirs or does not
 * exist. Marking an already read one again keeps its first read time (idempotent).
 */
export async function markNotificationRead(db: Db, input: { userId: number; id: number; now?: Date }): Promise<NotificationItem | null> {
  await db
    .updateTable("notifications")
    .set({ read_at: (input.now ?? clock.now()).toISOString() })
    .where("id", "=", input.id)
    .where("user_id", "=", input.userId)
    .where("read_at", "is", null)
    .execute();
  return getNotification(db, input.userId, input.id);
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, input: { userId: number; now?: Date }): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: (input.now ?? clock.now()).toISOString() })
    .where("user_id", "=", input.userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The API's view of a notification (the documented contract). */
export function notificationJson(n: Pick<NotificationItem, "id" | "kind" | "taskId" | "createdAt" | "readAt">) {
  return { id: n.id, kind: n.kind, taskId: n.taskId, createdAt: n.createdAt, readAt: n.readAt };
}
