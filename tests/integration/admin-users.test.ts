/**
 * User administration over HTTP: creating users with a one-time password, changing role and unit with
 * a version check, deactivating, resetting passwords, who may do what, list filters, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate, type MessageKey, type Params } from "../../app/i18n";
import { snapshot, startApp, type Client, type FormBody, type TestApp } from "../support/app";

/** The server strips React 18's stray NUL bytes (entry.server.tsx); a page that still has one fails here. */
function withoutNul(html: string) {
  expect(html.includes("\0"), "NUL byte in the HTML").toBe(false);
  return html;
}

async function pageOf(client: Client, path: string) {
  const page = await client.page(path);
  return { ...page, html: withoutNul(page.html) };
}

let app: TestApp;
let admin: Client;
beforeAll(async () => {
  app = await startApp();
  admin = await app.signedIn("admin@roviec.demo");
});
afterAll(() => app?.close());

/** A dictionary text as React writes it into HTML. */
function text(key: MessageKey, params?: Params) {
  return translate("vi", key, params)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

/** The page without its scripts: what a person sees (Remix repeats loader/action data in a script). */
function visible(html: string) {
  return html.replace(/<script\b[\s\S]*?<\/script>/g, "");
}

function occurrences(haystack: string, needle: string) {
  return haystack.split(needle).length - 1;
}

async function unitId(code: string) {
  const row = await app.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow();
  return row.id;
}

async function userRow(email: string) {
  return app.db.selectFrom("users").selectAll().where("email_normalized", "=", email.toLowerCase()).executeTakeFirst();
}

/** Users, audit events and sessions, for "nothing changed" checks (last activity may move on its own). */
async function state() {
  const s = await snapshot(app.db, ["users", "audit_events", "sessions"]);
  s.sessions = (s.sessions as Array<Record<string, unknown>>).map(({ last_active_at: _, ...rest }) => rest);
  return s;
}

let counter = 0;
function freshEmail(prefix = "nv") {
  counter += 1;
  return `${prefix}.${counter}.${Date.now()}@hanoi.gov.vn`;
}

async function createAs(client: Client, body: FormBody) {
  const response = await client.post("/admin/users/new", body);
  return { status: response.status, html: withoutNul(await response.text()), response };
}

function otpIn(html: string) {
  const match = /([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})/.exec(visible(html));
  if (!match) throw new Error("no one-time password on the page");
  return match[1];
}

/** Creates a staff user as the admin and returns its row and one-time password. */
async function newStaff(unitCode = "SKHCN-CDS", fullName = "Nguyễn Văn Thử") {
  const email = freshEmail();
  const { status, html } = await createAs(admin, { email, fullName, role: "staff", unitId: await unitId(unitCode), language: "vi" });
  expect(status).toBe(200);
  const row = (await userRow(email))!;
  return { row, email, password: otpIn(html) };
}

/** Signs a user in for the first time and replaces their temporary password. */
async function firstSignIn(email: string, oneTimePassword: string, newPassword = "mat-khau-moi-2026") {
  const client = app.client();
  await client.signIn(email, oneTimePassword);
  const changed = await client.post("/account", {
    intent: "password",
    currentPassword: oneTimePassword,
    newPassword,
    confirmPassword: newPassword,
  });
  expect(changed.status).toBe(302);
  return client;
}

// The list first, while the demo users are all there is.
describe("the list", () => {
  it("finds people by name without diacritics, and by e-mail", async () => {
    const page = await pageOf(admin, "/admin/users?q=nguyen+thi");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Nguyễn Thị Thu Hà");
    expect(page.html).not.toContain("Lê Văn Cường");
    const byEmail = await pageOf(admin, "/admin/users?q=GD.SKHCN");
    expect(byEmail.html).toContain("Lê Văn Cường");
    expect(byEmail.html).toContain(text("users.count", { count: 1 }));
    // LIKE wildcards are literal.
    expect((await pageOf(admin, "/admin/users?q=%25")).html).toContain(text("users.empty"));
    expect((await pageOf(admin, "/admin/users?q=_")).html).toContain(text("users.empty"));
  });

  it("filters by role", async () => {
    const page = await pageOf(admin, "/admin/users?role=committee");
    expect(page.html).toContain("Hà Minh Hải");
    expect(page.html).toContain("Trần Đức Long");
    expect(page.html).not.toContain("Lê Văn Cường");
    expect(page.html).toContain(text("users.count", { count: 2 }));
  });

  it("filters by unit, with or without its sub-units", async () => {
    const skhcn = await unitId("SKHCN");
    const only = await pageOf(admin, `/admin/users?unit=${skhcn}`);
    expect(only.html).toContain("Lê Văn Cường");
    expect(only.html).not.toContain("Đinh Công Sơn");
    const all = await pageOf(admin, `/admin/users?unit=${skhcn}&includeSubunits=1`);
    for (const name of ["Lê Văn Cường", "Đinh Công Sơn", "Trương Thị Yến", "Mai Thị Hương"]) expect(all.html).toContain(name);
    expect(all.html).not.toContain("Đỗ Thị Lan Anh");
    expect(all.html).toMatch(/name="includeSubunits"[^>]*checked/);
  });

  it("filters by status (the demo has nobody inactive yet)", async () => {
    const inactive = await pageOf(admin, "/admin/users?status=inactive");
    expect(inactive.status).toBe(200);
    expect(inactive.html).toContain(text("users.empty"));
    const active = await pageOf(admin, "/admin/users?status=active");
    expect(active.html).toContain(text("users.count", { count: 26 }));
  });

  it("shows an empty state with a way back", async () => {
    const page = await pageOf(admin, "/admin/users?q=khong-ai-ten-nay");
    expect(page.html).toContain(text("users.empty"));
    expect(page.html).toContain(`href="/admin/users"`);
    expect(page.html).toContain(text("common.clearFilters"));
  });

  it("pages 25 at a time and keeps the filters in the links", async () => {
    const total = Number(
      (
        await app.db
          .selectFrom("users")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(total).toBeGreaterThan(25);
    const first = await pageOf(admin, "/admin/users?status=all");
    expect(occurrences(first.html, `<th scope="row"`)).toBe(25);
    expect(first.html).toContain(text("common.pageOf", { page: 1, pages: Math.ceil(total / 25) }));
    expect(first.html).toContain(`href="/admin/users?status=all&amp;page=2"`);
    const second = await pageOf(admin, "/admin/users?status=all&page=2");
    expect(occurrences(second.html, `<th scope="row"`)).toBe(Math.min(25, total - 25));
    // A page past the end shows the last page rather than nothing.
    expect(occurrences((await pageOf(admin, "/admin/users?page=999")).html, `<th scope="row"`)).toBeGreaterThan(0);
  });

  it("ignores filter values that make no sense instead of failing", async () => {
    for (const qs of [
      "role=superadmin",
      "unit=abc",
      "unit=-1",
      "unit=99999999999",
      "status=deleted",
      "page=-5",
      "page=abc",
      `q=${"x".repeat(5000)}`,
    ]) {
      expect((await pageOf(admin, `/admin/users?${qs}`)).status, qs).toBe(200);
    }
  });

  it("shows the add button only to those who may create users", async () => {
    expect((await pageOf(admin, "/admin/users")).html).toContain(`href="/admin/users/new"`);
    const committee = await app.signedIn("bcd.pho@roviec.demo");
    expect((await pageOf(committee, "/admin/users")).html).not.toContain(`href="/admin/users/new"`);
  });
});

describe("creating a user", () => {
  it("shows the one-time password once; the user signs in with it and must change it first", async () => {
    const email = freshEmail();
    const { status, html, response } = await createAs(admin, {
      email,
      fullName: "Trần Thị Bích Ngọc",
      role: "staff",
      unitId: await unitId("SKHCN-CDS"),
      language: "vi",
    });
    expect(status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("cache-control")).toContain("no-store");
    const password = otpIn(html);
    expect(occurrences(visible(html), password)).toBe(1);
    expect(html).toContain(text("users.oneTimePassword"));
    expect(html).toContain(text("users.created", { name: "Trần Thị Bích Ngọc" }));
    for (const cookie of response.headers.getSetCookie()) expect(decodeURIComponent(cookie)).not.toContain(password);
    expect(html).not.toContain("$argon2");

    const row = (await userRow(email))!;
    expect(row).toMatchObject({ role: "staff", unit_id: await unitId("SKHCN-CDS"), active: 1, must_change_password: 1, version: 1 });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await app.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.create")
      .where("entity_id", "=", String(row.id))
      .executeTakeFirstOrThrow();
    expect(audit.data).not.toContain(password);

    // Never shown again.
    for (const path of ["/admin/users/new", `/admin/users/${row.id}`, "/admin/users", "/admin/audit"]) {
      const page = await pageOf(admin, path);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain(password);
    }

    // The new user signs in and is held on the password page until they change it.
    const user = app.client();
    await user.signIn(email, password);
    for (const path of ["/", "/admin/users"]) {
      const page = await pageOf(user, path);
      expect(page.status).toBe(302);
      expect(page.location).toBe("/account?change=1");
    }
    expect((await pageOf(user, "/account?change=1")).html).toContain(text("account.mustChange"));
    const changed = await user.post("/account", {
      intent: "password",
      currentPassword: password,
      newPassword: "mat-khau-moi-2026",
      confirmPassword: "mat-khau-moi-2026",
    });
    expect(changed.status).toBe(302);
    expect((await pageOf(user, "/")).status).toBe(200);
    // Staff still cannot reach the admin pages.
    expect((await pageOf(user, "/admin/users")).status).toBe(403);
  });

  it("refuses an e-mail that is already used, whatever its case, and changes nothing", async () => {
    const before = await state();
    const { status, html } = await createAs(admin, {
      email: "GD.SKHCN@RoViec.Demo",
      fullName: "Ai Đó",
      role: "staff",
      unitId: await unitId("SKHCN"),
      language: "vi",
    });
    expect(status).toBe(400);
    expect(html).toContain(text("error.emailTaken"));
    expect(html).toContain(text("form.errorSummary", { count: 1 }));
    expect(await state()).toEqual(before);
  });

  it("offers a unit head only head/staff roles and the units of their own subtree", async () => {
    const head = await app.signedIn("gd.skhcn@roviec.demo");
    const page = await pageOf(head, "/admin/users/new");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Phòng Chuyển đổi số");
    expect(page.html).not.toContain("Sở Y tế");
    expect(page.html).not.toContain(`value="admin"`);
    expect(page.html).not.toContain(`value="committee"`);
  });

  it("lets a head create staff below their unit, and refuses other units and higher roles with 403", async () => {
    const head = await app.signedIn("gd.skhcn@roviec.demo");
    const ok = await createAs(head, {
      email: freshEmail(),
      fullName: "Cán Bộ Mới",
      role: "staff",
      unitId: await unitId("SKHCN-CDS"),
      language: "vi",
    });
    expect(ok.status).toBe(200);

    const before = await state();
    const refused: FormBody[] = [
      { email: freshEmail(), fullName: "Sai Đơn Vị", role: "staff", unitId: await unitId("SYT"), language: "vi" },
      { email: freshEmail(), fullName: "Sai Vai Trò", role: "committee", unitId: await unitId("SKHCN-CDS"), language: "vi" },
      { email: freshEmail(), fullName: "Sai Vai Trò", role: "admin", unitId: await unitId("SKHCN"), language: "vi" },
      { email: freshEmail(), fullName: "Không Có Đơn Vị", role: "staff", unitId: 999999, language: "vi" },
    ];
    for (const body of refused) expect((await createAs(head, body)).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("refuses staff and committee members with 403", async () => {
    const staff = await app.signedIn("cv.cds@roviec.demo");
    const committee = await app.signedIn("bcd.pho@roviec.demo");
    const body = { email: freshEmail(), fullName: "Không Được", role: "staff", unitId: await unitId("SKHCN"), language: "vi" };
    const before = await state();
    expect((await pageOf(staff, "/admin/users")).status).toBe(403);
    expect((await pageOf(staff, "/admin/users/1")).status).toBe(403);
    expect((await pageOf(staff, "/admin/users/new")).status).toBe(403);
    expect((await pageOf(staff, "/admin/audit")).status).toBe(403);
    expect((await staff.post("/admin/users/new", body)).status).toBe(403);
    expect((await pageOf(committee, "/admin/users/new")).status).toBe(403);
    expect((await committee.post("/admin/users/new", body)).status).toBe(403);
    // A refused request with a bad body is still 403, not a validation message.
    expect((await committee.post("/admin/users/new", {})).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("sends anonymous visitors to sign in", async () => {
    const response = await app.client().get("/admin/users");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fadmin%2Fusers/);
    expect((await app.client().post("/admin/users/new", { email: "x@y.vn" })).status).toBe(302);
  });
});

describe("changing a user", () => {
  it("changes role and unit with the current version, and records before/after", async () => {
    const { row } = await newStaff();
    const response = await admin.post(`/admin/users/${row.id}`, {
      intent: "update",
      version: row.version,
      fullName: row.full_name,
      role: "head",
      unitId: await unitId("SKHCN-TTDL"),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/admin/users/${row.id}`);
    const after = (await userRow(row.email))!;
    expect(after).toMatchObject({ role: "head", unit_id: await unitId("SKHCN-TTDL"), version: row.version + 1 });
    const event = await app.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.update")
      .where("entity_id", "=", String(row.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data)).toMatchObject({ before: { role: "staff" }, after: { role: "head" } });
    const page = await pageOf(admin, `/admin/users/${row.id}`);
    expect(page.html).toContain(text("users.updated", { name: row.full_name }));
    expect(page.html).toContain(text("role.head"));
  });

  it("refuses a stale version with 409, shows the saved values and overwrites nothing", async () => {
    const { row } = await newStaff(undefined, "Phiên Bản Cũ");
    // Someone else renames the user first.
    expect(
      (
        await admin.post(`/admin/users/${row.id}`, {
          intent: "update",
          version: row.version,
          fullName: "Tên Mới Nhất",
          role: "staff",
          unitId: row.unit_id,
        })
      ).status,
    ).toBe(302);
    const before = await state();
    const response = await admin.post(`/admin/users/${row.id}`, {
      intent: "update",
      version: row.version,
      fullName: "Ghi Đè",
      role: "head",
      unitId: row.unit_id,
    });
    expect(response.status).toBe(409);
    const html = withoutNul(await response.text());
    expect(html).toContain(text("form.conflict"));
    expect(html).toContain(`value="Tên Mới Nhất"`);
    expect(html).toMatch(new RegExp(`name="version"[^>]*value="${row.version + 1}"|value="${row.version + 1}"[^>]*name="version"`));
    expect(visible(html)).not.toContain("Ghi Đè");
    expect(await state()).toEqual(before);

    // A stale deactivation is refused the same way.
    const stale = await admin.post(`/admin/users/${row.id}`, { intent: "deactivate", version: row.version });
    expect(stale.status).toBe(409);
    expect(await state()).toEqual(before);
  });

  it("deactivating ends the user's sessions at once and stops sign-in; reactivating lets them back", async () => {
    const { row, email, password } = await newStaff();
    const user = await firstSignIn(email, password);
    expect((await pageOf(user, "/")).status).toBe(200);

    const current = (await userRow(email))!;
    const page = await pageOf(admin, `/admin/users/${row.id}`);
    expect(page.html).toContain(text("users.deactivateHelp"));
    const response = await admin.post(`/admin/users/${row.id}`, { intent: "deactivate", version: current.version });
    expect(response.status).toBe(302);
    expect((await userRow(email))!.active).toBe(0);
    expect(await app.db.selectFrom("sessions").select("id").where("user_id", "=", row.id).execute()).toHaveLength(0);

    const next = await user.get("/");
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toMatch(/^\/login/);
    expect((await app.client().post("/login", { email, password: "mat-khau-moi-2026" })).status).toBe(401);
    expect((await pageOf(admin, `/admin/users?status=inactive`)).html).toContain(row.full_name);

    const deactivated = (await userRow(email))!;
    const back = await admin.post(`/admin/users/${row.id}`, { intent: "reactivate", version: deactivated.version });
    expect(back.status).toBe(302);
    expect((await userRow(email))!.active).toBe(1);
    await app.client().signIn(email, "mat-khau-moi-2026");
    const actions = await app.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "user")
      .where("entity_id", "=", String(row.id))
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["user.deactivate", "user.reactivate"]));
  });

  it("resetting the password shows a new one once, ends sessions and retires the old password", async () => {
    const { row, email, password } = await newStaff();
    const user = await firstSignIn(email, password);
    const response = await admin.post(`/admin/users/${row.id}`, { intent: "reset-password" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const html = withoutNul(await response.text());
    const fresh = otpIn(html);
    expect(occurrences(visible(html), fresh)).toBe(1);
    expect(html).toContain(text("users.passwordReset", { name: row.full_name }));
    expect((await pageOf(admin, `/admin/users/${row.id}`)).html).not.toContain(fresh);

    expect((await user.get("/")).status).toBe(302);
    expect((await app.client().post("/login", { email, password: "mat-khau-moi-2026" })).status).toBe(401);
    const again = app.client();
    await again.signIn(email, fresh);
    expect((await pageOf(again, "/")).location).toBe("/account?change=1");
    const event = await app.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.reset_password")
      .where("entity_id", "=", String(row.id))
      .executeTakeFirstOrThrow();
    expect(event.data).not.toContain(fresh);
  });

  it("lets a head manage people of their subtree, but not of another unit, not admins, and not into another unit", async () => {
    const head = await app.signedIn("gd.skhcn@roviec.demo");
    const { row } = await newStaff("SKHCN-CDS", "Cấp Dưới Của Sở");
    const ok = await head.post(`/admin/users/${row.id}`, {
      intent: "update",
      version: row.version,
      fullName: "Cấp Dưới Đã Sửa",
      role: "staff",
      unitId: await unitId("SKHCN-TTDL"),
    });
    expect(ok.status).toBe(302);
    const current = (await userRow(row.email))!;

    // An admin placed in the head's own unit is still out of reach.
    const { row: adminInUnit } = await newStaff("SKHCN", "Quản Trị Trong Sở");
    await app.db.updateTable("users").set({ role: "admin" }).where("id", "=", adminInUnit.id).execute();
    const otherUnit = (await userRow("cv.syt@roviec.demo"))!;
    const adminRow = (await userRow("admin@roviec.demo"))!;

    const before = await state();
    const refused: Array<[number, FormBody]> = [
      [otherUnit.id, { intent: "update", version: otherUnit.version, fullName: "X", role: "staff", unitId: otherUnit.unit_id }],
      [otherUnit.id, { intent: "deactivate", version: otherUnit.version }],
      [otherUnit.id, { intent: "reset-password" }],
      [adminRow.id, { intent: "deactivate", version: adminRow.version }],
      [adminInUnit.id, { intent: "reset-password" }],
      [adminInUnit.id, { intent: "update", version: adminInUnit.version, fullName: "X", role: "staff", unitId: adminInUnit.unit_id }],
      [current.id, { intent: "update", version: current.version, fullName: current.full_name, role: "staff", unitId: await unitId("SYT") }],
      [current.id, { intent: "update", version: current.version, fullName: current.full_name, role: "admin", unitId: current.unit_id }],
      [current.id, { intent: "update", version: current.version, fullName: current.full_name, role: "committee", unitId: current.unit_id }],
    ];
    for (const [id, body] of refused) {
      const response = await head.post(`/admin/users/${id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(403);
    }
    expect(await state()).toEqual(before);

    // The pages say so too: no forms where the head may not act.
    const view = await pageOf(head, `/admin/users/${otherUnit.id}`);
    expect(view.status).toBe(200);
    expect(view.html).toContain(text("users.readOnly"));
    expect(view.html).not.toContain(`name="intent"`);
    expect((await pageOf(head, `/admin/users/${current.id}`)).html).toContain(`value="deactivate"`);
  });

  it("lets committee members look but not change anything", async () => {
    const committee = await app.signedIn("bcd.thanhvien@roviec.demo");
    const target = (await userRow("cv.cds@roviec.demo"))!;
    expect((await pageOf(committee, "/admin/users")).status).toBe(200);
    const page = await pageOf(committee, `/admin/users/${target.id}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(`name="intent"`);
    const before = await state();
    for (const body of [
      { intent: "update", version: target.version, fullName: "X", role: "staff", unitId: target.unit_id },
      { intent: "deactivate", version: target.version },
      { intent: "reset-password" },
      {},
    ]) {
      expect((await committee.post(`/admin/users/${target.id}`, body)).status).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it("nobody deactivates, resets or edits themselves through the admin pages", async () => {
    const me = (await userRow("admin@roviec.demo"))!;
    const head = await app.signedIn("tp.cds@roviec.demo");
    const headRow = (await userRow("tp.cds@roviec.demo"))!;
    const before = await state();
    expect((await admin.post(`/admin/users/${me.id}`, { intent: "deactivate", version: me.version })).status).toBe(403);
    expect((await admin.post(`/admin/users/${me.id}`, { intent: "reset-password" })).status).toBe(403);
    expect(
      (
        await admin.post(`/admin/users/${me.id}`, {
          intent: "update",
          version: me.version,
          fullName: "X",
          role: "staff",
          unitId: me.unit_id,
        })
      ).status,
    ).toBe(403);
    expect((await head.post(`/admin/users/${headRow.id}`, { intent: "deactivate", version: headRow.version })).status).toBe(403);
    expect(await state()).toEqual(before);
    const own = await pageOf(admin, `/admin/users/${me.id}`);
    expect(own.status).toBe(200);
    expect(own.html).toContain(text("users.ownAccount"));
    expect(own.html).not.toContain(`value="deactivate"`);
  });

  it("answers 404 for ids that are not numbers or not users", async () => {
    for (const path of [
      "/admin/users/abc",
      "/admin/users/0",
      "/admin/users/-1",
      "/admin/users/1e1",
      "/admin/users/007",
      "/admin/users/99999999",
      "/admin/users/99999999999999",
    ]) {
      expect((await pageOf(admin, path)).status, path).toBe(404);
    }
    const before = await state();
    expect((await admin.post("/admin/users/99999999", { intent: "reset-password" })).status).toBe(404);
    expect((await admin.post("/admin/users/abc", { intent: "reset-password" })).status).toBe(404);
    expect(await state()).toEqual(before);
  });
});

describe("bad input", () => {
  const good = async () => ({
    email: freshEmail("bad"),
    fullName: "Người Dùng Hợp Lệ",
    role: "staff",
    unitId: await unitId("SKHCN"),
    language: "vi",
  });

  it("refuses every malformed creation with 400, a clear message and no change", async () => {
    const cases: Array<[FormBody, MessageKey, Params?]> = [
      [{}, "error.required"],
      [{ email: "", fullName: "", role: "", unitId: "", language: "" }, "error.required"],
      [{ email: "   ", fullName: "   " }, "error.required"],
      [{ fullName: "x".repeat(10_000) }, "error.tooLong", { max: 120 }],
      [{ email: "a@" }, "error.email"],
      [{ email: "@b.vn" }, "error.email"],
      [{ email: "a b@c.vn" }, "error.email"],
      [{ email: `${"a".repeat(300)}@b.vn` }, "error.tooLong", { max: 254 }],
      [{ fullName: "Tên\u0007Lạ" }, "error.controlChars"],
      [{ fullName: "Tên\u202eLạ" }, "error.controlChars"],
      [{ role: "superadmin" }, "error.invalidChoice"],
      [{ language: "fr" }, "error.invalidChoice"],
      [{ unitId: "abc" }, "error.invalidChoice"],
      [{ unitId: "-1" }, "error.invalidChoice"],
      [{ unitId: "1.5" }, "error.invalidChoice"],
      [{ unitId: "99999999999" }, "error.invalidChoice"],
      // A well-formed id of no unit: refused by the model.
      [{ unitId: "999999" }, "error.invalidChoice"],
    ];
    for (const [override, key, params] of cases) {
      const before = await state();
      const body = Object.keys(override).length ? { ...(await good()), ...override } : override;
      const { status, html } = await createAs(admin, body);
      expect(status, JSON.stringify(override).slice(0, 80)).toBe(400);
      expect(html, key).toContain(text(key, params));
      expect(html).toContain(text("form.errorSummary", { count: 1 }).slice(0, 20));
      expect(html).toContain(`aria-invalid="true"`);
      expect(await state()).toEqual(before);
    }
  });

  it("a closed unit cannot receive new users", async () => {
    const closed = await unitId("SKHCN-TTDL");
    await app.db.updateTable("units").set({ active: 0 }).where("id", "=", closed).execute();
    try {
      const before = await state();
      const { status, html } = await createAs(admin, { ...(await good()), unitId: closed });
      expect(status).toBe(400);
      expect(html).toContain(text("error.invalidChoice"));
      expect(await state()).toEqual(before);
    } finally {
      await app.db.updateTable("units").set({ active: 1 }).where("id", "=", closed).execute();
    }
  });

  it("stores a decomposed (NFD) name composed (NFC)", async () => {
    const body = { ...(await good()), fullName: "Nguye\u0302\u0303n Thi\u0323 Ha\u0300" };
    expect((await createAs(admin, body)).status).toBe(200);
    const row = (await userRow(body.email))!;
    expect(row.full_name).toBe("Nguyễn Thị Hà");
    expect(row.full_name).toBe(row.full_name.normalize("NFC"));
    expect((await pageOf(admin, "/admin/users?q=nguyen+thi+ha")).html).toContain("Nguyễn Thị Hà");
  });

  it("stores markup literally and renders it escaped everywhere", async () => {
    const name = "<script>alert(1)</script>";
    const body = { ...(await good()), fullName: name };
    const created = await createAs(admin, body);
    expect(created.status).toBe(200);
    const row = (await userRow(body.email))!;
    expect(row.full_name).toBe(name);
    const renamed = await admin.post(`/admin/users/${row.id}`, {
      intent: "update",
      version: row.version,
      fullName: `${name}<img src=x onerror=alert(2)>`,
      role: "staff",
      unitId: row.unit_id,
    });
    expect(renamed.status).toBe(302);
    const pages = [
      created.html,
      (await pageOf(admin, `/admin/users/${row.id}`)).html,
      (await pageOf(admin, "/admin/users?q=script")).html,
      (await pageOf(admin, "/admin/audit")).html,
    ];
    for (const html of pages) {
      expect(html).not.toContain("<script>alert(1)");
      expect(html).not.toContain("<img src=x");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });

  it("stores SQL metacharacters literally", async () => {
    const name = `Robert'); DROP TABLE users;-- "O'Brien" 100% _x_ \\`;
    const body = { ...(await good()), email: `o'brien.${Date.now()}@hanoi.gov.vn`, fullName: name };
    expect((await createAs(admin, body)).status).toBe(200);
    const row = (await userRow(body.email))!;
    expect(row.full_name).toBe(name);
    expect((await app.db.selectFrom("users").select("id").execute()).length).toBeGreaterThan(26);
    expect((await pageOf(admin, `/admin/users?q=${encodeURIComponent("100% _x_")}`)).html).toContain(text("users.count", { count: 1 }));
  });

  it("ignores smuggled fields when creating", async () => {
    const body = {
      ...(await good()),
      id: "1",
      active: "0",
      must_change_password: "0",
      password_hash: "$argon2id$v=19$m=19456,t=2,p=1$fake$fake",
      passwordHash: "x",
      version: "99",
      email_normalized: "admin@roviec.demo",
      created_at: "2000-01-01",
    };
    const { status } = await createAs(admin, body);
    expect(status).toBe(200);
    const row = (await userRow(body.email))!;
    expect(row.id).not.toBe(1);
    expect(row).toMatchObject({ active: 1, must_change_password: 1, version: 1, email_normalized: body.email.toLowerCase() });
    expect(row.password_hash).not.toContain("fake");
    expect(row.created_at).not.toBe("2000-01-01");
    expect((await userRow("admin@roviec.demo"))!.full_name).toBe("Nguyễn Thị Thu Hà");
  });

  it("refuses every malformed change with 4xx, a clear message and no change", async () => {
    const { row } = await newStaff();
    const base = { intent: "update", version: row.version, fullName: row.full_name, role: row.role, unitId: row.unit_id };
    const cases: Array<[FormBody, number, MessageKey | null, Params?]> = [
      [{ ...base, fullName: "" }, 400, "error.required"],
      [{ ...base, fullName: "   " }, 400, "error.required"],
      [{ ...base, fullName: "y".repeat(10_000) }, 400, "error.tooLong", { max: 120 }],
      [{ ...base, role: "superadmin" }, 400, "error.invalidChoice"],
      [{ ...base, role: "" }, 400, "error.invalidChoice"],
      [{ ...base, unitId: "abc" }, 400, "error.invalidChoice"],
      [{ ...base, unitId: "-1" }, 400, "error.invalidChoice"],
      [{ ...base, unitId: "99999999999" }, 400, "error.invalidChoice"],
      [{ ...base, unitId: "999999" }, 400, "error.invalidChoice"],
      [{ ...base, unitId: "" }, 400, "error.required"],
      [{ ...base, version: "abc" }, 400, "error.version"],
      [{ ...base, version: "" }, 400, null],
      [{ ...base, version: "-3" }, 400, "error.version"],
      [{ intent: "deactivate", version: "abc" }, 400, "error.version"],
      [{ intent: "deactivate" }, 400, null],
      [{ intent: "delete" }, 400, null],
      [{}, 400, null],
    ];
    for (const [body, expected, key, params] of cases) {
      const before = await state();
      const response = await admin.post(`/admin/users/${row.id}`, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(expected);
      const html = withoutNul(await response.text());
      if (key) expect(html, key).toContain(text(key, params));
      expect(await state()).toEqual(before);
    }
  });

  it("ignores smuggled fields when changing a user", async () => {
    const { row } = await newStaff();
    const response = await admin.post(`/admin/users/${row.id}`, {
      intent: "update",
      version: row.version,
      fullName: "Đổi Tên Thôi",
      role: "staff",
      unitId: row.unit_id,
      email: "hacked@evil.example",
      active: "0",
      password_hash: "x",
      must_change_password: "0",
      id: "1",
      userId: "1",
    });
    expect(response.status).toBe(302);
    const after = await app.db.selectFrom("users").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      full_name: "Đổi Tên Thôi",
      email: row.email,
      active: 1,
      password_hash: row.password_hash,
      must_change_password: 1,
    });
    expect((await userRow("admin@roviec.demo"))!.full_name).toBe("Nguyễn Thị Thu Hà");
  });

  it("never renders a password hash", async () => {
    for (const path of ["/admin/users", "/admin/users/1", "/admin/users/new", "/admin/audit"]) {
      const html = (await pageOf(admin, path)).html;
      expect(html).not.toContain("$argon2");
      expect(html).not.toMatch(/password_?hash/i);
    }
  });
});
