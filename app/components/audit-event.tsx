/**
 * How an audit event reads to a person: the action and record type in words, and its data (usually
 * `{ before, after }`) as short "field: old → new" lines. Everything is rendered as text (React escapes
 * it), so whatever a user typed into a name shows literally.
 */
import { UNIT_REF_FIELDS, type AuditData } from "~/domain/audit-data";
import { isMessageKey, type MessageKey } from "~/i18n";
import type { T } from "~/i18n/react";

export { parseAuditData, referencedUnitIds, type AuditData } from "~/domain/audit-data";

export function auditActionLabel(t: T, action: string): string {
  const key = `auditAction.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function auditEntityLabel(t: T, entityType: string): string {
  const key = `auditEntity.${entityType}`;
  return isMessageKey(key) ? t(key) : entityType;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  fullName: "users.fullName",
  email: "users.email",
  role: "users.role",
  unitId: "users.unit",
  active: "users.status",
  language: "users.language",
  name: "units.name",
  code: "units.code",
  kind: "units.kind",
  parentId: "units.parent",
  units: "nav.units",
  users: "nav.users",
  count: "audit.field.count",
  apiTokensRevoked: "audit.field.apiTokensRevoked",
  expiresAt: "tokens.expiresAt",
  reason: "audit.field.reason",
  emailEnabled: "account.emailEnabled",
  beforeDays: "schedule.beforeDays",
  onDeadlineDay: "schedule.onDeadlineDay",
  firstAfterDays: "schedule.firstAfterDays",
  repeatAfterDays: "schedule.repeatAfterDays",
  escalateHeadAfterDays: "schedule.escalateHeadAfterDays",
  escalateCommitteeAfterDays: "schedule.escalateCommitteeAfterDays",
  extensionPendingDays: "schedule.extensionPendingDays",
  to: "outbox.to",
  nextAttemptAt: "outbox.nextAttempt",
};

const MAX_VALUE_CHARS = 200;

function clip(text: string) {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function fieldLabel(t: T, key: string) {
  const known = FIELD_LABELS[key];
  return known ? t(known) : key;
}

function formatValue(t: T, key: string, value: unknown, unitNames: Record<string, string>): string {
  if (value === null || value === undefined || value === "") return t("common.none");
  if (UNIT_REF_FIELDS.includes(key) && typeof value === "number") return unitNames[String(value)] ?? `#${value}`;
  if (key === "role" && typeof value === "string" && isMessageKey(`role.${value}`)) return t(`role.${value}` as MessageKey);
  if (key === "kind" && typeof value === "string" && isMessageKey(`unitKind.${value}`)) return t(`unitKind.${value}` as MessageKey);
  if (key === "reason" && typeof value === "string" && isMessageKey(`audit.reason.${value}`))
    return t(`audit.reason.${value}` as MessageKey);
  if (key === "language" && (value === "vi" || value === "en")) return t(`lang.${value}`);
  if (key === "active" && typeof value === "boolean") return value ? t("common.active") : t("common.inactive");
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return value.join(", ");
  if (typeof value === "string") return clip(value);
  return clip(JSON.stringify(value));
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

interface Line {
  key: string;
  label: string;
  before?: string;
  after: string;
}

function detailLines(t: T, data: AuditData, unitNames: Record<string, string>): Line[] {
  const lines: Line[] = [];
  const before = asRecord(data.before);
  const after = asRecord(data.after);
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    for (const key of keys) {
      const b = before?.[key];
      const a = after?.[key];
      if (before && after && JSON.stringify(a) === JSON.stringify(b)) continue;
      lines.push({
        key,
        label: fieldLabel(t, key),
        before: before ? formatValue(t, key, b, unitNames) : undefined,
        after: formatValue(t, key, after ? a : undefined, unitNames),
      });
    }
  }
  for (const [key, value] of Object.entries(data)) {
    if (key === "before" || key === "after") continue;
    lines.push({ key, label: fieldLabel(t, key), after: formatValue(t, key, value, unitNames) });
  }
  return lines;
}

/** The event's data as a compact list; nothing when there is none. */
export function AuditDetails({
  t,
  data,
  unitNames,
  hideEmpty,
}: {
  t: T;
  data: AuditData;
  unitNames: Record<string, string>;
  hideEmpty?: boolean;
}) {
  const lines = detailLines(t, data, unitNames);
  if (lines.length === 0) return hideEmpty ? null : <span className="text-slate-400">{t("common.none")}</span>;
  return (
    <ul className="space-y-0.5">
      {lines.map((line) => (
        <li key={line.key} className="break-words">
          <span className="font-semibold text-slate-700">{line.label}:</span>{" "}
          {line.before !== undefined ? (
            <>
              <span className="text-slate-500 line-through decoration-slate-400">{line.before}</span> <span aria-hidden="true">→</span>
              <span className="sr-only">{t("audit.changedTo")}</span>{" "}
            </>
          ) : null}
          <span>{line.after}</span>
        </li>
      ))}
    </ul>
  );
}
