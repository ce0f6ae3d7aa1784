import { Link } from "@remix-run/react";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";

/** Extension requests waiting for a decision: how many, and the oldest few. */
export function ExtensionsWaiting({
  count,
  oldest,
}: {
  count: number;
  oldest: Array<{
    id: number;
    taskId: number;
    taskTitle: string;
    leadUnitName: string | null;
    requestedAt: string;
    requestedDeadline: string;
  }>;
}) {
  const t = useT();
  return (
    <section aria-labelledby="extensions-heading" className="space-y-3">
      <h2 id="extensions-heading" className="text-lg font-semibold text-slate-900">
        {t("dash.ext.heading")}
      </h2>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p>
          <Link to="/extensions" className="text-2xl font-bold tabular-nums">
            {formatNumber(count, t.lang)}
          </Link>{" "}
          <span className="text-sm text-slate-700">{t("dash.ext.waiting")}</span>
        </p>
        {oldest.length ? (
          <>
            <h3 className="mt-3 text-sm font-semibold text-slate-800">{t("dash.ext.oldest")}</h3>
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {oldest.map((e) => (
                <li key={e.id} className="py-2">
                  <Link to={`/tasks/${e.taskId}`} className="font-semibold leading-snug">
                    {e.taskTitle}
                  </Link>
                  <span className="block text-xs text-slate-600">
                    {e.leadUnitName ? `${e.leadUnitName} · ` : ""}
                    {t("dash.ext.requested", { date: t.date(e.requestedAt), deadline: t.date(e.requestedDeadline) })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="mt-3 text-sm">
          <Link to="/extensions" className="font-semibold">
            {t("dash.ext.open")} →
          </Link>
        </p>
      </div>
    </section>
  );
}
