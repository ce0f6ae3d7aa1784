/**
 * npm run screenshots -- [--base http://localhost:3000] [--as email] [paths…]
 * Signs in as a demo user and saves full-page PNGs (desktop and phone width) into screenshots/,
 * so whoever changes a page can look at it as a new user would.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";

const { values, positionals } = parseArgs({
  options: {
    base: { type: "string", default: "http://localhost:3000" },
    as: { type: "string", default: "admin@roviec.demo" },
    password: { type: "string", default: "roviec-demo-2026" },
    lang: { type: "string", default: "vi" },
  },
  allowPositionals: true,
});
const pages = positionals.length ? positionals : ["/login", "/", "/admin/units", "/admin/users", "/admin/audit", "/account"];
const outDir = path.resolve("screenshots");
fs.mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  for (const viewport of [
    { name: "desktop", width: 1280, height: 800 },
    { name: "phone", width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    const page = await context.newPage();
    if (pages.some((p) => p !== "/login")) {
      await page.goto(`${values.base}/login`);
      if (values.lang === "en") await page.getByRole("button", { name: "Switch to English" }).click();
      await page.locator("#email").fill(values.as!);
      await page.locator("#password").fill(values.password!);
      await page.locator("form[action='/login'] button[type=submit]").click();
      await page.waitForLoadState("networkidle");
    }
    for (const p of pages) {
      if (p === "/login") {
        const anon = await browser.newContext({ viewport, locale: "vi-VN" });
        const anonPage = await anon.newPage();
        await anonPage.goto(`${values.base}${p}`);
        await anonPage.screenshot({ path: path.join(outDir, `${viewport.name}-login.png`), fullPage: true });
        await anon.close();
        continue;
      }
      await page.goto(`${values.base}${p}`);
      await page.waitForLoadState("networkidle");
      const name = `${viewport.name}${p.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "") || "-home"}.png`;
      await page.screenshot({ path: path.join(outDir, name), fullPage: true });
      console.log(`saved screenshots/${name}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
