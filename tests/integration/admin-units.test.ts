/**
 * Unit administration over HTTP: the tree and search, creating, renaming, moving, closing and reopening,
 * who may do what, and hostile input that must be refused with a clear 4xx and no change at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../app/i18n/format";
import { snapshot, startApp, type Client, type TestApp } from "../support/app";

let app: TestApp;
let admin: Client;
let head: Client; // gd.skhcn: head of SKHCN
let committee: Client;
let staff: Client;

beforeAll(async () => {
  app = await startApp();
  [admin, head, committee, staff] = await Promise.all([
    app.signedIn("admin@roviec.demo"),
    app.signedIn("gd.skhcn@roviec.demo"),
    app.signedIn("bcd.pho@roviec.demo"),
    app.signedIn("cv.cds@roviec.demo"),
  ]);
});
afterAll(() => app?.close());

async function unit(code: string) {
  return app.db.selectFrom("units").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
}

async function userId(email: string) {
  const row = await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return row.id;
}

/** The server strips React 18's stray NUL bytes (entry.server.tsx); a page that still has one fails here. */
const withoutNul = (html: string) => {
  expect(html.includes("\u0000"), "NUL byte in the HTML").toBe(false);
  return html;
};
async function textOf(response: Response) {
  return withoutNul(await response.text());
}
async function pageOf(client: Client, path: string) {
  const page = await client.page(path);
  return { ...page, html: withoutNul(page.html) };
}

/** The rows a unit form may change. */
const rows = () => snapshot(app.db, ["units", "audit_events"]);

/** Creates a unit as the admin and returns its row. */
async function createAs(client: Client, fields: { code: string; name: string; kind?: string; parentId: number | string | null }) {
  const response = await client.post("/admin/units/new", { kind: "division", ...fields, parentId: fields.parentId ?? "" });
  expect(response.status, await textOf(response.clone())).toBe(302);
  return unit(fields.code.toUpperCase());
}

/** Ids offered by the parent picker of the new-unit form. */
async function parentChoices(client: Client) {
  const page = await pageOf(client, "/admin/units/new");
  expect(page.status).toBe(200);
  const select = /<select[^>]*name="parentId"[^>]*>([\s\S]*?)<\/select>/.exec(page.html)![1];
  return [...select.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
}

const NOT_SAVED = "Chưa lưu được.";

describe("the unit tree and search", () => {
  it("shows the tree as nested lists with codes, kinds and member counts, and the add button for an admin", async () => {
    const page = await pageOf(admin, "/admin/units");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Cây đơn vị");
    expect(page.html).toContain("Thành phố Hà Nội");
    expect(page.html).toContain("Phòng Chuyển đổi số");
    expect(page.html).toContain("SKHCN-CDS");
    expect(page.html).toContain("Phòng, bộ phận");
    expect(page.html).toContain("2 người"); // SKHCN-CDS: tp.cds and cv.cds
    expect(page.html).toMatch(/<ul[^>]*>[\s\S]*<li>[\s\S]*<details[^>]*>[\s\S]*<summary[^>]*>[\s\S]*<ul/);
    expect(page.html).toContain('href="/admin/units/new"');
    const syt = await unit("SYT");
    expect(page.html).toContain(`href="/admin/units/${syt.id}"`);
  });

  it("finds units ignoring diacritics and case, with each result's ancestors", async () => {
    const haNoi = await pageOf(admin, "/admin/units?q=ha+noi");
    expect(haNoi.status).toBe(200);
    expect(haNoi.html).toContain("Thành phố Hà Nội");
    expect(haNoi.html).toContain("1 đơn vị khớp “ha noi”");
    expect(haNoi.html).not.toContain("Sở Y tế");

    const syt = await pageOf(admin, "/admin/units?q=SO+Y+TE");
    expect(syt.html).toContain("Sở Y tế");
    expect(syt.html).toContain("1 đơn vị khớp “SO Y TE”");
    expect(syt.html).toContain("Thành phố Hà Nội"); // its ancestors
    expect(syt.html).not.toContain("Sở Tư pháp");

    const division = await pageOf(admin, "/admin/units?q=chuyen+doi+so");
    expect(division.html).toContain("Phòng Chuyển đổi số");
    expect(division.html).toContain("Thành phố Hà Nội › Sở Khoa học và Công nghệ");
  });

  it("says so when nothing matches, and treats LIKE wildcards literally", async () => {
    for (const q of ["khong+co+don+vi+nay", "%25", "_"]) {
      const page = await pageOf(admin, `/admin/units?q=${q}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain("Không có kết quả phù hợp.");
    }
  });

  it("renders in English on the user's switch", async () => {
    const client = await app.signedIn("thuky@roviec.demo");
    await client.post("/language", { lang: "en", redirectTo: "/admin/units" });
    const page = await pageOf(client, "/admin/units");
    expect(page.html).toContain("Unit tree");
    expect(page.html).toContain("Add unit");
    expect(page.html).toContain("Division");
  });
});

describe("creating a unit", () => {
  it("adds the unit under its parent, with an audit entry and a toast", async () => {
    const skhcn = await unit("SKHCN");
    const response = await admin.post("/admin/units/new", {
      code: "skhcn-dmst",
      name: "Phòng Đổi mới sáng tạo",
      kind: "division",
      parentId: skhcn.id,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/units");

    const created = await unit("SKHCN-DMST");
    expect(created).toMatchObject({ name: "Phòng Đổi mới sáng tạo", kind: "division", parent_id: skhcn.id, active: 1, version: 1 });
    const audit = await app.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "unit.create")
      .where("entity_id", "=", String(created.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(await userId("admin@roviec.demo"));
    expect(JSON.parse(audit.data).after).toMatchObject({ code: "SKHCN-DMST", name: "Phòng Đổi mới sáng tạo", parentId: skhcn.id });

    const tree = await pageOf(admin, "/admin/units");
    expect(tree.html).toContain("Đã thêm đơn vị Phòng Đổi mới sáng tạo.");
    expect(tree.html).toContain("SKHCN-DMST");
    expect(tree.html).toContain(`href="/admin/units/${created.id}"`);
  });

  it("preselects the parent given in ?parent= and offers every kind", async () => {
    const syt = await unit("SYT");
    const page = await pageOf(admin, `/admin/units/new?parent=${syt.id}`);
    expect(page.html).toMatch(new RegExp(`<option value="${syt.id}" selected="">`));
    for (const label of ["Thành phố", "Sở, ban, ngành", "Phường", "Xã", "Phòng, bộ phận"])
      expect(page.html).toContain(`>${label}</option>`);
    const codeId = /<input[^>]*name="code"[^>]*id="([^"]+)"|<input[^>]*id="([^"]+)"[^>]*name="code"/.exec(page.html)!;
    expect(page.html).toContain(`for="${codeId[1] ?? codeId[2]}"`);
  });

  it("stores a name typed in decomposed form (NFD) as NFC", async () => {
    const nfc = "Phòng Thí điểm Dữ liệu";
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc);
    const created = await createAs(admin, { code: "SKHCN-NFD", name: `  ${nfd}  `, parentId: (await unit("SKHCN")).id });
    expect(created.name).toBe(nfc);
    expect(created.name_folded).toBe("phong thi diem du lieu");
    expect((await pageOf(admin, "/admin/units?q=thi+diem")).html).toContain(nfc);
  });

  it("stores markup literally and renders it escaped", async () => {
    const name = "<script>alert(1)</script>";
    const created = await createAs(admin, { code: "XSS-1", name, parentId: (await unit("SKHCN")).id });
    expect(created.name).toBe(name);
    for (const path of ["/admin/units", `/admin/units/${created.id}`, "/admin/units?q=script"]) {
      const page = await pageOf(admin, path);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain("<script>alert(1)</script>");
      expect(page.html).not.toContain("<script>alert");
    }
    expect((await pageOf(admin, "/admin/units?q=script")).html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("stores SQL metacharacters literally", async () => {
    const name = "'; DROP TABLE units; --";
    const created = await createAs(admin, { code: "SQL-1", name, parentId: (await unit("SKHCN")).id });
    expect(created.name).toBe(name);
    expect((await unit("HN")).name).toBe("Thành phố Hà Nội");
    expect((await pageOf(admin, "/admin/units?q=drop+table")).html).toContain("&#x27;; DROP TABLE units; --");
  });

  it("lets an admin create a top-level city", async () => {
    const created = await createAs(admin, { code: "HN-2", name: "Thành phố thử nghiệm", kind: "city", parentId: null });
    expect(created.parent_id).toBeNull();
  });
});

describe("bad input to the new-unit form changes nothing", () => {
  const cases: Array<[string, Record<string, string> | null, string]> = [
    ["every field empty", { code: "", name: "", kind: "", parentId: "" }, "Vui lòng nhập trường này."],
    ["no fields at all", null, "Vui lòng nhập trường này."],
    ["a 10,000-character name", { name: "Đ".repeat(10_000) }, "Quá dài: tối đa 200 ký tự."],
    ["a name of spaces only", { name: "    " }, "Vui lòng nhập trường này."],
    ["a name with control characters", { name: "Phòng\u0007Một" }, "Không được chứa ký tự điều khiển."],
    ["a code with spaces", { code: "SO Y TE" }, "Mã đơn vị chỉ gồm chữ không dấu"],
    ["a code with diacritics", { code: "SỞYT" }, "Mã đơn vị chỉ gồm chữ không dấu"],
    ["a code with SQL", { code: "'; DROP TABLE units; --" }, "Mã đơn vị chỉ gồm chữ không dấu"],
    ["a one-letter code", { code: "A" }, "Mã đơn vị chỉ gồm chữ không dấu"],
    ["a code of spaces only", { code: "   " }, "Vui lòng nhập trường này."],
    ["a 33-character code", { code: "A".repeat(33) }, "Mã đơn vị chỉ gồm chữ không dấu"],
    ["a code already used, in another case", { code: "syt" }, "Mã đơn vị này đã tồn tại."],
    ["an unknown kind", { kind: "galaxy" }, "Giá trị không hợp lệ"],
    ["a non-numeric parent", { parentId: "abc" }, "Giá trị không hợp lệ"],
    ["a negative parent", { parentId: "-3" }, "Giá trị không hợp lệ"],
    ["a zero parent", { parentId: "0" }, "Giá trị không hợp lệ"],
    ["a fractional parent", { parentId: "1.5" }, "Giá trị không hợp lệ"],
    ["a huge parent", { parentId: "99999999999999999999" }, "Giá trị không hợp lệ"],
    ["an unknown parent", { parentId: "999999" }, "Giá trị không hợp lệ"],
    ["a parent with SQL", { parentId: "1 OR 1=1" }, "Giá trị không hợp lệ"],
    ["a division without a parent", { parentId: "" }, "Vui lòng chọn đơn vị cấp trên."],
  ];

  it.each(cases)("%s → 400 with the reason", async (_label, override, message) => {
    const skhcn = await unit("SKHCN");
    const before = await rows();
    const body =
      override === null ? {} : { code: "SKHCN-BAD", name: "Phòng Không hợp lệ", kind: "division", parentId: String(skhcn.id), ...override };
    const response = await admin.post("/admin/units/new", body);
    expect(response.status).toBe(400);
    const html = await textOf(response);
    expect(html).toContain(NOT_SAVED);
    expect(html).toContain(message);
    expect(html).not.toContain("Invalid input"); // never Zod's own English default
    expect(html).toContain('aria-invalid="true"');
    expect(await rows()).toEqual(before);
  });

  it("refuses a closed parent", async () => {
    const closed = await createAs(admin, { code: "SKHCN-CLOSEDPARENT", name: "Phòng sẽ đóng", parentId: (await unit("SKHCN")).id });
    expect((await admin.post(`/admin/units/${closed.id}`, { intent: "close", version: closed.version })).status).toBe(302);
    const before = await rows();
    const response = await admin.post("/admin/units/new", { code: "UNDER-CLOSED", name: "Tổ con", kind: "division", parentId: closed.id });
    expect(response.status).toBe(400);
    expect(await textOf(response)).toContain("Đơn vị cấp trên đã đóng.");
    expect(await rows()).toEqual(before);
  });
});

describe("renaming and moving", () => {
  it("renames and moves with the version, each with its audit entry", async () => {
    const skhcn = await unit("SKHCN");
    const syt = await unit("SYT");
    const created = await createAs(admin, { code: "MOVE-1", name: "Tổ công tác", parentId: skhcn.id });

    const rename = await admin.post(`/admin/units/${created.id}`, {
      intent: "update",
      version: 1,
      name: "Tổ công tác số",
      kind: "division",
      parentId: skhcn.id,
    });
    expect(rename.status).toBe(302);
    expect(rename.headers.get("location")).toBe(`/admin/units/${created.id}`);
    expect(await unit("MOVE-1")).toMatchObject({ name: "Tổ công tác số", parent_id: skhcn.id, version: 2, name_folded: "to cong tac so" });
    expect((await pageOf(admin, `/admin/units/${created.id}`)).html).toContain("Đã cập nhật đơn vị Tổ công tác số.");

    const move = await admin.post(`/admin/units/${created.id}`, {
      intent: "update",
      version: 2,
      name: "Tổ công tác số",
      kind: "division",
      parentId: syt.id,
    });
    expect(move.status).toBe(302);
    expect(await unit("MOVE-1")).toMatchObject({ parent_id: syt.id, version: 3 });

    const actions = await app.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "unit")
      .where("entity_id", "=", String(created.id))
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["unit.create", "unit.update", "unit.move"]);
  });

  it("refuses a stale version with 409, keeps the row and shows the current values", async () => {
    const created = await createAs(admin, { code: "STALE-1", name: "Bản gốc", parentId: (await unit("SKHCN")).id });
    expect(
      (
        await admin.post(`/admin/units/${created.id}`, {
          intent: "update",
          version: 1,
          name: "Bản của người khác",
          kind: "division",
          parentId: created.parent_id!,
        })
      ).status,
    ).toBe(302);

    const before = await rows();
    const response = await admin.post(`/admin/units/${created.id}`, {
      intent: "update",
      version: 1,
      name: "Bản của tôi",
      kind: "division",
      parentId: created.parent_id!,
    });
    expect(response.status).toBe(409);
    const html = await textOf(response);
    expect(html).toContain("Người khác vừa thay đổi bản ghi này.");
    expect(html).toMatch(/name="name"[^>]*value="Bản của người khác"|value="Bản của người khác"[^>]*name="name"/);
    expect(html).toContain('name="version" value="2"');
    expect(html).not.toContain('value="Bản của tôi"');
    expect(await rows()).toEqual(before);

    const staleClose = await admin.post(`/admin/units/${created.id}`, { intent: "close", version: 1 });
    expect(staleClose.status).toBe(409);
    expect(await rows()).toEqual(before);
  });

  it("refuses to move a unit under itself or its own sub-unit", async () => {
    const skhcn = await unit("SKHCN");
    const cds = await unit("SKHCN-CDS");
    const before = await rows();
    for (const parentId of [cds.id, skhcn.id]) {
      const response = await admin.post(`/admin/units/${skhcn.id}`, {
        intent: "update",
        version: skhcn.version,
        name: skhcn.name,
        kind: skhcn.kind,
        parentId,
      });
      expect(response.status).toBe(400);
      expect(await textOf(response)).toContain("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.");
    }
    expect(await rows()).toEqual(before);
    // The picker does not offer them either.
    const page = await pageOf(admin, `/admin/units/${skhcn.id}`);
    expect(page.html).not.toMatch(new RegExp(`<option value="${cds.id}"`));
  });

  it("shows the unit: breadcrumb, read-only code, dates as dd/mm/yyyy and its active users", async () => {
    const cds = await unit("SKHCN-CDS");
    const page = await pageOf(admin, `/admin/units/${cds.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(
      /Thành phố Hà Nội<\/a>[\s\S]*Sở Khoa học và Công nghệ<\/a>[\s\S]*aria-current="page"[^>]*>Phòng Chuyển đổi số/,
    );
    expect(page.html).toContain("Mã đơn vị không đổi được sau khi tạo.");
    expect(page.html).not.toMatch(/name="code"/);
    expect(page.html).toContain(`Tạo ngày ${formatDate(cds.created_at, "Asia/Ho_Chi_Minh")}`);
    expect(formatDate(cds.created_at, "Asia/Ho_Chi_Minh")).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(page.html).toContain(`href="/admin/users/${await userId("cv.cds@roviec.demo")}"`);
    expect(page.html).toContain("Trương Thị Yến");
    expect(page.html).toContain("cv.cds@roviec.demo");
    expect(page.html).toContain("Cán bộ, công chức");
    expect(page.html).toContain("Đơn vị đã đóng vẫn được giữ lại cùng lịch sử");
  });
});

describe("closing and reopening", () => {
  it("hides a closed unit from pickers and the tree, keeps it under 'show closed', and reopens it", async () => {
    const created = await createAs(admin, { code: "CLOSE-1", name: "Phòng sắp giải thể", parentId: (await unit("SKHCN")).id });
    expect(await parentChoices(admin)).toContain(created.id);

    const close = await admin.post(`/admin/units/${created.id}`, { intent: "close", version: created.version });
    expect(close.status).toBe(302);
    const closed = await unit("CLOSE-1");
    expect(closed).toMatchObject({ active: 0, version: 2 });
    expect(closed.closed_at).not.toBeNull();

    expect(await parentChoices(admin)).not.toContain(created.id);
    expect((await pageOf(admin, "/admin/units")).html).not.toContain("Phòng sắp giải thể");
    const withClosed = await pageOf(admin, "/admin/units?closed=1");
    expect(withClosed.html).toContain("Phòng sắp giải thể");
    expect(withClosed.html).toContain("Đã đóng");
    expect(withClosed.html).toMatch(/Đóng ngày \d{2}\/\d{2}\/\d{4}/);
    expect((await pageOf(admin, "/admin/units?q=giai+the")).html).toContain("Không có kết quả phù hợp.");
    expect((await pageOf(admin, "/admin/units?q=giai+the&closed=1")).html).toContain("Phòng sắp giải thể");
    const detail = await pageOf(admin, `/admin/units/${created.id}`);
    expect(detail.html).toContain("Mở lại đơn vị");

    const reopen = await admin.post(`/admin/units/${created.id}`, { intent: "reopen", version: 2 });
    expect(reopen.status).toBe(302);
    expect(await unit("CLOSE-1")).toMatchObject({ active: 1, closed_at: null, version: 3 });
    expect(await parentChoices(admin)).toContain(created.id);

    const actions = await app.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "unit")
      .where("entity_id", "=", String(created.id))
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["unit.create", "unit.close", "unit.reopen"]);
  });

  it("refuses to close a unit with active sub-units or users, saying why", async () => {
    const skhcn = await unit("SKHCN");
    const ttdl = await unit("SKHCN-TTDL");
    const before = await rows();
    const withChildren = await admin.post(`/admin/units/${skhcn.id}`, { intent: "close", version: skhcn.version });
    expect(withChildren.status).toBe(400);
    expect(await textOf(withChildren)).toContain("Đơn vị còn đơn vị cấp dưới đang hoạt động");
    const withUsers = await admin.post(`/admin/units/${ttdl.id}`, { intent: "close", version: ttdl.version });
    expect(withUsers.status).toBe(400);
    expect(await textOf(withUsers)).toContain("Đơn vị còn 1 người dùng đang hoạt động");
    expect(await rows()).toEqual(before);
  });
});

describe("bad input to the unit page changes nothing", () => {
  it.each<[string, Record<string, string>, number, string]>([
    ["an unknown intent", { intent: "delete", version: "1" }, 400, "Dữ liệu không hợp lệ, vui lòng tải lại trang."],
    ["no intent", { name: "X" }, 400, "Dữ liệu không hợp lệ, vui lòng tải lại trang."],
    ["an empty name", { intent: "update", version: "1", name: "", kind: "division" }, 400, "Vui lòng nhập trường này."],
    ["a name of spaces only", { intent: "update", version: "1", name: " \t ", kind: "division" }, 400, "Vui lòng nhập trường này."],
    [
      "a 10,000-character name",
      { intent: "update", version: "1", name: "x".repeat(10_000), kind: "division" },
      400,
      "Quá dài: tối đa 200 ký tự.",
    ],
    ["a missing version", { intent: "update", name: "Tên mới", kind: "division" }, 400, "Dữ liệu không hợp lệ, vui lòng tải lại trang."],
    [
      "a non-numeric version",
      { intent: "update", version: "abc", name: "Tên mới", kind: "division" },
      400,
      "Dữ liệu không hợp lệ, vui lòng tải lại trang.",
    ],
    [
      "a non-numeric parent",
      { intent: "update", version: "1", name: "Tên mới", kind: "division", parentId: "abc" },
      400,
      "Giá trị không hợp lệ",
    ],
    [
      "a negative parent",
      { intent: "update", version: "1", name: "Tên mới", kind: "division", parentId: "-1" },
      400,
      "Giá trị không hợp lệ",
    ],
    ["a huge parent", { intent: "update", version: "1", name: "Tên mới", kind: "division", parentId: "1e30" }, 400, "Giá trị không hợp lệ"],
    [
      "an unknown parent",
      { intent: "update", version: "1", name: "Tên mới", kind: "division", parentId: "999999" },
      400,
      "Giá trị không hợp lệ",
    ],
    [
      "a division moved to the top",
      { intent: "update", version: "1", name: "Tên mới", kind: "division", parentId: "" },
      400,
      "Vui lòng chọn đơn vị cấp trên.",
    ],
    ["an unknown kind", { intent: "update", version: "1", name: "Tên mới", kind: "planet" }, 400, "Giá trị không hợp lệ"],
    ["a close without version", { intent: "close" }, 400, "Dữ liệu không hợp lệ, vui lòng tải lại trang."],
    ["a close with a negative version", { intent: "close", version: "-1" }, 400, "Dữ liệu không hợp lệ, vui lòng tải lại trang."],
  ])("%s → %i", async (_label, body, status, message) => {
    const nvy = await unit("SYT-NVY");
    const before = await rows();
    const response = await admin.post(`/admin/units/${nvy.id}`, { parentId: String(nvy.parent_id), ...body });
    expect(response.status).toBe(status);
    const html = await textOf(response);
    expect(html).toContain(message);
    expect(html).not.toContain("Invalid input");
    expect(await rows()).toEqual(before);
  });

  it("answers 404 for a non-numeric, negative, huge or unknown id, on GET and POST", async () => {
    const before = await rows();
    for (const id of ["abc", "-1", "0", "1.5", "99999999999999999999", "999999", "1%20OR%201=1"]) {
      expect((await pageOf(admin, `/admin/units/${id}`)).status, id).toBe(404);
      expect((await admin.post(`/admin/units/${id}`, { intent: "update", version: "1", name: "X", kind: "division" })).status, id).toBe(
        404,
      );
    }
    expect(await rows()).toEqual(before);
  });
});

describe("who may do what", () => {
  it("a unit head may create under their unit and edit a unit below it", async () => {
    const skhcn = await unit("SKHCN");
    const cds = await unit("SKHCN-CDS");
    const created = await createAs(head, { code: "SKHCN-HEAD", name: "Tổ do giám đốc lập", parentId: skhcn.id });
    expect(created.parent_id).toBe(skhcn.id);

    const edit = await head.post(`/admin/units/${cds.id}`, {
      intent: "update",
      version: cds.version,
      name: "Phòng Chuyển đổi số và Dữ liệu",
      kind: "division",
      parentId: skhcn.id,
    });
    expect(edit.status).toBe(302);
    expect((await unit("SKHCN-CDS")).name).toBe("Phòng Chuyển đổi số và Dữ liệu");

    // Moving within their own subtree is allowed.
    const within = await head.post(`/admin/units/${created.id}`, {
      intent: "update",
      version: created.version,
      name: created.name,
      kind: "division",
      parentId: cds.id,
    });
    expect(within.status).toBe(302);

    const page = await pageOf(head, "/admin/units");
    expect(page.html).toContain('href="/admin/units/new"');
    expect(page.html).toContain(`href="/admin/units/${cds.id}"`);
    expect(page.html).not.toContain(`href="/admin/units/${(await unit("SYT")).id}"`);
  });

  it("a unit head gets 403 outside their subtree, on their own unit, and when moving a unit out", async () => {
    const skhcn = await unit("SKHCN");
    const syt = await unit("SYT");
    const cds = await unit("SKHCN-CDS");
    const before = await rows();
    const attempts: Array<[string, Record<string, string | number>]> = [
      [
        `/admin/units/${syt.id}`,
        { intent: "update", version: syt.version, name: "Sở Y tế (đổi tên)", kind: "department", parentId: syt.parent_id! },
      ],
      [`/admin/units/${syt.id}`, { intent: "close", version: syt.version }],
      ["/admin/units/new", { code: "SYT-X", name: "Phòng lạ", kind: "division", parentId: syt.id }],
      ["/admin/units/new", { code: "CITY-X", name: "Thành phố lạ", kind: "city", parentId: "" }],
      [`/admin/units/${cds.id}`, { intent: "update", version: cds.version, name: cds.name, kind: "division", parentId: syt.id }],
      [
        `/admin/units/${skhcn.id}`,
        { intent: "update", version: skhcn.version, name: "Sở KH&CN", kind: "department", parentId: skhcn.parent_id! },
      ],
    ];
    for (const [path, body] of attempts) {
      const response = await head.post(path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(403);
    }
    expect(await rows()).toEqual(before);

    // The forms say the same: SYT is read-only and not a choice of parent.
    const sytPage = await pageOf(head, `/admin/units/${syt.id}`);
    expect(sytPage.status).toBe(200);
    expect(sytPage.html).toContain("Bạn chỉ có quyền xem đơn vị này.");
    expect(sytPage.html).not.toContain('name="intent"');
    const choices = await parentChoices(head);
    expect(choices).toContain(skhcn.id);
    expect(choices).toContain(cds.id);
    expect(choices).not.toContain(syt.id);
    expect((await pageOf(head, `/admin/units/${cds.id}`)).html).not.toMatch(new RegExp(`<option value="${syt.id}"`));
  });

  it("committee members and staff get 403 on every POST, staff also on the pages", async () => {
    const syt = await unit("SYT");
    const cds = await unit("SKHCN-CDS");
    const before = await rows();
    for (const client of [committee, staff]) {
      expect((await client.post("/admin/units/new", { code: "NOPE", name: "Không được", kind: "division", parentId: syt.id })).status).toBe(
        403,
      );
      expect(
        (
          await client.post(`/admin/units/${cds.id}`, {
            intent: "update",
            version: cds.version,
            name: "Không được",
            kind: "division",
            parentId: cds.parent_id!,
          })
        ).status,
      ).toBe(403);
      expect((await client.post(`/admin/units/${cds.id}`, { intent: "close", version: cds.version })).status).toBe(403);
      expect((await client.post(`/admin/units/${cds.id}`, { intent: "bogus" })).status).toBe(403);
    }
    for (const path of ["/admin/units", "/admin/units/new", `/admin/units/${cds.id}`]) {
      expect((await pageOf(staff, path)).status, path).toBe(403);
      expect((await pageOf(committee, path)).status, path).toBe(403);
    }
    expect(await rows()).toEqual(before);
  });

  it("sends a visitor who is not signed in to sign in", async () => {
    const before = await rows();
    const page = await pageOf(app.client(), "/admin/units");
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/login\?redirectTo=%2Fadmin%2Funits/);
    const post = await app.client().post("/admin/units/new", { code: "ANON", name: "Ẩn danh", kind: "division", parentId: "1" });
    expect(post.status).toBe(302);
    expect(await rows()).toEqual(before);
  });
});
