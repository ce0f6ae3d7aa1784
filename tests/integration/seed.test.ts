/**
 * The demo data (db/seed.ts) as the template database holds it: seeded at the real current time, so
 * every standing must be present "today" in Asia/Ho_Chi_Minh, and every issued task must obey the
 * same rules the app enforces (5 rõ, owner within the lead unit, extensions, history).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays, daysBetween, startOfDayUtc } from "~/domain/dates";
import { STANDINGS, missingFiveClear, ownerBelongsToLeadUnit, standing, type Standing } from "~/domain/task-rules";
import { foldForSearch } from "~/domain/text";
import { todayIn } from "~/i18n/format";
import { SeedRefusedError, seedDemoData } from "../../db/seed";
import { openTestDb } from "../support/db";

const TZ = "Asia/Ho_Chi_Minh";
const today = todayIn(TZ, clock.now());
let t: Awaited<ReturnType<typeof openTestDb>>;

type Db = Awaited<ReturnType<typeof openTestDb>>["db"];

async function allTasks(db: Db) {
  return db.selectFrom("tasks").selectAll().orderBy("id").execute();
}

function standingOf(task: { status: string; deadline: string | null; completed_on: string | null }): Standing | null {
  return standing({ status: task.status as never, deadline: task.deadline, completedOn: task.completed_on }, today);
}

function overdueBand(deadline: string) {
  const days = daysBetween(deadline, today);
  return days <= 30 ? "1-30" : days <= 60 ? "31-60" : days <= 120 ? "61-120" : ">120";
}

/** Counts that a second seed with the same `now` must reproduce. */
async function fingerprint(db: Db) {
  const tasks = await allTasks(db);
  const count = (rows: unknown[]) => rows.length;
  const by = <K extends string>(keys: K[]) => Object.fromEntries(keys.sort().map((k) => [k, 0])) as Record<K, number>;
  const status = by(["draft", "not_started", "in_progress", "done", "cancelled"]);
  const standings = by([...STANDINGS]);
  for (const task of tasks) {
    status[task.status] += 1;
    const s = standingOf(task);
    if (s) standings[s] += 1;
  }
  const extensions = await db.selectFrom("task_extensions").select(["status"]).execute();
  return {
    status,
    standings,
    extensions: extensions
      .map((e) => e.status)
      .sort()
      .join(","),
    goals: count(await db.selectFrom("goals").select("id").execute()),
    readings: count(await db.selectFrom("goal_indicator_values").select("id").execute()),
    updates: count(await db.selectFrom("task_updates").select("id").execute()),
    evidence: count(await db.selectFrom("task_evidence").select("id").execute()),
    audit: count(await db.selectFrom("audit_events").select("id").where("entity_type", "=", "task").execute()),
    states: count(await db.selectFrom("task_states").select("id").execute()),
    snapshots: count(await db.selectFrom("rollup_snapshots").select("id").execute()),
    users: count(await db.selectFrom("users").select("id").execute()),
    units: count(await db.selectFrom("units").select("id").execute()),
  };
}

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

describe("the demo plan", () => {
  it("has about 300 tasks across the three programs, and goals with indicator readings", async () => {
    const tasks = await allTasks(t.db);
    expect(tasks.length).toBeGreaterThanOrEqual(280);
    expect(tasks.length).toBeLessThanOrEqual(320);
    const programs = await t.db.selectFrom("task_programs").select("program_code").distinct().execute();
    expect(programs.map((p) => p.program_code).sort()).toEqual(["CCHC", "CDS", "DA06"]);

    const goals = await t.db.selectFrom("goals").selectAll().execute();
    expect(goals.length).toBeGreaterThanOrEqual(10);
    expect(new Set(goals.map((g) => g.program_code))).toEqual(new Set(["CCHC", "CDS", "DA06"]));
    for (const g of goals) {
      expect(g.indicator_target, g.title).not.toBeNull();
      const readings = await t.db.selectFrom("goal_indicator_values").selectAll().where("goal_id", "=", g.id).orderBy("as_of").execute();
      expect(readings.length, g.title).toBeGreaterThanOrEqual(2);
      expect(readings.length, g.title).toBeLessThanOrEqual(4);
      expect(readings.every((r) => r.as_of < today)).toBe(true);
    }
    expect(tasks.filter((task) => task.goal_id !== null).length).toBeGreaterThan(50);
    expect(tasks.filter((task) => task.source_doc_number !== null).length).toBeGreaterThan(100);
  });

  it("shows every standing and every overdue age band today", async () => {
    const tasks = await allTasks(t.db);
    const seen = new Map<Standing, number>();
    const bands = new Map<string, number>();
    for (const task of tasks) {
      const s = standingOf(task);
      if (!s) continue;
      seen.set(s, (seen.get(s) ?? 0) + 1);
      if (s === "overdue") bands.set(overdueBand(task.deadline!), (bands.get(overdueBand(task.deadline!)) ?? 0) + 1);
    }
    for (const s of STANDINGS) expect(seen.get(s) ?? 0, s).toBeGreaterThan(0);
    for (const band of ["1-30", "31-60", "61-120", ">120"]) expect(bands.get(band) ?? 0, band).toBeGreaterThan(0);
    const dueToday = tasks.filter((task) => standingOf(task) === "due_soon" && task.deadline === today);
    expect(dueToday.length).toBeGreaterThan(0);
  });

  it("issues only tasks with all five clear, owned by someone in the lead unit or below", async () => {
    const units = await t.db.selectFrom("units").select(["id", "parent_id"]).execute();
    const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
    const pathOf = (unitId: number) => {
      const path: number[] = [];
      for (let u: number | null | undefined = unitId; u; u = parentOf.get(u)) path.push(u);
      return path;
    };
    const users = new Map((await t.db.selectFrom("users").select(["id", "unit_id"]).execute()).map((u) => [u.id, u.unit_id]));
    const programs = await t.db.selectFrom("task_programs").select("task_id").execute();
    const withPrograms = new Set(programs.map((p) => p.task_id));
    for (const task of (await allTasks(t.db)).filter((x) => x.status !== "draft")) {
      const five = {
        title: task.title,
        ownerId: task.owner_id,
        deadline: task.deadline,
        leadUnitId: task.lead_unit_id,
        deliverable: task.deliverable,
      };
      expect(missingFiveClear(five), task.title).toEqual([]);
      expect(ownerBelongsToLeadUnit(pathOf(users.get(task.owner_id!)!), task.lead_unit_id!), task.title).toBe(true);
      expect(withPrograms.has(task.id), task.title).toBe(true);
      expect(task.issued_at && task.original_deadline, task.title).toBeTruthy();
      if (task.start_date) expect(task.start_date <= task.deadline!).toBe(true);
    }
  });

  it("has drafts (some missing items), cancelled tasks with reasons, and consistent progress", async () => {
    const tasks = await allTasks(t.db);
    const drafts = tasks.filter((x) => x.status === "draft");
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    expect(drafts.some((d) => missingFiveClear({ ...d, ownerId: d.owner_id, leadUnitId: d.lead_unit_id }).length > 0)).toBe(true);
    expect(drafts.every((d) => d.issued_at === null && d.original_deadline === null)).toBe(true);

    const cancelled = tasks.filter((x) => x.status === "cancelled");
    expect(cancelled.length).toBeGreaterThanOrEqual(3);
    expect(cancelled.length).toBeLessThanOrEqual(5);
    for (const c of cancelled) expect(c.cancel_reason?.trim() && c.cancelled_at! > c.issued_at!, c.title).toBeTruthy();

    for (const task of tasks) {
      if (task.status === "done") expect(task.progress, task.title).toBe(100);
      if (task.status === "not_started" || task.status === "draft") expect(task.progress, task.title).toBe(0);
      if (task.status === "in_progress") expect(task.progress, task.title).toBeGreaterThan(0);
    }
  });

  it("completes tasks with a done update and evidence, on the Hà Nội date of completion", async () => {
    const done = (await allTasks(t.db)).filter((x) => x.status === "done");
    const updates = await t.db
      .selectFrom("task_updates")
      .select(["id", "task_id", "kind", "created_at"])
      .where("kind", "=", "done")
      .execute();
    const evidence = await t.db.selectFrom("task_evidence").select(["update_id", "kind", "url"]).execute();
    const evidenceByUpdate = new Map(evidence.map((e) => [e.update_id, e]));
    expect(evidence.every((e) => e.kind === "link" && /^https:\/\/\S+$/.test(e.url ?? ""))).toBe(true);
    for (const task of done) {
      expect(todayIn(TZ, new Date(task.completed_at!)), task.title).toBe(task.completed_on);
      expect(task.issued_at! < task.completed_at!, task.title).toBe(true);
      expect(task.last_update_at, task.title).toBe(task.completed_at);
      const update = updates.find((u) => u.task_id === task.id);
      expect(update?.created_at, task.title).toBe(task.completed_at);
      expect(evidenceByUpdate.get(update!.id), task.title).toBeDefined();
    }
  });

  it("has approved extensions (deadline moved, original kept), a pending queue and rejections", async () => {
    const tasks = await allTasks(t.db);
    const committee = new Set((await t.db.selectFrom("users").select("id").where("role", "=", "committee").execute()).map((u) => u.id));
    const extensions = await t.db.selectFrom("task_extensions").selectAll().orderBy("id").execute();
    const extended = tasks.filter((x) => x.extension_count > 0);
    expect(extended.length).toBeGreaterThanOrEqual(5);
    for (const task of extended) {
      expect(task.original_deadline! < task.deadline!, task.title).toBe(true);
      const approved = extensions.filter((e) => e.task_id === task.id && e.status === "approved");
      expect(approved.length, task.title).toBe(task.extension_count);
      expect(approved[0].previous_deadline).toBe(task.original_deadline);
      expect(approved[approved.length - 1].requested_deadline).toBe(task.deadline);
    }
    for (const task of tasks.filter((x) => x.extension_count === 0 && x.status !== "draft"))
      expect(task.deadline).toBe(task.original_deadline);
    for (const e of extensions) {
      expect(e.requested_deadline > e.previous_deadline).toBe(true);
      expect(todayIn(TZ, new Date(e.requested_at)) <= e.previous_deadline, "requested before the deadline").toBe(true);
      if (e.status === "pending") expect(e.decided_by).toBeNull();
      else expect(committee.has(e.decided_by!) && e.decided_at! > e.requested_at).toBe(true);
    }
    const pending = extensions.filter((e) => e.status === "pending");
    expect(pending.length).toBeGreaterThanOrEqual(3);
    expect(pending.length).toBeLessThanOrEqual(6);
    for (const e of pending) {
      const task = tasks.find((x) => x.id === e.task_id)!;
      expect(["not_started", "in_progress"]).toContain(task.status);
      expect(task.deadline).toBe(e.previous_deadline);
    }
    expect(extensions.filter((e) => e.status === "rejected").length).toBeGreaterThanOrEqual(1);
  });

  it("cascades one directive to the wards, each child owned within its ward", async () => {
    const tasks = await allTasks(t.db);
    const parents = tasks.filter((x) => tasks.some((c) => c.parent_id === x.id));
    expect(parents.length).toBeGreaterThanOrEqual(2);
    const kinds = new Map((await t.db.selectFrom("units").select(["id", "kind"]).execute()).map((u) => [u.id, u.kind]));
    const heads = await t.db.selectFrom("users").select(["id", "unit_id"]).where("role", "=", "head").execute();
    for (const parent of parents) {
      const children = tasks.filter((c) => c.parent_id === parent.id);
      expect(children.length, parent.title).toBeGreaterThanOrEqual(3);
      expect(new Set(children.map((c) => c.lead_unit_id)).size).toBe(children.length);
      for (const child of children) {
        expect(["ward", "commune"]).toContain(kinds.get(child.lead_unit_id!));
        const head = heads.find((h) => h.unit_id === child.lead_unit_id);
        if (head) expect(child.owner_id).toBe(head.id);
        expect(child.deadline).toBe(parent.deadline);
      }
      expect(new Set(children.map((c) => c.progress)).size, "mixed progress").toBeGreaterThan(1);
      const event = await t.db
        .selectFrom("audit_events")
        .select("action")
        .where("entity_type", "=", "task")
        .where("entity_id", "=", String(parent.id))
        .orderBy("id")
        .executeTakeFirstOrThrow();
      expect(event.action).toBe("task.cascade");
    }
  });

  it("records a history for every task: created first, then each change, all in the past", async () => {
    const tasks = await allTasks(t.db);
    const events = await t.db.selectFrom("audit_events").selectAll().where("entity_type", "=", "task").orderBy("id").execute();
    const seededAt = (await t.db.selectFrom("meta").select("value").where("key", "=", "demo_seeded_at").executeTakeFirstOrThrow()).value;
    const byTask = new Map<string, typeof events>();
    for (const e of events) byTask.set(e.entity_id!, [...(byTask.get(e.entity_id!) ?? []), e]);
    for (const task of tasks) {
      const history = byTask.get(String(task.id)) ?? [];
      expect(history.length, task.title).toBeGreaterThan(0);
      expect(["task.issue", "task.create_draft", "task.cascade"]).toContain(history[0].action);
      expect(history[0].occurred_at).toBe(task.created_at);
      if (task.status === "draft") expect(history[0].action).toBe("task.create_draft");
      const versions = history.map((e) => (JSON.parse(e.data) as { version?: number }).version).filter((v): v is number => v !== undefined);
      expect(Math.max(...versions), task.title).toBe(task.version);
      const actions = new Set(history.map((e) => e.action));
      if (task.status === "done") expect(actions.has("task.complete")).toBe(true);
      if (task.status === "cancelled") expect(actions.has("task.cancel")).toBe(true);
      if (task.extension_count > 0) expect(actions.has("task.extension_approve")).toBe(true);
    }
    for (const e of events) expect(e.occurred_at < seededAt, e.action).toBe(true);
    // Ids rise with time, and the seed's own event comes last.
    const times = events.map((e) => e.occurred_at);
    expect([...times].sort()).toEqual(times);
    const last = await t.db.selectFrom("audit_events").select("action").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(last.action).toBe("system.seed_demo");
    // Stale and at-risk work exists for the later findings.
    const open = tasks.filter((x) => x.status === "not_started" || x.status === "in_progress");
    const monthAgo = new Date(Date.parse(seededAt) - 30 * 86_400_000).toISOString();
    expect(open.filter((x) => x.last_update_at !== null && x.last_update_at < monthAgo).length).toBeGreaterThan(0);
  });

  it("gives every demo user some tasks, staff the most", async () => {
    const rows = await t.db
      .selectFrom("users")
      .leftJoin("tasks", "tasks.owner_id", "users.id")
      .select((eb) => ["users.email", "users.role", eb.fn.count<number>("tasks.id").as("n")])
      .groupBy("users.id")
      .execute();
    for (const r of rows) expect(Number(r.n), r.email).toBeGreaterThan(0);
    const total = (role: string) => rows.filter((r) => r.role === role).reduce((sum, r) => sum + Number(r.n), 0);
    expect(total("staff")).toBeGreaterThan(total("head"));
    expect(total("staff")).toBeGreaterThan(total("admin") + total("committee"));
  });

  it("stores all text in NFC and a search key that is the fold of the text", async () => {
    const tasks = await allTasks(t.db);
    for (const task of tasks) {
      for (const value of [
        task.title,
        task.description,
        task.deliverable,
        task.cancel_reason,
        task.source_doc_number,
        task.source_doc_issuer,
      ]) {
        if (value !== null) expect(value, value).toBe(value.normalize("NFC"));
      }
      const key = foldForSearch([task.title, task.description ?? "", task.deliverable ?? "", task.source_doc_number ?? ""].join(" "));
      expect(task.search_folded, task.title).toBe(key);
    }
    const texts = [
      ...(await t.db.selectFrom("task_updates").select("note as text").execute()),
      ...(await t.db.selectFrom("task_extensions").select("reason as text").execute()),
      ...(await t.db.selectFrom("goals").select("title as text").execute()),
      ...(await t.db.selectFrom("audit_events").select("data as text").where("entity_type", "=", "task").execute()),
    ];
    for (const { text } of texts) expect(text).toBe(text.normalize("NFC"));
    const goals = await t.db.selectFrom("goals").select(["title", "title_folded"]).execute();
    for (const g of goals) expect(g.title_folded).toBe(foldForSearch(g.title));
  });
});

type StateRow = { status: string; deadline: string | null; completed_on: string | null; extension_count: number };

/** The state in force at the end of Hà Nội day `date`, as reports "as of" read it: per task, the row with the highest id before the next day starts. */
async function statesAsOf(db: Db, date: string) {
  const cutoff = startOfDayUtc(addDays(date, 1), TZ).toISOString();
  const latest = db
    .selectFrom("task_states")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("valid_from", "<", cutoff)
    .groupBy("task_id");
  const rows = await db.selectFrom("task_states").selectAll().where("id", "in", latest).execute();
  return new Map(rows.map((r) => [r.task_id, r]));
}

/**
 * The same state worked out without task_states, from the task's own history: issued_at, the
 * done/reopen/cancel updates (and cancelled_at), the approved extensions by decision time, and the
 * first update (a task is in progress from its first one). Undefined fields are not knowable this way.
 */
function historyAsOf(
  task: {
    created_at: string;
    issued_at: string | null;
    status: string;
    deadline: string | null;
    original_deadline: string | null;
    cancelled_at: string | null;
  },
  updates: Array<{ id: number; kind: string; created_at: string }>,
  extensions: Array<{ status: string; decided_at: string | null; requested_deadline: string }>,
  cutoff: string,
): StateRow | { status: "draft"; deadline: string | null | undefined; completed_on: null; extension_count: number } | null {
  if (task.created_at >= cutoff) return null;
  if (task.issued_at === null || task.issued_at >= cutoff) {
    // A draft's planned deadline is only known for tasks still in draft now.
    return { status: "draft", deadline: task.status === "draft" ? task.deadline : undefined, completed_on: null, extension_count: 0 };
  }
  const approved = extensions
    .filter((e) => e.status === "approved" && e.decided_at !== null && e.decided_at < cutoff)
    .sort((a, b) => (a.decided_at! < b.decided_at! ? -1 : 1));
  const deadline = approved.length ? approved[approved.length - 1].requested_deadline : task.original_deadline;
  const before = updates
    .filter((u) => u.created_at < cutoff)
    .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
  const last = [...before].reverse().find((u) => ["done", "reopen", "cancel"].includes(u.kind));
  let status: string;
  let completedOn: string | null = null;
  if (last?.kind === "done") {
    status = "done";
    completedOn = hanoiDay(last.created_at);
  } else if (last?.kind === "cancel") status = "cancelled";
  else status = before.some((u) => u.kind === "progress" || u.kind === "reopen") ? "in_progress" : "not_started";
  // cancelled_at agrees with the cancel update (a cancelled task is never reopened).
  if ((task.cancelled_at !== null && task.cancelled_at < cutoff) !== (status === "cancelled"))
    status = `cancelled_at disagrees with the updates (${status})`;
  return { status, deadline, completed_on: completedOn, extension_count: approved.length };
}

const hanoiDays = new Map<string, string>();
/** The Hà Nội date of an instant (memoized: the as-of comparison asks for the same few hundred often). */
function hanoiDay(at: string) {
  let day = hanoiDays.get(at);
  if (day === undefined) hanoiDays.set(at, (day = todayIn(TZ, new Date(at))));
  return day;
}

const statusClass = (status: string) => (status === "not_started" || status === "in_progress" ? "issued-open" : status);

describe("task states (task_states)", () => {
  it("gives every task a first state at its creation and a last state equal to the task now", async () => {
    const tasks = await allTasks(t.db);
    const states = await t.db.selectFrom("task_states").selectAll().orderBy("id").execute();
    const programs = await t.db.selectFrom("task_programs").select(["task_id", "program_code"]).execute();
    const coordinating = await t.db.selectFrom("task_coordinating_units").select(["task_id", "unit_id"]).execute();
    const seededAt = (await t.db.selectFrom("meta").select("value").where("key", "=", "demo_seeded_at").executeTakeFirstOrThrow()).value;
    expect(states.length).toBeGreaterThan(tasks.length);
    for (const task of tasks) {
      const rows = states.filter((s) => s.task_id === task.id);
      expect(rows.length, task.title).toBeGreaterThan(0);
      const first = rows[0];
      expect(first.valid_from, task.title).toBe(task.created_at);
      expect(first.status, task.title).toBe(task.issued_at === null ? "draft" : "not_started");
      if (task.issued_at !== null) expect(first.deadline, task.title).toBe(task.original_deadline);
      expect([first.extension_count, first.completed_on], task.title).toEqual([0, null]);

      const last = rows[rows.length - 1];
      const current = {
        status: task.status,
        lead_unit_id: task.lead_unit_id,
        owner_id: task.owner_id,
        deadline: task.deadline,
        completed_on: task.completed_on,
        extension_count: task.extension_count,
        goal_id: task.goal_id,
        programs: programs
          .filter((p) => p.task_id === task.id)
          .map((p) => p.program_code)
          .sort()
          .join(","),
        coordinating_unit_ids: coordinating
          .filter((c) => c.task_id === task.id)
          .map((c) => c.unit_id)
          .sort((a, b) => a - b)
          .join(","),
      };
      const lastState = Object.fromEntries(Object.keys(current).map((k) => [k, last[k as keyof typeof last]]));
      expect(lastState, task.title).toEqual(current);
    }
    expect(states.every((s) => s.valid_from < seededAt)).toBe(true);
  });

  it("inserts the states in time order: ids rise with valid_from, per task and over the whole table", async () => {
    const states = await t.db.selectFrom("task_states").select(["id", "task_id", "valid_from"]).orderBy("id").execute();
    const lastOf = new Map<number, string>();
    for (const s of states) {
      const previous = lastOf.get(s.task_id);
      if (previous !== undefined) expect(s.valid_from >= previous, `task ${s.task_id} at ${s.valid_from}`).toBe(true);
      lastOf.set(s.task_id, s.valid_from);
    }
    const times = states.map((s) => s.valid_from);
    expect([...times].sort()).toEqual(times);
  });

  it("writes a state with every change the history records, as the app does in the same transaction", async () => {
    const events = await t.db
      .selectFrom("audit_events")
      .select(["entity_id", "action", "occurred_at"])
      .where("entity_type", "=", "task")
      .where("action", "!=", "task.extension_request")
      .execute();
    const states = await t.db.selectFrom("task_states").select(["task_id", "valid_from"]).execute();
    const key = (taskId: string | number, at: string) => `${taskId}@${at}`;
    expect(states.map((s) => key(s.task_id, s.valid_from)).sort()).toEqual(events.map((e) => key(e.entity_id!, e.occurred_at)).sort());
  });

  it("agrees, as of past dates, with the state worked out from each task's history", async () => {
    const tasks = await allTasks(t.db);
    const updates = await t.db.selectFrom("task_updates").select(["id", "task_id", "kind", "created_at"]).execute();
    const extensions = await t.db.selectFrom("task_extensions").select(["task_id", "status", "decided_at", "requested_deadline"]).execute();
    const group = <T extends { task_id: number }>(rows: T[]) => {
      const map = new Map<number, T[]>();
      for (const r of rows) map.set(r.task_id, [...(map.get(r.task_id) ?? []), r]);
      return map;
    };
    const updatesOf = group(updates);
    const extensionsOf = group(extensions);
    const dates = new Set<string>([addDays(today, -1)]);
    for (let k = 1; k <= 6; k++) {
      const [y, m] = today.split("-").map(Number);
      dates.add(new Date(Date.UTC(y, m - 1 - k, 25)).toISOString().slice(0, 10));
    }
    // And both sides of every completion, cancellation and approved extension: the day it happened and the day before.
    for (const at of [
      ...updates.filter((u) => u.kind !== "progress").map((u) => u.created_at),
      ...extensions.filter((e) => e.status === "approved").map((e) => e.decided_at!),
    ]) {
      const day = hanoiDay(at);
      dates.add(day);
      dates.add(addDays(day, -1));
    }
    const seen = new Map<string, number>();
    const mismatches: unknown[] = [];
    for (const date of [...dates].sort()) {
      const cutoff = startOfDayUtc(addDays(date, 1), TZ).toISOString();
      const asOf = await statesAsOf(t.db, date);
      for (const task of tasks) {
        const expected = historyAsOf(task, updatesOf.get(task.id) ?? [], extensionsOf.get(task.id) ?? [], cutoff);
        const got = asOf.get(task.id);
        // One comparison per task and date, collected: the class first, then the exact state.
        const view = (x: StateRow | typeof expected | undefined) =>
          x
            ? {
                class: statusClass(x.status),
                status: x.status,
                deadline: expected?.deadline === undefined ? "?" : x.deadline,
                completedOn: x.completed_on,
                extensions: x.extension_count,
              }
            : null;
        if (JSON.stringify(view(got)) !== JSON.stringify(view(expected)))
          mismatches.push({ task: task.id, title: task.title, date, fromStates: view(got), fromHistory: view(expected) });
        if (expected) seen.set(statusClass(expected.status), (seen.get(statusClass(expected.status)) ?? 0) + 1);
      }
    }
    expect(mismatches.slice(0, 5), `${mismatches.length} mismatches over ${dates.size} dates`).toEqual([]);
    // The sample is not vacuous: past dates see every class, including tasks since extended or completed.
    for (const c of ["draft", "issued-open", "done", "cancelled"]) expect(seen.get(c) ?? 0, c).toBeGreaterThan(0);
    const earliest = await statesAsOf(t.db, [...dates].sort()[0]);
    expect(earliest.size).toBeGreaterThan(0);
    expect(earliest.size).toBeLessThan(tasks.length);
  });

  it("keeps task_states append-only", async () => {
    await expect(t.db.deleteFrom("task_states").execute()).rejects.toThrow(/append-only/);
    await expect(t.db.updateTable("task_states").set({ status: "done" }).execute()).rejects.toThrow(/append-only/);
  });
});

describe("seeding again", () => {
  it("refuses over existing data, and with reset rebuilds the same demo", async () => {
    const before = await fingerprint(t.db);
    await expect(seedDemoData(t.db)).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await fingerprint(t.db)).toEqual(before);

    const seededAt = (await t.db.selectFrom("meta").select("value").where("key", "=", "demo_seeded_at").executeTakeFirstOrThrow()).value;
    const rollupVersion = async () =>
      Number((await t.db.selectFrom("meta").select("value").where("key", "=", "rollup_version").executeTakeFirstOrThrow()).value);
    const versionBefore = await rollupVersion();
    // A frozen rollup of the old data must not survive the reset.
    await t.db
      .insertInto("rollup_snapshots")
      .values({
        period_end: addDays(today, -3),
        dimension: "unit",
        item_key: "1",
        include_subunits: 1,
        numbers: "{}",
        created_at: seededAt,
      })
      .execute();
    const summary = await seedDemoData(t.db, { reset: true, now: new Date(seededAt) });
    const after = await fingerprint(t.db);
    expect(after).toEqual(before);
    expect(summary.tasks).toBe(Object.values(after.status).reduce((a, b) => a + b, 0));
    expect(summary.byStatus).toEqual(after.status);
    // The append-only guards are back after the reset.
    await expect(t.db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("task_states").execute()).rejects.toThrow(/append-only/);
    await expect(t.db.updateTable("task_states").set({ status: "done" }).execute()).rejects.toThrow(/append-only/);
    expect(after.states).toBe(summary.taskStates);
    // Every rollup cache keyed on the version is invalidated.
    expect(await rollupVersion()).toBeGreaterThan(versionBefore);
  });
});
