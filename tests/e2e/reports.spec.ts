/**
 * The monthly report as the committee's secretariat produces it: choose the last cut-off date (the 25th
 * of last month) and the scope, open the printable report, print it. On paper (print media) the report
 * keeps its administrative header and figures and loses the app's navigation and buttons.
 */
import { dateFromToday, expect, expectAccessibleBasics, signIn, test } from "./fixtures";

/** The 25th of last month in Hà Nội, dd/mm/yyyy. */
function lastCutOff(): string {
  const [, month, year] = dateFromToday(0).split("/").map(Number);
  const m = month === 1 ? 12 : month - 1;
  const y = month === 1 ? year - 1 : year;
  return `25/${String(m).padStart(2, "0")}/${y}`;
}

test("the secretariat prints last month's report, without the app's navigation on paper", async ({ page }, testInfo) => {
  await signIn(page, "admin@roviec.demo");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Lập báo cáo tình hình thực hiện nhiệm vụ", level: 1 })).toBeVisible();
  await expectAccessibleBasics(page);
  await page.waitForLoadState("networkidle");

  const cutOff = lastCutOff();
  await page.getByLabel("Tính đến ngày").fill(cutOff);
  await expect(page.getByLabel("Phạm vi")).toHaveValue("city");
  await page.getByRole("button", { name: "Xem báo cáo để in" }).click();

  await expect(page).toHaveURL(/\/reports\/print\?asOf=\d{4}-\d{2}-25$/);
  const report = page.getByRole("article");
  await expect(page.getByRole("heading", { name: "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", level: 1 })).toBeVisible();
  await expect(report).toContainText("BAN CHỈ ĐẠO CCHC, CĐS VÀ ĐỀ ÁN 06 THÀNH PHỐ");
  await expect(report).toContainText(`Tính đến ngày ${cutOff}`);
  await expect(report).toContainText("Phạm vi: toàn thành phố");
  await expect(report.getByRole("table", { name: /Số nhiệm vụ theo đơn vị/ })).toBeVisible();
  await expectAccessibleBasics(page);

  // On screen: the app's navigation, and (JavaScript running) the print button beside the hint.
  const banner = page.getByRole("banner");
  const navigation = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(navigation).toBeVisible();
  const printButton = page.getByRole("button", { name: "In báo cáo" });
  await expect(banner).toBeVisible();
  await expect(printButton).toBeVisible();
  await expect(page.getByText("dùng lệnh In của trình duyệt")).toBeVisible();

  // On paper: none of it.
  await page.emulateMedia({ media: "print" });
  const screenshot = testInfo.outputPath("report-print.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("report-print", { path: screenshot, contentType: "image/png" });
  await expect(banner).toBeHidden();
  await expect(navigation).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(printButton).toBeHidden();
  await expect(page.getByRole("link", { name: /Chọn lại ngày và phạm vi/ })).toBeHidden();
  await expect(page.getByRole("heading", { name: "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", level: 1 })).toBeVisible();
  await expect(report).toContainText(`Tính đến ngày ${cutOff}`);
  // The report fills the page: no app margins left around it.
  const box = await report.boundingBox();
  expect(box?.x ?? 99).toBeLessThan(2);
});
