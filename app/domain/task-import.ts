/**
 * Importing a plan's appendix table (kế hoạch): which column is which, and what each row becomes.
 * Pure: the cells are read from the workbook elsewhere (app/excel/task-import.server.ts), the units and
 * people come in as a directory, `today` is a parameter.
 *
 * A row is
 *   - "ready"   all five clear items and a program: it will be issued;
 *   - "draft"   the plan gives the work but not yet who owns it (no owner named and the lead unit has
 *               no head) or no program: it will be saved as a draft, naming what is missing;
 *   - "error"   something in the file is wrong or missing that the plan must say (title, lead unit,
 *               deadline, deliverable), or cannot be matched, or is not the user's to assign;
 *   - "skipped" a group heading ("I. Cải cách thể chế") with nothing else on the row.
 * Messages are dictionary keys ("key|{params}"), translated when shown.
 */
import { z } from "zod";
import { errorKey, isMessageKey, translate, type Language, type MessageKey, type Params } from "~/i18n";
import { isIsoDate, parseUserDate } from "./dates";
import { CONTROL_CHARS, optionalText } from "./form-fields";
import { PROGRAM_CODES, type ProgramCode } from "./task-rules";
import { optionalDate } from "./task-schema";
import { foldForSearch, toNfc } from "./text";

/** Largest file and number of rows one import takes. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
/** How long an uploaded preview waits for confirmation. */
export const IMPORT_PREVIEW_HOURS = 12;

export const IMPORT_COLUMNS = [
  "stt",
  "title",
  "leadUnit",
  "coordinatingUnits",
  "owner",
  "deadline",
  "deliverable",
  "programs",
  "note",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** Columns a file must have (the others are optional). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["title", "leadUnit", "deadline", "deliverable"];

/** The headers of the template, as the committee writes them. */
export const TEMPLATE_HEADERS: Record<ImportColumn, string> = {
  stt: "STT",
  title: "Nội dung nhiệm vụ",
  leadUnit: "Đơn vị chủ trì",
  coordinatingUnits: "Đơn vị phối hợp",
  owner: "Người chịu trách nhiệm",
  deadline: "Thời hạn",
  deliverable: "Sản phẩm",
  programs: "Chương trình",
  note: "Ghi chú",
};

/** Lines of "Ghi chú" that our own export writes: read back as data, not copied into the description. */
export const NOTE_PREFIX = {
  originalDeadline: "Thời hạn ban đầu:",
  programs: "Chương trình:",
  document: "Văn bản giao:",
} as const;

/** Header texts (folded: no accents, lower case) and the column each names. Longest match wins. */
const HEADER_WORDS: Array<[string, ImportColumn | "ignored"]> = [
  ["stt", "stt"],
  ["tt", "stt"],
  ["so thu tu", "stt"],
  ["no", "stt"],
  ["noi dung nhiem vu", "title"],
  ["noi dung", "title"],
  ["ten nhiem vu", "title"],
  ["nhiem vu", "title"],
  ["task", "title"],
  ["title", "title"],
  ["don vi chu tri", "leadUnit"],
  ["co quan chu tri", "leadUnit"],
  ["chu tri", "leadUnit"],
  ["lead unit", "leadUnit"],
  ["don vi phoi hop", "coordinatingUnits"],
  ["co quan phoi hop", "coordinatingUnits"],
  ["phoi hop", "coordinatingUnits"],
  ["coordinating units", "coordinatingUnits"],
  ["nguoi chiu trach nhiem", "owner"],
  ["can bo dau moi", "owner"],
  ["dau moi", "owner"],
  ["owner", "owner"],
  ["thoi han", "deadline"],
  ["thoi han hoan thanh", "deadline"],
  ["thoi gian hoan thanh", "deadline"],
  ["han hoan thanh", "deadline"],
  ["deadline", "deadline"],
  ["san pham", "deliverable"],
  ["ket qua san pham", "deliverable"],
  ["san pham dau ra", "deliverable"],
  ["deliverable", "deliverable"],
  ["chuong trinh", "programs"],
  ["programs", "programs"],
  ["program", "programs"],
  ["ghi chu", "note"],
  ["note", "note"],
  ["notes", "note"],
  // Our export's columns that an import does not take (a new task starts at 0%).
  ["tien do", "ignored"],
  ["tinh trang", "ignored"],
  ["progress", "ignored"],
  ["standing", "ignored"],
];

function foldHeader(text: string): string {
  return foldForSearch(text)
    .replace(/\(.*?\)/g, " ") // "Thời hạn (dd/mm/yyyy)"
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The column a header cell names, "ignored" for a known column the import skips, null for anything else. */
export function columnOfHeader(text: string): ImportColumn | "ignored" | null {
  const folded = foldHeader(text);
  if (!folded) return null;
  for (const [words, column] of HEADER_WORDS) if (folded === words) return column;
  // "Nội dung nhiệm vụ cụ thể", "Đơn vị chủ trì thực hiện": the longest known start.
  let best: [number, ImportColumn | "ignored"] | null = null;
  for (const [words, column] of HEADER_WORDS) {
    if (words.length > 3 && folded.startsWith(`${words} `) && (!best || words.length > best[0])) best = [words.length, column];
  }
  return best ? best[1] : null;
}

export interface HeaderMatch {
  /** Index (0-based) of the header row among the rows given. */
  rowIndex: number;
  /** Column index (0-based) → the column it holds. */
  columns: Map<number, ImportColumn>;
  /** Required columns the header lacks (empty when the header is usable). */
  missing: ImportColumn[];
}

/**
 * Finds the header row among the first rows of a sheet (title rows come first in a plan's appendix and
 * in our export): the row naming the most columns, if it names the task's content.
 */
export function findHeaderRow(rows: string[][]): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  let bestCount = 0;
  rows.forEach((cells, rowIndex) => {
    const columns = new Map<number, ImportColumn>();
    const seen = new Set<ImportColumn>();
    cells.forEach((text, col) => {
      const column = columnOfHeader(text ?? "");
      if (column && column !== "ignored" && !seen.has(column)) {
        seen.add(column);
        columns.set(col, column);
      }
    });
    if (seen.has("title") && seen.size >= 2 && seen.size > bestCount) {
      bestCount = seen.size;
      best = { rowIndex, columns, missing: REQUIRED_COLUMNS.filter((c) => !seen.has(c)) };
    }
  });
  return best;
}

/** "(1) (2) (3)…" or "1 2 3…": the column-number row that often follows a header. */
export function isColumnNumberRow(texts: string[]): boolean {
  const filled = texts.map((t) => t.trim()).filter(Boolean);
  return filled.length >= 2 && filled.every((t) => /^\(?\d{1,2}\)?$/.test(t));
}

// -------------------------------------------------------------------------------------------------
// Cells

export type CellValue =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  /** A date cell; iso null when the date is out of range. */
  | { kind: "date"; iso: string | null }
  | { kind: "formula" }
  | { kind: "error"; text: string };

export interface RawRow {
  /** The row's number in the sheet, as Excel shows it. */
  rowNumber: number;
  cells: Partial<Record<ImportColumn, CellValue>>;
}

export const EMPTY: CellValue = { kind: "empty" };

/** Text of a cell as typed (NFC, trimmed; our export's protective apostrophe removed by the reader). */
function cellText(cell: CellValue | undefined): string {
  if (!cell) return "";
  switch (cell.kind) {
    case "text":
      return toNfc(cell.text);
    case "number":
      return String(cell.value);
    case "date":
      return cell.iso ? `${cell.iso.slice(8, 10)}/${cell.iso.slice(5, 7)}/${cell.iso.slice(0, 4)}` : "";
    default:
      return "";
  }
}

function isBlank(cell: CellValue | undefined): boolean {
  return !cell || cell.kind === "empty" || (cell.kind === "text" && cell.text.trim() === "");
}

// -------------------------------------------------------------------------------------------------
// Dates

export type DateRead = { ok: true; iso: string } | { ok: false; text: string } | { ok: false; empty: true };

/** Excel serial day numbers accepted as dates when a date column holds a plain number (2000–2199). */
const SERIAL_MIN = 36526;
const SERIAL_MAX = 109938;

/** A deadline from a real date cell, a serial number, "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" or "yyyy-mm-dd". */
export function readDate(cell: CellValue | undefined): DateRead {
  if (!cell || isBlank(cell)) return { ok: false, empty: true };
  if (cell.kind === "date") return cell.iso && isIsoDate(cell.iso) ? { ok: true, iso: cell.iso } : { ok: false, text: "?" };
  if (cell.kind === "number") {
    if (Number.isInteger(cell.value) && cell.value >= SERIAL_MIN && cell.value <= SERIAL_MAX) {
      return { ok: true, iso: new Date(Date.UTC(1899, 11, 30) + cell.value * 86_400_000).toISOString().slice(0, 10) };
    }
    return { ok: false, text: String(cell.value) };
  }
  const text = cellText(cell);
  const slashed = /^\d{1,2}[.-]\d{1,2}[.-]\d{4}$/.test(text) ? text.replace(/[.-]/g, "/") : text;
  const iso = parseUserDate(slashed);
  return iso ? { ok: true, iso } : { ok: false, text: text.slice(0, 40) };
}

// -------------------------------------------------------------------------------------------------
// Programs

const PROGRAM_WORDS: Record<string, ProgramCode> = {
  cchc: "CCHC",
  "cai cach hanh chinh": "CCHC",
  cds: "CDS",
  "chuyen doi so": "CDS",
  da06: "DA06",
  "da 06": "DA06",
  "de an 06": "DA06",
  "project 06": "DA06",
  "administrative reform": "CCHC",
  "digital transformation": "CDS",
};

/** Program codes from "CCHC, CĐS; Đề án 06"; unknown names are returned apart. */
export function readPrograms(text: string): { codes: ProgramCode[]; unknown: string[] } {
  const codes = new Set<ProgramCode>();
  const unknown: string[] = [];
  for (const part of text.split(/[,;\n]+/)) {
    const words = part.trim();
    if (!words) continue;
    const code =
      PROGRAM_WORDS[
        foldForSearch(words)
          .replace(/[^a-z0-9 ]+/g, " ")
          .replace(/\s+/g, " ")
          .trim()
      ];
    if (code) codes.add(code);
    else unknown.push(words);
  }
  return { codes: PROGRAM_CODES.filter((c) => codes.has(c)), unknown };
}

// -------------------------------------------------------------------------------------------------
// Units and people

export interface DirectoryUnit {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  active: boolean;
}

export interface DirectoryPerson {
  id: number;
  email: string;
  fullName: string;
  unitId: number;
  active: boolean;
}

export interface ImportDirectory {
  units: DirectoryUnit[];
  people: DirectoryPerson[];
  /** The default owner of each unit's tasks: its first active head. */
  heads: Record<number, { id: number; name: string }>;
  /** Units the user may create tasks for ("any" for the secretariat and the committee). */
  creatableUnitIds: number[] | "any";
}

export type UnitMatch = { ok: true; unit: DirectoryUnit } | { ok: false; problem: "unknown" | "ambiguous" | "closed" };

/** Matches a unit by code (any case) or by name ignoring diacritics and case ("UBND" before a ward's name may be left out or added). */
export class UnitIndex {
  private byCode = new Map<string, DirectoryUnit>();
  private byName = new Map<string, DirectoryUnit[]>();
  private parents = new Map<number, number | null>();
  private paths = new Map<number, number[]>();

  constructor(units: DirectoryUnit[]) {
    for (const u of units) {
      this.byCode.set(u.code.toUpperCase(), u);
      const key = foldForSearch(u.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), u]);
      this.parents.set(u.id, u.parentId);
    }
  }

  match(text: string): UnitMatch {
    const trimmed = toNfc(text);
    const byCode = this.byCode.get(trimmed.toUpperCase());
    if (byCode) return byCode.active ? { ok: true, unit: byCode } : { ok: false, problem: "closed" };
    const folded = foldForSearch(trimmed);
    const stripped = folded.replace(/^(ubnd|uy ban nhan dan)\s+/, "");
    for (const key of stripped !== folded ? [folded, stripped] : [folded]) {
      const found = this.byName.get(key) ?? [];
      const open = found.filter((u) => u.active);
      if (open.length === 1) return { ok: true, unit: open[0] };
      if (open.length > 1) return { ok: false, problem: "ambiguous" };
      if (found.length) return { ok: false, problem: "closed" };
    }
    return { ok: false, problem: "unknown" };
  }

  /** The unit and its ancestors' ids (the unit first). */
  path(unitId: number): number[] {
    const cached = this.paths.get(unitId);
    if (cached) return cached;
    const path: number[] = [];
    for (let id: number | null | undefined = unitId; id != null && !path.includes(id); id = this.parents.get(id)) path.push(id);
    this.paths.set(unitId, path);
    return path;
  }
}

/**
 * A list of units from one cell: one per line or separated by ";" — or by "," when the piece is not
 * itself a unit's name (names may hold a comma).
 */
export function splitUnitList(text: string, index: UnitIndex): Array<{ text: string; match: UnitMatch }> {
  const out: Array<{ text: string; match: UnitMatch }> = [];
  for (const part of text
    .split(/[\n;]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const whole = index.match(part);
    if (whole.ok || !part.includes(",")) {
      out.push({ text: part, match: whole });
      continue;
    }
    for (const piece of part
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean))
      out.push({ text: piece, match: index.match(piece) });
  }
  return out;
}

const UNIT_PROBLEM: Record<"unknown" | "ambiguous" | "closed", MessageKey> = {
  unknown: "excel.error.unitUnknown",
  ambiguous: "excel.error.unitAmbiguous",
  closed: "excel.error.unitClosed",
};

// -------------------------------------------------------------------------------------------------
// The file-wide settings of an upload

export const ImportSettingsSchema = z.object({
  programs: z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z.array(z.enum(PROGRAM_CODES, { error: errorKey("error.invalidChoice") })).max(3),
  ),
  sourceDocNumber: optionalText(100),
  sourceDocDate: optionalDate,
  sourceDocIssuer: optionalText(300),
});
export type ImportSettings = z.infer<typeof ImportSettingsSchema>;

// -------------------------------------------------------------------------------------------------
// Rows

export type RowStatus = "ready" | "draft" | "error" | "skipped";

/** What a row will create: the model's task fields. */
export interface ImportFields {
  title: string;
  description?: string;
  leadUnitId?: number;
  coordinatingUnitIds: number[];
  ownerId?: number;
  deadline?: string;
  deliverable?: string;
  programs: ProgramCode[];
  sourceDocNumber?: string;
  sourceDocDate?: string;
  sourceDocIssuer?: string;
}

export interface PreviewRow {
  rowNumber: number;
  status: RowStatus;
  /** As read, for the preview table. */
  shown: {
    title: string;
    leadUnit: string;
    coordinatingUnits: string[];
    owner: string;
    /** The owner was not named: the lead unit's head was taken. */
    ownerIsHead: boolean;
    deadline: string | null;
    deliverable: string;
    programs: ProgramCode[];
    /** "Ghi chú" as it will be stored (the task's description). */
    note: string;
    /** Unit names as typed that match no unit (shown marked). */
    unmatched: string[];
    /** Columns whose cell is a formula (shown as such, not as empty). */
    formulas: ImportColumn[];
  };
  /** Messages ("key|{params}") of what is wrong; empty unless status is "error". */
  errors: string[];
  /** Message keys of what a draft lacks. */
  missing: string[];
  /** Other remarks (e.g. a heading skipped). */
  notes: string[];
  fields: ImportFields | null;
}

const LIMITS = { title: 300, deliverable: 1000, description: 5000 } as const;

const COLUMN_LABEL: Record<ImportColumn, MessageKey> = {
  stt: "excel.col.stt",
  title: "excel.col.title",
  leadUnit: "excel.col.leadUnit",
  coordinatingUnits: "excel.col.coordinatingUnits",
  owner: "excel.col.owner",
  deadline: "excel.col.deadline",
  deliverable: "excel.col.deliverable",
  programs: "excel.col.programs",
  note: "excel.col.note",
};

/** A group heading: a Roman numeral or a letter (or nothing) in STT, a title, and nothing else. */
function isHeading(row: RawRow): boolean {
  const stt = cellText(row.cells.stt);
  if (stt && !/^([IVXLC]+|[A-Za-zĐđ])[.)]?$/.test(stt)) return false;
  if (isBlank(row.cells.title)) return false;
  return (["leadUnit", "coordinatingUnits", "owner", "deadline", "deliverable", "programs"] as const).every((c) => isBlank(row.cells[c]));
}

/** "Ghi chú" without the lines our export generates; the programs line is read. */
function readNote(text: string): { description: string; programs: string | null } {
  let programs: string | null = null;
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith(NOTE_PREFIX.programs)) programs = trimmed.slice(NOTE_PREFIX.programs.length).trim();
    else if (trimmed.startsWith(NOTE_PREFIX.originalDeadline) || trimmed.startsWith(NOTE_PREFIX.document)) continue;
    else kept.push(line);
  }
  return { description: kept.join("\n").trim(), programs };
}

/** Checks every row against the directory; nothing here writes. */
export function checkImportRows(rows: RawRow[], directory: ImportDirectory, settings: ImportSettings, today: string): PreviewRow[] {
  const units = new UnitIndex(directory.units);
  const unitName = new Map(directory.units.map((u) => [u.id, u.name]));
  const creatable = directory.creatableUnitIds === "any" ? null : new Set(directory.creatableUnitIds);
  const peopleByEmail = new Map(directory.people.map((p) => [p.email.toLowerCase(), p]));
  const peopleByName = new Map<string, DirectoryPerson[]>();
  for (const p of directory.people) {
    const key = foldForSearch(p.fullName);
    peopleByName.set(key, [...(peopleByName.get(key) ?? []), p]);
  }

  return rows.map((row): PreviewRow => {
    const errors: string[] = [];
    const missing: string[] = [];
    const notes: string[] = [];
    const shown: PreviewRow["shown"] = {
      title: cellText(row.cells.title),
      leadUnit: cellText(row.cells.leadUnit),
      coordinatingUnits: [],
      owner: cellText(row.cells.owner),
      ownerIsHead: false,
      deadline: null,
      deliverable: cellText(row.cells.deliverable),
      programs: [],
      note: "",
      unmatched: [],
      formulas: IMPORT_COLUMNS.filter((c) => row.cells[c]?.kind === "formula"),
    };
    const result = (status: RowStatus, fields: ImportFields | null): PreviewRow => ({
      rowNumber: row.rowNumber,
      status,
      shown,
      errors,
      missing,
      notes,
      fields,
    });

    // A formula's value is whatever the file last cached: refused, whichever column it is in.
    for (const column of IMPORT_COLUMNS) {
      const cell = row.cells[column];
      if (cell?.kind === "formula") errors.push(errorKey("excel.error.formula", { column: `@${COLUMN_LABEL[column]}` }));
      else if (cell?.kind === "error")
        errors.push(errorKey("excel.error.cellError", { column: `@${COLUMN_LABEL[column]}`, value: cell.text }));
    }
    if (isHeading(row) && errors.length === 0) {
      notes.push(errorKey("excel.note.heading"));
      return result("skipped", null);
    }

    // Texts: the title and the deliverable are required of a plan's row.
    const text = (column: ImportColumn, max: number) => {
      const value = cellText(row.cells[column]);
      if (value.length > max) errors.push(errorKey("excel.error.tooLong", { column: `@${COLUMN_LABEL[column]}`, max }));
      if (CONTROL_CHARS.test(value)) errors.push(errorKey("excel.error.controlChars", { column: `@${COLUMN_LABEL[column]}` }));
      return value;
    };
    const title = text("title", LIMITS.title);
    const deliverable = text("deliverable", LIMITS.deliverable);
    const note = readNote(text("note", LIMITS.description + 500));
    shown.note = note.description;
    if (note.description.length > LIMITS.description)
      errors.push(errorKey("excel.error.tooLong", { column: "@excel.col.note", max: LIMITS.description }));
    if (!title && row.cells.title?.kind !== "formula") errors.push(errorKey("excel.error.missing", { column: "@excel.col.title" }));
    if (!deliverable && row.cells.deliverable?.kind !== "formula")
      errors.push(errorKey("excel.error.missing", { column: "@excel.col.deliverable" }));

    // The lead unit, and whether this user may assign to it.
    let leadUnitId: number | undefined;
    if (shown.leadUnit) {
      const match = units.match(shown.leadUnit);
      if (match.ok) {
        leadUnitId = match.unit.id;
        shown.leadUnit = match.unit.name;
        if (creatable && !creatable.has(leadUnitId)) errors.push(errorKey("excel.error.unitForbidden", { unit: match.unit.name }));
      } else {
        errors.push(errorKey(UNIT_PROBLEM[match.problem], { unit: shown.leadUnit.slice(0, 120) }));
        shown.unmatched.push(shown.leadUnit);
      }
    } else if (row.cells.leadUnit?.kind !== "formula") {
      errors.push(errorKey("excel.error.missing", { column: "@excel.col.leadUnit" }));
    }

    // Coordinating units: each must be known; the lead unit itself is left out.
    const coordinatingUnitIds: number[] = [];
    for (const { text: piece, match } of splitUnitList(cellText(row.cells.coordinatingUnits), units)) {
      if (!match.ok) {
        errors.push(errorKey(UNIT_PROBLEM[match.problem], { unit: piece.slice(0, 120) }));
        shown.coordinatingUnits.push(piece);
        shown.unmatched.push(piece);
      } else if (match.unit.id !== leadUnitId && !coordinatingUnitIds.includes(match.unit.id)) {
        coordinatingUnitIds.push(match.unit.id);
        shown.coordinatingUnits.push(match.unit.name);
      }
    }
    if (coordinatingUnitIds.length > 50) errors.push(errorKey("excel.error.tooManyUnits", { max: 50 }));

    // The owner: named (by e-mail or by name, within the lead unit), or the lead unit's head.
    let ownerId: number | undefined;
    if (shown.owner) {
      const candidates = shown.owner.includes("@")
        ? [peopleByEmail.get(shown.owner.toLowerCase())].filter((p): p is DirectoryPerson => Boolean(p))
        : (peopleByName.get(foldForSearch(shown.owner)) ?? []);
      const active = candidates.filter((p) => p.active);
      const inLead = leadUnitId === undefined ? active : active.filter((p) => units.path(p.unitId).includes(leadUnitId!));
      if (inLead.length === 1) {
        ownerId = inLead[0].id;
        shown.owner = inLead[0].fullName;
      } else if (inLead.length > 1) {
        errors.push(errorKey("excel.error.ownerAmbiguous", { name: shown.owner.slice(0, 120) }));
      } else if (active.length > 0) {
        const unit = unitName.get(leadUnitId!) ?? "";
        errors.push(errorKey("excel.error.ownerNotInLeadUnit", { name: active[0].fullName, unit }));
      } else if (candidates.length > 0) {
        errors.push(errorKey("excel.error.ownerInactive", { name: candidates[0].fullName }));
      } else {
        errors.push(errorKey("excel.error.ownerUnknown", { name: shown.owner.slice(0, 120) }));
      }
    } else if (leadUnitId !== undefined) {
      const head = directory.heads[leadUnitId];
      if (head) {
        ownerId = head.id;
        shown.owner = head.name;
        shown.ownerIsHead = true;
      } else {
        missing.push("excel.missing.owner");
      }
    }

    // The deadline: a real date, not past.
    const deadline = readDate(row.cells.deadline);
    if (deadline.ok) {
      shown.deadline = deadline.iso;
      if (deadline.iso < today)
        errors.push(
          errorKey("excel.error.deadlinePast", {
            date: `${deadline.iso.slice(8, 10)}/${deadline.iso.slice(5, 7)}/${deadline.iso.slice(0, 4)}`,
          }),
        );
    } else if ("empty" in deadline) {
      if (row.cells.deadline?.kind !== "formula") errors.push(errorKey("excel.error.missing", { column: "@excel.col.deadline" }));
    } else {
      errors.push(errorKey("excel.error.badDate", { value: deadline.text }));
    }

    // Programs: the row's column, else the line our export writes in "Ghi chú", else the file's choice.
    const programText = cellText(row.cells.programs) || note.programs || "";
    let programs: ProgramCode[] = [...settings.programs];
    if (programText) {
      const read = readPrograms(programText);
      for (const name of read.unknown) errors.push(errorKey("excel.error.programUnknown", { value: name.slice(0, 60) }));
      if (read.codes.length) programs = read.codes;
    }
    shown.programs = programs;
    if (programs.length === 0) missing.push("excel.missing.programs");

    if (errors.length) return result("error", null);
    const fields: ImportFields = {
      title,
      description: note.description || undefined,
      leadUnitId,
      coordinatingUnitIds,
      ownerId,
      deadline: shown.deadline ?? undefined,
      deliverable,
      programs,
      sourceDocNumber: settings.sourceDocNumber,
      sourceDocDate: settings.sourceDocDate,
      sourceDocIssuer: settings.sourceDocIssuer,
    };
    return result(missing.length ? "draft" : "ready", fields);
  });
}

/** Counts by status, for the preview's summary. */
export function countByStatus(rows: Array<Pick<PreviewRow, "status">>): Record<RowStatus, number> {
  const counts: Record<RowStatus, number> = { ready: 0, draft: 0, error: 0, skipped: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

/**
 * A row's message in the user's language. Like translateError, plus: a parameter written "@key" (a
 * column's name) is itself translated.
 */
export function importMessage(lang: Language, message: string): string {
  const [key, rawParams] = message.split("|", 2);
  if (!isMessageKey(key)) return message;
  let params: Params | undefined;
  try {
    params = rawParams ? (JSON.parse(rawParams) as Params) : undefined;
  } catch {
    params = undefined;
  }
  if (params) {
    params = Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        typeof value === "string" && value.startsWith("@") && isMessageKey(value.slice(1))
          ? translate(lang, value.slice(1) as MessageKey)
          : value,
      ]),
    );
  }
  return translate(lang, key, params);
}
