import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "~/domain/dates";
import { ROLLUP_CELLS, drillDownParams } from "~/domain/drilldown";
import type { RollupNumbers } from "~/domain/rollup";
import { readTaskListParams, taskFilterOf } from "~/domain/task-filters";
import { todayIn } from "~/i18n/format";
import { cityNumbers, cityNumbersCounted, clearRollupCache, computeRollup, statesAsOf } from "~/models/rollup.server";
import { changeStatusWithReason, createTask, postProgress } from "~/models/task-commands.server";
import { listTasks } from "~/models/task.server";
import { actorOf, openTestDb, unitId } from "../support/db";

const TZ = "Asia/Ho_Chi_Minh";
const today = todayIn(TZ, clock.now());
let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

function cellValue(n: RollupNumbers, cell: (typeof ROLLUP_CELLS)[number]): number {
  if (cell.startsWith("overdue:")) return n.overdueByAge[cell.slice(8) as keyof RollupNumbers["overdueByAge"]];
  return n[cell as "total"] as number;
}

async function listCount(params: URLSearchParams) {
  const filter = taskFilterOf(readTaskListParams(new URL(`http://x/tasks?${params}`)));
  return (await listTasks(t.db, { ...filter, timeZone: TZ, limit: 1, offset: 0 }, today)).total;
}

describe("task_states as of today", () => {
  it("equal every task's current columns", async () => {
    const states = await statesAsOf(t.db, today, TZ);
    const tasks = await t.db
      .selectFrom("tasks")
      .select(["id", "status", "deadline", "completed_on", "lead_unit_id", "extension_count"])
      .execute();
    expect(states).toHaveLength(tasks.length);
    const byId = new Map(states.map((s) => [s.taskId, s]));
    for (const task of tasks) {
      const s = byId.get(task.id)!;
      expect([s.status, s.deadline, s.completedOn, s.leadUnitId, s.extensionCount]).toEqual([
        task.status,
        task.deadline,
        task.completed_on,
        task.lead_unit_id,
        task.extension_count,
      ]);
    }
  });
});

describe("the city's numbers counted by the database (the trend's snapshots)", () => {
  it("equal the numbers computed from the classified states, today and on past dates", async () => {
    for (const asOf of [today, addDays(today, -33), addDays(today, -200)]) {
      expect(await cityNumbersCounted(t.db, asOf, TZ), asOf).toEqual(await cityNumbers(t.db, asOf, today, TZ));
    }
  });
});

describe("every rollup cell equals the list behind it", () => {
  for (const asOfLabel of ["today", "a past period end"]) {
    it(`for units, programs and goals, ${asOfLabel}`, async () => {
      const asOf = asOfLabel === "today" ? today : addDays(today, -33);
      const checks: Array<[string, number, number]> = [];
      const units = await computeRollup(t.db, { by: "unit", asOf, lang: "vi" }, today, TZ);
      for (const item of units.items.filter((i) => (i.depth ?? 0) <= 1).slice(0, 12)) {
        for (const cell of ROLLUP_CELLS) {
          const params = drillDownParams({ unitId: Number(item.key), includeSubunits: true }, cell, asOf, today);
          checks.push([`${item.name} ${cell}`, cellValue(item, cell), await listCount(params)]);
        }
      }
      const programs = await computeRollup(t.db, { by: "program", asOf, lang: "vi" }, today, TZ);
      for (const item of programs.items) {
        for (const cell of ROLLUP_CELLS)
          checks.push([
            `${item.key} ${cell}`,
            cellValue(item, cell),
            await listCount(drillDownParams({ program: item.key }, cell, asOf, today)),
          ]);
      }
      const goals = await computeRollup(t.db, { by: "goal", asOf, lang: "vi" }, today, TZ);
      for (const item of goals.items.slice(0, 5)) {
        for (const cell of ROLLUP_CELLS)
          checks.push([
            `goal ${item.key} ${cell}`,
            cellValue(item, cell),
            await listCount(drillDownParams({ goalId: Number(item.key) }, cell, asOf, today)),
          ]);
      }
      const wrong = checks.filter(([, shown, listed]) => shown !== listed);
      expect(wrong).toEqual([]);
      expect(checks.some(([, shown]) => shown > 0)).toBe(true);
    });
  }

  it("also for coordinating units (each task once per unit) and a unit's own tasks only", async () => {
    const cases: Array<[string, boolean, "lead" | "coordinating"]> = [
      ["HN", true, "coordinating"],
      ["SKHCN", true, "coordinating"],
      ["SKHCN", false, "lead"],
    ];
    let compared = 0;
    for (const [code, includeSubunits, role] of cases) {
      const id = await unitId(t.db, code);
      const rollup = await computeRollup(t.db, { by: "unit", asOf: today, unitId: id, includeSubunits, role, lang: "vi" }, today, TZ);
      const item = rollup.items.find((i) => i.key === String(id));
      if (!item) continue;
      for (const cell of ROLLUP_CELLS) {
        const params = drillDownParams({ unitId: id, includeSubunits, coordinating: role === "coordinating" }, cell, today, today);
        expect(await listCount(params), `${code} ${role} ${cell}`).toBe(cellValue(item, cell));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe("a report for a past date is reproducible", () => {
  it("gives the same numbers after later changes; today's numbers move", async () => {
    const past = addDays(today, -20);
    clearRollupCache();
    const before = await computeRollup(t.db, { by: "unit", asOf: past, lang: "vi" }, today, TZ);
    const todayBefore = await computeRollup(t.db, { by: "program", asOf: today, lang: "vi" }, today, TZ);

    const admin = await actorOf(t.db, "admin@roviec.demo");
    const open = await t.db
      .selectFrom("tasks")
      .select(["id", "version", "progress"])
      .where("status", "=", "in_progress")
      .orderBy("id")
      .limit(2)
      .execute();
    const done = await postProgress(
      t.db,
      open[0].id,
      open[0].version,
      { progress: 100, note: "Xong", complete: true, evidence: { url: "https://example.gov.vn/x" } },
      { actor: admin, today },
    );
    expect(done.ok).toBe(true);
    const cancelled = await changeStatusWithReason(
      t.db,
      open[1].id,
      open[1].version,
      { to: "cancelled", reason: "Trùng nhiệm vụ" },
      { actor: admin, today },
    );
    expect(cancelled.ok).toBe(true);
    const created = await createTask(
      t.db,
      {
        title: "Nhiệm vụ mới",
        ownerId: admin.id,
        leadUnitId: admin.unitId,
        deadline: addDays(today, 10),
        deliverable: "Báo cáo",
        programs: ["CDS"],
        coordinatingUnitIds: [],
      },
      { issue: true },
      { actor: admin, today },
    );
    expect(created.ok).toBe(true);

    clearRollupCache();
    const after = await computeRollup(t.db, { by: "unit", asOf: past, lang: "vi" }, today, TZ);
    expect(after).toEqual(before);
    // Without clearing: the version bump alone refreshes today's numbers.
    const todayAfter = await computeRollup(t.db, { by: "program", asOf: today, lang: "vi" }, today, TZ);
    expect(todayAfter.overall.total).toBe(todayBefore.overall.total + 1 - 1); // one new, one cancelled
    expect(todayAfter.overall.cancelled).toBe(todayBefore.overall.cancelled + 1);
    expect(todayAfter).not.toEqual(todayBefore);
  });
});

describe("a reopened task as of different dates", () => {
  it("counts as done between its completion and its reopening, and open after", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const daysAgo = (n: number) => new Date(clock.now().getTime() - n * 86_400_000);
    const at = (n: number) => ({ actor: admin, today: todayIn(TZ, daysAgo(n)), now: daysAgo(n) });
    const created = await createTask(
      t.db,
      {
        title: "Mở lại để bổ sung",
        ownerId: admin.id,
        leadUnitId: admin.unitId,
        deadline: addDays(today, 20),
        deliverable: "Báo cáo",
        programs: ["CCHC"],
        coordinatingUnitIds: [],
      },
      { issue: true },
      at(10),
    );
    if (!created.ok) throw new Error("setup");
    const done = await postProgress(
      t.db,
      created.value.id,
      created.value.version,
      { progress: 100, note: "Xong", complete: true, evidence: { url: "https://example.gov.vn/a" } },
      at(6),
    );
    if (!done.ok) throw new Error("done");
    const reopened = await changeStatusWithReason(
      t.db,
      created.value.id,
      done.value.version,
      { to: "in_progress", reason: "Thiếu phụ lục" },
      at(2),
    );
    expect(reopened.ok).toBe(true);
    const stateOn = async (n: number) => (await statesAsOf(t.db, addDays(today, -n), TZ)).find((s) => s.taskId === created.value.id);
    expect((await stateOn(8))?.status).toBe("not_started");
    expect((await stateOn(4))?.status).toBe("done");
    expect((await stateOn(4))?.completedOn).toBe(todayIn(TZ, daysAgo(6)));
    expect((await stateOn(0))?.status).toBe("in_progress");
    expect((await stateOn(0))?.completedOn).toBeNull();
  });
});
