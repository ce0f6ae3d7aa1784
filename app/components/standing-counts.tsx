/**
 * Counts of tasks by standing, each a link to the list behind it (the list's total is the count).
 * The order follows the government report: what needs attention first.
 */
import { Link } from "@remix-run/react";
import type { Standing } from "~/domain/task-rules";
import { useT } from "~/i18n/react";

export const STANDING_ORDER: readonly Standing[] = ["overdue", "due_soon", "on_track", "done_on_time", "done_late"];

const TILE: Record<Standing, string> = {
  overdue: "border-red-300 bg-red-50 text-red-900 hover:bg-red-100",
  due_soon: "border-amber-300 bg-amber-50 text-amber-950 hover:bg-amber-100",
  on_track: "border-brand-100 bg-brand-50 text-brand-900 hover:bg-brand-100",
  done_on_time: "border-emerald-200 bg-emerald-50 text-emerald-900 hover:bg-emerald-100",
  done_late: "border-emerald-200 bg-emerald-50 text-emerald-900 hover:bg-emerald-100",
};

export type StandingCountsValue = Record<Standing, number>;

export function StandingCounts({
  counts,
  hrefFor,
  label,
}: {
  counts: StandingCountsValue;
  hrefFor: (s: Standing) => string;
  label: string;
}) {
  const t = useT();
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {STANDING_ORDER.map((s) => (
        <li key={s}>
          <Link to={hrefFor(s)} className={`flex h-full flex-col rounded-lg border p-3 no-underline shadow-sm ${TILE[s]}`}>
            <span className="text-2xl font-bold tabular-nums">{counts[s]}</span>
            <span className="text-sm font-semibold">{t(`standing.${s}`)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The same counts as a compact row of links (for a table cell). */
export function StandingCountLinks({ counts, hrefFor }: { counts: StandingCountsValue; hrefFor: (s: Standing) => string }) {
  const t = useT();
  return (
    <>
      {STANDING_ORDER.map((s) => (
        <td key={s} className="px-3 py-2 text-right tabular-nums">
          {counts[s] === 0 ? (
            <Link
              to={hrefFor(s)}
              className="text-slate-400 no-underline hover:underline"
              aria-label={t("lists.countLink", { count: 0, standing: t(`standing.${s}`) })}
            >
              0
            </Link>
          ) : (
            <Link
              to={hrefFor(s)}
              className={`font-semibold ${s === "overdue" ? "text-red-800" : s === "due_soon" ? "text-amber-800" : ""}`}
              aria-label={t("lists.countLink", { count: counts[s], standing: t(`standing.${s}`) })}
            >
              {counts[s]}
            </Link>
          )}
        </td>
      ))}
    </>
  );
}
