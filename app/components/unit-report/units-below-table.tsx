import { Link } from "@remix-run/react";
import type { RollupCell, RollupScope } from "~/domain/drilldown";
import type { ReportRole } from "~/domain/report-params";
import type { RollupNumbers } from "~/domain/rollup";
import { useT } from "~/i18n/react";
import { CELL_LABEL, formatShare } from "../rollup-cells";
import { Badge } from "../ui/badge";
import { UnitCountLink } from "./tiles";

const ROW_CELLS: RollupCell[] = ["total", "doneOnTime", "doneLate", "openOnTime", "dueSoon", "overdue"];

/** The units below, each row's counts linking to its list (each with its subtree, or each with its own tasks in tree order). */
export function UnitsBelowTable({
  unitName,
  rows,
  includeSubunits,
  role,
  asOf,
  today,
  scopeOf,
}: {
  unitName: string;
  rows: Array<{ id: number; name: string; depth: number; closed: boolean; numbers: RollupNumbers }>;
  includeSubunits: boolean;
  role: ReportRole;
  asOf: string;
  today: string;
  scopeOf: (unitId: number) => RollupScope;
}) {
  const t = useT();
  const th = "px-3 py-2.5 text-right align-bottom";
  return (
    <section aria-labelledby="children-heading" className="space-y-2">
      <h2 id="children-heading" className="text-lg font-semibold text-slate-900">
        {t("unitReport.childrenHeading")}
      </h2>
      <p className="text-sm text-slate-600">{t(includeSubunits ? "unitReport.childrenSubNote" : "unitReport.childrenOwnNote")}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("unitReport.childrenCaption", { unit: unitName, date: t.date(asOf) })}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2.5 text-left align-bottom">
                {t("unitPage.unit")}
              </th>
              {ROW_CELLS.map((cell) => (
                <th key={cell} scope="col" className={th}>
                  {t(
                    cell === "openOnTime"
                      ? "rollup.openOnTimeShort"
                      : cell === "overdue"
                        ? "rollup.overdueShort"
                        : cell === "dueSoon"
                          ? "rollup.dueSoonShort"
                          : CELL_LABEL[cell],
                  )}
                </th>
              ))}
              <th scope="col" className={th}>
                {t("rollup.shareOverdue")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                <th scope="row" className="min-w-[12rem] px-3 py-2 text-left font-normal">
                  <span className={includeSubunits ? "" : ["", "pl-0", "pl-4", "pl-8", "pl-12"][Math.min(row.depth, 4)]}>
                    <Link
                      to={`/units/${row.id}?${new URLSearchParams({ asOf: asOf, ...(includeSubunits ? {} : { own: "1" }), role: role })}`}
                      className="font-semibold"
                    >
                      {row.name}
                    </Link>
                    {row.closed ? (
                      <>
                        {" "}
                        <Badge tone="neutral">{t("common.closed")}</Badge>
                      </>
                    ) : null}
                  </span>
                </th>
                {ROW_CELLS.map((cell) => (
                  <td key={cell} className={`px-3 py-2 text-right ${cell === "overdue" && row.numbers.overdue ? "text-red-800" : ""}`}>
                    <UnitCountLink
                      scope={scopeOf(row.id)}
                      cell={cell}
                      numbers={row.numbers}
                      asOf={asOf}
                      today={today}
                      unitName={row.name}
                    />
                  </td>
                ))}
                <td className="px-3 py-2 text-right tabular-nums">
                  {row.numbers.total ? formatShare(row.numbers.shareOverdue, t) : t("common.none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
