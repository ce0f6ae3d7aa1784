/**
 * How an in-app notification reads: a dictionary key and its parameters, from the notification's kind,
 * rule and data (written by the reminder job) and the task's deadline. Pure; the page translates.
 * Kinds this code does not know (a newer job, an older page) read as a generic line, never an error.
 */

import { NOTIFICATION_KINDS, type NotificationKind } from "./reminders";

// One list of kinds, owned by the rules that make them.
export { NOTIFICATION_KINDS };
export type KnownNotificationKind = NotificationKind;

export type NotificationTextKey =
  | "notif.text.deadline_before"
  | "notif.text.deadline_today"
  | "notif.text.overdue"
  | "notif.text.escalation_head"
  | "notif.text.escalation_committee"
  | "notif.text.extension_pending"
  | "notif.text.owner_inactive"
  | "notif.text.other";

export interface NotificationInput {
  kind: string;
  rule: string;
  /** The JSON the job stored (anything: it is read defensively). */
  data: string | null;
  /** The deadline the reminder was about, else the task's current deadline (YYYY-MM-DD). */
  deadline: string | null;
}

/** The whole number after the last ":" of a rule ("after:8" → 8), or null. */
export function ruleDays(rule: string): number | null {
  const match = /:(\d{1,5})$/.exec(rule);
  return match ? Number(match[1]) : null;
}

function parseData(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function isKnownNotificationKind(kind: string): kind is KnownNotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/**
 * The message of one notification. `deadline` stays an ISO date here (the page formats it);
 * `days` comes from data.days when the job wrote it, else from the rule's number.
 */
export function notificationText(n: NotificationInput): {
  key: NotificationTextKey;
  params: Record<string, string | number>;
  deadline: string | null;
} {
  const data = parseData(n.data);
  const fromData = typeof data.days === "number" && Number.isInteger(data.days) && data.days >= 0 ? data.days : null;
  const days = fromData ?? ruleDays(n.rule);
  if (!isKnownNotificationKind(n.kind)) return { key: "notif.text.other", params: {}, deadline: n.deadline };
  // A kind that needs a day count but has none reads as the generic line rather than "{days}".
  const needsDays = n.kind !== "deadline_today" && n.kind !== "owner_inactive";
  if (needsDays && days === null) return { key: "notif.text.other", params: {}, deadline: n.deadline };
  return { key: `notif.text.${n.kind}`, params: days === null ? {} : { days }, deadline: n.deadline };
}
