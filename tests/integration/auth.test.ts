import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { accountDelayMs } from "~/domain/throttle";
import { startApp, type TestApp } from "../support/app";

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

describe("sign-in", () => {
  it("signs in with the right password and lands on the overview", async () => {
    const client = app.client();
    const response = await client.post("/login", { email: "Admin@RoViec.demo", password: "roviec-demo-2026", redirectTo: "/" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("roviec_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const home = await client.page("/");
    expect(home.status).toBe(200);
    expect(home.html).toContain("Nguyễn Thị Thu Hà");
  });

  it("stores only the SHA-256 of the session secret", async () => {
    const client = await app.signedIn("gd.syt@roviec.demo");
    const token = client.cookies.get("roviec_session")!;
    const [id, secret] = token.split(".");
    const row = await app.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toContain(secret);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("says only that the e-mail or password is wrong, for both unknown e-mails and wrong passwords", async () => {
    for (const email of ["admin@roviec.demo", "nobody@roviec.demo"]) {
      const response = await app.client().post("/login", { email, password: "wrong-password-123" });
      expect(response.status).toBe(401);
      const html = await response.text();
      expect(html).toContain("E-mail hoặc mật khẩu không đúng.");
    }
  });

  it("refuses an empty form with field errors and no session", async () => {
    const response = await app.client().post("/login", { email: "", password: "" });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("roviec_session="))).toBe(false);
    expect(await response.text()).toContain("Vui lòng nhập trường này.");
  });

  it("throttles an account from an address after 10 failures and says when to try again, even with the right password", async () => {
    const email = "cv.snv@roviec.demo";
    for (let i = 0; i < 10; i++) {
      clock.advanceClock(accountDelayMs(i)); // the account's growing delay between guesses (app/domain/throttle.ts)
      const r = await app.client().post("/login", { email, password: `wrong-${i}-password` });
      expect(r.status).toBe(401);
    }
    clock.advanceClock(accountDelayMs(10));
    const blocked = await app.client().post("/login", { email, password: "roviec-demo-2026" });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/thử lại sau \d+ phút/);
    const audit = await app.db.selectFrom("audit_events").select(["action", "data"]).where("action", "like", "auth.%").execute();
    expect(audit.some((a) => a.action === "auth.sign_in_throttled")).toBe(true);
    // The password never reaches the audit log.
    expect(audit.every((a) => !a.data.includes("wrong-") && !a.data.includes("roviec-demo-2026"))).toBe(true);
  });

  it("a signed-in visitor to /login goes straight to the page they wanted", async () => {
    const client = await app.signedIn("gd.stp@roviec.demo");
    const response = await client.get("/login?redirectTo=/account");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account");
  });

  it("does not follow an off-site redirectTo", async () => {
    const response = await app
      .client()
      .post("/login", { email: "gd.stp@roviec.demo", password: "roviec-demo-2026", redirectTo: "//evil.example/x" });
    expect(response.headers.get("location")).toBe("/");
  });

  // Browsers drop a tab or newline from a Location and read "\" as "/": each of these would land on evil.example.
  const OFF_SITE = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "/\t\\evil.example",
    "//evil.example",
    "/\u0000/evil.example",
    "https://evil.example/",
  ];

  it("sends a signed-in visitor with an off-site redirectTo home, and never answers 500 (tabs, newlines, backslashes)", async () => {
    const client = await app.signedIn("gd.stp@roviec.demo");
    for (const target of OFF_SITE) {
      const response = await client.get(`/login?redirectTo=${encodeURIComponent(target)}`);
      expect(response.status, JSON.stringify(target)).toBe(302);
      expect(response.headers.get("location"), JSON.stringify(target)).toBe("/");
    }
    // A real path of the site, with its query, still works (and is kept as the browser would read it).
    const ok = await client.get(`/login?redirectTo=${encodeURIComponent("/tasks?q=Số hóa&status=open")}`);
    expect(ok.headers.get("location")).toBe("/tasks?q=S%E1%BB%91%20h%C3%B3a&status=open");
  });

  it("after submitting the sign-in form, an off-site redirectTo goes home", async () => {
    for (const target of OFF_SITE) {
      const response = await app.client().post("/login", { email: "gd.snv@roviec.demo", password: "roviec-demo-2026", redirectTo: target });
      expect(response.status, JSON.stringify(target)).toBe(302);
      expect(response.headers.get("location"), JSON.stringify(target)).toBe("/");
    }
  });
});

describe("sessions", () => {
  it("a new session at every sign-in (no fixation)", async () => {
    const client = await app.signedIn("gd.snv@roviec.demo");
    const first = client.cookies.get("roviec_session");
    await client.signIn("gd.snv@roviec.demo", "roviec-demo-2026");
    expect(client.cookies.get("roviec_session")).not.toBe(first);
  });

  it("sign-out ends the session on the server", async () => {
    const client = await app.signedIn("ct.badinh@roviec.demo");
    const token = client.cookies.get("roviec_session")!;
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    const replay = app.client();
    replay.cookies.set("roviec_session", token);
    const response = await replay.get("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });

  it("'sign out of all devices' ends every session of the user", async () => {
    const a = await app.signedIn("ct.dongda@roviec.demo");
    const b = await app.signedIn("ct.dongda@roviec.demo");
    await a.post("/logout", { scope: "all" });
    expect((await b.get("/")).status).toBe(302);
  });

  it("ends after 30 minutes idle and after 12 hours in all", async () => {
    const idle = await app.signedIn("ct.caugiay@roviec.demo");
    const idleId = idle.cookies.get("roviec_session")!.split(".")[0];
    await app.db
      .updateTable("sessions")
      .set({ last_active_at: new Date(clock.now().getTime() - 31 * 60_000).toISOString() })
      .where("id", "=", idleId)
      .execute();
    const r1 = await idle.get("/");
    expect(r1.status).toBe(302);
    expect(r1.headers.get("location")).toContain("expired=1");

    const old = await app.signedIn("ct.caugiay@roviec.demo");
    const oldId = old.cookies.get("roviec_session")!.split(".")[0];
    await app.db
      .updateTable("sessions")
      .set({ created_at: new Date(clock.now().getTime() - 12 * 3600_000 - 1000).toISOString() })
      .where("id", "=", oldId)
      .execute();
    expect((await old.get("/")).status).toBe(302);
    expect(await app.db.selectFrom("sessions").select("id").where("id", "in", [idleId, oldId]).execute()).toHaveLength(0);
  });

  it("a tampered secret is refused", async () => {
    const client = await app.signedIn("ct.socson@roviec.demo");
    const [id] = client.cookies.get("roviec_session")!.split(".");
    client.cookies.set("roviec_session", `${id}.aaaaaaaaaaaaaaaaaaaaaaaa`);
    expect((await client.get("/")).status).toBe(302);
  });
});

describe("cross-site requests and headers", () => {
  it("refuses a POST from another origin with 403 and changes nothing", async () => {
    const client = await app.signedIn("admin@roviec.demo");
    const before = await app.db.selectFrom("sessions").select("id").execute();
    const response = await client.post("/logout", {}, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await app.db.selectFrom("sessions").select("id").execute()).toEqual(before);
  });

  it("refuses a POST whose Sec-Fetch-Site is cross-site, and one with no Origin at all", async () => {
    const client = await app.signedIn("admin@roviec.demo");
    expect((await client.post("/language", { lang: "en" }, { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await client.post("/language", { lang: "en" }, { origin: null })).status).toBe(403);
  });

  it("sends the security headers on pages, errors and assets, and no X-Powered-By", async () => {
    for (const path of ["/login", "/no-such-page", "/favicon.ico"]) {
      const response = await app.client().get(path);
      expect(response.headers.get("x-powered-by")).toBeNull();
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=/);
    }
  });

  it("puts the CSP nonce on every inline script", async () => {
    const response = await app.client().get("/login");
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1];
    const html = await response.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("language", () => {
  it("switches a visitor to English with a cookie, and back", async () => {
    const client = app.client();
    await client.post("/language", { lang: "en", redirectTo: "/login" });
    expect((await client.page("/login")).html).toContain("Work e-mail");
    await client.post("/language", { lang: "vi", redirectTo: "/login" });
    expect((await client.page("/login")).html).toContain("E-mail công vụ");
  });

  it("remembers a signed-in user's choice on their record", async () => {
    const client = await app.signedIn("gd.skhcn@roviec.demo");
    await client.post("/language", { lang: "en", redirectTo: "/" });
    const row = await app.db.selectFrom("users").select("language").where("email", "=", "gd.skhcn@roviec.demo").executeTakeFirstOrThrow();
    expect(row.language).toBe("en");
    const other = await app.signedIn("gd.skhcn@roviec.demo");
    expect((await other.page("/")).html).toContain("Hello, Lê Văn Cường");
  });
});

describe("error pages", () => {
  it("renders 404 in the visitor's language, with the other language beside it", async () => {
    const page = await app.client().page("/khong-co-trang-nay");
    expect(page.status).toBe(404);
    expect(page.html).toContain("Không tìm thấy trang");
    expect(page.html).toContain("Page not found");
  });
});

describe("rendering", () => {
  it("long Vietnamese pages carry no stray NUL bytes (React 18 stream-buffer bug)", async () => {
    const client = await app.signedIn("admin@roviec.demo");
    for (const path of ["/admin/units", "/admin/units/4", "/admin/units/1", "/admin/users", "/"]) {
      const response = await client.get(path);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(bytes.includes(0), path).toBe(false);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toContain("</html>");
    }
  });
});
