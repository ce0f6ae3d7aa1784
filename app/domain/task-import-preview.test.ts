import { describe, expect, it } from "vitest";
import { errorKey } from "~/i18n";
import { IMPORT_MAX_BYTES, type PreviewRow, type RowStatus } from "./task-import";
import {
  PREVIEW_PAGE_SIZE,
  changedRows,
  checkUpload,
  decideConfirm,
  previewPage,
  type StoredPreview,
  type UploadValues,
} from "./task-import-preview";

const blank: UploadValues = { programs: [], sourceDocNumber: "", sourceDocDate: "", sourceDocIssuer: "" };
const xlsx = { name: "ke-hoach.xlsx", size: 1000 };

function row(rowNumber: number, status: RowStatus): PreviewRow {
  return {
    rowNumber,
    status,
    shown: {
      title: `Việc ${rowNumber}`,
      leadUnit: "",
      coordinatingUnits: [],
      owner: "",
      ownerIsHead: false,
      deadline: null,
      deliverable: "",
      programs: [],
      note: "",
      unmatched: [],
      formulas: [],
    },
    errors: [],
    missing: [],
    notes: [],
    fields: status === "ready" || status === "draft" ? { title: `Việc ${rowNumber}`, coordinatingUnitIds: [], programs: [] } : null,
  };
}
const rowsOf = (...statuses: RowStatus[]) => statuses.map((s, i) => row(i + 7, s));

describe("checkUpload", () => {
  it.each([
    ["a workbook and no settings", blank, xlsx, false, null],
    ["no file", blank, null, false, { file: [errorKey("excel.error.fileRequired")] }],
    ["an empty file", blank, { name: "a.xlsx", size: 0 }, false, { file: [errorKey("excel.error.fileRequired")] }],
    ["not .xlsx", blank, { name: "a.xls", size: 10 }, false, { file: [errorKey("excel.error.notXlsx")] }],
    [
      "over the limit",
      blank,
      { name: "a.xlsx", size: IMPORT_MAX_BYTES + 1 },
      false,
      { file: [errorKey("excel.error.fileTooLarge", { max: 10 })] },
    ],
    ["cut off (no file left)", blank, null, true, { file: [errorKey("excel.error.fileTooLarge", { max: 10 })] }],
    [
      "a bad date and no file",
      { ...blank, sourceDocDate: "31/02/2026" },
      null,
      false,
      { sourceDocDate: [errorKey("error.date")], file: [errorKey("excel.error.fileRequired")] },
    ],
  ] as const)("%s", (_, values, file, tooLarge, fieldErrors) => {
    const checked = checkUpload(values, file, tooLarge);
    if (fieldErrors === null) expect(checked).toMatchObject({ ok: true, file });
    else expect(checked).toEqual({ ok: false, fieldErrors, tooLarge });
  });
});

describe("previewPage", () => {
  it.each([
    ["errors first when there are any", rowsOf("ready", "error", "draft"), { show: null, page: null }, "error", [8]],
    ["all when there are none", rowsOf("ready", "draft"), { show: null, page: null }, "all", [7, 8]],
    ["the status asked for", rowsOf("ready", "error", "draft"), { show: "draft", page: null }, "draft", [9]],
    ["all for an unknown show", rowsOf("ready", "draft"), { show: "x", page: "x" }, "all", [7, 8]],
  ] as const)("%s", (_, rows, requested, show, numbers) => {
    const page = previewPage(rows, requested);
    expect(page.show).toBe(show);
    expect(page.rows.map((r) => r.rowNumber)).toEqual(numbers);
    expect(page.rows.every((r) => !("fields" in r))).toBe(true);
  });

  it.each([
    ["1", 0],
    ["2", PREVIEW_PAGE_SIZE],
    ["9", PREVIEW_PAGE_SIZE],
    ["0", 0],
  ])("page %s of 150 rows starts at %i", (page, offset) => {
    const rows = Array.from({ length: 150 }, (_, i) => row(i + 1, "ready"));
    expect(previewPage(rows, { show: null, page })).toMatchObject({ offset, shown: 150, total: 150, limit: PREVIEW_PAGE_SIZE });
  });
});

describe("decideConfirm", () => {
  const stored = (rows: PreviewRow[]): StoredPreview => ({
    sheetName: "Sheet1",
    settings: { programs: [], sourceDocDate: undefined },
    rows,
  });
  const pending = { status: "pending", version: 1, errorCount: 0 };
  it.each([
    ["imported already", { ...pending, status: "imported" }, 1, rowsOf("ready"), { ok: false, refusal: "already_imported" }],
    ["an older version", pending, 0, rowsOf("ready"), { ok: false, refusal: "already_imported" }],
    ["a preview with errors", { ...pending, errorCount: 2 }, 1, rowsOf("ready"), { ok: false, refusal: "has_errors", count: 2 }],
    ["only skipped rows", pending, 1, rowsOf("skipped"), { ok: false, refusal: "nothing_to_import" }],
  ] as const)("refuses %s", (_, batch, version, rows, decision) => {
    expect(decideConfirm(batch, version, stored([...rows]))).toEqual(decision);
  });

  it("writes ready rows issued and drafts as drafts, skipping the rest", () => {
    const decision = decideConfirm(pending, 1, stored(rowsOf("ready", "skipped", "draft", "ready")));
    expect(decision.ok && decision.rows.map((r) => [r.rowNumber, r.issue])).toEqual([
      [7, true],
      [9, false],
      [10, true],
    ]);
    expect(decision.ok && decision.summary).toEqual({ issued: 2, drafts: 1 });
  });
});

describe("changedRows", () => {
  it("names each refused row by its number in the file, with all its messages", () => {
    const rows = [7, 9, 12].map((rowNumber) => ({ rowNumber, issue: true, fields: { title: "x", coordinatingUnitIds: [], programs: [] } }));
    expect(changedRows(rows, [{ index: 2, fieldErrors: { leadUnitId: ["a"], ownerId: ["b", "c"] } }])).toEqual([
      { row: 12, messages: ["a", "b", "c"] },
    ]);
  });
});
