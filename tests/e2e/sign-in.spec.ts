import { expect, signIn, test } from "./fixtures";

test("a committee member signs in, sees the overview, and signs out", async ({ page }) => {
  await signIn(page, "bcd.pho@roviec.demo");
  await expect(page.getByRole("heading", { name: "Xin chào, Hà Minh Hải" })).toBeVisible();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByText("Bạn đã đăng xuất.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2F/);
});

test("a wrong password gets one clear message and keeps the e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail công vụ").fill("gd.syt@roviec.demo");
  await page.getByLabel("Mật khẩu").fill("mat-khau-sai-123");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toHaveText("E-mail hoặc mật khẩu không đúng.");
  await expect(page.getByLabel("E-mail công vụ")).toHaveValue("gd.syt@roviec.demo");
});

test("after 10 failures the account is throttled and the page says when to retry", async ({ page }) => {
  const email = "khong-ton-tai@roviec.demo";
  await page.goto("/login");
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("E-mail công vụ").fill(email);
    await page.getByLabel("Mật khẩu").fill(`sai-mat-khau-${i}`);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("alert")).toHaveText("E-mail hoặc mật khẩu không đúng.");
  }
  await page.getByLabel("Mật khẩu").fill("sai-mat-khau-cuoi");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toContainText("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút");
});

test("the language switch turns the interface to English and is remembered per user", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Work e-mail").fill("gd.stp@roviec.demo");
  await page.getByLabel("Password").fill("roviec-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The user's own remembered language (Vietnamese) wins once signed in.
  await expect(page.getByRole("heading", { name: "Xin chào, Vũ Hoàng Nam" })).toBeVisible();
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Vũ Hoàng Nam" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Hello, Vũ Hoàng Nam" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "Chuyển sang tiếng Việt" }).click();
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
});

test("signing in is usable with the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("E-mail công vụ")).toBeFocused();
  await page.keyboard.type("ct.hoankiem@roviec.demo");
  await page.keyboard.press("Tab");
  await page.keyboard.type("roviec-demo-2026");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Xin chào, Hoàng Thị Mai" })).toBeVisible();
});
