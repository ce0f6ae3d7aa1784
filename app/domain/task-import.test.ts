import { describe, expect, it } from "vitest";
import { quoteCellText, unquoteCellText } from "~/domain/cell-text";
import {
  UnitIndex,
  checkImportRows,
  columnOfHeader,
  findHeaderRow,
  importMessage,
  isColumnNumberRow,
  readDate,
  readPrograms,
  splitUnitList,
  type CellValue,
  type ImportDirectory,
  type RawRow,
} from "./task-import";

const TODAY = "2026-11-28";
const text = (t: string): CellValue => ({ kind: "text", text: t });
const date = (iso: string): CellValue => ({ kind: "date", iso });

const units = [
  { id: 1, code: "HN", name: "Thành phố Hà Nội", parentId: null, active: true },
  { id: 2, code: "SYT", name: "Sở Y tế", parentId: 1, active: true },
  { id: 3, code: "SYT-NVY", name: "Phòng Nghiệp vụ Y", parentId: 2, active: true },
  { id: 4, code: "STP", name: "Sở Tư pháp", parentId: 1, active: true },
  { id: 5, code: "P-HK", name: "Phường Hoàn Kiếm", parentId: 1, active: true },
  { id: 6, code: "OLD", name: "Sở Cũ", parentId: 1, active: false },
  { id: 7, code: "KT-A", name: "Phòng Kinh tế", parentId: 2, active: true },
  { id: 8, code: "KT-B", name: "Phòng Kinh tế", parentId: 4, active: true },
  { id: 9, code: "VP", name: "Văn phòng, Lưu trữ", parentId: 1, active: true },
];
const directory: ImportDirectory = {
  units,
  people: [
    { id: 10, email: "gd.syt@x.vn", fullName: "Đỗ Thị Lan Anh", unitId: 2, active: true },
    { id: 11, email: "cv.syt@x.vn", fullName: "Lương Văn Hiếu", unitId: 3, active: true },
    { id: 12, email: "cv.stp@x.vn", fullName: "Tạ Thị Thanh Xuân", unitId: 4, active: true },
    { id: 13, email: "nghi@x.vn", fullName: "Người Đã Nghỉ", unitId: 2, active: false },
    { id: 14, email: "a1@x.vn", fullName: "Nguyễn Văn An", unitId: 2, active: true },
    { id: 15, email: "a2@x.vn", fullName: "Nguyễn Văn An", unitId: 3, active: true },
  ],
  heads: { 2: { id: 10, name: "Đỗ Thị Lan Anh" } },
  creatableUnitIds: "any",
};

function row(cells: Partial<Record<string, CellValue>>, rowNumber = 5): RawRow {
  return {
    rowNumber,
    cells: {
      title: text("Nhiệm vụ"),
      leadUnit: text("SYT"),
      deadline: date("2026-12-31"),
      deliverable: text("Báo cáo"),
      programs: text("CĐS"),
      ...cells,
    },
  };
}
const check = (r: RawRow, dir: ImportDirectory = directory, programs: Array<"CCHC" | "CDS" | "DA06"> = []) =>
  checkImportRows([r], dir, { programs, sourceDocDate: undefined }, TODAY)[0];

describe("headers", () => {
  it("names columns by their words, ignoring accents, case, notes in brackets and extra words", () => {
    expect(columnOfHeader("Nội dung nhiệm vụ")).toBe("title");
    expect(columnOfHeader("NỘI DUNG CÔNG VIỆC")).toBe("title");
    expect(columnOfHeader("Đơn vị chủ trì thực hiện")).toBe("leadUnit");
    expect(columnOfHeader("Cơ quan phối hợp")).toBe("coordinatingUnits");
    expect(columnOfHeader("Thời hạn (dd/mm/yyyy)")).toBe("deadline");
    expect(columnOfHeader("Thời gian hoàn thành")).toBe("deadline");
    expect(columnOfHeader("Sản phẩm")).toBe("deliverable");
    expect(columnOfHeader("Tiến độ")).toBe("ignored");
    expect(columnOfHeader("Kinh phí")).toBeNull();
  });
  it("finds the header below title rows, and says which required columns are missing", () => {
    const found = findHeaderRow([["KẾ HOẠCH"], [""], ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Sản phẩm"]]);
    expect(found?.rowIndex).toBe(2);
    expect(found?.missing).toEqual([]);
    expect([...found!.columns.values()]).toEqual(["stt", "title", "leadUnit", "deadline", "deliverable"]);
    expect(findHeaderRow([["STT", "Nội dung", "Đơn vị chủ trì"]])?.missing).toEqual(["deadline", "deliverable"]);
    expect(findHeaderRow([["Kinh phí", "Ghi chú"]])).toBeNull();
    expect(isColumnNumberRow(["(1)", "(2)", "(3)"])).toBe(true);
    expect(isColumnNumberRow(["1", "Nhiệm vụ"])).toBe(false);
  });
});

describe("cells", () => {
  it("reads real dates, serial numbers, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy and yyyy-mm-dd — and nothing impossible", () => {
    expect(readDate(date("2026-12-31"))).toEqual({ ok: true, iso: "2026-12-31" });
    expect(readDate({ kind: "number", value: 46387 })).toEqual({ ok: true, iso: "2026-12-31" });
    expect(readDate(text("31/12/2026"))).toEqual({ ok: true, iso: "2026-12-31" });
    expect(readDate(text("1-2-2027"))).toEqual({ ok: true, iso: "2027-02-01" });
    expect(readDate(text("01.02.2027"))).toEqual({ ok: true, iso: "2027-02-01" });
    expect(readDate(text("2027-02-01"))).toEqual({ ok: true, iso: "2027-02-01" });
    expect(readDate(text("31/02/2026"))).toEqual({ ok: false, text: "31/02/2026" });
    expect(readDate(text("Quý IV/2026"))).toEqual({ ok: false, text: "Quý IV/2026" });
    expect(readDate({ kind: "number", value: 2026 })).toEqual({ ok: false, text: "2026" });
    expect(readDate({ kind: "empty" })).toEqual({ ok: false, empty: true });
  });
  it("reads programs by code or name", () => {
    expect(readPrograms("ĐA06; cải cách hành chính, CĐS")).toEqual({ codes: ["CCHC", "CDS", "DA06"], unknown: [] });
    expect(readPrograms("Đề án 06\nKhác")).toEqual({ codes: ["DA06"], unknown: ["Khác"] });
  });
  it("quotes formula-looking text with an apostrophe and reads it back unchanged", () => {
    for (const t of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']) {
      expect(quoteCellText(t)).toBe(`'${t}`);
      expect(unquoteCellText(quoteCellText(t))).toBe(t);
    }
    expect(quoteCellText("Bình thường")).toBe("Bình thường");
    expect(unquoteCellText("'quoted on purpose")).toBe("'quoted on purpose");
  });
});

describe("units", () => {
  const index = new UnitIndex(units);
  it("match by code or by name without accents or case; 'UBND' before a ward is optional", () => {
    expect(index.match("syt")).toMatchObject({ ok: true, unit: { id: 2 } });
    expect(index.match("so y te")).toMatchObject({ ok: true, unit: { id: 2 } });
    expect(index.match("UBND phường Hoàn Kiếm")).toMatchObject({ ok: true, unit: { id: 5 } });
    expect(index.match("Phòng Kinh tế")).toEqual({ ok: false, problem: "ambiguous" });
    expect(index.match("Sở Cũ")).toEqual({ ok: false, problem: "closed" });
    expect(index.match("Sở Ma")).toEqual({ ok: false, problem: "unknown" });
    expect(index.path(3)).toEqual([3, 2, 1]);
  });
  it("split on lines and semicolons, and on commas only when the whole piece is not a unit", () => {
    const list = splitUnitList("Sở Y tế, Sở Tư pháp\nVăn phòng, Lưu trữ; HN", index);
    expect(list.map((x) => (x.match.ok ? x.match.unit.id : x.text))).toEqual([2, 4, 9, 1]);
  });
});

describe("rows", () => {
  it("a complete row is ready; an empty owner is the lead unit's head", () => {
    const r = check(row({ coordinatingUnits: text("STP; SYT") }));
    expect(r.status).toBe("ready");
    expect(r.shown).toMatchObject({ owner: "Đỗ Thị Lan Anh", ownerIsHead: true, leadUnit: "Sở Y tế", coordinatingUnits: ["Sở Tư pháp"] });
    expect(r.fields).toMatchObject({ leadUnitId: 2, ownerId: 10, coordinatingUnitIds: [4], deadline: "2026-12-31", programs: ["CDS"] });
  });
  it("an owner is found by name (accents and case ignored) or e-mail, within the lead unit's subtree", () => {
    expect(check(row({ owner: text("luong van hieu") })).fields?.ownerId).toBe(11);
    expect(check(row({ owner: text("CV.STP@x.vn"), leadUnit: text("STP") })).fields?.ownerId).toBe(12);
    expect(check(row({ owner: text("Tạ Thị Thanh Xuân") })).errors).toEqual([
      'excel.error.ownerNotInLeadUnit|{"name":"Tạ Thị Thanh Xuân","unit":"Sở Y tế"}',
    ]);
    expect(check(row({ owner: text("Nguyễn Văn An") })).errors[0]).toMatch(/^excel\.error\.ownerAmbiguous/);
    expect(check(row({ owner: text("Nguyễn Văn An"), leadUnit: text("SYT-NVY") })).fields?.ownerId).toBe(15);
    expect(check(row({ owner: text("Người Đã Nghỉ") })).errors[0]).toMatch(/^excel\.error\.ownerInactive/);
    expect(check(row({ owner: text("Ai Đó") })).errors[0]).toMatch(/^excel\.error\.ownerUnknown/);
  });
  it("no owner and no head, or no program: a draft that names what is missing", () => {
    const r = check(row({ leadUnit: text("STP"), programs: { kind: "empty" } }));
    expect(r.status).toBe("draft");
    expect(r.missing).toEqual(["excel.missing.owner", "excel.missing.programs"]);
    expect(check(row({ programs: { kind: "empty" } }), directory, ["CCHC"]).fields?.programs).toEqual(["CCHC"]);
  });
  it("what the plan must say, or cannot be matched, is an error", () => {
    const r = check(
      row({
        title: { kind: "empty" },
        deliverable: { kind: "empty" },
        deadline: text("31/02/2026"),
        leadUnit: text("Sở Ma"),
        coordinatingUnits: text("Phòng Kinh tế"),
      }),
    );
    expect(r.status).toBe("error");
    expect(r.fields).toBeNull();
    expect(r.errors).toEqual([
      'excel.error.missing|{"column":"@excel.col.title"}',
      'excel.error.missing|{"column":"@excel.col.deliverable"}',
      'excel.error.unitUnknown|{"unit":"Sở Ma"}',
      'excel.error.unitAmbiguous|{"unit":"Phòng Kinh tế"}',
      'excel.error.badDate|{"value":"31/02/2026"}',
    ]);
    expect(check(row({ deadline: date("2026-11-27") })).errors).toEqual(['excel.error.deadlinePast|{"date":"27/11/2026"}']);
    expect(check(row({ programs: text("CĐS, Văn hóa") })).errors).toEqual(['excel.error.programUnknown|{"value":"Văn hóa"}']);
  });
  it("a formula cell is refused wherever it is", () => {
    const r = check(row({ deliverable: { kind: "formula" } }));
    expect(r.status).toBe("error");
    expect(r.errors).toEqual(['excel.error.formula|{"column":"@excel.col.deliverable"}']);
  });
  it("a row for a unit the user may not assign to is an error", () => {
    const head = { ...directory, creatableUnitIds: [2, 3, 7] };
    expect(check(row({}), head).status).toBe("ready");
    expect(check(row({ leadUnit: text("STP"), owner: text("Tạ Thị Thanh Xuân") }), head).errors).toEqual([
      'excel.error.unitForbidden|{"unit":"Sở Tư pháp"}',
    ]);
  });
  it("a group heading is skipped; our own export's Ghi chú gives the programs and is not copied", () => {
    const heading = check({ rowNumber: 3, cells: { stt: text("II"), title: text("CHUYỂN ĐỔI SỐ") } });
    expect(heading.status).toBe("skipped");
    const exported = check(
      row({ programs: undefined, note: text("Chương trình: CCHC, ĐA06\nThời hạn ban đầu: 01/01/2026; đã gia hạn 1 lần\nGhi chú riêng") }),
    );
    expect(exported.fields).toMatchObject({ programs: ["CCHC", "DA06"], description: "Ghi chú riêng" });
  });
  it("messages are translated with their column names", () => {
    expect(importMessage("vi", 'excel.error.missing|{"column":"@excel.col.deliverable"}')).toBe("Thiếu Sản phẩm.");
    expect(importMessage("en", 'excel.error.missing|{"column":"@excel.col.deliverable"}')).toBe("Deliverable (Sản phẩm) is missing.");
    expect(importMessage("en", "not.a.key")).toBe("not.a.key");
  });
});
