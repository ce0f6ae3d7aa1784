/**
 * A task list as an .xlsx in the administrative layout the committee files and prints:
 *   row 1  DANH SÁCH NHIỆM VỤ
 *   row 2  the filters, in words
 *   row 3  Tính đến ngày dd/mm/yyyy
 *   row 4  STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Người chịu trách nhiệm | Thời hạn |
 *          Sản phẩm | Tiến độ | Tình trạng | Ghi chú          (bold, frozen, with a filter button)
 *   row 5… one task per row: dates are real Excel dates (dd/mm/yyyy), progress a number shown as %,
 *          every text neutralised against formula injection (app/domain/cell-text.ts).
 * The workbook is streamed (exceljs' WorkbookWriter): tasks are read a page at a time and each row is
 * committed as it is written, so memory stays flat however long the list is.
 */
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { XLSX_MIME, excelDate, quoteCellText } from "~/domain/cell-text";
import { daysBetween } from "~/domain/dates";
import type { TaskFilter } from "~/domain/task-filters";
import { NOTE_PREFIX } from "~/domain/task-import";
import type { Standing, TaskStatus } from "~/domain/task-rules";
import { translate, type MessageKey } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { getGoal } from "~/models/goal.server";
import { getTasksByIds, listTaskIds, type TaskView } from "~/models/task.server";
import { listUnits } from "~/models/unit.server";
import { getUserById } from "~/models/user.server";

export { XLSX_MIME };

/** The columns, in order: the plan-appendix layout plus owner, progress and standing. */
export const EXPORT_HEADERS = [
  "STT",
  "Nội dung nhiệm vụ",
  "Đơn vị chủ trì",
  "Đơn vị phối hợp",
  "Người chịu trách nhiệm",
  "Thời hạn",
  "Sản phẩm",
  "Tiến độ",
  "Tình trạng",
  "Ghi chú",
] as const;
const WIDTHS = [6, 50, 28, 28, 22, 12, 34, 9, 20, 38];
/** The header row (after the three title rows); data starts below it. */
export const EXPORT_HEADER_ROW = 4;
export const DATE_FORMAT = "dd/mm/yyyy";
/** Tasks read per query while streaming. */
const PAGE = 1000;

const vi = (key: MessageKey, params?: Record<string, string | number>) => translate("vi", key, params);

const thin = { style: "thin" as const, color: { argb: "FF808080" } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = "Times New Roman";
const styles = {
  title: { font: { name: FONT, size: 14, bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  subtitle: { font: { name: FONT, size: 11, italic: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true } },
  header: {
    font: { name: FONT, size: 11, bold: true },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
    border,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7EEF7" } },
  },
  text: { font: { name: FONT, size: 11 }, alignment: { vertical: "top", wrapText: true }, border },
  center: { font: { name: FONT, size: 11 }, alignment: { horizontal: "center", vertical: "top", wrapText: true }, border },
  date: { font: { name: FONT, size: 11 }, alignment: { horizontal: "center", vertical: "top" }, border, numFmt: DATE_FORMAT },
  percent: { font: { name: FONT, size: 11 }, alignment: { horizontal: "center", vertical: "top" }, border, numFmt: "0%" },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** "Tình trạng" in the words of the Government Office's reports. */
export function standingWords(task: { status: TaskStatus; standing: Standing | null; deadline: string | null }, today: string): string {
  if (task.status === "draft") return vi("status.draft");
  if (task.status === "cancelled") return vi("status.cancelled");
  switch (task.standing) {
    case "done_on_time":
      return vi("excel.standing.done_on_time");
    case "done_late":
      return vi("excel.standing.done_late");
    case "overdue":
      return vi("excel.standing.overdue", { days: task.deadline ? daysBetween(task.deadline, today) : 0 });
    case "due_soon":
      return vi("excel.standing.due_soon");
    case "on_track":
      return vi("excel.standing.on_track");
    default:
      return vi(`status.${task.status}`);
  }
}

/** "Ghi chú": the original deadline and extensions, the programs, the assigning document. */
export function noteLines(task: TaskView): string[] {
  const lines: string[] = [];
  if (task.extensionCount > 0 && task.originalDeadline) {
    lines.push(
      `${NOTE_PREFIX.originalDeadline} ${formatDate(task.originalDeadline, "UTC")}; ${vi("excel.note.extended", { count: task.extensionCount })}`,
    );
  }
  if (task.programs.length)
    lines.push(`${NOTE_PREFIX.programs} ${task.programs.map((p) => vi(`lists.program.${p}` as MessageKey)).join(", ")}`);
  if (task.sourceDocNumber || task.sourceDocDate || task.sourceDocIssuer) {
    const parts = [task.sourceDocNumber ? vi("excel.note.docNumber", { number: task.sourceDocNumber }) : null];
    if (task.sourceDocDate) parts.push(vi("excel.note.docDate", { date: formatDate(task.sourceDocDate, "UTC") }));
    if (task.sourceDocIssuer) parts.push(vi("excel.note.docIssuer", { issuer: task.sourceDocIssuer }));
    lines.push(`${NOTE_PREFIX.document} ${parts.filter(Boolean).join(" ")}`);
  }
  return lines;
}

export type ExportFilter = Omit<TaskFilter, "limit" | "offset">;

/** The filters in words, for the second title row (Vietnamese, like the rest of the sheet). */
export async function filterWords(db: Db, filter: ExportFilter): Promise<string> {
  const parts: string[] = [];
  if (filter.program)
    parts.push(
      `${vi("field.programs")}: ${vi(`lists.program.${filter.program}` as MessageKey)} (${vi(`lists.programName.${filter.program}` as MessageKey)})`,
    );
  if (filter.unitId !== undefined) {
    const unit = await listUnits(db, { includeClosed: true }).then((units) => units.find((u) => u.id === filter.unitId));
    const name = unit?.name ?? `#${filter.unitId}`;
    const role = filter.coordinating ? vi("excel.filter.coordinating") : vi("lists.filter.unit");
    parts.push(`${role}: ${name}${filter.includeSubunits ? ` (${vi("excel.filter.withSubunits")})` : ""}`);
  }
  if (filter.ownerId !== undefined) {
    const owner = await getUserById(db, filter.ownerId);
    parts.push(`${vi("lists.filter.owner")}: ${owner?.fullName ?? `#${filter.ownerId}`}`);
  }
  if (filter.status?.length) parts.push(`${vi("field.status")}: ${filter.status.map((s) => vi(`status.${s}`)).join(", ")}`);
  if (filter.standing)
    parts.push(
      `${vi("field.standing")}: ${filter.standing === "open" ? vi("excel.filter.standingOpen") : vi(`standing.${filter.standing}`)}`,
    );
  if (filter.judged) parts.push(vi("excel.filter.judged"));
  if (filter.deadlineFrom && filter.deadlineTo) {
    parts.push(
      vi("excel.filter.deadlineBetween", { from: formatDate(filter.deadlineFrom, "UTC"), to: formatDate(filter.deadlineTo, "UTC") }),
    );
  } else if (filter.deadlineFrom) {
    parts.push(vi("excel.filter.deadlineFrom", { from: formatDate(filter.deadlineFrom, "UTC") }));
  } else if (filter.deadlineTo) {
    parts.push(vi("excel.filter.deadlineTo", { to: formatDate(filter.deadlineTo, "UTC") }));
  }
  if (filter.extended) parts.push(vi("lists.filter.extended"));
  if (filter.goalId !== undefined) {
    const goal = await getGoal(db, filter.goalId);
    parts.push(`${vi("field.goal")}: ${goal?.title ?? `#${filter.goalId}`}`);
  }
  if (filter.q) parts.push(`${vi("excel.filter.q")}: “${filter.q}”`);
  return parts.length ? parts.join("; ") : vi("excel.filter.none");
}

/** The file name offered for download: "Danh sách nhiệm vụ 28-11-2026.xlsx". */
export function exportFileName(today: string): string {
  return `${vi("excel.fileName")} ${formatDate(today, "UTC").replace(/\//g, "-")}.xlsx`;
}

/**
 * Streams the workbook of every task the filter selects (in the filter's sort order) and returns the
 * response body at once. A failure while streaming ends the body with an error (the client sees a
 * broken download, never a half-valid file presented as complete).
 */
export async function streamTaskWorkbook(db: Db, filter: ExportFilter, today: string): Promise<ReadableStream<Uint8Array>> {
  // Read what can fail before the first byte is sent, so that a failure is still an error page.
  // The filter and sort run once, for the ids; rows are then read a page at a time by id.
  const [words, units, ids] = await Promise.all([
    filterWords(db, filter),
    listUnits(db, { includeClosed: true }),
    listTaskIds(db, filter, today),
  ]);
  const first = await getTasksByIds(db, ids.slice(0, PAGE), today);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  // A list "as of" a past date (the list behind a past report) is dated that day.
  const asOfDay = filter.asOf && filter.timeZone && filter.asOf < today ? filter.asOf : today;
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Rõ Việc";
  workbook.created = clock.now();

  const write = async () => {
    const sheet = workbook.addWorksheet(vi("excel.sheetName"), {
      views: [
        {
          state: "frozen",
          xSplit: 0,
          ySplit: EXPORT_HEADER_ROW,
          topLeftCell: `A${EXPORT_HEADER_ROW + 1}`,
          activeCell: `A${EXPORT_HEADER_ROW + 1}`,
        },
      ],
      pageSetup: {
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
      autoFilter: `A${EXPORT_HEADER_ROW}:J${EXPORT_HEADER_ROW}`,
    } as Partial<ExcelJS.AddWorksheetOptions>);
    sheet.columns = WIDTHS.map((width) => ({ width }));

    const titleRows: Array<[string, Partial<ExcelJS.Style>, number]> = [
      [vi("excel.title"), styles.title, 24],
      [quoteCellText(words), styles.subtitle, Math.min(90, 18 * Math.ceil(words.length / 160))],
      [vi("excel.asOf", { date: formatDate(asOfDay, "UTC") }), styles.subtitle, 18],
    ];
    titleRows.forEach(([text, style, height], i) => {
      const row = sheet.getRow(i + 1);
      row.height = height;
      const cell = row.getCell(1);
      cell.value = text;
      cell.style = style;
      sheet.mergeCells(i + 1, 1, i + 1, EXPORT_HEADERS.length);
      row.commit();
    });

    const header = sheet.getRow(EXPORT_HEADER_ROW);
    EXPORT_HEADERS.forEach((text, i) => {
      const cell = header.getCell(i + 1);
      cell.value = text;
      cell.style = styles.header;
    });
    header.height = 32;
    header.commit();

    let number = 0;
    let page = first;
    for (let offset = 0; ;) {
      for (const task of page) {
        number++;
        const row = sheet.getRow(EXPORT_HEADER_ROW + number);
        const values: Array<[ExcelJS.CellValue, Partial<ExcelJS.Style>]> = [
          [number, styles.center],
          [quoteCellText(task.title), styles.text],
          [quoteCellText(task.leadUnitName ?? ""), styles.text],
          [quoteCellText(task.coordinatingUnitIds.map((id) => unitName.get(id) ?? `#${id}`).join("\n")), styles.text],
          [quoteCellText(task.ownerName ?? ""), styles.text],
          [task.deadline ? excelDate(task.deadline) : null, styles.date],
          [quoteCellText(task.deliverable ?? ""), styles.text],
          [task.progress / 100, styles.percent],
          [quoteCellText(standingWords(task, asOfDay)), styles.center],
          [quoteCellText(noteLines(task).join("\n")), styles.text],
        ];
        values.forEach(([value, style], i) => {
          const cell = row.getCell(i + 1);
          cell.value = value === "" ? null : value;
          cell.style = style;
        });
        row.commit();
      }
      offset += PAGE;
      if (offset >= ids.length) break;
      page = await getTasksByIds(db, ids.slice(offset, offset + PAGE), today);
    }
    sheet.commit();
    await workbook.commit();
  };

  write().catch((error: unknown) => {
    console.error(error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return createReadableStreamFromReadable(output);
}

/** The response headers of a download. */
export function xlsxHeaders(contentDispositionValue: string): Record<string, string> {
  return {
    "Content-Type": XLSX_MIME,
    "Content-Disposition": contentDispositionValue,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
