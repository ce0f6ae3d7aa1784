/**
 * The parts of a preview row as read from the file: a text cell (or that it was empty or a formula), its
 * units (names that match no unit struck through), its owner, and its problems.
 */
import { importMessage } from "~/domain/task-import";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import type { ShownRow } from "./import-preview-data";

function Empty() {
  const t = useT();
  return <span className="italic text-slate-400">{t("excel.preview.empty")}</span>;
}

/** A text cell as read: its text, or that it was empty or a formula. */
export function CellText({ row, column }: { row: ShownRow; column: "title" | "deliverable" }) {
  const t = useT();
  if ((row.shown.formulas as string[]).includes(column)) return <span className="italic text-red-800">{t("excel.preview.formula")}</span>;
  return row.shown[column] ? <>{row.shown[column]}</> : <Empty />;
}

function Unit({ name, unmatched }: { name: string; unmatched: boolean }) {
  // A name that matches no unit is struck through, so the eye finds it before reading the message.
  return unmatched ? <span className="text-red-800 line-through decoration-red-400">{name}</span> : <>{name}</>;
}

export function RowUnits({ row }: { row: ShownRow }) {
  const t = useT();
  if (row.status === "skipped") return null;
  return (
    <>
      <p>
        {row.shown.leadUnit ? <Unit name={row.shown.leadUnit} unmatched={row.shown.unmatched.includes(row.shown.leadUnit)} /> : <Empty />}
      </p>
      {row.shown.coordinatingUnits.length ? (
        <p className="mt-1 text-slate-600">
          <span className="font-semibold">{t("excel.preview.coordinating")}</span>{" "}
          {row.shown.coordinatingUnits.map((name, i) => (
            <span key={name}>
              {i > 0 ? "; " : null}
              <Unit name={name} unmatched={row.shown.unmatched.includes(name)} />
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

export function RowOwner({ row }: { row: ShownRow }) {
  const t = useT();
  return (
    <>
      <p>{row.shown.owner}</p>
      {row.shown.ownerIsHead ? <p className="text-xs text-slate-500">{t("excel.preview.ownerIsHead")}</p> : null}
    </>
  );
}

export function RowProblems({ row }: { row: ShownRow }) {
  const t = useT();
  return (
    <>
      {row.errors.length ? (
        <ul className="list-disc space-y-0.5 pl-4 text-red-800">
          {row.errors.map((e) => (
            <li key={e}>{importMessage(t.lang, e)}</li>
          ))}
        </ul>
      ) : null}
      {row.missing.length ? (
        <p className="text-amber-900">{t("excel.preview.missing", { items: row.missing.map((m) => t(m as MessageKey)).join(", ") })}</p>
      ) : null}
      {row.notes.map((n) => (
        <p key={n} className="text-slate-600">
          {importMessage(t.lang, n)}
        </p>
      ))}
    </>
  );
}
