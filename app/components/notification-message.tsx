import { notificationText } from "~/domain/notification-text";
import type { T } from "~/i18n/react";

/** One notification's sentence in the reader's language, with the deadline it was about. */
export function notificationSentence(
  t: T,
  n: { kind: string; rule: string; data: string | null; deadline: string | null; taskDeadline: string | null },
): string {
  const text = notificationText({ kind: n.kind, rule: n.rule, data: n.data, deadline: n.deadline ?? n.taskDeadline });
  const sentence = t(text.key, text.params);
  return text.deadline ? `${sentence} ${t("notif.deadline", { date: t.date(text.deadline) })}` : sentence;
}
