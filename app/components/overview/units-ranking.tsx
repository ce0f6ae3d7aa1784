import { Link, useLocation } from "@remix-run/react";
import { drillDownHref } from "~/domain/drilldown";
import type { RollupRow, SortDir, UnitSort } from "~/domain/rollup-rows";
import { useT } from "~/i18n/react";
import { RollupTable } from "../rollup-table";

/** The current query with every unit shown. */
function unitsAllParams(search: string) {
  const params = new URLSearchParams(search);
  params.set("units", "all");
  return params.toString();
}

/** The units directly below the scope ranked by share overdue, the scope's own row(s) at the foot. */
export function UnitsRanking({
  heading,
  scopeName,
  units,
  unitFoot,
  unitCount,
  asOf,
  today,
  sort,
  dir,
}: {
  heading: string;
  scopeName: string;
  units: RollupRow[];
  unitFoot: RollupRow[];
  unitCount: number;
  asOf: string;
  today: string;
  sort: UnitSort;
  dir: SortDir;
}) {
  const t = useT();
  const location = useLocation();
  const foot = unitFoot.map((r) => ({ ...r, note: r.note === "direct" ? t("dash.units.direct") : t("dash.units.whole") }));
  return (
    <section aria-labelledby="units-heading" className="space-y-3">
      <div>
        <h2 id="units-heading" className="text-lg font-semibold text-slate-900">
          {heading}
        </h2>
        {units.length ? <p className="mt-1 text-sm text-slate-600">{t("dash.units.intro")}</p> : null}
      </div>
      {units.length === 0 ? (
        // Nothing to rank: every task is led by the scope's unit itself (its figures are above).
        <p className="text-sm text-slate-600">{t("dash.units.none", { unit: scopeName })}</p>
      ) : (
        <RollupTable
          caption={t("dash.units.caption", { date: t.date(asOf) })}
          itemLabel={t("dash.col.unit")}
          rows={units}
          footRows={foot}
          hrefFor={(row, cell) => {
            const direct = row.key.endsWith(":direct");
            const unitId = Number(direct ? row.key.slice(0, -":direct".length) : row.key);
            return drillDownHref({ unitId, includeSubunits: !direct }, cell, asOf, today);
          }}
          sort={sort}
          dir={dir}
          anchor="units-heading"
        />
      )}
      {unitCount > units.length ? (
        <p className="text-sm">
          <Link to={`?${unitsAllParams(location.search)}#units-heading`} preventScrollReset>
            {t("dash.units.showAll", { shown: units.length, count: unitCount })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
