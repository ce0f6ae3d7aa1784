/**
 * Refused requests leave a trace that a flood cannot blow up: every 403 (pages, the API, the server's
 * cross-site refusal) and every API 401 is counted in access_denials, one row per day, kind and user (or
 * address when nobody is signed in), its count incremented by an upsert. The secretariat reads them on
 * the audit log page, labelled in words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { createApiToken } from "~/models/api-token.server";
import { startApp, snapshot, type TestApp } from "../support/app";
import { advanceClock, appToday, setClock, suiteNow } from "../support/clock";
import { userId } from "../support/db";

let app: TestApp;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  setClock(suiteNow());
  await app?.close();
});

const denials = () => app.db.selectFrom("access_denials").selectAll().orderBy("id").execute();

async function api(pathname: string, token: string, init: RequestInit = {}) {
  const response = await fetch(new URL(pathname, app.url), {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });
  await response.arrayBuffer();
  return response.status;
}

describe("refused requests are counted, not logged one by one", () => {
  it("50 refusals of one user on one day are one row with count 50; other users and other days get their own", async () => {
    const staffId = await userId(app.db, "cv.cds@roviec.demo");
    const memberId = await userId(app.db, "bcd.thanhvien@roviec.demo");
    const staff = await app.signedIn("cv.cds@roviec.demo");
    const member = await app.signedIn("bcd.thanhvien@roviec.demo");
    const logBefore = await snapshot(app.db, ["audit_events"]);

    for (let i = 0; i < 50; i++) expect((await staff.get(i % 2 ? "/admin/users" : "/admin/audit")).status).toBe(403);
    for (let i = 0; i < 3; i++) expect((await member.get("/admin/audit")).status).toBe(403);

    const today = appToday();
    let rows = await denials();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.actor_user_id === staffId)).toMatchObject({
      day: today,
      kind: "page_forbidden",
      subject: `user:${staffId}`,
      count: 50,
      last_method: "GET",
      last_path: "/admin/users",
    });
    expect(rows.find((r) => r.actor_user_id === memberId)).toMatchObject({
      day: today,
      kind: "page_forbidden",
      count: 3,
      last_path: "/admin/audit",
    });
    // The log of changes is not where refusals go: it is append-only, and nothing was changed.
    expect(await snapshot(app.db, ["audit_events"])).toEqual(logBefore);

    try {
      advanceClock(DAY_MS);
      const nextDay = await app.signedIn("cv.cds@roviec.demo"); // yesterday's session has timed out
      for (let i = 0; i < 2; i++) expect((await nextDay.get("/admin/users")).status).toBe(403);
      rows = await denials();
      expect(rows).toHaveLength(3);
      expect(rows.filter((r) => r.actor_user_id === staffId).map((r) => [r.day, r.count])).toEqual([
        [today, 50],
        [appToday(), 2],
      ]);
    } finally {
      setClock(suiteNow());
    }
  });

  it("counts API 401s by address and API 403s by user, and a refusal decided inside a write", async () => {
    await app.db.deleteFrom("access_denials").execute();
    const staffId = await userId(app.db, "cv.cds@roviec.demo");
    const token = (await createApiToken(app.db, { userId: staffId, name: "denials" }, { actorUserId: staffId })).token;

    for (let i = 0; i < 5; i++) expect(await api("/api/v1/me", `rv_${"b".repeat(32)}`)).toBe(401);
    expect(await api("/api/v1/tasks", "")).toBe(401);
    for (let i = 0; i < 4; i++) expect(await api("/api/v1/users", token)).toBe(403);
    // The extension decision is refused by the model, after the request was loaded and checked.
    const ext = await app.db.selectFrom("task_extensions").select("id").where("status", "=", "pending").executeTakeFirstOrThrow();
    expect(
      await api(`/api/v1/extensions/${ext.id}/decision`, token, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision: "approve" }),
      }),
    ).toBe(403);

    const rows = await denials();
    expect(rows).toHaveLength(2);
    const unauthorized = rows.find((r) => r.kind === "api_unauthorized")!;
    expect(unauthorized).toMatchObject({ actor_user_id: null, count: 6, last_path: "/api/v1/tasks" });
    expect(unauthorized.subject).toBe(`ip:${unauthorized.ip}`);
    expect(rows.find((r) => r.kind === "api_forbidden")).toMatchObject({
      actor_user_id: staffId,
      count: 5,
      last_method: "POST",
      last_path: `/api/v1/extensions/${ext.id}/decision`,
    });
  });

  it("counts the server's refusal of a cross-site write, by address", async () => {
    await app.db.deleteFrom("access_denials").execute();
    const staff = await app.signedIn("cv.cds@roviec.demo");
    for (let i = 0; i < 2; i++)
      expect((await staff.post("/account", { intent: "language", language: "en" }, { origin: "https://evil.example" })).status).toBe(403);
    expect(await denials()).toEqual([
      expect.objectContaining({ kind: "cross_site", actor_user_id: null, count: 2, last_method: "POST", last_path: "/account" }),
    ]);
  });

  it("shows them on the audit log page with a label in words", async () => {
    const staff = await app.signedIn("cv.ttdl@roviec.demo");
    for (let i = 0; i < 7; i++) await staff.get("/admin/reminders");
    const admin = await app.signedIn("admin@roviec.demo");
    const page = await admin.page("/admin/audit");
    expect(page.status).toBe(200);
    const section = page.html.slice(page.html.indexOf('id="denials-heading"'));
    expect(section).toContain(translate("vi", "denials.title"));
    expect(section).toContain(translate("vi", "denials.kind.page_forbidden"));
    expect(section).toContain(translate("vi", "denials.kind.cross_site"));
    expect(section).toContain("Mai Thị Hương");
    expect(section).toContain("/admin/reminders");
    expect(section).toMatch(/>7<\/td>/);
  });
});
