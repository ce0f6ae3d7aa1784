/**
 * Goals over HTTP: creating, editing (with a version check) and recording indicator readings, who may
 * do it, and hostile input that must come back as a clear 4xx with nothing changed. The list groups
 * goals by program and its task counts equal the lists they link to.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "../../app/domain/dates";
import { todayIn } from "../../app/i18n/format";
import { createTask, postProgress } from "../../app/models/task-commands.server";
import { snapshot, startApp, type Client, type TestApp } from "../support/app";

const T = todayIn("Asia/Ho_Chi_Minh", clock.now());
const dmy = (iso: string) => iso.split("-").reverse().join("/");

let app: TestApp;
let admin: Client;
let committee: Client;
let head: Client;
let staff: Client;
let unitSKHCN: number;
let unitSYT: number;

beforeAll(async () => {
  app = await startApp();
  [admin, committee, head, staff] = await Promise.all([
    app.signedIn("admin@roviec.demo"),
    app.signedIn("bcd.pho@roviec.demo"),
    app.signedIn("gd.skhcn@roviec.demo"),
    app.signedIn("cv.cds@roviec.demo"),
  ]);
  unitSKHCN = (await app.db.selectFrom("units").select("id").where("code", "=", "SKHCN").executeTakeFirstOrThrow()).id;
  unitSYT = (await app.db.selectFrom("units").select("id").where("code", "=", "SYT").executeTakeFirstOrThrow()).id;
});
afterAll(() => app?.close());

const rows = () => snapshot(app.db, ["goals", "goal_indicator_values", "audit_events"]);

function validGoal(overrides: Record<string, string> = {}) {
  return {
    programCode: "CDS",
    title: "100% hồ sơ sức khỏe điện tử",
    description: "Mỗi người dân có một hồ sơ sức khỏe điện tử.",
    leadUnitId: String(unitSYT),
    dueDate: addDays(T, 200),
    indicatorName: "Tỷ lệ người dân có hồ sơ sức khỏe điện tử",
    indicatorUnit: "%",
    indicatorTarget: "100",
    indicatorBaseline: "40",
    ...overrides,
  };
}

async function createAs(client: Client, fields: Record<string, string>) {
  const response = await client.post("/goals/new", fields);
  expect(response.status, await response.clone().text()).toBe(302);
  const id = Number(/^\/goals\/(\d+)/.exec(response.headers.get("location") ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return app.db.selectFrom("goals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("creating a goal", () => {
  it("the secretariat creates a goal, audited in the same write", async () => {
    const goal = await createAs(admin, validGoal({ indicatorTarget: "99,5" }));
    expect(goal).toMatchObject({
      program_code: "CDS",
      title: "100% hồ sơ sức khỏe điện tử",
      lead_unit_id: unitSYT,
      due_date: addDays(T, 200),
      indicator_target: 99.5,
      indicator_baseline: 40,
      version: 1,
    });
    const audit = await app.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_type", "=", "goal")
      .where("entity_id", "=", String(goal.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["goal.create"]);
    const page = await admin.page(`/goals/${goal.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Đã tạo mục tiêu “100% hồ sơ sức khỏe điện tử”.");
    expect(page.html).toContain("100% hồ sơ sức khỏe điện tử");
    expect(page.html).toContain("Sở Y tế");
    expect(page.html).toContain(dmy(addDays(T, 200)));
  });

  it("committee members may create goals; a date may be typed dd/mm/yyyy; indicator is optional", async () => {
    const goal = await createAs(committee, {
      programCode: "DA06",
      title: "Cấp phiếu lý lịch tư pháp trên VNeID",
      leadUnitId: String(unitSKHCN),
      dueDate: "31/12/2026",
    });
    expect(goal).toMatchObject({ program_code: "DA06", due_date: "2026-12-31", indicator_name: null, indicator_target: null });
  });

  it("heads and staff get 403 on the form and on posting it, and nothing is written", async () => {
    const before = await rows();
    for (const client of [head, staff]) {
      expect((await client.page("/goals/new")).status).toBe(403);
      expect((await client.post("/goals/new", validGoal())).status).toBe(403);
    }
    expect(await rows()).toEqual(before);
  });

  // Built lazily: the unit ids are known only after beforeAll.
  const bad: Array<[string, () => Record<string, string>, RegExp]> = [
    ["everything empty", () => ({ programCode: "", title: "", leadUnitId: "", dueDate: "" }), /Vui lòng nhập trường này/],
    ["a blank title", () => validGoal({ title: "    " }), /Vui lòng nhập trường này/],
    ["a title too long", () => validGoal({ title: "x".repeat(301) }), /Quá dài: tối đa 300 ký tự/],
    ["a description too long", () => validGoal({ description: "x".repeat(5001) }), /Quá dài: tối đa 5000 ký tự/],
    ["31/02/2026", () => validGoal({ dueDate: "31/02/2026" }), /Ngày không hợp lệ/],
    ["2026-13-01", () => validGoal({ dueDate: "2026-13-01" }), /Ngày không hợp lệ/],
    ["a non-numeric target", () => validGoal({ indicatorTarget: "một trăm" }), /Vui lòng nhập một số/],
    ["an infinite target", () => validGoal({ indicatorTarget: "1e999" }), /Vui lòng nhập một số/],
    ["a target without an indicator name", () => validGoal({ indicatorName: "" }), /Nhập tên chỉ tiêu/],
    ["an unknown program", () => validGoal({ programCode: "XYZ" }), /Giá trị không hợp lệ/],
    ["a lead unit that is not a number", () => validGoal({ leadUnitId: "abc" }), /Giá trị không hợp lệ/],
    ["a lead unit that does not exist", () => validGoal({ leadUnitId: "999999" }), /Giá trị không hợp lệ/],
    ["control characters", () => validGoal({ title: "Mục tiêu\u0007" }), /ký tự điều khiển/],
  ];
  for (const [name, fields, message] of bad) {
    it(`refuses ${name} with a clear message and changes nothing`, async () => {
      const before = await rows();
      const response = await admin.post("/goals/new", fields());
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toMatch(message);
      expect(html).toContain('role="alert"');
      if (name !== "everything empty") expect(html).toContain("Vui lòng sửa 1 lỗi sau");
      expect(await rows()).toEqual(before);
    });
  }

  it("a closed unit cannot lead a new goal", async () => {
    const closed = await app.db
      .insertInto("units")
      .values({
        code: "G-CLOSED",
        name: "Đơn vị đã đóng",
        name_folded: "don vi da dong",
        kind: "division",
        parent_id: unitSYT,
        active: 0,
        closed_at: T,
        created_at: T,
        updated_at: T,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const response = await admin.post("/goals/new", validGoal({ leadUnitId: String(closed.id) }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Đơn vị đã đóng.");
  });

  it("renders a hostile title as text and stores SQL metacharacters literally", async () => {
    const xss = await createAs(admin, validGoal({ title: `<script>alert("x")</script><img src=x onerror=alert(1)>` }));
    const page = await admin.page(`/goals/${xss.id}`);
    expect(page.html).not.toContain(`<script>alert("x")`);
    expect(page.html).not.toContain("<img src=x");
    expect(page.html).toContain("&lt;script&gt;");
    const list = await admin.page("/goals");
    expect(list.html).not.toContain(`<script>alert("x")`);

    const sqlTitle = `Robert'); DROP TABLE goals;-- 100% "đạt" _ %`;
    const stored = await createAs(admin, validGoal({ title: sqlTitle, indicatorUnit: "%'--" }));
    expect(stored.title).toBe(sqlTitle);
    expect(stored.indicator_unit).toBe("%'--");
    expect(
      Number(
        (
          await app.db
            .selectFrom("goals")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(1);
  });
});

describe("editing a goal", () => {
  it("saves with the current version and refuses a stale one with 409, overwriting nothing", async () => {
    const goal = await createAs(admin, validGoal({ title: "Mục tiêu để sửa" }));
    const first = await admin.post(`/goals/${goal.id}`, {
      intent: "update",
      version: "1",
      ...validGoal({ title: "Mục tiêu đã sửa lần một" }),
    });
    expect(first.status).toBe(302);
    const afterFirst = await app.db.selectFrom("goals").selectAll().where("id", "=", goal.id).executeTakeFirstOrThrow();
    expect(afterFirst).toMatchObject({ title: "Mục tiêu đã sửa lần một", version: 2 });

    const before = await rows();
    const stale = await committee.post(`/goals/${goal.id}`, { intent: "update", version: "1", ...validGoal({ title: "Bản cũ ghi đè" }) });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Người khác vừa thay đổi bản ghi này");
    // The form now shows what is stored, with the new version.
    expect(html).toContain("Mục tiêu đã sửa lần một");
    expect(html).toMatch(/name="version" value="2"/);
    expect(await rows()).toEqual(before);

    const audit = await app.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("entity_type", "=", "goal")
      .where("entity_id", "=", String(goal.id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["goal.create", "goal.update"]);
    expect(JSON.parse(audit[1].data).changes.title).toEqual({ before: "Mục tiêu để sửa", after: "Mục tiêu đã sửa lần một" });
  });

  it("refuses bad input on edit with 400 and changes nothing", async () => {
    const goal = await createAs(admin, validGoal({ title: "Mục tiêu không đổi" }));
    const before = await rows();
    for (const fields of [validGoal({ dueDate: "31/02/2026" }), validGoal({ title: "" }), validGoal({ indicatorBaseline: "abc" })]) {
      const response = await admin.post(`/goals/${goal.id}`, { intent: "update", version: "1", ...fields });
      expect(response.status).toBe(400);
    }
    for (const version of ["", "abc", "-1", "0"]) {
      const response = await admin.post(`/goals/${goal.id}`, { intent: "update", version, ...validGoal() });
      expect(response.status).toBe(400);
    }
    expect((await admin.post(`/goals/${goal.id}`, { intent: "nonsense" })).status).toBe(400);
    expect(await rows()).toEqual(before);
  });

  it("heads and staff get 403 on edits and readings; the page is still readable to them without the forms", async () => {
    const goal = await createAs(admin, validGoal({ title: "Mục tiêu chỉ đọc" }));
    const before = await rows();
    for (const client of [head, staff]) {
      expect((await client.post(`/goals/${goal.id}`, { intent: "update", version: "1", ...validGoal({ title: "Tự ý sửa" }) })).status).toBe(
        403,
      );
      expect((await client.post(`/goals/${goal.id}`, { intent: "reading", value: "50", asOf: T })).status).toBe(403);
      const page = await client.page(`/goals/${goal.id}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain("Mục tiêu chỉ đọc");
      expect(page.html).not.toContain('value="reading"');
      expect(page.html).not.toContain('value="update"');
    }
    expect(await rows()).toEqual(before);
  });

  it("a goal that does not exist, or a bad id, is 404", async () => {
    for (const path of ["/goals/999999", "/goals/abc", "/goals/0", `/goals/${"9".repeat(30)}`]) {
      expect((await admin.page(path)).status, path).toBe(404);
    }
    expect((await admin.post("/goals/999999", { intent: "reading", value: "1", asOf: T })).status).toBe(404);
  });
});

describe("indicator readings", () => {
  it("records readings; the latest one is the current value on the list and the page", async () => {
    const goal = await createAs(admin, validGoal({ title: "Mục tiêu có số liệu", programCode: "CCHC" }));
    expect(
      (await admin.post(`/goals/${goal.id}`, { intent: "reading", value: "55", asOf: dmy(addDays(T, -30)), note: "Quý trước" })).status,
    ).toBe(302);
    expect((await committee.post(`/goals/${goal.id}`, { intent: "reading", value: "62,5", asOf: addDays(T, -1) })).status).toBe(302);
    const readings = await app.db.selectFrom("goal_indicator_values").selectAll().where("goal_id", "=", goal.id).orderBy("as_of").execute();
    expect(readings.map((r) => [r.value, r.as_of])).toEqual([
      [55, addDays(T, -30)],
      [62.5, addDays(T, -1)],
    ]);
    const audit = await app.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "goal")
      .where("entity_id", "=", String(goal.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["goal.create", "goal.reading", "goal.reading"]);

    const page = await admin.page(`/goals/${goal.id}`);
    expect(page.html).toContain("62,5%");
    expect(page.html).toContain(dmy(addDays(T, -30)));
    const list = await admin.page("/goals?program=CCHC");
    expect(list.html).toContain("Mục tiêu có số liệu");
    expect(list.html).toContain("62,5%");
  });

  it("refuses bad readings with 400 and changes nothing", async () => {
    const goal = await createAs(admin, validGoal({ title: "Mục tiêu số liệu sai" }));
    const noIndicator = await createAs(admin, {
      programCode: "CDS",
      title: "Không có chỉ tiêu",
      leadUnitId: String(unitSYT),
      dueDate: addDays(T, 30),
    });
    const before = await rows();
    const cases: Array<[number, Record<string, string>, RegExp]> = [
      [goal.id, { intent: "reading", value: "", asOf: T }, /Vui lòng nhập trường này/],
      [goal.id, { intent: "reading", value: "nhiều", asOf: T }, /Vui lòng nhập một số/],
      [goal.id, { intent: "reading", value: "10", asOf: "31/02/2026" }, /Ngày không hợp lệ/],
      [goal.id, { intent: "reading", value: "10", asOf: addDays(T, 1) }, /không được sau hôm nay/],
      [goal.id, { intent: "reading", value: "10", asOf: T, note: "x".repeat(501) }, /Quá dài/],
      [noIndicator.id, { intent: "reading", value: "10", asOf: T }, /chưa có chỉ tiêu/],
    ];
    for (const [id, fields, message] of cases) {
      const response = await admin.post(`/goals/${id}`, fields);
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(await response.text()).toMatch(message);
    }
    expect(await rows()).toEqual(before);
  });
});

describe("the goal list", () => {
  it("groups goals by program and shows done/total linked tasks; each number equals the list it links to", async () => {
    const goal = await createAs(admin, validGoal({ title: "Mục tiêu có nhiệm vụ", programCode: "DA06" }));
    const adminActor = await app.db
      .selectFrom("users")
      .select(["id", "role", "unit_id", "active"])
      .where("email", "=", "admin@roviec.demo")
      .executeTakeFirstOrThrow();
    const actor = { id: adminActor.id, role: adminActor.role, unitId: adminActor.unit_id, active: true };
    const owner = (await app.db.selectFrom("users").select("id").where("email", "=", "cv.syt@roviec.demo").executeTakeFirstOrThrow()).id;
    const fields = (title: string) => ({
      title,
      ownerId: owner,
      leadUnitId: unitSYT,
      deadline: addDays(T, 20),
      deliverable: "Báo cáo",
      programs: ["DA06" as const],
      coordinatingUnitIds: [],
      goalId: goal.id,
    });
    const made = [];
    for (const title of ["Nhiệm vụ A", "Nhiệm vụ B", "Nhiệm vụ C"]) {
      const r = await createTask(app.db, fields(title), { issue: true }, { actor, today: T });
      if (!r.ok) throw new Error("setup");
      made.push(r.value);
    }
    const done = await postProgress(
      app.db,
      made[0].id,
      made[0].version,
      { progress: 100, note: "Xong", complete: true, evidence: { url: "https://hanoi.gov.vn/x" } },
      { actor, today: T },
    );
    expect(done.ok).toBe(true);
    // A draft is not issued and does not count.
    await createTask(
      app.db,
      { title: "Dự thảo", goalId: goal.id, programs: [], coordinatingUnitIds: [] },
      { issue: false },
      { actor, today: T },
    );

    const page = await staff.page("/goals");
    expect(page.status).toBe(200);
    // Groups in program order.
    const order = ["CCHC", "CĐS", "ĐA06"].map((p) => page.html.indexOf(`>${p}</span><span>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const links = [...page.html.matchAll(/href="(\/tasks\?goal=(\d+)[^"]*)"[^>]*>(\d+)<\/a>/g)].filter((m) => Number(m[2]) === goal.id);
    const numbers = links.map((m) => Number(m[3]));
    expect(numbers).toEqual([1, 3]);
    for (const m of links) {
      const href = m[1].replace(/&amp;/g, "&");
      const listPage = await staff.page(href);
      // cv.cds reads English.
      expect(Number(/Tasks found: (\d+)/.exec(listPage.html)?.[1]), href).toBe(Number(m[3]));
    }

    const goalPage = await admin.page(`/goals/${goal.id}`);
    for (const t of made) expect(goalPage.html).toContain(`href="/tasks/${t.id}"`);
    expect(goalPage.html).toContain("3 nhiệm vụ đã giao");
  });

  it("ignores an unknown program filter, and shows the new-goal button only to those who may", async () => {
    expect((await staff.page("/goals?program=%3Cscript%3E")).status).toBe(200);
    expect((await admin.page("/goals")).html).toContain('href="/goals/new"');
    expect((await staff.page("/goals")).html).not.toContain('href="/goals/new"');
    expect((await head.page("/goals")).html).not.toContain('href="/goals/new"');
  });
});
