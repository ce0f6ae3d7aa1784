import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { CountLink, MostOverdueTable, type OverdueRow } from "../rollup-table";

/** The most overdue tasks as of the date, and a link to all of the scope's overdue tasks. */
export function MostOverdueSection({
  heading,
  rows,
  asOf,
  showOwner,
  allHref,
  allCount,
  className = "space-y-3",
}: {
  heading: string;
  rows: OverdueRow[];
  asOf: string;
  showOwner?: boolean;
  allHref: string;
  allCount: number;
  className?: string;
}) {
  const t = useT();
  return (
    <section aria-labelledby="overdue-heading" className={className}>
      <h2 id="overdue-heading" className="text-lg font-semibold text-slate-900">
        {heading}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("dash.overdue.none")}</p>
      ) : (
        <>
          <MostOverdueTable rows={rows} caption={t("dash.overdue.caption", { date: t.date(asOf) })} showOwner={showOwner} />
          <p className="text-sm">
            <CountLink to={allHref} count={allCount} className="font-semibold">
              {t("dash.overdue.all", { count: formatNumber(allCount, t.lang) })}
            </CountLink>
          </p>
        </>
      )}
    </section>
  );
}
