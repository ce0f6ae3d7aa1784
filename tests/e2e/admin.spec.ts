import { expect, signIn, test } from "./fixtures";

test("the secretariat adds a ward division and a user in it, who then signs in and sets a password", async ({ page, browser }) => {
  await signIn(page, "admin@roviec.demo");
  await page.getByRole("link", { name: "Quản trị" }).first().click();
  await expect(page.getByRole("heading", { name: "Đơn vị", level: 1 })).toBeVisible();

  // A new division under Phường Hoàn Kiếm.
  await page.getByRole("link", { name: "Thêm đơn vị" }).first().click();
  await expect(page.getByRole("heading", { name: "Thêm đơn vị", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Mã đơn vị").fill("P-HOANKIEM-CDS");
  await page.getByLabel("Tên đơn vị").fill("Tổ chuyển đổi số cộng đồng");
  await page.getByLabel("Loại đơn vị").selectOption("division");
  await page.getByLabel("Đơn vị cấp trên").selectOption({ label: "\u00a0\u00a0\u00a0Phường Hoàn Kiếm (P-HOANKIEM)" });
  await page.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(page.getByText("Đã thêm đơn vị Tổ chuyển đổi số cộng đồng.")).toBeVisible();

  // Search ignores diacritics.
  await page.getByLabel("Tìm đơn vị theo tên hoặc mã").fill("to chuyen doi so");
  await page.getByLabel("Tìm đơn vị theo tên hoặc mã").press("Enter");
  await expect(page.getByRole("link", { name: "Tổ chuyển đổi số cộng đồng" })).toBeVisible();

  // A user in it.
  await page.getByRole("link", { name: "Người dùng" }).first().click();
  await page.getByRole("link", { name: "Thêm người dùng" }).first().click();
  await expect(page.getByRole("heading", { name: "Thêm người dùng", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill("to.cds@hoankiem.demo");
  await expect(page.getByLabel("E-mail")).toHaveValue("to.cds@hoankiem.demo");
  await page.getByLabel("Họ và tên").fill("Phùng Thị Lệ");
  await page.getByLabel("Vai trò").selectOption("staff");
  const unitSelect = page.getByRole("combobox", { name: "Đơn vị (bắt buộc)" });
  const unitValue = await unitSelect.locator("option", { hasText: "Tổ chuyển đổi số cộng đồng" }).getAttribute("value");
  await unitSelect.selectOption(unitValue!);
  await page.getByRole("button", { name: "Thêm người dùng" }).click();
  await expect(page.getByText("Đã tạo tài khoản cho Phùng Thị Lệ.")).toBeVisible();
  const password = (await page.locator("code[aria-labelledby='otp-label']").textContent())!.trim();
  expect(password).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4})+$/);

  // The new user signs in on another browser and must set a password first.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto("/login");
  await other.getByLabel("E-mail công vụ").fill("to.cds@hoankiem.demo");
  await other.getByLabel("Mật khẩu").fill(password);
  await other.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(other.getByText("Bạn đang dùng mật khẩu tạm thời")).toBeVisible();
  await other.getByLabel("Mật khẩu hiện tại").fill(password);
  await other.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-cua-le-2026");
  await other.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-cua-le-2026");
  await other.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(other.getByText("Đã đổi mật khẩu.")).toBeVisible();
  await other.goto("/");
  await expect(other.getByRole("heading", { name: "Xin chào, Phùng Thị Lệ" })).toBeVisible();
  await context.close();
});
