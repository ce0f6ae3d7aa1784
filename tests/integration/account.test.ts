import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshot, startApp, type TestApp } from "../support/app";
import { advanceClock } from "../support/clock";

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

const tables = ["users", "sessions", "audit_events"] as const;

describe("changing one's own password", () => {
  it("refuses bad input with a specific error and changes nothing", async () => {
    const client = await app.signedIn("cv.ttdl@roviec.demo");
    const cases: Array<[Record<string, string>, string]> = [
      [{ currentPassword: "", newPassword: "", confirmPassword: "" }, "Vui lòng nhập trường này."],
      [{ currentPassword: "roviec-demo-2026", newPassword: "ngan", confirmPassword: "ngan" }, "Mật khẩu cần ít nhất 12 ký tự."],
      [
        { currentPassword: "roviec-demo-2026", newPassword: "x".repeat(10_000), confirmPassword: "x".repeat(10_000) },
        "Mật khẩu tối đa 256 ký tự.",
      ],
      [
        { currentPassword: "roviec-demo-2026", newPassword: "mot-mat-khau-dai", confirmPassword: "mot-mat-khau-khac" },
        "Hai mật khẩu mới không khớp.",
      ],
      [
        { currentPassword: "sai-mat-khau-cu", newPassword: "mot-mat-khau-dai", confirmPassword: "mot-mat-khau-dai" },
        "Mật khẩu hiện tại không đúng.",
      ],
      [
        { currentPassword: "roviec-demo-2026", newPassword: "roviec-demo-2026", confirmPassword: "roviec-demo-2026" },
        "Mật khẩu mới phải khác mật khẩu hiện tại.",
      ],
    ];
    for (const [body, message] of cases) {
      const before = await snapshot(app.db, [...tables]);
      const response = await client.post("/account", { intent: "password", ...body });
      expect(response.status, message).toBe(400);
      expect(await response.text()).toContain(message);
      const after = await snapshot(app.db, [...tables]);
      expect(after.users).toEqual(before.users);
      // A wrong current password is audited (and nothing else is written).
      const added = after.audit_events.slice(before.audit_events.length) as Array<{ action: string }>;
      expect(added.map((e) => e.action)).toEqual(message === "Mật khẩu hiện tại không đúng." ? ["account.password_check_failed"] : []);
    }
  });

  it("refuses a weak or common new password and says why, changing nothing", async () => {
    const email = "gd.syt@roviec.demo";
    const client = await app.signedIn(email);
    const cases: Array<[string, string]> = [
      ["aaaaaaaaaaaa", "Mật khẩu quá dễ đoán: lặp lại một ký tự hoặc một cụm"],
      ["12345678910", "Mật khẩu cần ít nhất 12 ký tự."],
      ["1234567891011", "Mật khẩu quá dễ đoán: là (hoặc gần giống) một mật khẩu phổ biến."],
      ["matkhau123", "Mật khẩu cần ít nhất 12 ký tự."],
      ["matkhau123456", "Mật khẩu quá dễ đoán: là (hoặc gần giống) một mật khẩu phổ biến."],
      [email, "Mật khẩu quá dễ đoán: chứa tên, e-mail của bạn hoặc tên hệ thống."],
      ["qwertyuiopasdf", "Mật khẩu quá dễ đoán"],
    ];
    for (const [newPassword, message] of cases) {
      const before = await snapshot(app.db, [...tables]);
      const response = await client.post("/account", {
        intent: "password",
        currentPassword: "roviec-demo-2026",
        newPassword,
        confirmPassword: newPassword,
      });
      expect(response.status, newPassword).toBe(400);
      expect(await response.text(), newPassword).toContain(message);
      expect(await snapshot(app.db, [...tables])).toEqual(before);
    }
    // In English too.
    await app.db.updateTable("users").set({ language: "en" }).where("email", "=", email).execute();
    const en = await client.post("/account", {
      intent: "password",
      currentPassword: "roviec-demo-2026",
      newPassword: "aaaaaaaaaaaa",
      confirmPassword: "aaaaaaaaaaaa",
    });
    expect(await en.text()).toContain("Too easy to guess: it repeats a character or a group");
    // A strong passphrase is taken.
    const phrase = "con mèo đen ngủ trên mái nhà";
    const ok = await client.post("/account", {
      intent: "password",
      currentPassword: "roviec-demo-2026",
      newPassword: phrase,
      confirmPassword: phrase,
    });
    expect(ok.status).toBe(302);
    await app.client().signIn(email, phrase);
  });

  it("refuses the current-password check after 5 wrong ones in 15 minutes, audits each, and lets the owner retry later", async () => {
    const email = "cv.snv@roviec.demo";
    const client = await app.signedIn(email);
    const user = await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const change = (currentPassword: string) =>
      client.post("/account", {
        intent: "password",
        currentPassword,
        newPassword: "con mèo trắng ngủ dưới gốc đa",
        confirmPassword: "con mèo trắng ngủ dưới gốc đa",
      });
    for (let i = 0; i < 5; i++) {
      const r = await change(`doan-mat-khau-${i}`);
      expect(r.status).toBe(400);
      expect(await r.text()).toContain("Mật khẩu hiện tại không đúng.");
    }
    const refused = await change("roviec-demo-2026");
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Bạn đã nhập sai mật khẩu hiện tại quá nhiều lần. Vui lòng thử lại sau 15 phút.");
    const row = await app.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    const events = await app.db
      .selectFrom("audit_events")
      .select(["action", "data", "actor_user_id"])
      .where("entity_id", "=", String(user.id))
      .where("action", "like", "account.password_check%")
      .execute();
    expect(events.filter((e) => e.action === "account.password_check_failed")).toHaveLength(5);
    expect(events.filter((e) => e.action === "account.password_check_throttled")).toHaveLength(1);
    expect(events.every((e) => e.actor_user_id === user.id && !e.data.includes("doan-mat-khau"))).toBe(true);

    advanceClock(15 * 60_000);
    expect((await change("roviec-demo-2026")).status).toBe(302);
    const changed = await app.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(changed.password_hash).not.toBe(row.password_hash);
  });

  it("accepts a long Vietnamese passphrase, keeps this session and ends the others", async () => {
    const here = await app.signedIn("cv.stp@roviec.demo");
    const elsewhere = await app.signedIn("cv.stp@roviec.demo");
    const phrase = "Mật khẩu rất dài của tôi — ".repeat(2).padEnd(60, "x");
    const response = await here.post("/account", {
      intent: "password",
      currentPassword: "roviec-demo-2026",
      newPassword: phrase,
      confirmPassword: phrase,
    });
    expect(response.status).toBe(302);
    expect((await here.get("/")).status).toBe(200);
    expect((await elsewhere.get("/")).status).toBe(302);
    // The NFD spelling of the same passphrase signs in too: passwords are NFC-normalised.
    await app.client().signIn("cv.stp@roviec.demo", phrase.normalize("NFD"));
  });
});

describe("language and sessions", () => {
  it("refuses an unknown language", async () => {
    const client = await app.signedIn("cv.badinh@roviec.demo");
    const response = await client.post("/account", { intent: "language", language: "fr" });
    expect(response.status).toBe(400);
    const row = await app.db.selectFrom("users").select("language").where("email", "=", "cv.badinh@roviec.demo").executeTakeFirstOrThrow();
    expect(row.language).toBe("vi");
  });

  it("saves the language on the user's record", async () => {
    const client = await app.signedIn("cv.badinh@roviec.demo");
    expect((await client.post("/account", { intent: "language", language: "en" })).status).toBe(302);
    expect((await client.page("/account")).html).toContain("My account");
  });

  it("signs out every other device", async () => {
    const a = await app.signedIn("cv.dongda@roviec.demo");
    const b = await app.signedIn("cv.dongda@roviec.demo");
    expect((await a.post("/account", { intent: "sign-out-others" })).status).toBe(302);
    expect((await a.get("/")).status).toBe(200);
    expect((await b.get("/")).status).toBe(302);
  });

  it("an unknown intent is a 400, not a 500", async () => {
    const client = await app.signedIn("cv.dongda@roviec.demo");
    expect((await client.post("/account", { intent: "drop-tables" })).status).toBe(400);
  });
});

describe("a one-time password", () => {
  it("forces a password change before anything else", async () => {
    await app.db.updateTable("users").set({ must_change_password: 1 }).where("email", "=", "cv.hoankiem@roviec.demo").execute();
    const client = await app.signedIn("cv.hoankiem@roviec.demo");
    const home = await client.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/account?change=1");
    expect((await client.page("/account?change=1")).html).toContain("Bạn đang dùng mật khẩu tạm thời");
    await client.post("/account", {
      intent: "password",
      currentPassword: "roviec-demo-2026",
      newPassword: "mat-khau-moi-2026",
      confirmPassword: "mat-khau-moi-2026",
    });
    expect((await client.get("/")).status).toBe(200);
  });
});
