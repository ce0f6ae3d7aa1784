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
 *
 * "Begins with" is judged on what a program may make of the text, not on its first code unit: the text
 * is also looked at in NFKC form (so the fullwidth ＝ ＋ － ＠ that Excel accepts when typed with an East
 * Asian keyboard, and the small and super/subscript forms, count as = + - @), and past any leading white
 * space, control or invisible format characters (a space, NBSP, ideographic space, zero-width space,
 * BOM, bidi mark… before the sign). Only the exported cell gets the apostrophe; the text is unchanged.
 * See docs/decisions/0005-excel.md.
 */

/** The media type of an .xlsx workbook. */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A tab or carriage return as the very first character. */
const CONTROL_START = /^[\t\r]/;
/** What may stand before a sign and be skipped or not seen: white space, controls, format characters. */
const INVISIBLE_LEAD = /^[\s\p{Z}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]+/u;
const FORMULA_SIGN = /^[=+\-@]/;

const signFirst = (text: string) => FORMULA_SIGN.test(text.replace(INVISIBLE_LEAD, ""));

/**
 * Whether a spreadsheet program could take the text for a formula. Both the text as it is and its
 * NFKC form are looked at: NFKC folds ＝ to =, but would also compose "=" + U+0338 into "≠".
 */
export function looksLikeFormula(text: string): boolean {
  return CONTROL_START.test(text) || signFirst(text) || signFirst(text.normalize("NFKC"));
}

export function quoteCellText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** The inverse of quoteCellText: an apostrophe followed by a formula-looking text is dropped. */
export function unquoteCellText(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
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
