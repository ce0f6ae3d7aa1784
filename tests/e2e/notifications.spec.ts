/**
 * Notifications as people meet them: the header's unread count, the inbox, marking read, following a
 * notification to its task; the e-mail opt-out on the account page; the secretariat's schedule editor.
 * Notifications are arranged by inserting rows into the e2e database (the reminder job writes them in
 * production); the server reads the same SQLite file.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { expect, expectAccessibleBasics, signInAnyLanguage as signIn, test } from "./fixtures";

const DB_FILE = path.resolve("tests/.tmp/e2e.db");
const LANDED = { timeout: 15_000 };
test.describe.configure({ timeout: 60_000 });

function arrange<T>(work: (db: Database.Database) => T): T {
  const db = new Database(DB_FILE, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Two unread reminders for the user, about two of the tasks they own; returns those tasks' titles. */
function notifyAboutOwnTasks(email: string): string[] {
  return arrange((db) => {
    const user = db.prepare("select id from users where email = ?").get(email) as { id: number };
    const tasks = db
      .prepare("select id, title, deadline from tasks where owner_id = ? and status in ('not_started', 'in_progress') order by id limit 2")
      .all(user.id) as Array<{ id: number; title: string; deadline: string }>;
    expect(tasks).toHaveLength(2);
    const insert = db.prepare(
      "insert into notifications (user_id, kind, task_id, rule, deadline, run_date, dedupe_key, data, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const now = Date.now();
    insert.run(
      user.id,
      "deadline_before",
      tasks[0].id,
      "before:3",
      tasks[0].deadline,
      "2026-11-28",
      `e2e:${email}:1`,
      '{"days":3}',
      new Date(now - 60_000).toISOString(),
    );
    insert.run(
      user.id,
      "overdue",
      tasks[1].id,
      "after:8",
      tasks[1].deadline,
      "2026-11-28",
      `e2e:${email}:2`,
      '{"days":8}',
      new Date(now).toISOString(),
    );
    return tasks.map((t) => t.title);
  });
}

test("a staff member sees the unread count, opens the inbox, marks one read and follows the other to its task", async ({ page }) => {
  const [older, newer] = notifyAboutOwnTasks("cv.hoankiem@roviec.demo");
  await signIn(page, "cv.hoankiem@roviec.demo");
  const bell = page.getByRole("banner").getByRole("link", { name: "Thông báo, 2 chưa đọc" });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole("heading", { name: "Thông báo", level: 1 })).toBeVisible(LANDED);
  await expectAccessibleBasics(page);
  await expect(page.getByText("Đã quá hạn 8 ngày.")).toBeVisible();
  await expect(page.getByText("Còn 3 ngày nữa đến hạn.")).toBeVisible();

  await page.getByRole("button", { name: `Đánh dấu đã đọc: ${older}` }).click();
  await expect(page.getByText("Đã đánh dấu thông báo là đã đọc.")).toBeVisible(LANDED);
  await expect(page.getByRole("banner").getByRole("link", { name: "Thông báo, 1 chưa đọc" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Đánh dấu đã đọc: ${older}` })).toHaveCount(0);

  // Only the unread one is left under "Chưa đọc".
  await page.getByRole("link", { name: "Chưa đọc", exact: true }).click();
  await expect(page.getByRole("heading", { name: "1 thông báo chưa đọc" })).toBeVisible(LANDED);
  await page.getByRole("main").getByRole("link", { name: newer }).click();
  await expect(page.getByRole("heading", { name: newer, level: 1 })).toBeVisible(LANDED);
});

test("the header count is in the phone menu too", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  notifyAboutOwnTasks("cv.badinh@roviec.demo");
  await page.goto("/login");
  await page.getByLabel("E-mail công vụ").fill("cv.badinh@roviec.demo");
  await page.getByLabel("Mật khẩu").fill("roviec-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Thông báo, 2 chưa đọc" })).toBeVisible(LANDED);
  await page.getByText("Trình đơn").click();
  const menuItem = page
    .getByRole("banner")
    .getByRole("navigation")
    .getByRole("link", { name: /Thông báo.*2 chưa đọc/ });
  await expect(menuItem).toBeVisible();
  await menuItem.click();
  await expect(page.getByRole("heading", { name: "Thông báo", level: 1 })).toBeVisible(LANDED);
  await page.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }).click();
  await expect(page.getByText("Đã đánh dấu 2 thông báo là đã đọc.")).toBeVisible(LANDED);
  await expect(page.getByRole("banner").getByRole("link", { name: "Thông báo, không có thông báo chưa đọc" })).toBeVisible();
});

test("a user turns e-mail notifications off and the choice sticks", async ({ page }) => {
  await signIn(page, "cv.dongda@roviec.demo");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Thông báo qua e-mail" });
  const toggle = section.getByRole("switch", { name: "Nhận thông báo qua e-mail" });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await section.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Đã tắt nhận thông báo qua e-mail. Thông báo vẫn hiện trong ứng dụng.")).toBeVisible(LANDED);
  await page.reload();
  await expect(
    page.getByRole("region", { name: "Thông báo qua e-mail" }).getByRole("switch", { name: "Nhận thông báo qua e-mail" }),
  ).not.toBeChecked();
  await expect(page.getByText("Đang tắt: không gửi thông báo qua e-mail.")).toBeVisible();
  const stored = arrange(
    (db) => db.prepare("select email_enabled from users where email = ?").get("cv.dongda@roviec.demo") as { email_enabled: number },
  );
  expect(stored.email_enabled).toBe(0);
});

test("the secretariat enters bad schedule values, sees what is wrong, then saves good ones", async ({ page }) => {
  await signIn(page, "admin@roviec.demo");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Lịch nhắc việc" }).click();
  await expect(page.getByRole("heading", { name: "Lịch nhắc việc", level: 1 })).toBeVisible(LANDED);
  await expectAccessibleBasics(page);

  await page.getByLabel("Nhắc trước hạn (số ngày)").fill("7, -3, 3, 3");
  await page.getByLabel("Sau đó nhắc lại mỗi (số ngày)").fill("một tuần");
  await page.getByLabel("Báo Ban Chỉ đạo và Văn phòng khi quá hạn (số ngày)").fill("5");
  await page.getByRole("button", { name: "Lưu lịch nhắc việc" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Số ngày phải từ 1 trở lên (đã nhập -3).", LANDED);
  await expect(summary).toContainText("Ngày 3 bị nhập hai lần");
  await expect(summary).toContainText("“một tuần” không phải số ngày");
  await expect(summary).toContainText("Phải lớn hơn số ngày báo lãnh đạo đơn vị (7)");
  await expect(page.getByLabel("Nhắc trước hạn (số ngày)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nhắc trước hạn (số ngày)")).toHaveValue("7, -3, 3, 3");

  // An empty list is refused too.
  await page.getByLabel("Nhắc trước hạn (số ngày)").fill("");
  await page.getByLabel("Sau đó nhắc lại mỗi (số ngày)").fill("7");
  await page.getByLabel("Báo Ban Chỉ đạo và Văn phòng khi quá hạn (số ngày)").fill("30");
  await page.getByRole("button", { name: "Lưu lịch nhắc việc" }).click();
  await expect(page.getByRole("alert")).toContainText("Nhập ít nhất một số ngày nhắc trước hạn", LANDED);

  await page.getByLabel("Nhắc trước hạn (số ngày)").fill("10, 5, 1");
  await page.getByLabel("Báo Ban Chỉ đạo và Văn phòng khi quá hạn (số ngày)").fill("21");
  await page.getByRole("button", { name: "Lưu lịch nhắc việc" }).click();
  await expect(page.getByText("Đã lưu lịch nhắc việc.")).toBeVisible(LANDED);
  await expect(page.getByLabel("Nhắc trước hạn (số ngày)")).toHaveValue("10, 5, 1");
  await expect(page.getByLabel("Báo Ban Chỉ đạo và Văn phòng khi quá hạn (số ngày)")).toHaveValue("21");
  await expect(page.getByRole("alert")).toHaveCount(0);
});
