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

test("quick failures on one account are slowed down and the page says how many seconds to wait", async ({ page }) => {
  // The growing per-account delay (1, 2, 4 … s after 3 failures, app/domain/throttle.ts) on the real
  // clock: guess until a guess comes sooner than the delay allows.
  const email = "khong-ton-tai@roviec.demo";
  await page.goto("/login");
  let slowed = false;
  for (let i = 0; i < 10 && !slowed; i++) {
    await page.getByLabel("E-mail công vụ").fill(email);
    await page.getByLabel("Mật khẩu").fill(`sai-mat-khau-${i}`);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toHaveText(/E-mail hoặc mật khẩu không đúng\.|Vui lòng thử lại sau \d+ giây\./);
    slowed = /giây/.test((await alert.textContent()) ?? "");
  }
  expect(slowed).toBe(true);
  await expect(page.getByRole("alert")).toContainText("Tài khoản này vừa bị đăng nhập sai nhiều lần. Vui lòng thử lại sau");
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
