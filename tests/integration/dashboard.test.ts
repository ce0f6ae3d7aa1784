/**
 * The committee's overview and program pages over HTTP, on the seeded demo data.
 *
 * The central check (dashboard cell = list): every count on the page is a link carrying its number
 * (`data-count`); following it must give a task list with exactly that many tasks — today, and for a
 * past date (the 25th of last month), where the list is judged by each task's state on that date.
 * Also: the headline figures equal cityNumbers computed directly; heads see their unit and staff their
 * own tasks; a write changes today's numbers on the next request while a past date's numbers and lists
 * stay the same; hostile query strings never give a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "../../app/domain/dates";
import { formatDate, todayIn } from "../../app/i18n/format";
import { cityNumbers, clearRollupCache, computeRollup } from "../../app/models/rollup.server";
import { startApp, type Client, type TestApp } from "../support/app";

const TZ = "Asia/Ho_Chi_Minh";
const TODAY = todayIn(TZ, clock.now());
/** The 25th of last month: the cut-off of the last monthly report. */
const LAST_CUTOFF = (() => {
  const [y, m] = TODAY.split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 25)).toISOString().slice(0, 10);
})();
const LAST_CUTOFF_TYPED = formatDate(LAST_CUTOFF, TZ);

let app: TestApp;
let admin: Client;

interface CountLink {
  href: string;
  count: number;
  figure: string | null;
  label: string | null;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** Every <a> of the page with its attributes. */
function anchors(html: string): Array<Record<string, string>> {
  return [...html.matchAll(/<a\s([^>]*)>/g)].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])),
  );
}

/** The links that carry a count; fails if a link to the task list shows a number without carrying it. */
function countLinks(html: string): CountLink[] {
  const all = anchors(html).filter((a) => a.href?.startsWith("/tasks?"));
  const withCount = all.filter((a) => a["data-count"] !== undefined);
  expect(all.length, "every link to the task list carries its count").toBe(withCount.length);
  return withCount.map((a) => ({
    href: a.href,
    count: Number(a["data-count"]),
    figure: a["data-figure"] ?? null,
    label: a["aria-label"] ?? null,
  }));
}

/** The total the task list reports for a URL ("Tìm thấy N nhiệm vụ" / "Tasks found: N"). */
async function listTotal(client: Client, href: string): Promise<number> {
  const page = await client.page(href);
  expect(page.status, href).toBe(200);
  const m = /Tìm thấy (\d+) nhiệm vụ|Tasks found: (\d+)/.exec(page.html);
  if (!m) throw new Error(`no total on ${href}`);
  return Number(m[1] ?? m[2]);
}

/** Follows every count link (a few at a time) and returns those whose list disagrees. */
async function mismatches(client: Client, links: CountLink[]) {
  const unique = [...new Map(links.map((l) => [`${l.href}|${l.count}`, l])).values()];
  const bad: Array<CountLink & { list: number }> = [];
  for (let i = 0; i < unique.length; i += 8) {
    await Promise.all(
      unique.slice(i, i + 8).map(async (l) => {
        const list = await listTotal(client, l.href);
        if (list !== l.count) bad.push({ ...l, list });
      }),
    );
  }
  return bad;
}

async function page(client: Client, path: string) {
  const p = await client.page(path);
  expect(p.status, path).toBe(200);
  return p.html;
}

function figures(html: string) {
  const out: Record<string, number> = {};
  for (const l of countLinks(html)) if (l.figure && !(l.figure in out)) out[l.figure] = l.count;
  return out;
}

function shareText(html: string, figure: string) {
  const m = new RegExp(`data-figure="${figure}"[^>]*>([^<]*)<`).exec(html);
  return m ? decode(m[1]) : null;
}

const vi = (fraction: number) =>
  `${new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.round(fraction * 1000) / 10)}\u00a0%`;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signedIn("admin@roviec.demo");
});
afterAll(async () => {
  await app?.close();
});

describe("every count on the overview equals the list behind it", () => {
  it("today, on the overview", async () => {
    const links = countLinks(await page(admin, "/"));
    expect(links.length).toBeGreaterThan(60);
    // The cells the committee reads are all there.
    const hrefs = links.map((l) => l.href);
    for (const part of [
      "judged=1",
      "standing=overdue",
      "standing=open",
      "standing=due_soon",
      "standing=done_on_time",
      "standing=done_late",
      "status=draft",
      "status=cancelled",
      "extended=1",
      "program=CDS",
      "sub=1",
    ]) {
      expect(
        hrefs.some((h) => h.includes(part)),
        part,
      ).toBe(true);
    }
    // Today's lists are today's; only the trend's cut-offs (past dates) carry a date.
    const trend = links.filter((l) => /— \d{2}\/\d{2}\/\d{4}$/.test(l.label ?? ""));
    expect(trend.length).toBeGreaterThan(0);
    expect(trend.every((l) => /asOf=\d{4}-\d{2}-\d{2}/.test(l.href))).toBe(true);
    expect(links.filter((l) => !trend.includes(l)).every((l) => !l.href.includes("asOf="))).toBe(true);
    expect(await mismatches(admin, links)).toEqual([]);
  }, 180_000);

  it("today, on the CĐS program page", async () => {
    const links = countLinks(await page(admin, "/programs/CDS"));
    expect(links.length).toBeGreaterThan(40);
    expect(links.filter((l) => !l.href.includes("goal=")).every((l) => l.href.includes("program=CDS"))).toBe(true);
    expect(await mismatches(admin, links)).toEqual([]);
  }, 180_000);

  it("for the 25th of last month: the counts equal the lists as of that date", async () => {
    for (const path of [`/?asOf=${encodeURIComponent(LAST_CUTOFF_TYPED)}`, `/programs/CDS?asOf=${encodeURIComponent(LAST_CUTOFF_TYPED)}`]) {
      const html = await page(admin, path);
      expect(html).toContain(`Số liệu tính đến hết ngày ${LAST_CUTOFF_TYPED}`);
      const links = countLinks(html);
      // Every list link is judged as of the date, except the trend's own cut-offs (each carries its date).
      expect(links.every((l) => /asOf=\d{4}-\d{2}-\d{2}/.test(l.href))).toBe(true);
      expect(links.filter((l) => l.href.includes(`asOf=${LAST_CUTOFF}`)).length).toBeGreaterThan(30);
      expect(await mismatches(admin, links), path).toEqual([]);
    }
  }, 240_000);

  it("headline figures equal cityNumbers computed directly, today and in the past", async () => {
    clearRollupCache();
    for (const [asOf, path] of [
      [TODAY, "/"],
      [LAST_CUTOFF, `/?asOf=${LAST_CUTOFF}`],
    ] as const) {
      const html = await page(admin, path);
      const n = await cityNumbers(app.db, asOf, TODAY, TZ);
      const shown = figures(html);
      expect(shown).toMatchObject({
        total: n.total,
        overdue: n.overdue,
        doneOnTime: n.doneOnTime,
        doneLate: n.doneLate,
        openOnTime: n.openOnTime,
        dueSoon: n.dueSoon,
        extended: n.extended,
        drafts: n.drafts,
        cancelled: n.cancelled,
        "overdue:1-30": n.overdueByAge["1-30"],
        "overdue:31-60": n.overdueByAge["31-60"],
        "overdue:61-120": n.overdueByAge["61-120"],
        "overdue:120+": n.overdueByAge["120+"],
      });
      expect(shareText(html, "shareOverdue")).toBe(vi(n.shareOverdue));
      expect(shareText(html, "shareDoneOnTime")).toBe(vi(n.shareDoneOnTime));
      expect(n.total).toBeGreaterThan(0);
    }
  });

  it("draws each chart as SVG with a title, a description and a table alternative", async () => {
    const html = await page(admin, "/");
    for (const id of ["program-CCHC", "program-CDS", "program-DA06", "trend"]) {
      expect(html).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(html).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`));
      expect(html).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
    }
    expect(html).toContain("Bảng số liệu của biểu đồ: Chuyển đổi số: nhiệm vụ theo tình trạng");
    expect(html).toMatch(/<details[^>]*>\s*<summary[^>]*>Xem bảng số liệu từng kỳ/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("sorts the unit table through the URL (no JavaScript needed)", async () => {
    const html = await page(admin, "/?sort=total&dir=asc");
    expect(html).toMatch(/aria-sort="ascending"[^>]*>\s*<a[^>]*>Đã giao/);
    const body = html.slice(html.indexOf('id="units-heading"'), html.indexOf("<tfoot"));
    const totals = countLinks(body)
      .filter((l) => l.label?.includes("— Đã giao —"))
      .map((l) => l.count);
    expect(totals.length).toBeGreaterThan(3);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    // The default ranks by share overdue, worst first.
    const ranked = await page(admin, "/");
    expect(ranked).toMatch(/aria-sort="descending"[^>]*>\s*<a[^>]*>Tỷ lệ quá hạn/);
  });
});

describe("each role sees a useful overview", () => {
  it("a head sees their unit by default, with a switch to the whole city", async () => {
    const head = await app.signedIn("gd.skhcn@roviec.demo");
    const skhcn = await app.db.selectFrom("units").select(["id", "name"]).where("code", "=", "SKHCN").executeTakeFirstOrThrow();
    const html = await page(head, "/");
    expect(html).toContain(`Tổng quan tiến độ nhiệm vụ — ${skhcn.name}`);
    expect(html).toContain('href="/?scope=city"');
    const links = countLinks(html);
    const total = links.find((l) => l.figure === "total")!;
    expect(total.href).toContain(`unit=${skhcn.id}&sub=1`);
    clearRollupCache();
    const rollup = await computeRollup(app.db, { by: "unit", unitId: skhcn.id, asOf: TODAY, lang: "vi" }, TODAY, TZ);
    expect(total.count).toBe(rollup.overall.total);
    expect(total.count).toBeLessThan((await cityNumbers(app.db, TODAY, TODAY, TZ)).total);
    expect(await mismatches(head, links)).toEqual([]);

    const city = await page(head, "/?scope=city");
    expect(figures(city).total).toBe((await cityNumbers(app.db, TODAY, TODAY, TZ)).total);
  }, 120_000);

  it("staff see their own numbers and a link to their tasks", async () => {
    const staff = await app.signedIn("cv.cds@roviec.demo");
    const me = await app.db.selectFrom("users").select("id").where("email", "=", "cv.cds@roviec.demo").executeTakeFirstOrThrow();
    const html = await page(staff, "/");
    expect(html).toContain('href="/my-tasks"');
    expect(html).toContain("My task figures");
    const links = countLinks(html);
    expect(links.length).toBeGreaterThan(5);
    expect(links.every((l) => l.href.includes(`owner=${me.id}`))).toBe(true);
    const own = await app.db
      .selectFrom("tasks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", me.id)
      .where("status", "not in", ["draft", "cancelled"])
      .executeTakeFirstOrThrow();
    expect(links.find((l) => l.figure === "total")!.count).toBe(Number(own.n));
    expect(await mismatches(staff, links)).toEqual([]);
    // A scope the role does not have falls back to its own.
    expect(await page(staff, "/?scope=unit")).toContain("My task figures");
    expect(countLinks(await page(staff, "/?scope=city")).some((l) => l.href.includes("owner="))).toBe(false);
  }, 120_000);

  it("the committee sees the extension requests waiting; staff do not", async () => {
    const committee = await app.signedIn("bcd.pho@roviec.demo");
    const pending = await app.db
      .selectFrom("task_extensions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    const html = await page(committee, "/");
    expect(html).toMatch(new RegExp(`<a[^>]*href="/extensions"[^>]*>${Number(pending.n)}</a>`));
    const staff = await app.signedIn("cv.cds@roviec.demo");
    expect(await page(staff, "/?scope=city")).not.toContain('href="/extensions"');
  });
});

describe("numbers move with the work, a past date never does", () => {
  it("marking an overdue task done changes today's figures on the next request; the past report stays the same", async () => {
    const pastPath = `/?asOf=${LAST_CUTOFF}`;
    const pastBefore = countLinks(await page(admin, pastPath));
    const todayBefore = figures(await page(admin, "/"));

    // A task overdue since before the past cut-off, still open today.
    const task = await app.db
      .selectFrom("tasks")
      .select(["id", "version"])
      .where("status", "in", ["not_started", "in_progress"])
      .where("deadline", "<", addDays(LAST_CUTOFF, -1))
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const done = await admin.post(`/tasks/${task.id}`, {
      intent: "done",
      version: task.version,
      note: "Đã hoàn thành, báo cáo kết quả đính kèm",
      evidenceUrl: "https://hanoi.gov.vn/bao-cao-ket-qua",
    });
    expect(done.status).toBe(302);

    const todayAfter = figures(await page(admin, "/"));
    expect(todayAfter.overdue).toBe(todayBefore.overdue - 1);
    expect(todayAfter.doneLate).toBe(todayBefore.doneLate + 1);
    expect(todayAfter.total).toBe(todayBefore.total);

    // The past report: the same numbers on the page, the same numbers computed cold, the same lists.
    const pastAfter = countLinks(await page(admin, pastPath));
    expect(pastAfter).toEqual(pastBefore);
    clearRollupCache();
    const cold = await cityNumbers(app.db, LAST_CUTOFF, TODAY, TZ);
    const pastFigures = Object.fromEntries(pastBefore.filter((l) => l.figure).map((l) => [l.figure, l.count]));
    expect(pastFigures.total).toBe(cold.total);
    expect(pastFigures.overdue).toBe(cold.overdue);
    expect(pastFigures.doneLate).toBe(cold.doneLate);
    expect(await mismatches(admin, pastBefore)).toEqual([]);
  }, 180_000);
});

describe("hostile query strings", () => {
  it("never give a server error", async () => {
    const paths = [
      "/?asOf=99/99/9999",
      "/?asOf=31/02/2026",
      "/?asOf=01/01/1800",
      `/?asOf=${"9".repeat(5000)}`,
      "/?asOf=%00%00",
      "/?asOf=<script>alert(1)</script>",
      "/?asOf=01/01/2026&asOf=02/02/2026",
      "/?asOf[]=x",
      "/?scope=admin&sort=DROP%20TABLE&dir=sideways",
      "/?scope=unit&scope=me",
      "/?sort=total&dir=asc&sort=name",
      "/programs/CDS?asOf=garbage&sort=<b>&dir=1",
      "/programs/DA06?asOf=2026-13-01",
      "/programs/cds",
      "/programs/XYZ",
      "/programs/%E2%80%AE",
      "/programs/CDS%00",
    ];
    for (const path of paths) {
      const res = await admin.get(path);
      expect(res.status, path).toBeLessThan(500);
      await res.text();
    }
    expect((await admin.get("/programs/XYZ")).status).toBe(404);
    expect((await admin.get("/programs/cds")).status).toBe(404);
  });

  it("refuses a future date with a message and shows today's figures", async () => {
    const future = formatDate(addDays(TODAY, 3), TZ);
    const res = await admin.page(`/?asOf=${encodeURIComponent(future)}`);
    expect(res.status).toBe(400);
    expect(res.html).toContain("Không có số liệu cho ngày trong tương lai");
    expect(res.html).toContain(`Số liệu tính đến hôm nay, ${formatDate(TODAY, TZ)}`);
    const bad = await admin.page("/?asOf=32/13/2026");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Ngày không hợp lệ");
    expect(bad.html).toContain('value="32/13/2026"');
  });

  it("asks for sign-in first", async () => {
    const res = await app.client().get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    expect((await app.client().get("/programs/CDS")).status).toBe(302);
  });
});
