/**
 * The printable report's page: a toolbar on screen, and an A4 sheet in the administrative layout (who
 * issues it, the national heading, the title, date and scope; I. figures; II. by unit; III. overdue tasks).
 * On screen every figure links to the list behind it; on paper it is just the number.
 */
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { drillDownHref, type RollupCell, type RollupScope } from "~/domain/drilldown";
import type { PrintScope } from "~/domain/report-params";
import { AGE_BANDS, type RollupNumbers } from "~/domain/rollup";
import { formatNumber } from "~/i18n/format";
import { useT, type T } from "~/i18n/react";
import type { printReportView } from "~/models/print-report.server";
import { CELL_LABEL, countOf, formatShare } from "../rollup-cells";
import { buttonClass } from "../ui/button";

export type PrintReportData = NonNullable<Awaited<ReturnType<typeof printReportView>>> & {
  asOf: string;
  today: string;
  producedAt: string;
};

/** On screen a link to the list behind the number; on paper just the number. */
function Count({
  scope,
  cell,
  numbers,
  asOf,
  today,
  of,
}: {
  scope: RollupScope;
  cell: RollupCell;
  numbers: RollupNumbers;
  asOf: string;
  today: string;
  of?: string;
}) {
  const t = useT();
  const count = countOf(numbers, cell);
  const label = cell.startsWith("overdue:") ? `${t("rollup.overdueShort")} ${t(CELL_LABEL[cell])}` : t(CELL_LABEL[cell]);
  return (
    <Link
      to={drillDownHref(scope, cell, asOf, today)}
      aria-label={of ? t("rollup.countLinkOf", { unit: of, label, count }) : t("rollup.countLink", { label, count })}
      className="tabular-nums text-inherit underline decoration-slate-300 underline-offset-2 hover:decoration-brand-700"
    >
      {formatNumber(count, t.lang)}
    </Link>
  );
}

function PrintButton() {
  const t = useT();
  // Only once JavaScript runs: without it the hint beside says how to print.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass("primary")}>
      {t("reports.print.button")}
    </button>
  );
}

function scopeText(t: T, scope: PrintScope, names: { unit?: string; program?: string }): string {
  if (scope.kind === "city") return t("reports.scopeText.city");
  if (scope.kind === "program") return t("reports.scopeText.program", { name: names.program ?? scope.program });
  const unit = t(scope.includeSubunits ? "reports.scopeText.unitSub" : "reports.scopeText.unitOwn", { unit: names.unit ?? "" });
  return `${unit} — ${t(scope.role === "coordinating" ? "reports.scopeText.coordinating" : "reports.scopeText.lead")}`;
}

function builderHref(asOf: string, scope: PrintScope) {
  const params = new URLSearchParams({ asOf: asOf.split("-").reverse().join("/") });
  if (scope.kind === "program") params.set("scope", `program:${scope.program}`);
  else if (scope.kind === "unit") {
    params.set("scope", `unit:${scope.unitId}`);
    params.set("sub", scope.includeSubunits ? "1" : "0");
    params.set("role", scope.role);
  } else params.set("scope", "city");
  return `/reports?${params}`;
}

const ROW_CELLS: RollupCell[] = [
  "total",
  "doneOnTime",
  "doneLate",
  "openOnTime",
  "dueSoon",
  "overdue:1-30",
  "overdue:31-60",
  "overdue:61-120",
  "overdue:120+",
  "overdue",
];

/** The whole page: the toolbar (screen only) and the sheet. */
export function PrintReport({ data }: { data: PrintReportData }) {
  const t = useT();
  const [year, month, day] = data.today.split("-");
  const h = data.headline;
  const cellProps = { asOf: data.asOf, today: data.today };
  // Alignment is added per cell (two text-* utilities on one element would fight).
  const box = "border border-slate-400 px-1 py-0.5 align-top print:border-black";
  const td = `${box} text-right`;
  const th = "border border-slate-400 px-1 py-1 text-center align-middle font-semibold print:border-black";

  const figures: Array<{ cell: RollupCell; share?: number; indent?: boolean }> = [
    { cell: "total" },
    { cell: "doneOnTime", share: h.shareDoneOnTime },
    { cell: "doneLate" },
    { cell: "openOnTime" },
    { cell: "dueSoon", indent: true },
    { cell: "overdue", share: h.shareOverdue },
    ...AGE_BANDS.map((band) => ({ cell: `overdue:${band}` as RollupCell, indent: true })),
    { cell: "extended" },
  ];

  return (
    <div className="space-y-4">
      <div role="region" aria-label={t("reports.print.toolbar")} className="flex flex-wrap items-center gap-3 print:hidden">
        <Link to={builderHref(data.asOf, data.scope)} className={buttonClass("secondary")}>
          ← {t("reports.print.back")}
        </Link>
        <PrintButton />
        <p className="text-sm text-slate-600">{t("reports.print.hint")}</p>
      </div>

      <article className="mx-auto max-w-[210mm] bg-white px-4 py-6 font-serif text-[13px] leading-snug text-black shadow-sm ring-1 ring-slate-200 sm:px-[15mm] sm:py-[12mm] print:max-w-none print:p-0 print:text-[11pt] print:shadow-none print:ring-0">
        <header className="space-y-4">
          <div className="grid grid-cols-[2fr_3fr] gap-2 text-center">
            <div>
              <p className="text-[12px] font-bold uppercase leading-tight print:text-[11pt]">
                {t("reports.print.committeeLine1")} <br />
                {t("reports.print.committeeLine2")}
              </p>
              <div aria-hidden="true" className="mx-auto mt-1 w-1/3 border-t border-black" />
            </div>
            <div>
              <p className="text-[12px] font-bold uppercase leading-tight print:text-[11pt]">{t("reports.print.nation")}</p>
              <p className="text-[13px] font-bold leading-tight print:text-[12pt]">{t("reports.print.motto")}</p>
              <div aria-hidden="true" className="mx-auto mt-1 w-1/2 border-t border-black" />
              <p className="mt-2 italic">{t("reports.print.placeDate", { day, month, year })}</p>
            </div>
          </div>
          <div className="text-center">
            <h1 className="text-[15px] font-bold uppercase print:text-[14pt]">{t("reports.print.title")}</h1>
            <p className="font-semibold">{t("reports.print.asOf", { date: t.date(data.asOf) })}</p>
            <p className="italic">{t("reports.print.scope", { scope: scopeText(t, data.scope, data.scopeName) })}</p>
          </div>
        </header>

        <section id="report-figures" aria-labelledby="figures-heading" className="mt-6 space-y-2">
          <h2 id="figures-heading" className="font-bold uppercase">
            {t("reports.print.figuresHeading")}
          </h2>
          <table className="w-full border-collapse">
            <caption className="sr-only">{t("reports.print.figuresCaption", { date: t.date(data.asOf) })}</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("reports.print.category")}
                </th>
                <th scope="col" className={th}>
                  {t("reports.print.count")}
                </th>
                <th scope="col" className={th}>
                  {t("reports.print.share")}
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.map(({ cell, share, indent }) => (
                <tr key={cell}>
                  <th
                    scope="row"
                    className={`${box} text-left font-normal ${indent ? "pl-5 italic" : cell === "total" || cell === "overdue" ? "font-semibold" : ""}`}
                  >
                    {cell === "dueSoon" ? t("rollup.dueSoonOf") : t(CELL_LABEL[cell])}
                  </th>
                  <td className={`${td} ${cell === "total" || cell === "overdue" ? "font-semibold" : ""}`}>
                    <Count scope={data.headlineScope} cell={cell} numbers={h} {...cellProps} />
                  </td>
                  <td className={td}>{share !== undefined ? formatShare(share, t) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-[12px] print:text-[10pt]">
            {t("rollup.notCounted")} {t("rollup.drafts").toLowerCase()}{" "}
            <Count scope={data.headlineScope} cell="drafts" numbers={h} {...cellProps} />; {t("rollup.cancelled").toLowerCase()}{" "}
            <Count scope={data.headlineScope} cell="cancelled" numbers={h} {...cellProps} />.
          </p>
        </section>

        <section id="report-units" aria-labelledby="units-heading" className="mt-6 space-y-2">
          <h2 id="units-heading" className="font-bold uppercase">
            {t("reports.print.unitsHeading")}
          </h2>
          {data.rows.length === 0 ? (
            <p>{t("reports.print.noUnits")}</p>
          ) : (
            <div className="overflow-x-auto print:overflow-visible">
              <table className="w-full min-w-[40rem] border-collapse text-[12px] print:min-w-0 print:text-[8.5pt]">
                <caption className="pb-1 text-left italic">
                  {data.scope.kind === "program"
                    ? t("reports.print.unitsCaptionProgram", { name: data.scopeName.program ?? "" })
                    : t("reports.print.unitsCaption")}
                </caption>
                <colgroup span={3} />
                <colgroup span={2} />
                <colgroup span={2} />
                <colgroup span={5} />
                <colgroup span={1} />
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2} className={th}>
                      {t("reports.col.stt")}
                    </th>
                    <th scope="col" rowSpan={2} className={th}>
                      {t("reports.col.unit")}
                    </th>
                    <th scope="col" rowSpan={2} className={th}>
                      {t("rollup.total")}
                    </th>
                    <th scope="colgroup" colSpan={2} className={th}>
                      {t("reports.col.done")}
                    </th>
                    <th scope="colgroup" colSpan={2} className={th}>
                      {t("rollup.openOnTime")}
                    </th>
                    <th scope="colgroup" colSpan={5} className={th}>
                      {t("rollup.overdue")}
                    </th>
                    <th scope="col" rowSpan={2} className={th}>
                      {t("rollup.shareOverdue")}
                    </th>
                  </tr>
                  <tr>
                    <th scope="col" className={th}>
                      {t("reports.col.onTime")}
                    </th>
                    <th scope="col" className={th}>
                      {t("reports.col.late")}
                    </th>
                    <th scope="col" className={th}>
                      {t("reports.col.subtotal")}
                    </th>
                    <th scope="col" className={th}>
                      {t("rollup.dueSoonShort")}
                    </th>
                    {AGE_BANDS.map((band) => (
                      <th key={band} scope="col" className={th}>
                        {t(`rollup.age.${band}`)}
                      </th>
                    ))}
                    <th scope="col" className={th}>
                      {t("reports.col.subtotal")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row, i) => (
                    <tr key={row.key}>
                      <td className={`${box} text-center`}>{formatNumber(i + 1, t.lang)}</td>
                      <th scope="row" className={`${box} min-w-[9rem] text-left font-normal`}>
                        {row.name}
                      </th>
                      {ROW_CELLS.map((cell) => (
                        <td key={cell} className={`${td} ${cell === "total" || cell === "overdue" ? "font-semibold" : ""}`}>
                          <Count scope={row.scope} cell={cell} numbers={row.numbers} of={row.name} {...cellProps} />
                        </td>
                      ))}
                      <td className={`${td} whitespace-nowrap font-semibold`}>{formatShare(row.numbers.shareOverdue, t)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td className={td} />
                    <th scope="row" className={`${box} text-left font-bold`}>
                      {t("reports.print.totalRow")}
                    </th>
                    {ROW_CELLS.map((cell) => (
                      <td key={cell} className={`${td} font-bold`}>
                        <Count scope={data.headlineScope} cell={cell} numbers={h} {...cellProps} />
                      </td>
                    ))}
                    <td className={`${td} whitespace-nowrap font-bold`}>{formatShare(h.shareOverdue, t)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </section>

        <section id="report-overdue" aria-labelledby="overdue-heading" className="mt-6 space-y-2">
          <h2 id="overdue-heading" className="font-bold uppercase">
            {t("reports.print.overdueHeading")}
          </h2>
          {data.overdue.length === 0 ? (
            <p>{t("reports.print.noOverdue")}</p>
          ) : (
            <div className="overflow-x-auto print:overflow-visible">
              <table className="w-full min-w-[36rem] border-collapse text-[12px] print:min-w-0 print:text-[9pt]">
                <caption className="pb-1 text-left italic">{t("reports.print.overdueCaption", { date: t.date(data.asOf) })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className={th}>
                      {t("reports.col.stt")}
                    </th>
                    <th scope="col" className={th}>
                      {t("reports.col.task")}
                    </th>
                    <th scope="col" className={th}>
                      {t("reports.col.leadUnit")}
                    </th>
                    <th scope="col" className={th}>
                      {t("reports.col.owner")}
                    </th>
                    <th scope="col" className={th}>
                      {t("reports.col.deadline")}
                    </th>
                    <th scope="col" className={th}>
                      {t("reports.col.daysOverdue")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.overdue.map((task, i) => (
                    <tr key={task.taskId}>
                      <td className={`${box} text-center`}>{formatNumber(i + 1, t.lang)}</td>
                      <th scope="row" className={`${box} text-left font-normal`}>
                        <Link to={`/tasks/${task.taskId}`} className="text-inherit">
                          {task.title}
                        </Link>
                      </th>
                      <td className={`${box} text-left`}>{task.leadUnitName ?? t("common.none")}</td>
                      <td className={`${box} text-left`}>{task.ownerName ?? t("common.none")}</td>
                      <td className={`${box} whitespace-nowrap text-center tabular-nums`}>{t.date(task.deadline)}</td>
                      <td className={`${td} tabular-nums font-semibold`}>{formatNumber(task.daysOverdue, t.lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <footer className="mt-6 space-y-1 text-[12px] italic print:text-[9pt]">
          <p>{t("reports.print.notes")}</p>
          <p>{t("reports.print.produced", { time: t.dateTime(data.producedAt) })}</p>
        </footer>
      </article>
    </div>
  );
}
