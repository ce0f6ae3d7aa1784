/**
 * Tasks under the "5 rõ" rule, driven the way people use them: a head issues, staff report, the committee
 * decides extensions, the secretariat cascades, everyone filters the list. Each test signs in itself and
 * creates what it changes; seeded tasks are only found by their text.
 */
import type { Browser, Locator, Page } from "@playwright/test";
import { collectConsoleErrors, dateFromToday, expect, expectAccessibleBasics, signInAnyLanguage, test } from "./fixtures";

const HEAD = "gd.skhcn@roviec.demo";
const STAFF = "cv.cds@roviec.demo";
const STAFF_NAME = "Đinh Công Sơn";
/** Landing on a page after a navigation or a post (the server may be busy: allow more than the 5 s default). */
const LANDED = { timeout: 15_000 };
// Several sign-ins and posts per test: on a loaded machine 30 s is not always enough.
test.describe.configure({ timeout: 60_000 });

/** A link of the main navigation in the page header (pages may repeat its words, e.g. "Việc của tôi"). */
function navLink(page: Page, name: string) {
  return page.getByRole("banner").getByRole("link", { name, exact: true });
}

/** Picks the option whose text contains `text` (unit options are indented with no-break spaces). */
async function pick(select: Locator, text: string) {
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

/** A second person on a second browser; their console errors fail the test too. */
async function openAs(browser: Browser, consoleErrors: string[], email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  collectConsoleErrors(page, consoleErrors);
  await signInAnyLanguage(page, email);
  return { context, page };
}

async function openNewTaskForm(page: Page) {
  await navLink(page, "Nhiệm vụ").click();
  await expect(page.getByRole("heading", { name: "Danh sách nhiệm vụ", level: 1 })).toBeVisible(LANDED);
  await page.getByRole("link", { name: "Giao nhiệm vụ", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Giao nhiệm vụ mới", level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");
}

/** The head of SKHCN issues a complete task to Đinh Công Sơn in Phòng Chuyển đổi số; returns its path. */
async function issueTaskAsHead(browser: Browser, consoleErrors: string[], title: string, deadline: string) {
  const { context, page } = await openAs(browser, consoleErrors, HEAD);
  // Setup, not the subject: straight to the form.
  await page.goto("/tasks/new");
  await expect(page.getByRole("heading", { name: "Giao nhiệm vụ mới", level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Nội dung nhiệm vụ").fill(title);
  await pick(page.getByLabel("Đơn vị chủ trì"), "Phòng Chuyển đổi số");
  await pick(page.getByLabel("Người chịu trách nhiệm"), STAFF_NAME);
  await page.getByLabel("Thời hạn").fill(deadline);
  await page.getByLabel("Sản phẩm").fill("Báo cáo kết quả gửi Ban Chỉ đạo");
  await page.getByRole("checkbox", { name: /CĐS/ }).check();
  await page.getByRole("button", { name: "Giao nhiệm vụ", exact: true }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible(LANDED);
  const path = new URL(page.url()).pathname;
  await context.close();
  return path;
}

/** The collapsed action form (a disclosure) whose heading is `name`, opened. */
async function openActionForm(page: Page, name: string) {
  await page.getByRole("heading", { name, exact: true }).click();
  const form = page.getByRole("group").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await expect(form.getByRole("button", { name, exact: true })).toBeVisible();
  return form;
}

test("a head issues a complete task and lands on it with the five rõ shown", async ({ page }) => {
  const title = "Số hóa hồ sơ thủ tục hành chính của Sở Khoa học và Công nghệ";
  const deadline = dateFromToday(30);
  await signInAnyLanguage(page, HEAD);
  await openNewTaskForm(page);
  await expectAccessibleBasics(page);
  // A head starts from their own unit.
  await expect(page.getByLabel("Đơn vị chủ trì").locator("option:checked")).toHaveText(/Sở Khoa học và Công nghệ/);

  await page.getByLabel("Nội dung nhiệm vụ").fill(title);
  await page.getByLabel("Mô tả chi tiết").fill("Quét, bóc tách dữ liệu hồ sơ đã giải quyết từ năm 2020.");
  await pick(page.getByLabel("Đơn vị chủ trì"), "Phòng Chuyển đổi số");
  await pick(page.getByLabel("Người chịu trách nhiệm"), STAFF_NAME);
  await page.getByLabel("Thời hạn").fill(deadline);
  await page.getByLabel("Sản phẩm").fill("Kho dữ liệu hồ sơ số hóa; báo cáo kết quả");
  await page.getByRole("checkbox", { name: /CĐS/ }).check();
  await page.getByRole("button", { name: "Giao nhiệm vụ", exact: true }).click();

  await expect(page).toHaveURL(/\/tasks\/\d+$/, LANDED);
  await expect(page.getByRole("status").filter({ hasText: "Đã giao nhiệm vụ" })).toContainText(title);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible(LANDED);
  const facts = page.getByRole("region", { name: "5 rõ của nhiệm vụ" });
  await expect(facts.getByRole("term")).toContainText([
    "Nội dung nhiệm vụ",
    "Người chịu trách nhiệm",
    "Thời hạn",
    "Đơn vị chủ trì",
    "Sản phẩm",
  ]);
  await expect(facts).toContainText(title);
  await expect(facts).toContainText(STAFF_NAME);
  await expect(facts).toContainText(deadline);
  await expect(facts).toContainText("Phòng Chuyển đổi số");
  await expect(facts).toContainText("Kho dữ liệu hồ sơ số hóa; báo cáo kết quả");
  await expect(facts).toContainText("CĐS (Chuyển đổi số)");
  await expect(page.getByRole("main").getByText("Chưa bắt đầu", { exact: true }).first()).toBeVisible();
  await expectAccessibleBasics(page);
});

test("issuing with missing items names each missing rõ; a draft is saved, then completed and issued", async ({ page }) => {
  const title = "Rà soát danh mục dữ liệu mở của thành phố";
  await signInAnyLanguage(page, "admin@roviec.demo");
  await openNewTaskForm(page);

  await page.getByRole("button", { name: "Giao nhiệm vụ", exact: true }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Chưa lưu được. Vui lòng sửa 6 lỗi sau:", LANDED);
  for (const message of [
    "Thiếu rõ việc: nhập nội dung nhiệm vụ.",
    "Thiếu rõ người: chọn người chịu trách nhiệm.",
    "Thiếu rõ thời gian: nhập thời hạn.",
    "Thiếu rõ trách nhiệm: chọn đơn vị chủ trì.",
    "Thiếu rõ sản phẩm: nêu kết quả chứng minh hoàn thành.",
    "Chọn ít nhất một chương trình",
  ]) {
    await expect(summary.getByRole("listitem").filter({ hasText: message })).toBeVisible();
  }
  for (const label of ["Nội dung nhiệm vụ", "Người chịu trách nhiệm", "Thời hạn", "Đơn vị chủ trì", "Sản phẩm"]) {
    await expect(page.getByLabel(label), label).toHaveAttribute("aria-invalid", "true");
  }
  await expect(page.getByRole("group", { name: /^Chương trình \(/ })).toHaveAttribute("aria-invalid", "true");
  // After a refused submit the keyboard user lands on what is wrong: the error summary (which the app
  // focuses) or the first invalid field (which Conform may focus after it) — never left on the button.
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const el = document.activeElement;
          return Boolean(
            el && (el.getAttribute("role") === "alert" || el.getAttribute("aria-invalid") === "true" || el.closest("[role=alert]")),
          );
        }),
      { message: "focus is on the error summary or an invalid field", timeout: 3000 },
    )
    .toBe(true);
  await expect(page).toHaveURL(/\/tasks\/new$/);
  await expectAccessibleBasics(page);

  // A draft may lack items: only the title and the lead unit for now.
  await page.getByLabel("Nội dung nhiệm vụ").fill(title);
  await pick(page.getByLabel("Đơn vị chủ trì"), "Sở Khoa học và Công nghệ");
  await page.getByRole("button", { name: "Lưu dự thảo" }).click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/, LANDED);
  await expect(page.getByText(`Đã lưu dự thảo “${title}”.`)).toBeVisible();
  await expect(page.getByText("Dự thảo: nhiệm vụ chưa được giao.")).toBeVisible();
  await expect(page.getByText("Còn thiếu:")).toContainText("Người chịu trách nhiệm (rõ người)");
  await expect(page.getByText("Còn thiếu:")).toContainText("Thời hạn (rõ thời gian)");
  await expect(page.getByText("Còn thiếu:")).toContainText("Sản phẩm (rõ sản phẩm)");
  await expectAccessibleBasics(page);

  // Later: complete the draft and issue it.
  await page.getByRole("link", { name: "Hoàn thiện dự thảo" }).click();
  await expect(page.getByRole("heading", { name: "Sửa nhiệm vụ", level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");
  await expectAccessibleBasics(page);
  await expect(page.getByLabel("Nội dung nhiệm vụ")).toHaveValue(title);
  await pick(page.getByLabel("Người chịu trách nhiệm"), STAFF_NAME);
  await page.getByLabel("Thời hạn").fill(dateFromToday(40));
  await page.getByLabel("Sản phẩm").fill("Danh mục dữ liệu mở được phê duyệt");
  await page.getByRole("checkbox", { name: /CĐS/ }).check();
  await page.getByRole("button", { name: "Giao nhiệm vụ", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/, LANDED);
  await expect(page.getByText(`Đã giao nhiệm vụ “${title}”.`)).toBeVisible();
  await expect(page.getByText("Dự thảo: nhiệm vụ chưa được giao.")).toHaveCount(0);
  await expect(page.getByRole("main").getByText("Chưa bắt đầu", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "5 rõ của nhiệm vụ" })).toContainText(dateFromToday(40));
});

test("staff (English UI) posts progress, is told evidence is needed, then reports done with a link", async ({
  page,
  browser,
  consoleErrors,
}) => {
  const title = "Cập nhật bản đồ trạm phát sóng 5G trên iHanoi";
  await issueTaskAsHead(browser, consoleErrors, title, dateFromToday(30));

  await signInAnyLanguage(page, STAFF);
  await navLink(page, "My tasks").click();
  await expect(page.getByRole("heading", { name: "My tasks", level: 1 })).toBeVisible(LANDED);
  await expectAccessibleBasics(page);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");
  await expectAccessibleBasics(page);

  const progress = page.getByRole("region", { name: "Post progress" });
  await progress.getByLabel("Progress (%)").fill("40");
  await progress.getByLabel("Note").fill("Đã khảo sát 1.200 trạm, đang nhập dữ liệu.");
  await progress.getByRole("button", { name: "Post progress" }).click();
  await expect(page.getByText("Progress posted.")).toBeVisible(LANDED);
  await expect(page.getByRole("progressbar", { name: "Progress (%)" }).first()).toHaveAttribute("value", "40");

  // Done without evidence: refused, with the reason.
  let done = await openActionForm(page, "Report done");
  await done.getByLabel("Result").fill("Đã cập nhật toàn bộ trạm lên bản đồ.");
  await done.getByRole("button", { name: "Report done" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Marking done needs a note and evidence (a link or an attached file).", LANDED);
  await expect(summary).toBeFocused();
  await expect(page.getByRole("main").getByText("In progress", { exact: true }).first()).toBeVisible();

  done = page.getByRole("group").filter({ has: page.getByRole("heading", { name: "Report done", exact: true }) });
  await expect(done.getByLabel("Result")).toHaveValue("Đã cập nhật toàn bộ trạm lên bản đồ.");
  await done.getByLabel("Evidence link").fill("https://ihanoi.hanoi.gov.vn/ban-do-5g");
  await done.getByRole("button", { name: "Report done" }).click();
  await expect(page.getByText("Task reported done.")).toBeVisible(LANDED);
  await expect(page.getByRole("main").getByText("Done", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("main").getByText("Done on time", { exact: true }).first()).toBeVisible();

  const timeline = page.getByRole("region", { name: "Progress and evidence" });
  await expect(timeline).toContainText(`${STAFF_NAME} posted progress: 40%`);
  await expect(timeline).toContainText("Đã khảo sát 1.200 trạm, đang nhập dữ liệu.");
  await expect(timeline).toContainText(`${STAFF_NAME} reported the task done`);
  await expect(timeline.getByRole("link", { name: "https://ihanoi.hanoi.gov.vn/ban-do-5g" })).toBeVisible();
  await expectAccessibleBasics(page);
});

test("staff asks for an extension; the committee approves it and the task shows new and original deadline", async ({
  page,
  browser,
  consoleErrors,
}) => {
  const title = "Nâng cấp hạ tầng Trung tâm Dữ liệu chính thành phố";
  const deadline = dateFromToday(20);
  const requested = dateFromToday(50);
  const taskPath = await issueTaskAsHead(browser, consoleErrors, title, deadline);

  await signInAnyLanguage(page, STAFF);
  await page.goto(taskPath);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");
  const request = await openActionForm(page, "Request an extension");
  await expect(request).toContainText(`Current deadline: ${deadline}`);
  await request.getByLabel("Requested deadline").fill(requested);
  await request.getByLabel("Reason").fill("Thiết bị lưu trữ về chậm do nhà cung cấp.");
  await request.getByRole("button", { name: "Request an extension" }).click();
  await expect(page.getByText("Extension request sent.")).toBeVisible(LANDED);
  await expect(
    page.getByText(`${STAFF_NAME} has asked for an extension to ${requested}, awaiting the committee's decision.`),
  ).toBeVisible();

  // The committee member, on another browser.
  const committee = await openAs(browser, consoleErrors, "bcd.pho@roviec.demo");
  const other = committee.page;
  await navLink(other, "Duyệt gia hạn").click();
  await expect(other.getByRole("heading", { name: "Đề nghị gia hạn chờ duyệt", level: 1 })).toBeVisible(LANDED);
  await other.waitForLoadState("networkidle");
  await expectAccessibleBasics(other);
  const item = other.getByRole("article").filter({ has: other.getByRole("heading", { name: title }) });
  await expect(item).toContainText(STAFF_NAME);
  await expect(item).toContainText(deadline);
  await expect(item).toContainText(requested);
  await expect(item).toContainText("Thiết bị lưu trữ về chậm do nhà cung cấp.");
  await item.getByLabel("Ý kiến").fill("Đồng ý, bảo đảm tiến độ mới.");
  await item.getByRole("button", { name: "Duyệt gia hạn" }).click();
  await expect(other.getByText("Đã duyệt gia hạn.")).toBeVisible(LANDED);
  await expect(other.getByRole("heading", { name: title })).toHaveCount(0);
  await committee.context.close();

  await page.reload();
  const facts = page.getByRole("region", { name: "The task's 5 clear items" });
  await expect(facts).toContainText(requested);
  await expect(facts).toContainText(`Extended 1 time(s); original deadline ${deadline}.`);
  const timeline = page.getByRole("region", { name: "Progress and evidence" });
  await expect(timeline).toContainText(`Hà Minh Hải approved the extension to ${requested}`);
  await expect(timeline).toContainText("Đồng ý, bảo đảm tiến độ mới.");
  await expectAccessibleBasics(page);
});

test("the secretariat cascades one directive to three wards and sees the children", async ({ page }) => {
  const title = "Tuyên truyền cài đặt, kích hoạt tài khoản định danh điện tử mức 2";
  await signInAnyLanguage(page, "admin@roviec.demo");
  await navLink(page, "Nhiệm vụ").click();
  await expect(page.getByRole("heading", { name: "Danh sách nhiệm vụ", level: 1 })).toBeVisible(LANDED);
  await page.getByRole("link", { name: "Giao cho nhiều đơn vị" }).click();
  await expect(page.getByRole("heading", { name: "Giao nhiệm vụ xuyên suốt", level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");
  await expectAccessibleBasics(page);

  await page.getByLabel("Nội dung nhiệm vụ").fill(title);
  await page.getByLabel("Thời hạn").fill(dateFromToday(30));
  await page.getByLabel("Sản phẩm").fill("Báo cáo số tài khoản được kích hoạt");
  await page.getByRole("checkbox", { name: /ĐA06/ }).check();
  for (const ward of ["Phường Hoàn Kiếm", "Phường Ba Đình", "Phường Đống Đa"])
    await page.getByRole("checkbox", { name: ward, exact: true }).check();
  await page.getByRole("button", { name: "Giao cho các đơn vị đã chọn" }).click();

  await expect(page.getByText("Đã giao nhiệm vụ xuyên suốt đến 3 đơn vị.")).toBeVisible(LANDED);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible(LANDED);
  const children = page.getByRole("region", { name: "Nhiệm vụ của các đơn vị (3)" });
  const rows = children.getByRole("row").filter({ has: page.getByRole("link") });
  await expect(rows).toHaveCount(3);
  for (const [ward, head] of [
    ["Phường Hoàn Kiếm", "Hoàng Thị Mai"],
    ["Phường Ba Đình", "Phan Văn Dũng"],
    ["Phường Đống Đa", "Trịnh Thị Ngọc"],
  ]) {
    await expect(rows.filter({ has: page.getByRole("link", { name: ward }) })).toContainText(head);
  }
  const stat = (label: string) =>
    children
      .getByRole("term")
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator("xpath=following-sibling::dd[1]");
  await expect(stat("Chưa xong, trong hạn")).toHaveText("3/3");
  await expect(stat("Chưa xong, quá hạn")).toHaveText("0/3");
  await expect(stat("Đã hoàn thành")).toHaveText("0/3");
  await expectAccessibleBasics(page);

  // A ward's own task points back to the directive.
  await rows
    .filter({ has: page.getByRole("link", { name: "Phường Đống Đa" }) })
    .getByRole("link")
    .click();
  await expect(page.getByRole("navigation", { name: "Vị trí trang" }).getByRole("link", { name: title })).toBeVisible(LANDED);
  await expect(page.getByRole("region", { name: "5 rõ của nhiệm vụ" })).toContainText("Trịnh Thị Ngọc");
});

test("the task list filters by standing and program, searches without diacritics, and keeps filters in the URL", async ({ page }) => {
  await signInAnyLanguage(page, "bcd.pho@roviec.demo");
  await navLink(page, "Nhiệm vụ").click();
  await expect(page.getByRole("heading", { name: "Danh sách nhiệm vụ", level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");
  await expectAccessibleBasics(page);

  const found = page.getByRole("heading", { name: /^Tìm thấy \d+ nhiệm vụ$/ });
  const table = page.getByRole("table");
  const rows = table.getByRole("row").filter({ has: page.getByRole("rowheader") });
  async function countMatchesRows() {
    const total = Number((await found.textContent())!.match(/\d+/)![0]);
    expect(total).toBeGreaterThan(0);
    await expect(rows).toHaveCount(Math.min(total, 50));
    return total;
  }

  await page.getByLabel("Tình trạng", { exact: true }).selectOption({ label: "Quá hạn" });
  await page.getByLabel("Chương trình", { exact: true }).selectOption({ label: "CĐS — Chuyển đổi số" });
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/[?&]standing=overdue/, LANDED);
  await expect(page).toHaveURL(/[?&]program=CDS/);
  const overdue = await countMatchesRows();
  for (const row of await rows.all()) {
    await expect(row).toContainText("Quá hạn");
    await expect(row).toContainText("CĐS");
  }

  await page.reload();
  await expect(page.getByLabel("Tình trạng", { exact: true })).toHaveValue("overdue");
  await expect(page.getByLabel("Chương trình", { exact: true })).toHaveValue("CDS");
  await expect(found).toHaveText(`Tìm thấy ${overdue} nhiệm vụ`);
  await expect(rows).toHaveCount(Math.min(overdue, 50));

  await page.getByRole("link", { name: "Xóa bộ lọc" }).first().click();
  await expect(page).toHaveURL(/\/tasks$/, LANDED);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Tìm theo nội dung").fill("ho so suc khoe");
  await page.getByLabel("Tìm theo nội dung").press("Enter");
  await expect(page).toHaveURL(/[?&]q=ho\+so\+suc\+khoe/, LANDED);
  const matches = await countMatchesRows();
  for (const row of await rows.all()) await expect(row.getByRole("link").first()).toHaveText(/Hồ sơ sức khỏe/i);

  await page.reload();
  await expect(page.getByLabel("Tìm theo nội dung")).toHaveValue("ho so suc khoe");
  await expect(found).toHaveText(`Tìm thấy ${matches} nhiệm vụ`);
  await expectAccessibleBasics(page);
});

test("the new-task form can be completed and submitted with the keyboard alone", async ({ page }) => {
  const title = "Triển khai trợ lý ảo cho cán bộ phân tích dữ liệu";
  const deadline = dateFromToday(35);
  await signInAnyLanguage(page, HEAD);
  await page.goto("/tasks/new");
  await expect(page.getByRole("heading", { name: "Giao nhiệm vụ mới", level: 1 })).toBeVisible(LANDED);
  await page.waitForLoadState("networkidle");

  /** Presses Tab until `target` has the focus; returns how many presses it took. */
  async function tabTo(target: Locator, max = 150) {
    for (let presses = 0; presses <= max; presses++) {
      if (await target.evaluate((el) => el === document.activeElement)) return presses;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${target}`);
  }

  await tabTo(page.getByLabel("Nội dung nhiệm vụ"));
  await page.keyboard.type(title);
  // The lead unit stays the head's own unit; the owner is chosen with the arrow keys.
  const owner = page.getByLabel("Người chịu trách nhiệm");
  await tabTo(owner);
  for (let i = 0; i < 40 && !(await owner.locator("option:checked").textContent())?.includes(STAFF_NAME); i++)
    await page.keyboard.press("ArrowDown");
  await expect(owner.locator("option:checked")).toContainText(STAFF_NAME);
  await tabTo(page.getByLabel("Thời hạn"));
  await page.keyboard.type(deadline);
  await tabTo(page.getByLabel("Sản phẩm"));
  await page.keyboard.type("Trợ lý ảo vận hành; báo cáo đánh giá");
  const program = page.getByRole("checkbox", { name: /CĐS/ });
  await tabTo(program);
  await page.keyboard.press("Space");
  await expect(program).toBeChecked();
  await tabTo(page.getByRole("button", { name: "Giao nhiệm vụ", exact: true }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible(LANDED);
  await expect(page.getByText(`Đã giao nhiệm vụ “${title}”.`)).toBeVisible();
  const facts = page.getByRole("region", { name: "5 rõ của nhiệm vụ" });
  await expect(facts).toContainText(STAFF_NAME);
  await expect(facts).toContainText(deadline);
  await expect(facts).toContainText("Sở Khoa học và Công nghệ");
});
