/**
 * A preview row's status as a coloured badge; once the batch is imported, ready and draft rows say what they became.
 */
import type { RowStatus } from "~/domain/task-import";
import { useT } from "~/i18n/react";
import { Badge } from "../ui/badge";

const STATUS_TONE: Record<RowStatus, "green" | "amber" | "red" | "neutral"> = {
  ready: "green",
  draft: "amber",
  error: "red",
  skipped: "neutral",
};

export function RowStatusBadge({ status, imported = false }: { status: RowStatus; imported?: boolean }) {
  const t = useT();
  const label = imported && (status === "ready" || status === "draft") ? t(`excel.status.imported.${status}`) : t(`excel.status.${status}`);
  return <Badge tone={STATUS_TONE[status]}>{label}</Badge>;
}
