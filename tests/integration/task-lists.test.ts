/**
 * Finding work over HTTP: the task list's filters, sorting and paging, "my tasks", and the unit page,
 * whose every count must equal the total of the list it links to. Hostile query strings never 500.
 * The tasks live in units and under users this file creates, so demo tasks (if any) never disturb it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "../../app/domain/dates";
import { drillDownHref, type RollupCell } from "../../app/domain/drilldown";
import { todayIn } from "../../app/i18n/format";
import { createGoal } from "../../app/models/goal-commands.server";
import { createTask, decideExtension, postProgress, requestExtension } from "../../app/models/task-commands.server";
import { type TaskView } from "../../app/models/task.server";
import { createUnit } from "../../app/models/unit-commands.server";
import { createUser, setUserActive } from "../../app/models/user-commands.server";
import { getUserById } from "../../app/models/user.server";
import { startApp, type Client, type TestApp } from "../support/app";

const PASSWORD = "mat-khau-kiem-thu-2026";
const T = todayIn("Asia/Ho_Chi_Minh", clock.now());

let app: TestApp;
let admin: Client;
let staffClient: Client;
let headClient: Client;
const ids = {} as Record<string, number>;
const task = {} as Record<string, number>;

type Actor = { id: number; role: "admin" | "committee" | "head" | "staff"; unitId: number; active: boolean };
async function actorOf(email: string): Promise<Actor> {
  const u = await app.db
    .selectFrom("users")
    .select(["id", "role", "unit_id", "active"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return { id: u.id, role: u.role, unitId: u.unit_id, active: u.active === 1 };
}

function ok<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`setup failed: ${JSON.stringify(r)}`);
  return r.value;
}

beforeAll(async () => {
  app = await startApp();
  const db = app.db;
  const adminActor = await actorOf("admin@roviec.demo");
  const committee = await actorOf("bcd.pho@roviec.demo");
  const hn = await db.selectFrom("units").select("id").where("code", "=", "HN").executeTakeFirstOrThrow();
  const unitCtx = { actorUserId: adminActor.id };
  const mkUnit = async (code: string, name: string, parentId: number, kind: "department" | "division" = "division") => {
    const r = await createUnit(db, { code, name, kind, parentId }, unitCtx);
    if (!r.ok) throw new Error(`unit ${code}`);
    return r.unit.id;
  };
  ids.R = await mkUnit("TL-ROOT", "Sở Thử nghiệm Danh sách", hn.id, "department");
  ids.C = await mkUnit("TL-CHILD", "Phòng Thử nghiệm Con", ids.R);
  ids.R2 = await mkUnit("TL-PAGING", "Sở Thử nghiệm Phân trang", hn.id, "department");

  const mkUser = async (email: string, fullName: string, role: "head" | "staff", unitId: number) => {
    const r = await createUser(db, { email, fullName, role, unitId }, unitCtx, PASSWORD);
    if (!r.ok) throw new Error(`user ${email}`);
    return r.user.id;
  };
  ids.headR = await mkUser("gd.tl@roviec.test", "Giám đốc Thử Nghiệm", "head", ids.R);
  ids.staffR = await mkUser("cv.tl@roviec.test", "Cán bộ Gốc", "staff", ids.R);
  ids.staffC = await mkUser("cv.tlcon@roviec.test", "Cán bộ Phòng Con", "staff", ids.C);
  ids.leaver = await mkUser("nghi.tl@roviec.test", "Người Đã Nghỉ", "staff", ids.R);
  ids.staffR2 = await mkUser("cv.tl2@roviec.test", "Cán bộ Phân Trang", "staff", ids.R2);

  const goal = ok(
    await createGoal(
      db,
      {
        programCode: "CDS",
        title: "Hồ sơ sức khỏe điện tử cho 100% người dân",
        description: null,
        leadUnitId: ids.R,
        dueDate: addDays(T, 365),
        indicatorName: "Tỷ lệ người dân có hồ sơ",
        indicatorUnit: "%",
        indicatorTarget: 100,
        indicatorBaseline: 40,
      },
      { actor: adminActor },
    ),
  );
  ids.goal = goal.id;

  const base = { deliverable: "Báo cáo kết quả", coordinatingUnitIds: [] as number[] };
  const create = async (
    key: string,
    fields: {
      title: string;
      leadUnitId: number;
      ownerId: number;
      deadline: string;
      programs: Array<"CCHC" | "CDS" | "DA06">;
      goalId?: number;
    },
    opts: { today?: string; issue?: boolean } = {},
  ): Promise<TaskView> => {
    const v = ok(
      await createTask(db, { ...base, ...fields }, { issue: opts.issue ?? true }, { actor: adminActor, today: opts.today ?? T }),
    );
    task[key] = v.id;
    return v;
  };
  await create("health", {
    title: "Triển khai Hồ sơ sức khỏe điện tử",
    leadUnitId: ids.R,
    ownerId: ids.staffR,
    deadline: addDays(T, 30),
    programs: ["CDS"],
    goalId: ids.goal,
  });
  await create("dueToday", {
    title: "Cấp Phiếu lý lịch tư pháp trên VNeID",
    leadUnitId: ids.C,
    ownerId: ids.staffC,
    deadline: T,
    programs: ["DA06"],
  });
  await create(
    "overdue",
    {
      title: "Ứng dụng tìm kiếm và thanh toán đỗ xe không dùng tiền mặt",
      leadUnitId: ids.C,
      ownerId: ids.staffC,
      deadline: addDays(T, -1),
      programs: ["CDS", "CCHC"],
    },
    { today: addDays(T, -40) },
  );
  await create("due7", {
    title: "Rà soát thủ tục hành chính nội bộ",
    leadUnitId: ids.C,
    ownerId: ids.staffC,
    deadline: addDays(T, 7),
    programs: ["CCHC"],
  });
  await create("due8", { title: "Phát triển trạm 5G", leadUnitId: ids.R, ownerId: ids.staffR, deadline: addDays(T, 8), programs: ["CDS"] });
  const onTime = await create("doneOnTime", {
    title: "Đánh giá chỉ số DTI",
    leadUnitId: ids.R,
    ownerId: ids.staffR,
    deadline: addDays(T, 10),
    programs: ["CCHC"],
  });
  const late = await create(
    "doneLate",
    { title: "Xử lý tin giả trên mạng", leadUnitId: ids.R, ownerId: ids.staffR, deadline: addDays(T, -20), programs: ["CDS"] },
    { today: addDays(T, -40) },
  );
  const extended = await create("extended", {
    title: "Nâng cấp Trung tâm dữ liệu chính thành phố",
    leadUnitId: ids.R,
    ownerId: ids.staffR,
    deadline: addDays(T, 5),
    programs: ["CDS"],
  });
  await create("inactiveOwner", {
    title: "Trợ lý ảo cho cán bộ",
    leadUnitId: ids.R,
    ownerId: ids.leaver,
    deadline: addDays(T, 60),
    programs: ["CDS"],
  });
  task.draft = ok(
    await createTask(
      db,
      { title: "Dự thảo ứng dụng iHanoi", leadUnitId: ids.R, programs: [], coordinatingUnitIds: [] },
      { issue: false },
      { actor: adminActor, today: T },
    ),
  ).id;

  const evidence = { url: "https://hanoi.gov.vn/bao-cao" };
  ok(
    await postProgress(
      db,
      onTime.id,
      onTime.version,
      { progress: 100, note: "Xong", complete: true, evidence },
      { actor: adminActor, today: T },
    ),
  );
  ok(
    await postProgress(
      db,
      late.id,
      late.version,
      { progress: 100, note: "Xong muộn", complete: true, evidence },
      { actor: adminActor, today: addDays(T, -10) },
    ),
  );
  const req = ok(
    await requestExtension(db, extended.id, { deadline: addDays(T, 40), reason: "Chờ kinh phí" }, { actor: adminActor, today: T }),
  );
  ok(await decideExtension(db, req.id, { decision: "approve" }, { actor: committee, today: T }));
  const leaver = (await getUserById(db, ids.leaver))!;
  const deactivated = await setUserActive(db, ids.leaver, leaver.version, false, unitCtx);
  if (!deactivated.ok) throw new Error("deactivate");

  for (let i = 1; i <= 52; i++) {
    await create(`page${i}`, {
      title: `Nhiệm vụ phân trang số ${String(i).padStart(2, "0")}`,
      leadUnitId: ids.R2,
      ownerId: ids.staffR2,
      deadline: addDays(T, 10 + i),
      programs: ["CCHC"],
    });
  }

  [admin, staffClient, headClient] = await Promise.all([
    app.signedIn("admin@roviec.demo"),
    app.signedIn("cv.tlcon@roviec.test", PASSWORD),
    app.signedIn("gd.tl@roviec.test", PASSWORD),
  ]);
}, 120_000);
afterAll(() => app?.close());

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** Task ids linked from the page, in order (each task row links its title once, twice on a phone-folded row it does not). */
function taskIds(html: string): number[] {
  const out: number[] = [];
  for (const m of html.matchAll(/href="\/tasks\/(\d+)"/g)) out.push(Number(m[1]));
  return out;
}

async function list(client: Client, query: string) {
  const page = await client.page(`/tasks?${query}`);
  expect(page.status, `/tasks?${query}`).toBe(200);
  const found = /Tìm thấy (\d+) nhiệm vụ/.exec(page.html);
  expect(found, "total shown").not.toBeNull();
  return { html: page.html, ids: taskIds(page.html), total: Number(found![1]) };
}

/** Rows of the list for a query, checking that the count shown equals the rows (when all fit on one page). */
async function rowsFor(query: string, client: Client = admin) {
  const r = await list(client, query);
  if (r.total <= 50) expect(r.ids.length, `rows = count for ${query}`).toBe(r.total);
  return new Set(r.ids);
}

const names = (keys: string[]) => new Set(keys.map((k) => task[k]));
const scopeR = () => `unit=${ids.R}&sub=1`;

describe("the task list's filters", () => {
  it("shows all tasks of a unit and its sub-units, drafts included, with the count", async () => {
    expect(await rowsFor(scopeR())).toEqual(
      names(["health", "dueToday", "overdue", "due7", "due8", "doneOnTime", "doneLate", "extended", "inactiveOwner", "draft"]),
    );
  });

  it("narrows by unit without sub-units", async () => {
    expect(await rowsFor(`unit=${ids.R}`)).toEqual(
      names(["health", "due8", "doneOnTime", "doneLate", "extended", "inactiveOwner", "draft"]),
    );
    expect(await rowsFor(`unit=${ids.C}`)).toEqual(names(["dueToday", "overdue", "due7"]));
  });

  it("narrows by program", async () => {
    expect(await rowsFor(`${scopeR()}&program=DA06`)).toEqual(names(["dueToday"]));
    expect(await rowsFor(`${scopeR()}&program=CCHC`)).toEqual(names(["overdue", "due7", "doneOnTime"]));
  });

  it("narrows by owner", async () => {
    expect(await rowsFor(`owner=${ids.staffC}`)).toEqual(names(["dueToday", "overdue", "due7"]));
  });

  it("offers as owners the people of the filtered unit (not every user of the city), and keeps the chosen one", async () => {
    const ownerOptions = (html: string) => {
      const select = /<select[^>]*id="filter-owner"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1];
      return [...select.matchAll(/<option[^>]*value="(\d+)"/g)].map((m) => Number(m[1]));
    };
    // No unit: nobody listed but the chosen owner, and a hint to choose a unit.
    const none = await list(admin, "");
    expect(ownerOptions(none.html)).toEqual([]);
    expect(none.html).toContain("Chọn đơn vị để liệt kê cán bộ của đơn vị đó.");
    const chosen = await list(admin, `owner=${ids.staffC}`);
    expect(ownerOptions(chosen.html)).toEqual([ids.staffC]);
    // A unit: its own people; with sub-units, those below it too.
    const own = ownerOptions((await list(admin, `unit=${ids.C}`)).html);
    expect(own).toContain(ids.staffC);
    expect(own).not.toContain(ids.staffR);
    const subtree = ownerOptions((await list(admin, scopeR())).html);
    expect(subtree).toEqual(expect.arrayContaining([ids.staffR, ids.staffC, ids.leaver]));
    expect(subtree).not.toContain(ids.staffR2);
  });

  it("narrows by one or several statuses", async () => {
    expect(await rowsFor(`${scopeR()}&status=done`)).toEqual(names(["doneOnTime", "doneLate"]));
    expect(await rowsFor(`${scopeR()}&status=done&status=draft`)).toEqual(names(["doneOnTime", "doneLate", "draft"]));
  });

  it("narrows by standing: the deadline day is due soon, not overdue; day 7 is due soon, day 8 on track", async () => {
    expect(await rowsFor(`${scopeR()}&standing=overdue`)).toEqual(names(["overdue"]));
    expect(await rowsFor(`${scopeR()}&standing=due_soon`)).toEqual(names(["dueToday", "due7"]));
    expect(await rowsFor(`${scopeR()}&standing=on_track`)).toEqual(names(["health", "due8", "extended", "inactiveOwner"]));
    expect(await rowsFor(`${scopeR()}&standing=done_on_time`)).toEqual(names(["doneOnTime"]));
    expect(await rowsFor(`${scopeR()}&standing=done_late`)).toEqual(names(["doneLate"]));
  });

  it("narrows by deadline range, typed as yyyy-mm-dd or dd/mm/yyyy, both ends included", async () => {
    const expected = names(["dueToday", "due7", "due8"]);
    expect(await rowsFor(`${scopeR()}&from=${T}&to=${addDays(T, 8)}`)).toEqual(expected);
    const dmy = (iso: string) => iso.split("-").reverse().join("/");
    expect(await rowsFor(`${scopeR()}&from=${encodeURIComponent(dmy(T))}&to=${encodeURIComponent(dmy(addDays(T, 8)))}`)).toEqual(expected);
    expect(await rowsFor(`${scopeR()}&to=${addDays(T, -1)}`)).toEqual(names(["overdue", "doneLate"]));
  });

  it("ignores a date that is not one, and says so next to the field", async () => {
    const r = await list(admin, `${scopeR()}&from=${encodeURIComponent("31/02/2026")}`);
    expect(new Set(r.ids)).toEqual(await rowsFor(scopeR()));
    expect(r.html).toContain("Ngày không hợp lệ (dd/mm/yyyy): bộ lọc này đang được bỏ qua.");
    expect(r.html).toMatch(/id="filter-from"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="filter-from"/);
    expect(r.html).toContain('value="31/02/2026"');
  });

  it("narrows to extended tasks and shows the extension and the original deadline", async () => {
    const r = await list(admin, `${scopeR()}&extended=1`);
    expect(new Set(r.ids)).toEqual(names(["extended"]));
    expect(r.html).toContain("(gia hạn 1 lần)");
    const dmy = addDays(T, 5).split("-").reverse().join("/");
    expect(r.html).toContain(`ban đầu ${dmy}`);
  });

  it("narrows by goal", async () => {
    expect(await rowsFor(`goal=${ids.goal}`)).toEqual(names(["health"]));
  });

  it("finds text without diacritics or case", async () => {
    expect(await rowsFor(`${scopeR()}&q=${encodeURIComponent("ho so suc khoe")}`)).toEqual(names(["health"]));
    expect(await rowsFor(`${scopeR()}&q=${encodeURIComponent("PHIẾU LÝ LỊCH")}`)).toEqual(names(["dueToday"]));
    expect(await rowsFor(`${scopeR()}&q=${encodeURIComponent("do xe khong dung tien mat")}`)).toEqual(names(["overdue"]));
    // LIKE wildcards are literal.
    expect(await rowsFor(`${scopeR()}&q=${encodeURIComponent("%")}`)).toEqual(new Set());
  });

  it("combines filters", async () => {
    expect(await rowsFor(`${scopeR()}&program=CDS&standing=on_track&owner=${ids.staffR}`)).toEqual(names(["health", "due8", "extended"]));
  });

  it("marks an inactive owner", async () => {
    const r = await list(admin, `${scopeR()}&q=${encodeURIComponent("tro ly ao")}`);
    expect(r.ids).toEqual([task.inactiveOwner]);
    expect(r.html).toContain("Người Đã Nghỉ");
    expect(r.html).toContain("đã nghỉ");
  });

  it("shows an empty state with a way to clear the filters", async () => {
    const r = await list(admin, `${scopeR()}&q=khong-co-nhiem-vu-nao-nhu-vay`);
    expect(r.total).toBe(0);
    expect(r.html).toContain("Không có nhiệm vụ nào phù hợp");
    expect(r.html).toContain('href="/tasks"');
  });
});

describe("sorting and paging", () => {
  it("sorts by deadline either way, and by title", async () => {
    const scope = `unit=${ids.C}`;
    const asc = (await list(admin, `${scope}&sort=deadline`)).ids;
    expect(asc).toEqual([task.overdue, task.dueToday, task.due7]);
    expect((await list(admin, `${scope}&sort=-deadline`)).ids).toEqual([task.due7, task.dueToday, task.overdue]);
    // Titles fold diacritics: "Cấp…", "Rà soát…", "Ứng dụng…".
    expect((await list(admin, `${scope}&sort=title`)).ids).toEqual([task.dueToday, task.due7, task.overdue]);
  });

  it("pages 50 at a time, keeping the filters, and a page past the end shows the last page", async () => {
    const first = await list(admin, `unit=${ids.R2}`);
    expect(first.total).toBe(52);
    expect(first.ids).toHaveLength(50);
    expect(first.html).toContain("Trang 1/2");
    expect(decode(first.html)).toContain(`href="/tasks?unit=${ids.R2}&page=2"`);
    const second = await list(admin, `unit=${ids.R2}&page=2`);
    expect(second.ids).toHaveLength(2);
    expect(new Set([...first.ids, ...second.ids]).size).toBe(52);
    expect(second.ids).toEqual([task.page51, task.page52]);
    const beyond = await list(admin, `unit=${ids.R2}&page=999`);
    expect(beyond.ids).toEqual(second.ids);
  });
});

describe("hostile query strings", () => {
  const hostile = [
    "page=-1",
    "page=abc",
    "page=1e400",
    "unit=abc",
    "unit=-5",
    "unit=99999999999999999999",
    "owner=0",
    "goal=1.5",
    "standing=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "status=%3Cscript%3E&status=done",
    "program=XYZ",
    "sort=%27%3B%20DROP%20TABLE%20tasks%3B--",
    "from=31%2F02%2F2026&to=not-a-date",
    `q=${"x".repeat(5000)}`,
    `q=${encodeURIComponent("'; DROP TABLE tasks; --")}`,
    "q=%00%01",
    "sub=yes&extended=maybe",
  ];
  for (const qs of hostile) {
    it(`never fails on ?${qs.slice(0, 60)}`, async () => {
      const page = await admin.page(`/tasks?${qs}`);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain("<script>alert(1)");
      for (const path of ["/my-tasks", `/units/${ids.R}`, "/goals"]) {
        expect((await admin.page(`${path}?${qs}`)).status).toBe(200);
      }
    });
  }

  it("a unit page for a unit that does not exist, or a bad id, is 404", async () => {
    expect((await admin.page("/units/999999")).status).toBe(404);
    expect((await admin.page("/units/abc")).status).toBe(404);
    expect((await admin.page("/units/0")).status).toBe(404);
    expect((await admin.page(`/units/${"9".repeat(30)}`)).status).toBe(404);
  });

  it("sends a signed-out visitor to sign in", async () => {
    for (const path of ["/tasks", "/my-tasks", `/units/${ids.R}`]) {
      const page = await app.client().page(path);
      expect(page.status).toBe(302);
      expect(page.location).toMatch(/^\/login\?redirectTo=/);
    }
  });
});

describe("buttons by permission", () => {
  it("offers assigning tasks to those who may, and not to staff", async () => {
    const adminPage = await list(admin, "");
    expect(adminPage.html).toContain('href="/tasks/new"');
    expect(adminPage.html).toContain('href="/tasks/cascade"');
    const headPage = await list(headClient, "");
    expect(headPage.html).toContain('href="/tasks/new"');
    const staffPage = await list(staffClient, "");
    expect(staffPage.html).not.toContain('href="/tasks/new"');
    expect(staffPage.html).not.toContain('href="/tasks/cascade"');
  });
});

/** Each count link on the page (a link to /tasks with a standing) with the number it shows. */
function countLinks(html: string) {
  const out: Array<{ href: string; count: number }> = [];
  for (const m of html.matchAll(/<a\b[^>]*?href="(\/tasks\?[^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const href = decode(m[1]);
    if (!href.includes("standing=")) continue;
    const text = m[2].replace(/<[^>]+>/g, " ");
    const n = /\d+/.exec(text);
    if (n) out.push({ href, count: Number(n[0]) });
  }
  return out;
}

describe("my tasks", () => {
  it("shows only the signed-in user's tasks, overdue first, then due soon", async () => {
    const page = await staffClient.page("/my-tasks");
    expect(page.status).toBe(200);
    const shown = taskIds(page.html);
    expect(new Set(shown)).toEqual(names(["dueToday", "overdue", "due7"]));
    expect(shown.indexOf(task.overdue)).toBeLessThan(shown.indexOf(task.dueToday));
    expect(shown.indexOf(task.dueToday)).toBeLessThan(shown.indexOf(task.due7));
    const other = await admin.page("/my-tasks");
    for (const id of shown) expect(taskIds(other.html)).not.toContain(id);
  });

  it("puts done tasks in a collapsed section and counts by standing, each count equal to its list", async () => {
    const client = await app.signedIn("cv.tl@roviec.test", PASSWORD);
    const page = await client.page("/my-tasks");
    expect(page.html).toMatch(/<details[^>]*>(?:(?!<\/details>)[\s\S])*Đã hoàn thành \(2\)/);
    expect(page.html).not.toMatch(/<details[^>]*\bopen\b/);
    const links = countLinks(page.html).filter((l) => l.href.includes(`owner=${ids.staffR}`));
    expect(links.length).toBeGreaterThanOrEqual(5);
    const byStanding = Object.fromEntries(links.map((l) => [new URLSearchParams(l.href.split("?")[1]).get("standing"), l.count]));
    expect(byStanding).toMatchObject({ overdue: 0, due_soon: 0, on_track: 3, done_on_time: 1, done_late: 1 });
    for (const link of links) expect((await list(client, link.href.split("?")[1])).total, link.href).toBe(link.count);
  });

  it("gives heads a link to their unit", async () => {
    const page = await headClient.page("/my-tasks");
    expect(page.html).toContain(`href="/units/${ids.R}"`);
    expect(page.html).toContain("Đơn vị của tôi");
    const staffPage = await staffClient.page("/my-tasks");
    expect(staffPage.html).not.toContain("Đơn vị của tôi");
  });
});

describe("the unit page", () => {
  /** Every count link on the page (to /tasks, the number alone as its text), by its href. */
  function countsByHref(html: string) {
    const out = new Map<string, number>();
    for (const m of html.matchAll(/<a\b[^>]*?href="(\/tasks\?[^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
      const text = m[2].replace(/<[^>]+>/g, "").trim();
      if (/^\d+$/.test(text)) out.set(decode(m[1]), Number(text));
    }
    return out;
  }

  it("counts by the report's categories including sub-units, and each count equals the total of the list it links to", async () => {
    const page = await staffClient.page(`/units/${ids.R}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Sở Thử nghiệm Danh sách");
    expect(page.html).toContain("Thành phố Hà Nội"); // breadcrumb
    const counts = countsByHref(page.html);
    const at = (unitId: number, cell: RollupCell) => counts.get(drillDownHref({ unitId, includeSubunits: true }, cell, T, T));
    // overdue 1; open within deadline 6, of which due soon 2 (the deadline day and day 7); done on time 1, late 1.
    expect([
      at(ids.R, "total"),
      at(ids.R, "overdue"),
      at(ids.R, "openOnTime"),
      at(ids.R, "dueSoon"),
      at(ids.R, "doneOnTime"),
      at(ids.R, "doneLate"),
    ]).toEqual([9, 1, 6, 2, 1, 1]);
    expect([at(ids.R, "overdue:1-30"), at(ids.R, "extended"), at(ids.R, "drafts"), at(ids.R, "cancelled")]).toEqual([1, 1, 1, 0]);
    expect([
      at(ids.C, "total"),
      at(ids.C, "overdue"),
      at(ids.C, "openOnTime"),
      at(ids.C, "dueSoon"),
      at(ids.C, "doneOnTime"),
      at(ids.C, "doneLate"),
    ]).toEqual([3, 1, 2, 2, 0, 0]);
    expect(counts.size).toBeGreaterThanOrEqual(19);
    for (const [href, count] of counts) {
      expect((await list(staffClient, href.split("?")[1])).total, href).toBe(count);
    }
  });

  it("lists the overdue and due-soon tasks of the unit and its sub-units", async () => {
    const page = await admin.page(`/units/${ids.R}`);
    const shown = new Set(taskIds(page.html));
    expect(shown).toEqual(names(["overdue", "dueToday", "due7"]));
  });
});
