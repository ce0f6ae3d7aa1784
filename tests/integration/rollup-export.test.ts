import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "~/domain/dates";
import { pastPeriodEnds } from "~/domain/rollup";
import { todayIn } from "~/i18n/format";
import { cityNumbers, clearRollupCache, computeRollup, monthlyTrend } from "~/models/rollup.server";
import { startApp, type TestApp } from "../support/app";

const TZ = "Asia/Ho_Chi_Minh";
const today = todayIn(TZ, clock.now());
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

async function sheetOf(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook.worksheets[0];
}

describe("rollup export to Excel", () => {
  it("has the report's columns and the same numbers as the rollup, per program and per unit", async () => {
    const client = await app.signedIn("bcd.pho@roviec.demo");
    for (const by of ["program", "unit"] as const) {
      const response = await client.get(`/reports/rollup.xlsx?by=${by}&sub=1`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("spreadsheetml");
      const sheet = await sheetOf(response);
      const header = (sheet.getRow(4).values as unknown[]).slice(1);
      expect(header.slice(0, 4)).toEqual([
        "STT",
        by === "program" ? "Chương trình" : "Đơn vị",
        "Tổng số nhiệm vụ đã giao",
        "Hoàn thành đúng hạn",
      ]);
      const rollup = await computeRollup(app.db, { by, asOf: today, includeSubunits: true, lang: "vi" }, today, TZ);
      rollup.items.forEach((item, index) => {
        const row = sheet.getRow(5 + index);
        expect(row.getCell(2).value).toBe(item.name);
        expect([row.getCell(3).value, row.getCell(4).value, row.getCell(8).value, row.getCell(14).value]).toEqual([
          item.total,
          item.doneOnTime,
          item.overdue,
          item.shareOverdue,
        ]);
      });
      const total = sheet.getRow(5 + rollup.items.length);
      expect(total.getCell(2).value).toBe("Tổng cộng");
      expect(total.getCell(3).value).toBe(rollup.overall.total);
      expect(sheet.getColumn(14).numFmt).toBe("0.0%");
    }
  });

  it("refuses a future date and an unknown unit, and asks strangers to sign in", async () => {
    const client = await app.signedIn("cv.cds@roviec.demo");
    expect((await client.get(`/reports/rollup.xlsx?asOf=${addDays(today, 3)}`)).status).toBe(400);
    expect((await client.get("/reports/rollup.xlsx?unit=999999")).status).toBe(404);
    expect((await app.client().get("/reports/rollup.xlsx")).status).toBe(302);
  });
});

describe("monthly snapshots", () => {
  it("freeze each period's numbers, equal to a fresh computation for that date", async () => {
    const ends = pastPeriodEnds(today, 4);
    const trend = await monthlyTrend(app.db, ends, today, TZ);
    expect(trend.map((p) => p.periodEnd)).toEqual(ends.filter((e) => e < today));
    clearRollupCache();
    for (const point of trend) expect(point.numbers).toEqual(await cityNumbers(app.db, point.periodEnd, today, TZ));
    const stored = await app.db.selectFrom("rollup_snapshots").select(["period_end", "numbers"]).where("dimension", "=", "city").execute();
    expect(stored.length).toBe(trend.length);
  });
});
