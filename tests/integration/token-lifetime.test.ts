/**
 * How long an API token works. A token dies with the credentials it was issued under: changing one's
 * password, an admin's password reset and a deactivation revoke every token of the user (audited with
 * how many), and reactivating the user brings none back. Every token also expires — chosen at creation,
 * 1 to 365 days, a year by default — and an expired token gets the same 401 as an unknown one.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/models/api-token.server";
import { createMigrator, migrateToLatest } from "../../db/connect";
import { DEMO_PASSWORD } from "../../db/seed";
import { snapshot, startApp, type TestApp } from "../support/app";
import { advanceClock, now, setClock, suiteNow } from "../support/clock";
import { openTestDb, userId } from "../support/db";
import { ROOT } from "../support/paths";

let app: TestApp;
const DAY_MS = 86_400_000;
const tokensPage = "/account/tokens?_data=routes%2Faccount_.tokens";

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

async function me(token: string) {
  const response = await fetch(new URL("/api/v1/me", app.url), { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get("www-authenticate"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

async function tokenFor(email: string, name: string) {
  const id = await userId(app.db, email);
  return (await createApiToken(app.db, { userId: id, name }, { actorUserId: id })).token;
}

const hashOf = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
const row = (token: string) =>
  app.db.selectFrom("api_tokens").selectAll().where("token_hash", "=", hashOf(token)).executeTakeFirstOrThrow();

describe("a change of credentials revokes every API token of the user", () => {
  it("changing one's own password on /account", async () => {
    const email = "cv.ttdl@roviec.demo";
    const [a, b] = [await tokenFor(email, "văn bản"), await tokenFor(email, "báo cáo")];
    const bystander = await tokenFor("cv.syt@roviec.demo", "người khác");
    expect((await me(a)).status).toBe(200);

    const browser = await app.signedIn(email);
    const changed = await browser.post("/account", {
      intent: "password",
      currentPassword: DEMO_PASSWORD,
      newPassword: "mật-khẩu-mới-2026!",
      confirmPassword: "mật-khẩu-mới-2026!",
    });
    expect(changed.status).toBe(302);

    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    expect((await row(a)).revoked_at).not.toBeNull();
    expect((await me(bystander)).status).toBe(200);
    const audit = await app.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "account.change_password")
      .where("entity_id", "=", String(await userId(app.db, email)))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toEqual({ apiTokensRevoked: 2 });
  });

  it("an admin resetting the user's password", async () => {
    const email = "cv.syt@roviec.demo";
    const token = await tokenFor(email, "trước khi cấp lại");
    const admin = await app.signedIn("admin@roviec.demo");
    const id = await userId(app.db, email);
    const reset = await admin.post(`/admin/users/${id}`, { intent: "reset-password" });
    expect(reset.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    const audit = await app.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "user.reset_password")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    // This user also held the bystander token of the test above: both are counted.
    expect(JSON.parse(audit.data)).toEqual({ apiTokensRevoked: 2 });
  });

  it("deactivating the user, and reactivating brings no token back", async () => {
    const email = "gd.stp@roviec.demo";
    const token = await tokenFor(email, "trước khi nghỉ");
    const id = await userId(app.db, email);
    const admin = await app.signedIn("admin@roviec.demo");
    const version = async () => (await app.db.selectFrom("users").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    expect((await admin.post(`/admin/users/${id}`, { intent: "deactivate", version: await version() })).status).toBe(302);
    expect((await me(token)).status).toBe(401);
    expect((await admin.post(`/admin/users/${id}`, { intent: "reactivate", version: await version() })).status).toBe(302);
    expect((await me(token)).status).toBe(401);
    expect((await row(token)).revoked_at).not.toBeNull();
    const audit = await app.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "user.deactivate")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toMatchObject({ apiTokensRevoked: 1 });
    // A new token works again after reactivation.
    expect((await me(await tokenFor(email, "sau khi trở lại"))).status).toBe(200);
  });
});

describe("tokens expire", () => {
  it("lasts a year by default", async () => {
    const token = await tokenFor("gd.syt@roviec.demo", "mặc định");
    const stored = await row(token);
    expect(Date.parse(stored.expires_at!) - Date.parse(stored.created_at)).toBe(365 * DAY_MS);
    expect((await me(token)).status).toBe(200);
  });

  it("takes its lifetime from the tokens page, shows the date, and answers 401 like a revoked token once expired", async () => {
    const browser = await app.signedIn("gd.snv@roviec.demo");
    const created = await browser.post(tokensPage, { intent: "create", name: "một ngày", days: "1" });
    expect(created.status).toBe(200);
    const { created: token } = (await created.json()) as { created: { token: string; expiresAt: string } };
    expect(Date.parse(token.expiresAt) - now().getTime()).toBe(DAY_MS);

    const page = await browser.page("/account/tokens");
    const shown = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
    }).format(new Date(token.expiresAt));
    expect(page.html).toContain("Hết hạn");
    expect(page.html).toContain(shown);
    expect((await me(token.token)).status).toBe(200);

    const unknown = await me(`rv_${"a".repeat(32)}`);
    try {
      advanceClock(DAY_MS - 1000);
      expect((await me(token.token)).status).toBe(200);
      advanceClock(1000);
      const expired = await me(token.token);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual(unknown.body);
      expect(expired.wwwAuthenticate).toBe(unknown.wwwAuthenticate);
      const again = await app.signedIn("gd.snv@roviec.demo"); // the session of a day ago has timed out
      const list = (await (await again.get(tokensPage)).json()) as {
        tokens: Array<{ name: string; expired: boolean; revokedAt: string | null }>;
      };
      expect(list.tokens.find((t) => t.name === "một ngày")).toMatchObject({ expired: true, revokedAt: null });
      expect((await again.page("/account/tokens")).html).toContain("Đã hết hạn");
    } finally {
      setClock(suiteNow());
    }
  });

  it("refuses a lifetime under a day or over a year, and creates nothing", async () => {
    const browser = await app.signedIn("gd.snv@roviec.demo");
    const before = await snapshot(app.db, ["api_tokens"]);
    for (const days of ["0", "366", "-5", "1.5", "abc", "100000"]) {
      const refused = await browser.post(tokensPage, { intent: "create", name: "không hợp lệ", days });
      expect(refused.status, days).toBe(400);
    }
    expect(await snapshot(app.db, ["api_tokens"])).toEqual(before);
    const max = await browser.post(tokensPage, { intent: "create", name: "một năm", days: "365" });
    expect(max.status).toBe(200);
  });

  it("npm run token:create -- --days N, 1 to 365", async () => {
    const run = promisify(execFile);
    const script = path.join(ROOT, "scripts", "token-create.ts");
    const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
    const env = { ...process.env, DATABASE_URL: app.dbUrl, LOG_LEVEL: "silent" };
    const { stdout } = await run(tsx, [script, "--email", "ct.badinh@roviec.demo", "--name", "một tuần", "--days", "7"], {
      cwd: ROOT,
      env,
    });
    const stored = await row(stdout.trim());
    expect(Date.parse(stored.expires_at!) - Date.parse(stored.created_at)).toBe(7 * DAY_MS);
    for (const days of ["0", "366", "x"]) {
      await expect(run(tsx, [script, "--email", "ct.badinh@roviec.demo", "--days", days], { cwd: ROOT, env })).rejects.toMatchObject({
        code: 2,
      });
    }
    await new Promise((r) => setTimeout(r, 20)); // let the HTTP pool drop sockets the server closed meanwhile
  });
});

describe("the migration", () => {
  it("gives tokens that existed before it one year from when it runs", async () => {
    const t = await openTestDb();
    try {
      // Back to just before it (later migrations are undone first).
      const down = await createMigrator(t.db).migrateTo("2026_11_28_1500_add_task_list_indexes");
      expect(down.results?.find((r) => r.migrationName === "2026_12_07_2230_add_token_expiry_and_access_denials")).toMatchObject({
        status: "Success",
        direction: "Down",
      });
      const id = await userId(t.db, "admin@roviec.demo");
      await sql`insert into api_tokens (user_id, name, token_hash, token_prefix, created_at) values (${id}, 'cũ', 'x', 'rv_old', '2026-01-01T00:00:00.000Z')`.execute(
        t.db,
      );
      await migrateToLatest(t.db);
      const old = await t.db.selectFrom("api_tokens").select("expires_at").where("token_hash", "=", "x").executeTakeFirstOrThrow();
      // The database's clock, not the suite's fixed one: compare with the machine's time.
      expect(Math.abs(Date.parse(old.expires_at!) - (Date.now() + 365 * DAY_MS))).toBeLessThan(5 * 60_000);
      expect(old.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    } finally {
      await t.close();
    }
  });
});
