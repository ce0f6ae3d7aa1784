/**
 * A task's story, newest first: progress updates with their evidence, extension requests and decisions
 * (the "what happened" people read), then the full history of field changes from the audit log
 * (who, when, before → after). All text is rendered by React, so whatever a user typed shows literally.
 */
import { Link } from "@remix-run/react";
import { isSafeLink } from "~/domain/task-schema";
import { isMessageKey, type MessageKey } from "~/i18n";
import { useT, type T } from "~/i18n/react";
import { fieldLabel } from "./task-form";
import { Badge } from "./ui/badge";

export interface TimelineUpdate {
  id: number;
  kind: string;
  progress: number;
  note: string;
  createdAt: string;
  authorName: string;
}

export interface TimelineEvidence {
  id: number;
  updateId: number | null;
  kind: string;
  url: string | null;
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: string;
}

export interface TimelineExtension {
  id: number;
  requestedAt: string;
  previousDeadline: string;
  requestedDeadline: string;
  reason: string;
  status: string;
  decidedAt: string | null;
  decisionNote: string | null;
  requestedByName: string;
  decidedByName: string | null;
}

export interface HistoryEvent {
  id: number;
  occurredAt: string;
  action: string;
  data: string;
  actorName: string | null;
}

export interface ReferenceNames {
  units: Record<string, string>;
  users: Record<string, string>;
  goals: Record<string, string>;
  tasks: Record<string, string>;
}

export function fileSize(t: T, bytes: number | null) {
  if (bytes === null) return "";
  if (bytes < 1024) return t("evidence.bytes", { n: bytes });
  if (bytes < 1024 * 1024) return t("evidence.kb", { n: Math.round(bytes / 102.4) / 10 });
  return t("evidence.mb", { n: Math.round(bytes / (1024 * 102.4)) / 10 });
}

/** "PDF", "DOCX", … from the file name, as a short visual tag. */
function fileKind(name: string | null) {
  const dot = name?.lastIndexOf(".") ?? -1;
  return name && dot > 0 ? name.slice(dot + 1).slice(0, 5) : "file";
}

export function EvidenceList({ taskId, evidence }: { taskId: number; evidence: TimelineEvidence[] }) {
  const t = useT();
  if (evidence.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {evidence.map((e) => (
        <li key={e.id} className="flex flex-wrap items-baseline gap-x-2">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[0.7rem] font-bold uppercase text-slate-600">
            {e.kind === "file" ? fileKind(e.fileName) : t("evidence.link")}
          </span>
          {e.kind === "file" ? (
            <>
              <a href={`/tasks/${taskId}/evidence/${e.id}`} download={e.fileName ?? undefined} className="break-all font-medium">
                {e.fileName}
              </a>
              <span className="text-xs text-slate-500">
                {fileSize(t, e.sizeBytes)} · SHA-256 <code title={e.sha256 ?? ""}>{e.sha256?.slice(0, 12)}…</code>
              </span>
            </>
          ) : e.url && isSafeLink(e.url) ? (
            <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all font-medium">
              {e.url}
            </a>
          ) : (
            <span className="break-all">{e.url}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

type Entry =
  | { at: string; order: number; type: "update"; update: TimelineUpdate }
  | { at: string; order: number; type: "request"; ext: TimelineExtension }
  | { at: string; order: number; type: "decision"; ext: TimelineExtension };

const UPDATE_LABEL: Record<string, MessageKey> = {
  progress: "timeline.progress",
  done: "timeline.done",
  reopen: "timeline.reopen",
  cancel: "timeline.cancel",
};

export function TaskTimeline({
  taskId,
  updates,
  evidence,
  extensions,
}: {
  taskId: number;
  updates: TimelineUpdate[];
  evidence: TimelineEvidence[];
  extensions: TimelineExtension[];
}) {
  const t = useT();
  const entries: Entry[] = [
    ...updates.map((u) => ({ at: u.createdAt, order: u.id, type: "update" as const, update: u })),
    ...extensions.map((e) => ({ at: e.requestedAt, order: e.id, type: "request" as const, ext: e })),
    ...extensions.filter((e) => e.decidedAt).map((e) => ({ at: e.decidedAt!, order: e.id, type: "decision" as const, ext: e })),
  ].sort((a, b) => (a.at === b.at ? b.order - a.order : a.at < b.at ? 1 : -1));
  const unattached = evidence.filter((e) => e.updateId === null);

  if (entries.length === 0 && unattached.length === 0) return <p className="text-sm text-slate-600">{t("timeline.empty")}</p>;
  return (
    <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5">
      {entries.map((entry) => (
        <li key={`${entry.type}-${entry.order}`} className="relative">
          <span
            aria-hidden="true"
            className="absolute -left-[1.72rem] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-600 ring-1 ring-slate-300"
          />
          <p className="text-xs text-slate-500">
            <time dateTime={entry.at}>{t.dateTime(entry.at)}</time>
          </p>
          {entry.type === "update" ? (
            <div>
              <p className="font-semibold text-slate-900">
                {t(UPDATE_LABEL[entry.update.kind] ?? "timeline.progress", {
                  name: entry.update.authorName,
                  progress: entry.update.progress,
                })}
              </p>
              {entry.update.note ? (
                <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">{entry.update.note}</p>
              ) : null}
              <EvidenceList taskId={taskId} evidence={evidence.filter((e) => e.updateId === entry.update.id)} />
            </div>
          ) : entry.type === "request" ? (
            <div>
              <p className="font-semibold text-slate-900">
                {t("timeline.extensionRequested", {
                  name: entry.ext.requestedByName,
                  from: t.date(entry.ext.previousDeadline),
                  to: t.date(entry.ext.requestedDeadline),
                })}{" "}
                {entry.ext.status === "pending" ? <Badge tone="amber">{t("extensionStatus.pending")}</Badge> : null}
              </p>
              <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">
                <span className="font-semibold">{t("field.reason")}:</span> {entry.ext.reason}
              </p>
            </div>
          ) : (
            <div>
              <p className="font-semibold text-slate-900">
                {t(entry.ext.status === "approved" ? "timeline.extensionApproved" : "timeline.extensionRejected", {
                  name: entry.ext.decidedByName ?? t("audit.system"),
                  to: t.date(entry.ext.requestedDeadline),
                })}{" "}
                <Badge tone={entry.ext.status === "approved" ? "green" : "red"}>
                  {t(`extensionStatus.${entry.ext.status}` as MessageKey)}
                </Badge>
              </p>
              {entry.ext.decisionNote ? (
                <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">
                  <span className="font-semibold">{t("field.decisionNote")}:</span> {entry.ext.decisionNote}
                </p>
              ) : null}
            </div>
          )}
        </li>
      ))}
      {unattached.length ? (
        <li>
          <p className="font-semibold text-slate-900">{t("timeline.otherEvidence")}</p>
          <EvidenceList taskId={taskId} evidence={unattached} />
        </li>
      ) : null}
    </ol>
  );
}

// --- history (audit events of the task)

const DATE_FIELDS = new Set(["deadline", "startDate", "sourceDocDate", "originalDeadline", "previous", "current", "requested"]);
const MAX_CHARS = 300;

function clip(text: string) {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

export function formatHistoryValue(t: T, field: string, value: unknown, names: ReferenceNames): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return t("common.none");
  const name = (table: Record<string, string>, id: unknown) => (typeof id === "number" ? (table[String(id)] ?? `#${id}`) : String(id));
  switch (field) {
    case "ownerId":
      return name(names.users, value);
    case "leadUnitId":
      return name(names.units, value);
    case "goalId":
      return name(names.goals, value);
    case "parentId":
      return name(names.tasks, value);
    case "coordinatingUnitIds":
    case "units":
      return Array.isArray(value) ? value.map((id) => name(names.units, id)).join(", ") : String(value);
    case "programs":
      return Array.isArray(value)
        ? value.map((p) => (isMessageKey(`program.${p}`) ? t(`program.${p}` as MessageKey) : String(p))).join(", ")
        : String(value);
    case "status":
      return isMessageKey(`status.${value}`) ? t(`status.${value}` as MessageKey) : String(value);
    case "priority":
      return isMessageKey(`priority.${value}`) ? t(`priority.${value}` as MessageKey) : String(value);
    case "progress":
      return `${value}%`;
  }
  if (DATE_FIELDS.has(field) && typeof value === "string") return t.date(value);
  if (typeof value === "string") return clip(value);
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  return clip(JSON.stringify(value));
}

interface HistoryLine {
  key: string;
  label: string;
  before?: string;
  after: string;
}

const HIDDEN_KEYS = new Set(["version", "changes", "extensionId"]);

function historyLines(t: T, raw: string, names: ReferenceNames): HistoryLine[] {
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    data = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    data = {};
  }
  const lines: HistoryLine[] = [];
  const changes =
    data.changes && typeof data.changes === "object" ? (data.changes as Record<string, { before?: unknown; after?: unknown }>) : {};
  for (const [field, change] of Object.entries(changes)) {
    const before = change?.before;
    lines.push({
      key: field,
      label: fieldLabel(t, field),
      before: before === null || before === undefined ? undefined : formatHistoryValue(t, field, before, names),
      after: formatHistoryValue(t, field, change?.after, names),
    });
  }
  for (const [key, value] of Object.entries(data)) {
    if (HIDDEN_KEYS.has(key) || value === null || value === undefined || value === "") continue;
    if (key === "deadline" && value && typeof value === "object") {
      const d = value as { current?: unknown; requested?: unknown };
      lines.push({
        key,
        label: t("field.deadline"),
        before: formatHistoryValue(t, "current", d.current, names),
        after: formatHistoryValue(t, "requested", d.requested, names),
      });
      continue;
    }
    const label: Record<string, MessageKey> = {
      note: "field.note",
      reason: "field.reason",
      evidence: "field.evidence",
      units: "cascade.units",
      parentId: "task.parent",
    };
    lines.push({ key, label: label[key] ? t(label[key]) : key, after: formatHistoryValue(t, key, value, names) });
  }
  return lines;
}

export function TaskHistory({ events, names }: { events: HistoryEvent[]; names: ReferenceNames }) {
  const t = useT();
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("timeline.empty")}</p>;
  return (
    <ol className="divide-y divide-slate-200">
      {events.map((e) => {
        const key = `auditAction.${e.action}`;
        return (
          <li key={e.id} className="py-3">
            <p className="text-sm">
              <span className="font-semibold text-slate-900">{isMessageKey(key) ? t(key as MessageKey) : e.action}</span>
              <span className="text-slate-600">
                {" "}
                · {e.actorName ?? t("audit.system")} · <time dateTime={e.occurredAt}>{t.dateTime(e.occurredAt)}</time>
              </span>
            </p>
            <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
              {historyLines(t, e.data, names).map((line) => (
                <li key={line.key} className="break-words">
                  <span className="font-semibold">{line.label}:</span>{" "}
                  {line.before !== undefined ? (
                    <>
                      <span className="text-slate-500 line-through decoration-slate-400">{line.before}</span>{" "}
                      <span aria-hidden="true">→</span>
                      <span className="sr-only"> {t("audit.changedTo")} </span>{" "}
                    </>
                  ) : null}
                  <span>{line.after}</span>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}

export function TaskLink({ id, title }: { id: number; title: string }) {
  return (
    <Link to={`/tasks/${id}`} className="font-medium">
      {title}
    </Link>
  );
}
