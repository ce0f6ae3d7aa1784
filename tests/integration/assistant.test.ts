/**
 * The assessment assistant over HTTP on the seeded demo: findings for the city, a unit (SKHCN) and a
 * program (CĐS); the demo's stale, at-risk and repeatedly extended tasks and its three goals that will
 * miss their target are flagged (and the goals on course are not); every task link resolves and every
 * number linked to the task list equals that list's count; the page is the same on every request;
 * hostile parameters never give a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUnit } from "../../app/models/unit-commands.server";
import { startApp, type Client, type TestApp } from "../support/app";

let app: TestApp;
let committee: Client;
let head: Client;
let staff: Client;
let skhcn: number;

const pages: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  [committee, head, staff] = await Promise.all([
    app.signedIn("bcd.pho@roviec.demo"),
    app.signedIn("gd.skhcn@roviec.demo"),
    app.signedIn("cv.cds@roviec.demo"),
  ]);
  skhcn = (await app.db.selectFrom("units").select("id").where("code", "=", "SKHCN").executeTakeFirstOrThrow()).id;
  for (const [name, path] of Object.entries({
    city: "/assistant",
    unit: `/assistant?scope=unit&unit=${skhcn}`,
    program: "/assistant?scope=program&program=CDS",
  })) {
    const page = await committee.page(path);
    expect(page.status, path).toBe(200);
    pages[name] = page.html;
  }
});
afterAll(() => app?.close());

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
/** The <main> part of a page (the shell around it is not the assistant's). */
const main = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));
const goalFlag = (title: string) => `Mục tiêu “${title}” có nguy cơ không đạt`;

const HSSK = "Hồ sơ sức khỏe điện tử cho 95% người dân";
const PARKING = "100% điểm trông giữ xe công cộng được tìm kiếm, thanh toán không dùng tiền mặt qua ứng dụng";
const IHANOI = "3 triệu người dân sử dụng ứng dụng Công dân Thủ đô số – iHanoi";
const ON_COURSE = [
  "Chỉ số chuyển đổi số cấp tỉnh (DTI) tăng ít nhất 5 bậc",
  "Phát triển hạ tầng 5G: 3.000 trạm BTS 5G trên địa bàn",
  "100% người dân đủ điều kiện được cấp tài khoản định danh điện tử mức 2",
];

describe("the city", () => {
  it("renders the assistant with its findings as cards", () => {
    const html = pages.city;
    expect(html).toContain("<h1");
    expect(html).toContain("Trợ lý đánh giá");
    expect(html).toContain("Toàn thành phố");
    expect(html).toMatch(/<ol[^>]*>\s*<li id="[a-z0-9-]+"/);
    expect(html).toContain("Cách trợ lý đánh giá");
  });
  it("flags the three goals that will miss their target, with the projected value, and not the goals on course", () => {
    for (const title of [HSSK, PARKING, IHANOI]) expect(pages.city).toContain(goalFlag(title));
    expect(pages.city).toMatch(/dự kiến chỉ đạt [\d.,]+\u00a0(%|tài khoản) vào ngày \d{2}\/\d{2}\/\d{4}/);
    for (const title of ON_COURSE) expect(pages.city).not.toContain(goalFlag(title));
  });
  it("flags stale, at-risk and repeatedly extended tasks and the oldest overdue", () => {
    expect(pages.city).toMatch(/\d+ nhiệm vụ chưa hoàn thành không được cập nhật tiến độ quá 30 ngày\./);
    expect(pages.city).toMatch(/\d+ nhiệm vụ có nguy cơ không hoàn thành đúng hạn/);
    expect(pages.city).toContain("Sở Khoa học và Công nghệ đã được chấp thuận gia hạn");
    expect(pages.city).toMatch(/nhiệm vụ chưa hoàn thành đã phải gia hạn từ 2 lần trở lên/);
    expect(pages.city).toMatch(/\d+ nhiệm vụ đang quá hạn; lâu nhất là “[^”]+”, đã quá hạn \d+ ngày\./);
    // Each finding says why.
    expect((pages.city.match(/<p class="[^"]*">Vì /g) ?? []).length).toBeGreaterThanOrEqual(5);
  });
  it("orders the findings by weight", () => {
    const weights = [...main(pages.city).matchAll(/Trọng số (?:<!-- -->)?([\d.,]+)/g)].map((m) =>
      Number(m[1].replace(/\./g, "").replace(",", ".")),
    );
    expect(weights.length).toBeGreaterThan(3);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });
});

describe("a unit and a program", () => {
  it("SKHCN: its own goals and extensions, compared with the city", () => {
    const html = pages.unit;
    expect(html).toContain("Sở Khoa học và Công nghệ và các đơn vị cấp dưới");
    expect(html).toContain(goalFlag(IHANOI));
    expect(html).toContain("Bình quân thành phố");
    expect(html).toContain("Sở Khoa học và Công nghệ đã được chấp thuận gia hạn");
    // Goals the unit neither leads nor serves are not its findings.
    expect(html).not.toContain(goalFlag(HSSK));
  });
  it("CĐS: the program's goals", () => {
    const html = pages.program;
    expect(html).toContain("Chương trình Chuyển đổi số");
    expect(html).toContain(goalFlag(PARKING));
    expect(html).toContain(goalFlag(IHANOI));
  });
  it("a head and a staff member may read it too; English for the staff member", async () => {
    expect((await head.page("/assistant")).status).toBe(200);
    const en = await staff.page("/assistant?scope=program&program=CDS");
    expect(en.status).toBe(200);
    expect(en.html).toContain("Assessment assistant");
    expect(en.html).toContain("is likely to be missed: on the current trend");
    expect(en.html).toMatch(/Because /);
  });
  it("a unit without tasks gets the reassuring finding", async () => {
    const [hn, admin] = await Promise.all([
      app.db.selectFrom("units").select("id").where("code", "=", "HN").executeTakeFirstOrThrow(),
      app.db.selectFrom("users").select("id").where("email", "=", "admin@roviec.demo").executeTakeFirstOrThrow(),
    ]);
    const created = await createUnit(
      app.db,
      { code: "TL-EMPTY", name: "Phường Thử Nghiệm Trống", kind: "ward", parentId: hn.id },
      { actorUserId: admin.id },
    );
    if (!created.ok) throw new Error("unit not created");
    const page = await committee.page(`/assistant?scope=unit&unit=${created.unit.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Chưa có nhiệm vụ nào được giao trong phạm vi Phường Thử Nghiệm Trống");
    // No units below it: the heading does not promise any.
    expect(page.html).not.toContain("Phường Thử Nghiệm Trống và các đơn vị cấp dưới");
    expect((main(page.html).match(/<li id="all-clear"/g) ?? []).length).toBe(1);
  });
});

describe("links", () => {
  it("every task link resolves", async () => {
    const ids = new Set<string>();
    for (const html of Object.values(pages)) for (const m of main(html).matchAll(/href="\/tasks\/(\d+)"/g)) ids.add(m[1]);
    expect(ids.size).toBeGreaterThan(10);
    for (const id of ids) expect((await committee.get(`/tasks/${id}`)).status, `/tasks/${id}`).toBe(200);
  });
  it("every number linked to the task list equals the list's count", async () => {
    let checked = 0;
    for (const html of Object.values(pages)) {
      for (const m of main(html).matchAll(/<a\b[^>]*href="(\/tasks\?[^"]+)"[^>]*>([\d.]+)<\/a>/g)) {
        const expected = Number(m[2].replace(/\./g, ""));
        const list = await committee.page(decode(m[1]));
        expect(list.status).toBe(200);
        const found = /Tìm thấy (?:<!-- -->)?([\d.]+)(?:<!-- -->)? nhiệm vụ/.exec(list.html);
        expect(found ? Number(found[1].replace(/\./g, "")) : 0, decode(m[1])).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
  it("'show all' lists every task of a long finding, and the picker leads to a scope", async () => {
    const seeAll = /href="([^"]*all=[^"]+)"[^>]*>Xem tất cả (?:<!-- -->)?(\d+)/.exec(pages.city);
    expect(seeAll).not.toBeNull();
    const full = await committee.page(decode(seeAll![1]).split("#")[0]);
    expect(full.status).toBe(200);
    const id = /all=([a-z0-9-]+)/.exec(decode(seeAll![1]))![1];
    const card = full.html.slice(full.html.indexOf(`<li id="${id}"`));
    const list = card.slice(card.indexOf(`id="${id}-tasks"`), card.indexOf("</ul>"));
    expect((list.match(/href="\/tasks\/\d+"/g) ?? []).length).toBe(Number(seeAll![2]));

    const picked = await committee.get(`/assistant?for=unit:${skhcn}`);
    expect(picked.status).toBe(302);
    expect(picked.headers.get("location")).toBe(`/assistant?scope=unit&unit=${skhcn}`);
  });
});

describe("robustness", () => {
  it("is deterministic: two requests give the same page apart from the nonce", async () => {
    const strip = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');
    for (const path of ["/assistant", `/assistant?scope=unit&unit=${skhcn}`, "/assistant?scope=program&program=CDS"]) {
      const [a, b] = [await committee.page(path), await committee.page(path)];
      expect(strip(a.html) === strip(b.html), path).toBe(true);
    }
  });
  it("never a 500 for hostile parameters", async () => {
    const hostile = [
      "?scope=unit&unit=abc",
      "?scope=unit&unit=0",
      "?scope=unit&unit=-1",
      "?scope=unit&unit=1e3",
      "?scope=unit&unit=99999999999999999999",
      "?scope=unit&unit=2147483648",
      "?scope=unit&unit=999999",
      "?scope=unit",
      "?scope=program",
      "?scope=program&program=XYZ",
      "?scope=program&program=%3Cscript%3E",
      "?scope=%3Cscript%3Ealert(1)%3C/script%3E",
      "?scope=city&unit=abc",
      "?scope[]=city",
      "?unit=1&unit=2",
      "?program=CDS&program=DA06",
      "?for=",
      "?for=unit:abc",
      "?for=program:..%2F..",
      "?for=%00",
      `?all=${"x".repeat(5000)}`,
      "?all=%3Cscript%3E",
      "?scope=unit&unit=%00",
    ];
    for (const q of hostile) {
      const r = await committee.get(`/assistant${q}`);
      expect([200, 302, 404], q).toContain(r.status);
      if (r.status === 200) expect(await r.text(), q).not.toContain("<script>alert");
    }
    expect((await committee.get("/assistant?scope=unit&unit=999999")).status).toBe(404);
    expect((await committee.get("/assistant?scope=program&program=XYZ")).status).toBe(404);
  });
  it("asks to sign in first", async () => {
    const r = await app.client().get("/assistant");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fassistant/);
  });
});
