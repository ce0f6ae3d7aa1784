/** Badges for a task's status, deadline standing and priority, coloured the way the committee reads them. */
import type { Standing, TaskPriority, TaskStatus } from "~/domain/task-rules";
import { useT } from "~/i18n/react";
import { Badge } from "./ui/badge";

type Tone = "neutral" | "blue" | "green" | "amber" | "red";

/** Overdue red, due soon amber, on track neutral (the status badge is the blue one), done on time green, done late amber. */
export const STANDING_TONES: Record<Standing, Tone> = {
  overdue: "red",
  due_soon: "amber",
  on_track: "neutral",
  done_on_time: "green",
  done_late: "amber",
};

const STATUS_TONES: Record<TaskStatus, Tone> = {
  draft: "neutral",
  not_started: "neutral",
  in_progress: "blue",
  done: "green",
  cancelled: "neutral",
};

export function StandingBadge({ standing }: { standing: Standing | null }) {
  const t = useT();
  // Drafts and cancelled tasks are not judged against a deadline: no badge at all.
  if (!standing) return null;
  return (
    <Badge tone={STANDING_TONES[standing]}>
      {standing === "overdue" ? (
        <span aria-hidden="true" className="mr-1">
          !
        </span>
      ) : null}
      {t(`standing.${standing}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: TaskStatus }) {
  const t = useT();
  return <Badge tone={STATUS_TONES[status]}>{t(`status.${status}`)}</Badge>;
}

/** Only a priority other than normal is worth a badge. */
export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  const t = useT();
  if (priority === "normal") return null;
  return <Badge tone={priority === "urgent" ? "red" : priority === "high" ? "amber" : "neutral"}>{t(`priority.${priority}`)}</Badge>;
}
