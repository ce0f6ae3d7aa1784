import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "roviec-demo-2026";

/** Every page fails its test on a console error or an uncaught exception. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        // A 4xx answer to a form post is the app refusing bad input, which the test checks itself.
        if (msg.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()))
          errors.push(msg.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail công vụ").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/** Adds a second page's console errors and uncaught exceptions to the test's list (same rule as the fixture). */
export function collectConsoleErrors(page: Page, errors: string[]) {
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()))
      errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
}

/** Signs in a user whose remembered language may be English (the sign-in page itself is Vietnamese). */
export async function signInAnyLanguage(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail công vụ").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // A busy machine may take longer than the 5 s default to answer the sign-in.
  await expect(page.getByRole("button", { name: /^(Đăng xuất|Sign out)$/ })).toBeVisible({ timeout: 15_000 });
}

/** A date `days` from today in Hà Nội, written the way the civil service writes it: dd/mm/yyyy. */
export function dateFromToday(days: number): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/**
 * An accessibility smoke check of the current page: every form control, shown or not (input, select,
 * textarea; not type=hidden) has a name from a label, aria-label or aria-labelledby, and `main` has one h1.
 */
export async function expectAccessibleBasics(page: Page) {
  const unnamed = await page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) {
      if (el instanceof HTMLInputElement && el.type === "hidden") continue;
      const byLabel = Array.from(el.labels ?? []).some((l) => text(l) !== "");
      const byAria = (el.getAttribute("aria-label") ?? "").trim() !== "";
      const byRef = (el.getAttribute("aria-labelledby") ?? "")
        .split(/\s+/)
        .filter(Boolean)
        .some((id) => text(document.getElementById(id)) !== "");
      if (!byLabel && !byAria && !byRef) out.push(`<${el.tagName.toLowerCase()} name="${el.getAttribute("name") ?? ""}" id="${el.id}">`);
    }
    return out;
  });
  expect(unnamed, `form controls without an accessible name on ${page.url()}`).toEqual([]);
  await expect(page.getByRole("main").getByRole("heading", { level: 1 }), `one h1 in main on ${page.url()}`).toHaveCount(1);
}
