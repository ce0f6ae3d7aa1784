/**
 * Formula neutralisation sees through look-alikes: the fullwidth, small and super/subscript forms of
 * = + - @ (NFKC), and white space, controls and invisible characters in front of the sign.
 */
import { describe, expect, it } from "vitest";
import { looksLikeFormula, quoteCellText, unquoteCellText } from "./cell-text";

const FORMULAS = [
  // the plain signs, and a tab or carriage return first (as before)
  "=1+1",
  "+1",
  "-2",
  "@SUM(A1)",
  "\tx",
  "\rx",
  // fullwidth = + - @ (what an East Asian keyboard types; Excel takes ＝１＋１ for a formula)
  '＝HYPERLINK("http://x","bấm")',
  "＋1",
  "－2+3",
  "＠SUM(A1)",
  // small and superscript / subscript forms, and a sign that NFKC makes of a single character (⩵ is "==")
  "﹦1",
  "﹢1",
  "﹣1",
  "﹫x",
  "⁼1",
  "₊1",
  "⩵1",
  // white space, controls and invisible characters before the sign
  " =1",
  "   +1",
  "\u00a0=1",
  "\u3000＝1",
  "\u2003@x",
  "\n=1",
  "\u0000=1",
  "\u001b-1",
  "\u0085=1",
  "\u200b=1",
  "\u200b\u200c\u200d\u2060=1",
  "\ufeff=1",
  "\u200e=1",
  "\u202e=1",
  "\u2066＠x",
  "\u00ad-1",
  "\u034f=1",
  "\u3164=1",
  " \t\u200b\u3000 ＝ 1",
  // a combining mark after "=": NFKC would compose "≠", but the text as it is begins with "="
  '=\u0338HYPERLINK("http://x")',
];

const TEXTS = [
  "Bình thường",
  "Nhiệm vụ 1 = 2",
  "“=” ở giữa câu",
  "'quoted on purpose",
  "– Báo cáo (en dash, not a minus)",
  "− 5 (U+2212 minus sign: no spreadsheet reads it as an operator)",
  "≠ (not equal)",
  "x=1",
  "",
  " ",
  "\u200b",
  "＃1",
  "100%",
];

describe("looksLikeFormula", () => {
  it("sees the signs through NFKC look-alikes and leading invisible characters", () => {
    for (const text of FORMULAS) expect(looksLikeFormula(text), JSON.stringify(text)).toBe(true);
  });
  it("leaves other texts alone", () => {
    for (const text of TEXTS) expect(looksLikeFormula(text), JSON.stringify(text)).toBe(false);
  });
});

describe("quoteCellText", () => {
  it("prefixes an apostrophe to every formula-looking text, leaving the text itself as it was", () => {
    for (const text of FORMULAS) {
      expect(quoteCellText(text), JSON.stringify(text)).toBe(`'${text}`);
      expect(unquoteCellText(quoteCellText(text)), JSON.stringify(text)).toBe(text);
    }
    for (const text of TEXTS) {
      expect(quoteCellText(text), JSON.stringify(text)).toBe(text);
      expect(unquoteCellText(quoteCellText(text)), JSON.stringify(text)).toBe(text);
    }
  });
  it("never leaves a cell that begins with a sign once folded and stripped", () => {
    const strip = (t: string) => t.normalize("NFKC").replace(/^[\s\p{Z}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]+/u, "");
    for (const text of [...FORMULAS, ...TEXTS]) expect(strip(quoteCellText(text)), JSON.stringify(text)).not.toMatch(/^[=+\-@]/);
  });
});
