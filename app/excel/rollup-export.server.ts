/**
 * A rollup (by unit, program or goal, as of a date) as an .xlsx sheet in the administrative layout:
 * the report's categories as columns, shares as real percentages, names quoted against formulas.
 */
import ExcelJS from "exceljs";
import { quoteCellText } from "~/domain/cell-text";
import { formatDate } from "~/i18n/format";
import type { Rollup, RollupItem } from "~/models/rollup.server";

const COLUMNS: Array<{ header: string; width: number; value: (i: RollupItem) => number | string; percent?: boolean }> = [
  { header: "Tổng số nhiệm vụ đã giao", width: 12, value: (i) => i.total },
  { header: "Hoàn thành đúng hạn", width: 12, value: (i) => i.doneOnTime },
  { header: "Hoàn thành quá hạn", width: 12, value: (i) => i.doneLate },
  { header: "Chưa hoàn thành, trong hạn", width: 13, value: (i) => i.openOnTime },
  { header: "Trong đó: sắp đến hạn (7 ngày)", width: 13, value: (i) => i.dueSoon },
  { header: "Chưa hoàn thành, quá hạn", width: 13, value: (i) => i.overdue },
  { header: "Quá hạn 1–30 ngày", width: 11, value: (i) => i.overdueByAge["1-30"] },
  { header: "Quá hạn 31–60 ngày", width: 11, value: (i) => i.overdueByAge["31-60"] },
  { header: "Quá hạn 61–120 ngày", width: 11, value: (i) => i.overdueByAge["61-120"] },
  { header: "Quá hạn trên 120 ngày", width: 11, value: (i) => i.overdueByAge["120+"] },
  { header: "Đã gia hạn", width: 10, value: (i) => i.extended },
  { header: "Tỷ lệ quá hạn", width: 11, value: (i) => i.shareOverdue, percent: true },
  { header: "Tỷ lệ hoàn thành đúng hạn", width: 13, value: (i) => i.shareDoneOnTime, percent: true },
  { header: "Dự thảo (không tính)", width: 11, value: (i) => i.drafts },
  { header: "Đã hủy (không tính)", width: 11, value: (i) => i.cancelled },
];

const DIMENSION_HEADER = { unit: "Đơn vị", program: "Chương trình", goal: "Mục tiêu" } as const;

export async function rollupWorkbook(rollup: Rollup, options: { by: "unit" | "program" | "goal"; scopeWords: string; timeZone: string }) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rõ Việc";
  const sheet = workbook.addWorksheet("Tổng hợp", {
    views: [{ state: "frozen", ySplit: 4 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1 },
  });
  const lastColumn = 2 + COLUMNS.length;
  sheet.mergeCells(1, 1, 1, lastColumn);
  sheet.getCell(1, 1).value = "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ";
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: "center" };
  sheet.mergeCells(2, 1, 2, lastColumn);
  sheet.getCell(2, 1).value = quoteCellText(`${options.scopeWords} — tính đến ngày ${formatDate(rollup.asOf, options.timeZone)}`);
  sheet.getCell(2, 1).alignment = { horizontal: "center" };

  const header = sheet.getRow(4);
  header.values = ["STT", DIMENSION_HEADER[options.by], ...COLUMNS.map((c) => c.header)];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  header.height = 48;
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 42;
  COLUMNS.forEach((c, index) => {
    sheet.getColumn(3 + index).width = c.width;
    if (c.percent) sheet.getColumn(3 + index).numFmt = "0.0%";
  });

  const rows = [...rollup.items, { key: "all", name: "Tổng cộng", ...rollup.overall } as RollupItem];
  rows.forEach((item, index) => {
    const isTotal = index === rows.length - 1;
    const row = sheet.addRow([isTotal ? "" : index + 1, quoteCellText(item.name), ...COLUMNS.map((c) => c.value(item))]);
    if (isTotal) row.font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, indent: item.depth && item.depth > 0 ? Math.min(item.depth, 4) : 0 };
  });
  for (let r = 4; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= lastColumn; c++) {
      sheet.getCell(r, c).border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
