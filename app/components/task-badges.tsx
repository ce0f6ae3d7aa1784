/** How a task's state reads at a glance: status, standing against its deadline, priority, programs, progress. */
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { Badge } from "./ui/badge";

const STATUS_TONE = { draft: "neutral", not_started: "blue", in_progress: "blue", done: "green", cancelled: "neutral" } as const;
const STANDING_TONE = { on_track: "green", due_soon: "amber", overdue: "red", done_on_time: "green", done_late: "amber" } as const;

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  const tone = STATUS_TONE[status as keyof typeof STATUS_TONE] ?? "neutral";
  return <Badge tone={tone}>{t(`status.${status}` as MessageKey)}</Badge>;
}

export function StandingBadge({ standing }: { standing: string | null }) {
  const t = useT();
  if (!standing) return null;
  const tone = STANDING_TONE[standing as keyof typeof STANDING_TONE] ?? "neutral";
  return <Badge tone={tone}>{t(`standing.${standing}` as MessageKey)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const t = useT();
  if (priority === "normal") return null;
  return <Badge tone={priority === "urgent" ? "red" : priority === "high" ? "amber" : "neutral"}>{t(`priority.${priority}` as MessageKey)}</Badge>;
}

export function ProgramTags({ programs }: { programs: string[] }) {
  const t = useT();
  return (
    <span className="inline-flex flex-wrap gap-1">
      {programs.map((p) => (
        <span key={p} title={t(`programName.${p}` as MessageKey)} className="rounded bg-brand-800 px-1.5 py-0.5 text-xs font-bold text-white">
          {t(`program.${p}` as MessageKey)}
        </span>
      ))}
    </span>
  );
}

/** A native progress bar (no inline width: the page's CSP forbids style attributes). */
export function ProgressMeter({ value, label }: { value: number; label?: string }) {
  const t = useT();
  return (
    <span className="inline-flex w-full items-center gap-2">
      <progress
        value={value}
        max={100}
        aria-label={label ?? t("field.progress")}
        className="h-2.5 w-full min-w-16 overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
      />
      <span className="w-10 shrink-0 text-right text-sm font-semibold tabular-nums text-slate-700">{value}%</span>
    </span>
  );
}
