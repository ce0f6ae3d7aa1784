/**
 * The committee member's overview, as a person uses it: open "/", pick the unit with the largest share
 * overdue, select its overdue number and land on the list of exactly those tasks. The charts are
 * named images with a table of their numbers.
 */
import { expect, expectAccessibleBasics, signIn, test } from "./fixtures";

const COMMITTEE = "bcd.pho@roviec.demo";
/** The overview is the largest page; on a busy machine its next page may take a moment to render. */
const NAVIGATION = { timeout: 15_000 };

test("a committee member follows a unit's overdue number to the list behind it", async ({ page }) => {
  await signIn(page, COMMITTEE);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /Tổng quan tiến độ nhiệm vụ — / })).toBeVisible();
  await expectAccessibleBasics(page);

  const ranking = page.getByRole("table", { name: /^Xếp hạng đơn vị theo tỷ lệ quá hạn/ });
  await expect(ranking).toBeVisible();
  // The first ranked unit has the largest share overdue; its overdue count is a link named by the unit.
  const firstRow = ranking.getByRole("row").nth(1);
  const unit = (await firstRow.getByRole("rowheader").getByRole("link").textContent())!.trim();
  const overdue = firstRow.getByRole("link", { name: new RegExp(`— Quá hạn — ${unit}$`) });
  const shown = Number((await overdue.textContent())!.replace(/\D/g, ""));
  expect(shown).toBeGreaterThan(0);

  await overdue.click();
  await expect(page).toHaveURL(/\/tasks\?.*standing=overdue/, NAVIGATION);
  await expect(page.getByRole("heading", { name: `Tìm thấy ${shown} nhiệm vụ` })).toBeVisible(NAVIGATION);
  await expect(page.getByRole("combobox", { name: "Tình trạng" })).toHaveValue("overdue");
});

test("the charts have accessible names and their numbers as tables", async ({ page }) => {
  await signIn(page, COMMITTEE);
  await page.goto("/");

  const program = page.getByRole("img", { name: /^Chuyển đổi số: nhiệm vụ theo tình trạng/ });
  await expect(program).toBeVisible();
  const programTable = page.getByRole("table", { name: "Bảng số liệu của biểu đồ: Chuyển đổi số: nhiệm vụ theo tình trạng" });
  await expect(programTable.getByRole("rowheader", { name: /Chưa hoàn thành, quá hạn/ })).toBeVisible();

  const trend = page.getByRole("img", { name: /^Tỷ lệ nhiệm vụ quá hạn của .+ theo kỳ báo cáo/ });
  await expect(trend).toBeVisible();
  await page.getByText("Xem bảng số liệu từng kỳ").click();
  const trendTable = page.getByRole("table", { name: /^Bảng số liệu của biểu đồ: Tỷ lệ nhiệm vụ quá hạn/ });
  await expect(trendTable).toBeVisible();
  expect(await trendTable.getByRole("row").count()).toBeGreaterThan(2);

  // A past report date, typed the way the civil service writes dates.
  const [, m, y] = (await page.getByLabel("Số liệu tính đến ngày").inputValue()).split("/").map(Number);
  const lastCutoff = new Date(Date.UTC(y, m - 2, 25));
  const typed = `25/${String(lastCutoff.getUTCMonth() + 1).padStart(2, "0")}/${lastCutoff.getUTCFullYear()}`;
  await page.getByLabel("Số liệu tính đến ngày").fill(typed);
  await page.getByRole("button", { name: "Xem số liệu" }).click();
  await expect(page.getByText(`Số liệu tính đến hết ngày ${typed}.`)).toBeVisible(NAVIGATION);
  await expect(page.getByRole("note")).toContainText(typed);
});
