/**
 * Text in spreadsheet cells we write, and back. Pure.
 *
 * Formula neutralisation ("CSV/Excel injection"): a text that begins with = + - @ (or a tab or carriage
 * return, which some programs skip before looking for those) could be taken for a formula when a user
 * edits the cell, saves the sheet as CSV or opens it in another program. We write such a text with a
 * leading apostrophe ("'=HYPERLINK(…)"), the OWASP recommendation: it survives CSV and every spreadsheet
 * program, and shows plainly that the text was quoted. The cell is a string cell in any case (never a
 * formula: formulas are a different cell kind, which we never write). Reading our own files back,
 * `unquoteCellText` removes exactly that apostrophe again, so an export imports to the same text.
 * See docs/decisions/0005-excel.md.
 */

/** The media type of an .xlsx workbook. */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const FORMULA_START = /^[=+\-@\t\r]/;

export function quoteCellText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of quoteCellText: an apostrophe followed by a formula-start character is dropped. */
export function unquoteCellText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** A civil date (YYYY-MM-DD) as the Date exceljs writes as that day's Excel serial number (UTC midnight). */
export function excelDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** The civil date of a Date read from a date cell (exceljs reads serials as UTC). */
export function isoDateOfExcel(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 10);
}
