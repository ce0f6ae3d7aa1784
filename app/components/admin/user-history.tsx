/** A user's latest changes from the audit log, with a link to all of them. */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { AuditDetails, auditActionLabel, type AuditData } from "../audit-event";

export interface UserHistoryEvent {
  id: number;
  occurredAt: string;
  action: string;
  actorName: string | null;
  data: AuditData;
}

export function UserHistory({
  userId,
  history,
  unitNames,
}: {
  userId: number;
  history: { total: number; items: readonly UserHistoryEvent[] };
  unitNames: Record<string, string>;
}) {
  const t = useT();
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("users.history")}
        </h2>
        {history.total > 0 ? (
          <Link to={`/admin/audit?entityType=user&entityId=${userId}`} className="text-sm font-semibold">
            {t("users.historyAll", { count: history.total })}
          </Link>
        ) : null}
      </div>
      {history.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("users.historyEmpty")}</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 text-sm">
          {history.items.map((e) => (
            <li key={e.id} className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
              <span className="text-slate-500">{t.dateTime(e.occurredAt)}</span>
              <div>
                <p>
                  <span className="font-semibold">{auditActionLabel(t, e.action)}</span>
                  <span className="text-slate-500"> — {e.actorName ?? t("audit.system")}</span>
                </p>
                <div className="mt-0.5 text-slate-700">
                  <AuditDetails t={t} data={e.data} unitNames={unitNames} hideEmpty />
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
