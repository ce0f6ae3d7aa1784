/**
 * Reading a plan's appendix (.xlsx) into rows, and checking them against the units and people of the
 * app (the rules are in app/domain/task-import.ts). Also the downloadable template.
 *
 * Untrusted input: exceljs never sees the uploaded file. Its entries are inflated first by
 * ./zip-guard.server.ts, counting the bytes that really come out (never the sizes the zip declares), and
 * the file is refused as soon as they pass IMPORT_ZIP_LIMITS (50 MB in all; 100 : 1 for any entry past
 * 1 MB: a "zip bomb" is stopped after about a megabyte); exceljs then reads those counted bytes, packed
 * again. A sheet with more than IMPORT_MAX_ROWS rows of data is refused; formula cells are never
 * evaluated (their rows are refused).
 */
import ExcelJS from "exceljs";
import { PERMISSIONS, can, type Actor } from "~/auth/policy";
import { forbidden, requireUser, toActor } from "~/auth/request.server";
import { db, type Db } from "~/db.server";
import { isoDateOfExcel, quoteCellText, unquoteCellText } from "~/domain/cell-text";
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  TEMPLATE_HEADERS,
  UnitIndex,
  checkImportRows,
  findHeaderRow,
  isColumnNumberRow,
  type CellValue,
  type ImportColumn,
  type ImportDirectory,
  type ImportSettings,
  type PreviewRow,
  type RawRow,
} from "~/domain/task-import";
import { errorKey, translate, type MessageKey } from "~/i18n";
import { unitHeads } from "~/models/task.server";
import { listUnits, unitPath } from "~/models/unit.server";
import { listUsers } from "~/models/user.server";
import { DATE_FORMAT } from "./task-export.server";
import { storedZip, unzipWithinLimits, type ZipLimits } from "./zip-guard.server";

const MB = 1024 * 1024;
/**
 * What an uploaded workbook may unpack to: 50 MB in all (a 5,000-row appendix is ~3 MB), and no entry
 * past its first megabyte more than 100 times the compressed bytes read for it (workbooks are 5–20 : 1).
 */
export const IMPORT_ZIP_LIMITS: ZipLimits = { maxUnzippedBytes: 50 * MB, maxRatio: 100, ratioFreeBytes: 1 * MB, maxEntries: 10_000 };
/** Rows searched for the header (title rows come first). */
const HEADER_SEARCH_ROWS = 20;

const vi = (key: MessageKey, params?: Record<string, string | number>) => translate("vi", key, params);

// -------------------------------------------------------------------------------------------------
// The container

/**
 * The uploaded zip's entries, inflated within IMPORT_ZIP_LIMITS and packed again (stored): the only
 * bytes exceljs is given. Or the message for the user naming the limit the file passed.
 */
export async function verifiedWorkbookBytes(bytes: Uint8Array): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: string }> {
  const unzipped = await unzipWithinLimits(bytes, IMPORT_ZIP_LIMITS);
  if (unzipped.ok) return { ok: true, bytes: storedZip(unzipped.entries) };
  switch (unzipped.reason) {
    case "notZip":
      return { ok: false, error: errorKey("excel.error.notXlsx") };
    case "tooLarge":
      return { ok: false, error: errorKey("excel.error.unzippedTooLarge", { max: IMPORT_ZIP_LIMITS.maxUnzippedBytes / MB }) };
    case "ratio":
      return {
        ok: false,
        error: errorKey("excel.error.compressionRatio", { ratio: IMPORT_ZIP_LIMITS.maxRatio, free: IMPORT_ZIP_LIMITS.ratioFreeBytes / MB }),
      };
  }
}

// -------------------------------------------------------------------------------------------------
// Cells

function valueOf(cell: ExcelJS.Cell): CellValue {
  const source = cell.isMerged && cell.master && cell.master !== cell ? cell.master : cell;
  const value = source.value;
  if (value === null || value === undefined) return { kind: "empty" };
  if (typeof value === "string") return value.trim() ? { kind: "text", text: unquoteCellText(value) } : { kind: "empty" };
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "boolean") return { kind: "text", text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { kind: "date", iso: isoDateOfExcel(value) };
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) return { kind: "formula" };
    if ("error" in value) return { kind: "error", text: String(value.error) };
    if ("richText" in value) {
      const text = value.richText.map((run) => run.text).join("");
      return text.trim() ? { kind: "text", text: unquoteCellText(text) } : { kind: "empty" };
    }
    if ("text" in value && typeof value.text === "string")
      return value.text.trim() ? { kind: "text", text: unquoteCellText(value.text) } : { kind: "empty" };
  }
  return { kind: "error", text: "?" };
}

function plainText(cell: ExcelJS.Cell): string {
  const v = valueOf(cell);
  return v.kind === "text" ? v.text : v.kind === "number" ? String(v.value) : "";
}

export type SheetRead = { ok: true; rows: RawRow[]; sheetName: string } | { ok: false; error: string };

/** The data rows of the first sheet that has a recognisable header. */
export async function readTaskSheet(bytes: Uint8Array): Promise<SheetRead> {
  const verified = await verifiedWorkbookBytes(bytes);
  if (!verified.ok) return verified;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      verified.bytes as unknown as ExcelJS.Buffer,
      {
        ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst", "picture", "drawing", "hyperlinks"],
      } as unknown as ExcelJS.XlsxReadOptions,
    );
  } catch {
    return { ok: false, error: errorKey("excel.error.notXlsx") };
  }

  let incomplete: { sheet: string; missing: ImportColumn[] } | null = null;
  for (const sheet of workbook.worksheets) {
    const top: string[][] = [];
    const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= last; r++) {
      const row = sheet.getRow(r);
      const texts: string[] = [];
      for (let c = 1; c <= Math.min(sheet.columnCount, 40); c++) texts.push(plainText(row.getCell(c)));
      top.push(texts);
    }
    const header = findHeaderRow(top);
    if (!header) continue;
    if (header.missing.length) {
      incomplete ??= { sheet: sheet.name, missing: header.missing };
      continue;
    }
    const rows: RawRow[] = [];
    for (let r = header.rowIndex + 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Partial<Record<ImportColumn, CellValue>> = {};
      let filled = false;
      for (const [index, column] of header.columns) {
        const value = valueOf(row.getCell(index + 1));
        cells[column] = value;
        if (value.kind !== "empty") filled = true;
      }
      if (!filled) continue;
      if (r === header.rowIndex + 2 && isColumnNumberRow([...header.columns.keys()].map((i) => plainText(row.getCell(i + 1))))) continue;
      rows.push({ rowNumber: r, cells });
      if (rows.length > IMPORT_MAX_ROWS) return { ok: false, error: errorKey("excel.error.tooManyRows", { max: IMPORT_MAX_ROWS }) };
    }
    if (rows.length === 0) return { ok: false, error: errorKey("excel.error.noRows") };
    return { ok: true, rows, sheetName: sheet.name };
  }
  if (incomplete) {
    return {
      ok: false,
      error: errorKey("excel.error.headerIncomplete", {
        sheet: incomplete.sheet,
        columns: incomplete.missing.map((c) => TEMPLATE_HEADERS[c]).join(", "),
      }),
    };
  }
  return { ok: false, error: errorKey("excel.error.noHeader") };
}

// -------------------------------------------------------------------------------------------------
// Checking against the app's units and people

/** The units, people, default owners and the user's reach, as the row checks need them. */
export async function importDirectory(db: Db, actor: Actor): Promise<ImportDirectory> {
  const [units, people] = await Promise.all([listUnits(db, { includeClosed: true }), listUsers(db, { limit: 1_000_000, offset: 0 })]);
  const directory = {
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, parentId: u.parentId, active: u.active })),
    people: people.items.map((p) => ({
      id: p.id,
      email: p.email,
      fullName: p.fullName,
      unitId: p.unitId,
      active: p.active && p.unitActive,
    })),
  };
  const index = new UnitIndex(directory.units);
  const heads = await unitHeads(
    db,
    units.filter((u) => u.active).map((u) => u.id),
  );
  // The same policy question the model asks for each row (task:create on the lead unit).
  const creatableUnitIds =
    PERMISSIONS["task:create"][actor.role] === "any" && actor.active
      ? ("any" as const)
      : units.filter((u) => can(actor, "task:create", { unitPath: index.path(u.id), unitId: u.id })).map((u) => u.id);
  return { ...directory, heads: Object.fromEntries(heads), creatableUnitIds };
}

export type PreviewResult = { ok: true; rows: PreviewRow[]; sheetName: string } | { ok: false; error: string };

/** Reads and checks an uploaded file; writes nothing. */
export async function previewTaskImport(
  db: Db,
  input: { bytes: Uint8Array; settings: ImportSettings; actor: Actor; today: string },
): Promise<PreviewResult> {
  const sheet = await readTaskSheet(input.bytes);
  if (!sheet.ok) return sheet;
  const directory = await importDirectory(db, input.actor);
  return { ok: true, rows: checkImportRows(sheet.rows, directory, input.settings, input.today), sheetName: sheet.sheetName };
}

// -------------------------------------------------------------------------------------------------
// The template

const thin = { style: "thin" as const, color: { argb: "FF808080" } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const headerStyle: Partial<ExcelJS.Style> = {
  font: { name: "Times New Roman", size: 11, bold: true },
  alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  border,
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7EEF7" } },
};
const bodyStyle: Partial<ExcelJS.Style> = { font: { name: "Times New Roman", size: 11 }, alignment: { vertical: "top", wrapText: true } };
const TEMPLATE_WIDTHS: Record<ImportColumn, number> = {
  stt: 6,
  title: 50,
  leadUnit: 28,
  coordinatingUnits: 28,
  owner: 24,
  deadline: 13,
  deliverable: 34,
  programs: 14,
  note: 30,
};

/** The template: the columns to fill, how to fill them, and the units' codes and names. */
export async function buildTaskTemplate(db: Db): Promise<Buffer> {
  const units = await listUnits(db);
  const parentName = new Map(units.map((u) => [u.id, u.name]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rõ Việc";

  const sheet = workbook.addWorksheet(vi("excel.template.sheet"), { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    key: c,
    width: TEMPLATE_WIDTHS[c],
    style: c === "deadline" ? { ...bodyStyle, numFmt: DATE_FORMAT } : bodyStyle,
  }));
  const header = sheet.getRow(1);
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = TEMPLATE_HEADERS[c];
    cell.style = headerStyle;
  });
  header.height = 30;

  const help = workbook.addWorksheet(vi("excel.template.helpSheet"));
  help.columns = [{ width: 26 }, { width: 12 }, { width: 70 }, { width: 36 }];
  help.addRow([vi("excel.template.helpTitle")]).font = { bold: true, size: 14 };
  help.addRow([vi("excel.template.helpIntro")]);
  help.mergeCells(2, 1, 2, 4);
  help.getRow(2).height = 60;
  help.getCell(2, 1).alignment = { wrapText: true, vertical: "top" };
  help.addRow([]);
  const helpHeader = help.addRow([
    vi("excel.template.helpColumn"),
    vi("excel.template.helpRequired"),
    vi("excel.template.helpHow"),
    vi("excel.template.helpExample"),
  ]);
  helpHeader.eachCell((cell) => (cell.style = headerStyle));
  for (const c of IMPORT_COLUMNS) {
    const row = help.addRow([
      TEMPLATE_HEADERS[c],
      vi(["title", "leadUnit", "deadline", "deliverable"].includes(c) ? "common.yes" : "common.no"),
      vi(`excel.template.how.${c}` as MessageKey),
      vi(`excel.template.example.${c}` as MessageKey),
    ]);
    row.eachCell((cell) => (cell.style = { ...bodyStyle, border }));
  }

  const list = workbook.addWorksheet(vi("excel.template.unitsSheet"), { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  list.columns = [{ width: 22 }, { width: 60 }, { width: 50 }];
  const listHeader = list.addRow([vi("excel.template.unitCode"), vi("excel.template.unitName"), vi("excel.template.unitParent")]);
  listHeader.eachCell((cell) => (cell.style = headerStyle));
  for (const u of [...units].sort((a, b) => a.code.localeCompare(b.code)))
    list.addRow([quoteCellText(u.code), quoteCellText(u.name), quoteCellText(u.parentId ? (parentName.get(u.parentId) ?? "") : "")]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The signed-in user, if they may create tasks somewhere (admin, committee, unit heads); 403 otherwise. */
export async function requireImporter(request: Request) {
  const user = await requireUser(request);
  const actor = toActor(user);
  const path = await unitPath(db(), user.unitId);
  if (!can(actor, "task:create", { unitPath: path, unitId: user.unitId })) forbidden();
  return { user, actor };
}
