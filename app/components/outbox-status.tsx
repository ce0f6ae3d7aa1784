import { Badge } from "~/components/ui/badge";
import type { T } from "~/i18n/react";

const TONES = { pending: "amber", sending: "blue", sent: "green", failed: "red" } as const;

/** An outbox e-mail's status as a coloured badge; an unknown status shows as written. */
export function OutboxStatusBadge({ t, status }: { t: T; status: string }) {
  if (status in TONES) {
    const s = status as keyof typeof TONES;
    return <Badge tone={TONES[s]}>{t(`outbox.status.${s}`)}</Badge>;
  }
  return <Badge>{status}</Badge>;
}
