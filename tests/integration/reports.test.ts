/**
 * Rollups the committee trusts, over HTTP on a copy of the demo data:
 *   - GET /api/v1/rollups: the contract's shape, by unit / program / goal, sub-units in or out, its errors;
 *   - the API's numbers are the pages' numbers (the unit page and the printable report, same scope and date);
 *   - reproducibility: the report and the API for a past date (the 25th of last month) are the same after
 *     tasks change (progress, completion, an approved extension, a cancellation, a new task), and equal a
 *     fresh computation straight from task_states;
 *   - every count on the unit page and the report links to a task list of exactly that many rows;
 *   - the printable report: administrative header, A4 @page rule, no app chrome on paper;
 *   - the report builder's date and scope checks; the goal page's indicator chart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays, startOfDayUtc } from "~/domain/dates";
import { drillDownHref, ROLLUP_CELLS, type RollupCell, type RollupScope } from "~/domain/drilldown";
import { addTo, classify, emptyNumbers, finish, type RollupNumbers } from "~/domain/rollup";
import type { TaskStatus } from "~/domain/task-rules";
import { todayIn } from "~/i18n/format";
import { createApiToken } from "~/models/api-token.server";
import { computeRollup } from "~/models/rollup.server";
import {
  changeStatusWithReason,
  createTask,
  decideExtension,
  postProgress,
  requestExtension,
  type TaskContext,
} from "~/models/task-commands.server";
import { startApp, type Client, type TestApp } from "../support/app";

const TZ = "Asia/Ho_Chi_Minh";
const T = todayIn(TZ, clock.now());
/** The 25th of last month: the cut-off of the last monthly report. */
const PAST = (() => {
  const [y, m] = T.split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 25)).toISOString().slice(0, 10);
})();
const dmy = (iso: string) => iso.split("-").reverse().join("/");

const CONTRACT_KEYS = [
  "key",
  "name",
  "total",
  "doneOnTime",
  "doneLate",
  "openOnTime",
  "dueSoon",
  "overdue",
  "overdueByAge",
  "extended",
  "drafts",
  "cancelled",
  "shareOverdue",
  "shareDoneOnTime",
];
/** The cells a table row of the unit page shows. */
const ROW_CELLS: RollupCell[] = ["total", "doneOnTime", "doneLate", "openOnTime", "dueSoon", "overdue"];
/** The cells a row of the printed table shows. */
const PRINT_ROW_CELLS: RollupCell[] = [...ROW_CELLS, "overdue:1-30", "overdue:31-60", "overdue:61-120", "overdue:120+"];
/** Cells judged from issued tasks only (drafts may lack a lead unit, so a city's draft count differs by unit). */
const JUDGED_CELLS = ROLLUP_CELLS.filter((c) => c !== "drafts");

let app: TestApp;
let admin: Client;
const tokens = {} as Record<"admin" | "staff", string>;
const unit = {} as Record<"HN" | "SKHCN" | "CDS", number>;
let parentOf = new Map<number, number | null>();
let activeUnits = new Set<number>();
let adminCtx: TaskContext;
let committeeCtx: TaskContext;

interface Item extends RollupNumbers {
  key: string;
  name: string;
}

async function actorOf(email: string) {
  const u = await app.db
    .selectFrom("users")
    .select(["id", "role", "unit_id", "active"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return { id: u.id, role: u.role, unitId: u.unit_id, active: u.active === 1 };
}

function ok<V>(r: { ok: true; value: V } | { ok: false }): V {
  if (!r.ok) throw new Error(`setup failed: ${JSON.stringify(r)}`);
  return r.value;
}

beforeAll(async () => {
  app = await startApp();
  const codes = await app.db.selectFrom("units").select(["id", "code", "parent_id", "active"]).execute();
  parentOf = new Map(codes.map((u) => [u.id, u.parent_id]));
  activeUnits = new Set(codes.filter((u) => u.active === 1).map((u) => u.id));
  const idOf = (code: string) => codes.find((u) => u.code === code)!.id;
  Object.assign(unit, { HN: idOf("HN"), SKHCN: idOf("SKHCN"), CDS: idOf("SKHCN-CDS") });
  const adminActor = await actorOf("admin@roviec.demo");
  adminCtx = { actor: adminActor, today: T };
  committeeCtx = { actor: await actorOf("bcd.pho@roviec.demo"), today: T };
  tokens.admin = (await createApiToken(app.db, { userId: adminActor.id, name: "reports" }, { actorUserId: adminActor.id })).token;
  const staff = await actorOf("cv.cds@roviec.demo");
  tokens.staff = (await createApiToken(app.db, { userId: staff.id, name: "reports" }, { actorUserId: staff.id })).token;
  // A task led by a division, so that a department's own figures differ from its subtree's.
  ok(
    await createTask(
      app.db,
      {
        title: "Số hóa hồ sơ lưu trữ của Phòng Chuyển đổi số",
        leadUnitId: unit.CDS,
        ownerId: staff.id,
        deadline: addDays(T, 20),
        deliverable: "Kho hồ sơ số",
        programs: ["CDS"],
        coordinatingUnitIds: [],
      },
      { issue: true },
      adminCtx,
    ),
  );
  admin = await app.signedIn("admin@roviec.demo");
}, 120_000);
afterAll(() => app?.close());

// ------------------------------------------------------------------------------------------------
// Helpers

async function api(pathname: string, token: string | null = tokens.admin) {
  const response = await fetch(new URL(pathname, app.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function items(query: string): Promise<Item[]> {
  const r = await api(`/api/v1/rollups?${query}`);
  expect(r.status, query).toBe(200);
  return r.body.items;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** Every count link of a page (to /tasks, the number alone as its text): href → the numbers shown. */
function countLinks(html: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of html.matchAll(/<a\b[^>]*?href="(\/tasks\?[^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const text = m[2].replace(/<[^>]+>/g, "").trim();
    if (!/^\d{1,3}(\.\d{3})*$/.test(text)) continue;
    const href = decode(m[1]);
    out.set(href, [...(out.get(href) ?? []), Number(text.replace(/\./g, ""))]);
  }
  return out;
}

function valueOf(numbers: RollupNumbers, cell: RollupCell): number {
  if (cell.startsWith("overdue:")) return numbers.overdueByAge[cell.slice("overdue:".length) as keyof RollupNumbers["overdueByAge"]];
  return numbers[cell as Exclude<RollupCell, `overdue:${string}`>];
}

/** The page shows, for `scope`, each of `cells` with the API's value (and only that value). */
function expectShown(
  links: Map<string, number[]>,
  scope: RollupScope,
  numbers: RollupNumbers,
  cells: readonly RollupCell[],
  asOf: string,
  what: string,
) {
  for (const cell of cells) {
    const href = drillDownHref(scope, cell, asOf, T);
    const shown = links.get(href);
    expect(shown, `${what}: ${cell} (${href}) is on the page`).toBeDefined();
    for (const n of shown!) expect(n, `${what}: ${cell}`).toBe(valueOf(numbers, cell));
  }
}

async function page(pathname: string, client: Client = admin) {
  const p = await client.page(pathname);
  expect(p.status, pathname).toBe(200);
  return p.html;
}

async function listTotal(href: string): Promise<number> {
  const html = await page(href);
  const found = /Tìm thấy (\d+) nhiệm vụ/.exec(html);
  expect(found, `the list ${href} shows its count`).not.toBeNull();
  return Number(found![1]);
}

/** The open units directly below a unit. */
const childrenOf = (id: number) => [...parentOf].filter(([c, p]) => p === id && activeUnits.has(c)).map(([c]) => c);
const shareText = (share: number) =>
  `${new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.round(share * 1000) / 10)}\u00a0%`;

// ------------------------------------------------------------------------------------------------

describe("GET /api/v1/rollups", () => {
  it("answers 401 without a token, or with an unknown one, in the API's error shape", async () => {
    for (const token of [null, "rv_not-a-real-token"]) {
      const r = await api("/api/v1/rollups?by=unit", token);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: "unauthorized", error: expect.any(String) });
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("gives the contract's fields by unit (the default), program and goal, to every signed-in role", async () => {
    const byUnit = await api("/api/v1/rollups");
    expect(byUnit.status).toBe(200);
    expect(byUnit.body.asOf).toBe(T);
    expect(Object.keys(byUnit.body)).toEqual(["asOf", "items"]);
    for (const item of byUnit.body.items as Item[]) {
      expect(Object.keys(item)).toEqual(CONTRACT_KEYS);
      expect(Object.keys(item.overdueByAge)).toEqual(["1-30", "31-60", "61-120", "120+"]);
      expect(item.total).toBe(item.doneOnTime + item.doneLate + item.openOnTime + item.overdue);
      expect(item.overdue).toBe(Object.values(item.overdueByAge).reduce((a, b) => a + b, 0));
      expect(item.shareOverdue).toBe(item.total ? Math.round((item.overdue / item.total) * 10_000) / 10_000 : 0);
      expect(item.shareDoneOnTime).toBe(item.total ? Math.round((item.doneOnTime / item.total) * 10_000) / 10_000 : 0);
    }
    const city = (byUnit.body.items as Item[]).find((i) => i.key === String(unit.HN))!;
    expect(city.name).toBe("Thành phố Hà Nội");

    const programs = await items(`by=program&asOf=${PAST}`);
    expect(programs.map((p) => p.key)).toEqual(["CCHC", "CDS", "DA06"]);
    expect(programs.map((p) => p.name)).toEqual(["Cải cách hành chính", "Chuyển đổi số", "Đề án 06"]);
    const goals = await items(`by=goal&asOf=${PAST}`);
    const goalCount = (
      await app.db
        .selectFrom("goals")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    expect(goals).toHaveLength(Number(goalCount));
    expect(goals.some((g) => g.total > 0)).toBe(true);

    // Staff read rollups too; names come in the token user's language (cv.cds reads English).
    const staff = await api(`/api/v1/rollups?by=program&asOf=${PAST}`, tokens.staff);
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((p: Item) => p.name)).toEqual([
      "Administrative reform",
      "Digital transformation",
      "Project 06 (population data, e-ID)",
    ]);
    expect(staff.body.items.map((p: Item) => p.total)).toEqual(programs.map((p) => p.total));
  });

  it("with unitId gives the unit and the units below it; includeSubunits=false counts each unit's own tasks only", async () => {
    for (const [asOf, unitId] of [
      [PAST, unit.HN],
      [T, unit.SKHCN],
    ] as const) {
      const withSub = await items(`by=unit&unitId=${unitId}&asOf=${asOf}`);
      const own = await items(`by=unit&unitId=${unitId}&asOf=${asOf}&includeSubunits=false`);
      const whole = withSub.find((i) => i.key === String(unitId))!;
      const itself = own.find((i) => i.key === String(unitId))!;
      expect(whole.total, `${unitId} as of ${asOf}`).toBeGreaterThan(itself.total);
      // Lead units: every task counts once among the own-tasks rows, so they add up to the subtree.
      for (const field of ["total", "doneOnTime", "doneLate", "openOnTime", "dueSoon", "overdue", "drafts", "cancelled"] as const) {
        expect(
          own.reduce((sum, i) => sum + i[field], 0),
          field,
        ).toBe(whole[field]);
      }
      // Every unit listed is the unit or below it.
      for (const i of withSub) {
        let at: number | null = Number(i.key);
        while (at !== null && at !== unitId) at = parentOf.get(at) ?? null;
        expect(at, `${i.name} is within the scope`).toBe(unitId);
      }
    }
    // The division's task: in the department's subtree, not in its own tasks.
    const cds = (await items(`by=unit&unitId=${unit.SKHCN}&includeSubunits=false`)).find((i) => i.key === String(unit.CDS));
    expect(cds?.total).toBe(1);
  });

  it("refuses a bad by, asOf, unitId or includeSubunits with 422 and the field named; other methods with 405", async () => {
    const cases: Array<[string, string]> = [
      ["by=city", "by"],
      ["by=", "by"],
      ["asOf=25/10/2026", "asOf"],
      ["asOf=2026-02-30", "asOf"],
      [`asOf=${addDays(T, 1)}`, "asOf"],
      ["unitId=abc", "unitId"],
      ["unitId=0", "unitId"],
      ["unitId=99999999999", "unitId"],
      ["unitId=999999", "unitId"],
      [`by=program&unitId=${unit.HN}`, "unitId"],
      ["includeSubunits=yes", "includeSubunits"],
    ];
    for (const [query, field] of cases) {
      const r = await api(`/api/v1/rollups?${query}`);
      if (query === "by=") {
        // An empty value counts as absent: the default.
        expect(r.status).toBe(200);
        continue;
      }
      expect(r.status, query).toBe(422);
      expect(r.body.code).toBe("invalid");
      expect(typeof r.body.error).toBe("string");
      expect(Object.keys(r.body.errors), query).toEqual([field]);
      expect(r.body.errors[field][0], query).toMatch(/\S/);
    }
    const post = await fetch(new URL("/api/v1/rollups", app.url), {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });
});

describe("the API's numbers are the pages' numbers", () => {
  for (const asOf of [PAST, T]) {
    it(`on the unit page, with and without sub-units, as of ${asOf === T ? "today" : "the 25th of last month"}`, async () => {
      // A department with its divisions.
      const withSub = await items(`by=unit&unitId=${unit.SKHCN}&asOf=${asOf}`);
      let links = countLinks(await page(`/units/${unit.SKHCN}?asOf=${asOf}`));
      const head = withSub.find((i) => i.key === String(unit.SKHCN))!;
      expectShown(links, { unitId: unit.SKHCN, includeSubunits: true }, head, ROLLUP_CELLS, asOf, "SKHCN");
      for (const child of childrenOf(unit.SKHCN)) {
        const item = withSub.find((i) => i.key === String(child)) ?? { ...emptyNumbers(), key: String(child), name: "" };
        expectShown(links, { unitId: child, includeSubunits: true }, item, ROW_CELLS, asOf, `child ${child}`);
      }
      // The city, its own tasks and every unit's own tasks.
      const own = await items(`by=unit&unitId=${unit.HN}&asOf=${asOf}&includeSubunits=false`);
      const html = await page(`/units/${unit.HN}?asOf=${dmy(asOf)}&own=1`);
      links = countLinks(html);
      for (const item of own) {
        const cells = item.key === String(unit.HN) ? ROLLUP_CELLS : ROW_CELLS;
        expectShown(links, { unitId: Number(item.key), includeSubunits: false }, item, cells, asOf, item.name);
      }
      // Shares as the page prints them.
      const city = own.find((i) => i.key === String(unit.HN))!;
      expect(html).toContain(shareText(city.shareOverdue));
      expect(html).toContain(shareText(city.shareDoneOnTime));
    });
  }

  it("on the printable report for a unit, the city and a program", async () => {
    // A unit with its sub-units: the headline and total row are the unit's subtree; rows are the units below it and its own tasks.
    const withSub = await items(`by=unit&unitId=${unit.HN}&asOf=${PAST}`);
    const own = await items(`by=unit&unitId=${unit.HN}&asOf=${PAST}&includeSubunits=false`);
    let links = countLinks(await page(`/reports/print?asOf=${PAST}&unit=${unit.HN}&sub=1&role=lead`));
    const hn = withSub.find((i) => i.key === String(unit.HN))!;
    expectShown(links, { unitId: unit.HN, includeSubunits: true, coordinating: false }, hn, ROLLUP_CELLS, PAST, "headline");
    const rows = withSub.filter((i) => parentOf.get(Number(i.key)) === unit.HN && i.total > 0);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows)
      expectShown(links, { unitId: Number(row.key), includeSubunits: true, coordinating: false }, row, PRINT_ROW_CELLS, PAST, row.name);
    expectShown(
      links,
      { unitId: unit.HN, includeSubunits: false, coordinating: false },
      own.find((i) => i.key === String(unit.HN))!,
      PRINT_ROW_CELLS,
      PAST,
      "the city's own tasks",
    );

    // The whole city: the same rows (drafts apart: a draft may have no lead unit yet).
    const city = await items(`by=unit&asOf=${PAST}`);
    links = countLinks(await page(`/reports/print?asOf=${PAST}`));
    expectShown(
      links,
      {},
      city.find((i) => i.key === String(unit.HN))!,
      JUDGED_CELLS,
      PAST,
      "city headline",
    );
    for (const row of city.filter((i) => parentOf.get(Number(i.key)) === unit.HN && i.total > 0)) {
      expectShown(links, { unitId: Number(row.key), includeSubunits: true }, row, PRINT_ROW_CELLS, PAST, row.name);
    }

    // A program.
    const cds = (await items(`by=program&asOf=${PAST}`)).find((p) => p.key === "CDS")!;
    links = countLinks(await page(`/reports/print?asOf=${PAST}&program=CDS`));
    expectShown(links, { program: "CDS" }, cds, ROLLUP_CELLS, PAST, "CĐS");

    // Own tasks only: one row, the unit's own.
    const skhcnOwn = (await items(`by=unit&unitId=${unit.SKHCN}&asOf=${PAST}&includeSubunits=false`)).find(
      (i) => i.key === String(unit.SKHCN),
    )!;
    links = countLinks(await page(`/reports/print?asOf=${PAST}&unit=${unit.SKHCN}&sub=0&role=lead`));
    expectShown(links, { unitId: unit.SKHCN, includeSubunits: false, coordinating: false }, skhcnOwn, ROLLUP_CELLS, PAST, "SKHCN own");
  });
});

/** The parts of the printed report that carry figures (the production time is outside them). */
function reportSections(html: string) {
  return ["report-figures", "report-units", "report-overdue"].map((id) => {
    const m = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html);
    expect(m, id).not.toBeNull();
    return m![0];
  });
}

/** The overdue list of a printed report: [task id, days overdue] in order. */
function overdueList(html: string) {
  const section = reportSections(html)[2];
  return [...section.matchAll(/href="\/tasks\/(\d+)"[\s\S]*?<\/tr>/g)].map((m) => {
    const cells = [...m[0].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]);
    return [Number(m[1]), ...cells];
  });
}

describe("a report for a past date is reproducible", () => {
  it("gives identical numbers and an identical overdue list after tasks change, equal to a fresh computation from task_states", async () => {
    const reportPaths = [
      `/reports/print?asOf=${PAST}`,
      `/reports/print?asOf=${PAST}&unit=${unit.SKHCN}&sub=1&role=lead`,
      `/reports/print?asOf=${PAST}&unit=${unit.SKHCN}&sub=1&role=coordinating`,
      `/reports/print?asOf=${PAST}&program=CDS`,
    ];
    const apiQueries = [
      `by=unit&asOf=${PAST}`,
      `by=unit&unitId=${unit.SKHCN}&asOf=${PAST}`,
      `by=unit&unitId=${unit.HN}&asOf=${PAST}&includeSubunits=false`,
      `by=program&asOf=${PAST}`,
      `by=goal&asOf=${PAST}`,
    ];
    const snapshot = async () => ({
      reports: await Promise.all(reportPaths.map(async (p) => reportSections(await page(p)))),
      overdue: overdueList(await page(reportPaths[1])),
      apis: await Promise.all(apiQueries.map((q) => items(q))),
      unitPage: [...countLinks(await page(`/units/${unit.SKHCN}?asOf=${PAST}`))],
    });
    const before = await snapshot();
    const todayBefore = await items(`by=unit&unitId=${unit.SKHCN}`);
    expect(before.overdue.length).toBeGreaterThan(0);

    // Change tasks of the department that were open on the date, through the model, as people would.
    const skhcnUnits = [unit.SKHCN, ...childrenOf(unit.SKHCN)];
    const open = await app.db
      .selectFrom("tasks")
      .select(["id", "version", "deadline"])
      .where("lead_unit_id", "in", skhcnUnits)
      .where("status", "in", ["not_started", "in_progress"])
      .where("issued_at", "<", startOfDayUtc(PAST, TZ).toISOString())
      // Never extended, so that today's "extended" moves by exactly the one approved below.
      .where("extension_count", "=", 0)
      .orderBy("deadline")
      .execute();
    const overdueThen = open.filter((t) => t.deadline! < PAST);
    const stillRunning = open.filter((t) => t.deadline! > T);
    expect(overdueThen.length).toBeGreaterThanOrEqual(3);
    expect(stillRunning.length).toBeGreaterThanOrEqual(1);
    const [toComplete, toProgress, toCancel] = overdueThen;
    const toExtend = stillRunning[0];
    ok(
      await postProgress(app.db, toProgress.id, toProgress.version, { progress: 90, note: "Đã hoàn thành phần lớn khối lượng" }, adminCtx),
    );
    ok(
      await postProgress(
        app.db,
        toComplete.id,
        toComplete.version,
        { progress: 100, note: "Hoàn thành", complete: true, evidence: { url: "https://hanoi.gov.vn/bao-cao-ket-qua" } },
        adminCtx,
      ),
    );
    const request = ok(
      await requestExtension(app.db, toExtend.id, { deadline: addDays(toExtend.deadline!, 60), reason: "Chờ bố trí kinh phí" }, adminCtx),
    );
    ok(await decideExtension(app.db, request.id, { decision: "approve" }, committeeCtx));
    ok(
      await changeStatusWithReason(
        app.db,
        toCancel.id,
        toCancel.version,
        { to: "cancelled", reason: "Không còn phù hợp sau sắp xếp bộ máy" },
        adminCtx,
      ),
    );
    ok(
      await createTask(
        app.db,
        {
          title: "Rà soát dữ liệu dân cư phục vụ cấp phiếu lý lịch tư pháp",
          leadUnitId: unit.SKHCN,
          ownerId: (await actorOf("gd.skhcn@roviec.demo")).id,
          deadline: addDays(T, 15),
          deliverable: "Báo cáo rà soát",
          programs: ["DA06"],
          coordinatingUnitIds: [],
        },
        { issue: true },
        adminCtx,
      ),
    );

    // Today's figures moved …
    const todayAfter = await items(`by=unit&unitId=${unit.SKHCN}`);
    const skhcnToday = (list: Item[]) => list.find((i) => i.key === String(unit.SKHCN))!;
    expect(skhcnToday(todayAfter).cancelled).toBe(skhcnToday(todayBefore).cancelled + 1);
    expect(skhcnToday(todayAfter).doneLate).toBe(skhcnToday(todayBefore).doneLate + 1);
    expect(skhcnToday(todayAfter).extended).toBe(skhcnToday(todayBefore).extended + 1);
    // … the past date's did not: report, overdue list, API and unit page.
    const after = await snapshot();
    expect(after.overdue).toEqual(before.overdue);
    expect(after.overdue.map((o) => o[0])).toEqual(expect.arrayContaining([toComplete.id, toProgress.id, toCancel.id]));
    for (let i = 0; i < reportPaths.length; i++) expect(after.reports[i], reportPaths[i]).toEqual(before.reports[i]);
    expect(after.apis).toEqual(before.apis);
    expect(after.unitPage).toEqual(before.unitPage);

    // A fresh computation (this process has no cache) from task_states equals what the server answered.
    for (const [i, query] of apiQueries.entries()) {
      const q = new URLSearchParams(query);
      const fresh = await computeRollup(
        app.db,
        {
          by: q.get("by") as "unit" | "program" | "goal",
          asOf: PAST,
          unitId: q.get("unitId") ? Number(q.get("unitId")) : undefined,
          includeSubunits: q.get("includeSubunits") !== "false",
          lang: "vi",
        },
        T,
        TZ,
      );
      expect(
        fresh.items.map(({ parentKey: _p, depth: _d, ...rest }) => rest),
        query,
      ).toEqual(before.apis[i]);
    }

    // And independently of the rollup model: the state rows in force at the end of the date, classified.
    const cutoff = startOfDayUtc(addDays(PAST, 1), TZ).toISOString();
    const states = await app.db
      .selectFrom("task_states")
      .select(["status", "deadline", "completed_on", "extension_count"])
      .where(
        "id",
        "in",
        app.db
          .selectFrom("task_states")
          .select((eb) => eb.fn.max("id").as("id"))
          .where("valid_from", "<", cutoff)
          .groupBy("task_id"),
      )
      .execute();
    const city = emptyNumbers();
    for (const s of states)
      addTo(
        city,
        classify(
          { status: s.status as TaskStatus, deadline: s.deadline, completedOn: s.completed_on, extensionCount: s.extension_count },
          PAST,
        ),
        s.extension_count,
      );
    const links = countLinks((await page(reportPaths[0])) as string);
    expectShown(links, {}, finish(city), ROLLUP_CELLS, PAST, "city, from task_states");
  }, 120_000);
});

describe("every count links to a list of exactly that many tasks", () => {
  const checked = new Map<string, number>();
  async function expectListsMatch(pathname: string, minimum: number) {
    const links = countLinks(await page(pathname));
    expect(links.size, `${pathname} has count links`).toBeGreaterThanOrEqual(minimum);
    for (const [href, shown] of links) {
      if (!checked.has(href)) checked.set(href, await listTotal(href));
      for (const n of shown) expect(n, `${pathname}: ${href}`).toBe(checked.get(href));
    }
  }

  it("on the unit page: sub-units in or out, lead or coordinating, today or a past date", async () => {
    await expectListsMatch(`/units/${unit.SKHCN}`, 13 + 6);
    await expectListsMatch(`/units/${unit.SKHCN}?asOf=${dmy(PAST)}&own=1`, 13);
    await expectListsMatch(`/units/${unit.SKHCN}?role=coordinating`, 13);
    await expectListsMatch(`/units/${unit.HN}?asOf=${PAST}`, 13 + 6 * 20);
  }, 180_000);

  it("on the printable report: the city, a unit as coordinating unit, and a program", async () => {
    await expectListsMatch(`/reports/print?asOf=${PAST}`, 13);
    await expectListsMatch(`/reports/print?asOf=${PAST}&unit=${unit.SKHCN}&sub=1&role=coordinating`, 13);
    await expectListsMatch(`/reports/print?asOf=${PAST}&program=DA06`, 13);
  }, 180_000);

  it("the overdue list of the report holds as many tasks as the overdue count", async () => {
    for (const [query, scope] of [
      [`asOf=${PAST}`, {}],
      [`asOf=${PAST}&unit=${unit.SKHCN}&sub=1&role=lead`, { unitId: unit.SKHCN, includeSubunits: true, coordinating: false }],
      [`asOf=${PAST}&program=CDS`, { program: "CDS" }],
    ] as Array<[string, RollupScope]>) {
      const html = await page(`/reports/print?${query}`);
      const overdue = countLinks(html).get(drillDownHref(scope, "overdue", PAST, T))![0];
      expect(overdueList(html), query).toHaveLength(overdue);
    }
  });
});

describe("the printable report", () => {
  it("has the administrative header, the date and the scope", async () => {
    const html = await page(`/reports/print?asOf=${PAST}&unit=${unit.SKHCN}&sub=1&role=lead`);
    const text = decode(html.replace(/<br\/?>/g, " ").replace(/<[^>]+>/g, "")).replace(/\s+/g, " ");
    expect(text).toContain("BAN CHỈ ĐẠO CCHC, CĐS VÀ ĐỀ ÁN 06 THÀNH PHỐ");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ");
    expect(text).toContain(`Tính đến ngày ${dmy(PAST)}`);
    expect(text).toContain("Phạm vi: Sở Khoa học và Công nghệ và các đơn vị trực thuộc — nhiệm vụ đơn vị chủ trì");
    for (const column of [
      "STT",
      "Đơn vị",
      "Tổng số",
      "Đúng hạn",
      "Sắp đến hạn",
      "1–30 ngày",
      "31–60 ngày",
      "61–120 ngày",
      "Trên 120 ngày",
      "Tỷ lệ quá hạn",
      "Người chịu trách nhiệm",
      "Số ngày quá hạn",
    ]) {
      expect(text).toContain(column);
    }
    expect(html).toMatch(new RegExp(`<title>Báo cáo tính đến ${dmy(PAST)}`));
  });

  it("prints on A4 portrait without the app's navigation, and offers printing without depending on JavaScript", async () => {
    const html = await page(`/reports/print?asOf=${PAST}`);
    // The toolbar is the route's own chrome: hidden on paper.
    expect(html).toMatch(/<div role="region" aria-label="Thao tác với báo cáo" class="[^"]*\bprint:hidden\b/);
    // The button needs JavaScript, so the server's HTML has only the hint.
    expect(html).not.toContain(">In báo cáo</button>");
    expect(html).toContain("dùng lệnh In của trình duyệt");
    // The print stylesheet: linked by this page only; A4 portrait; the root layout's header and footer hidden in print.
    const href = /<link rel="stylesheet" href="(\/build\/_assets\/print-[^"]+\.css)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const css = await (await fetch(new URL(href!, app.url))).text();
    expect(css).toMatch(/@page\s*\{[^}]*size:\s*A4 portrait/);
    expect(css).toMatch(/@media print\s*\{[^@]*body\s*>\s*header[^{]*\{[^}]*display:\s*none/);
    expect(css).toMatch(/body\s*>\s*footer/);
    for (const other of ["/reports", `/units/${unit.SKHCN}`, "/tasks"]) expect(await page(other)).not.toContain(href!);
  });

  it("refuses a future date and malformed parameters (400), an unknown unit (404), and sends a signed-out visitor to sign in", async () => {
    for (const query of [
      `asOf=${addDays(T, 1)}`,
      "asOf=25/10/2026",
      "asOf=2026-02-30",
      "program=XYZ",
      "unit=abc",
      `unit=${unit.SKHCN}&role=owner`,
      `unit=${unit.SKHCN}&sub=2`,
      `unit=${unit.SKHCN}&program=CDS`,
    ]) {
      expect((await admin.page(`/reports/print?${query}`)).status, query).toBe(400);
    }
    expect((await admin.page("/reports/print?unit=999999")).status).toBe(404);
    for (const path of ["/reports", `/reports/print?asOf=${PAST}`]) {
      const r = await app.client().page(path);
      expect(r.status).toBe(302);
      expect(r.location).toMatch(/^\/login\?redirectTo=/);
    }
  });
});

describe("the report builder", () => {
  it("offers today by default and the recent cut-off dates", async () => {
    const html = await page("/reports");
    expect(html).toContain(`value="${dmy(T)}"`);
    expect(decode(html)).toContain(`href="/reports?asOf=${encodeURIComponent(dmy(PAST))}`);
    expect(html).toContain("Toàn thành phố");
  });

  it("refuses a future or impossible date and an unknown scope, saying why", async () => {
    const future = await admin.page(`/reports?view=print&asOf=${encodeURIComponent(dmy(addDays(T, 1)))}&scope=city`);
    expect(future.status).toBe(400);
    expect(future.html).toContain("Không lập báo cáo cho ngày trong tương lai");
    expect(future.html).toMatch(/aria-invalid="true"/);
    const impossible = await admin.page(`/reports?view=print&asOf=${encodeURIComponent("31/02/2026")}&scope=city`);
    expect(impossible.status).toBe(400);
    expect(impossible.html).toContain("Nhập ngày có thật, dạng dd/mm/yyyy");
    const scope = await admin.page(`/reports?view=print&asOf=${encodeURIComponent(dmy(PAST))}&scope=unit:999999`);
    expect(scope.status).toBe(400);
    expect(scope.html).toContain("Chọn phạm vi trong danh sách.");
  });

  it("sends a valid choice to the printable report (an unticked sub-units box means own tasks only)", async () => {
    const r = await admin.page(`/reports?view=print&asOf=${encodeURIComponent(dmy(PAST))}&scope=unit:${unit.SKHCN}&role=coordinating`);
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/reports/print?asOf=${PAST}&unit=${unit.SKHCN}&sub=0&role=coordinating`);
    const program = await admin.page(`/reports?view=print&asOf=&scope=program:DA06&sub=1`);
    expect(program.location).toBe(`/reports/print?asOf=${T}&program=DA06`);
    const city = await admin.page(`/reports?view=print&asOf=${PAST}&scope=city&sub=1&role=lead`);
    expect(city.location).toBe(`/reports/print?asOf=${PAST}`);
  });
});

describe("the unit page", () => {
  it("compares the unit with the city and refuses a future date, falling back to today", async () => {
    const html = await page(`/units/${unit.SKHCN}`);
    const city = (await items("by=unit")).find((i) => i.key === String(unit.HN))!;
    expect(html).toContain("So với toàn thành phố");
    expect(html).toContain(shareText(city.shareOverdue));
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="compare-title compare-desc"/);
    const future = await page(`/units/${unit.SKHCN}?asOf=${encodeURIComponent(dmy(addDays(T, 3)))}`);
    expect(future).toContain("Không lập báo cáo cho ngày trong tương lai");
    expect(future).toContain(`tính đến ngày ${dmy(T)}`);
  });
});

describe("the goal page", () => {
  it("draws the indicator's readings toward the target and due date, with a title, a description and the table", async () => {
    const goal = await app.db
      .selectFrom("goals")
      .innerJoin("goal_indicator_values as v", "v.goal_id", "goals.id")
      .select(["goals.id", "goals.indicator_name as name", "goals.due_date as due"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("goals.indicator_target", "is not", null)
      .groupBy("goals.id")
      .having((eb) => eb.fn.countAll(), ">=", 2)
      .executeTakeFirstOrThrow();
    const html = await page(`/goals/${goal.id}`);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="indicator-chart-title indicator-chart-desc"/);
    expect(decode(html)).toContain(`<title id="indicator-chart-title">${goal.name}: số liệu qua các kỳ so với mục tiêu</title>`);
    expect(html).toMatch(new RegExp(`<desc id="indicator-chart-desc">${goal.n} lần cập nhật`));
    expect(html).toContain(`Hạn ${dmy(goal.due)}`);
    const points = /<polyline points="([^"]+)"/.exec(html)![1].trim().split(/\s+/);
    expect(points).toHaveLength(Number(goal.n));
    expect(html).toContain('href="#readings-heading"');
    expect(html).toMatch(/<caption[^>]*>Số liệu chỉ tiêu của mục tiêu/);
  });
});
