/**
 * Several app servers on one database, as in a scale-out deployment: two real server processes
 * (`scripts/server.ts`, the production entry) on the same database. Sessions, sign-in throttling, the
 * rollup cache and optimistic version checks live in the database, so whichever server answers, the
 * user sees one application. And the daily reminder job, run by two processes (two servers, or a
 * server and cron) or two connections at once, writes every reminder exactly once. Runs on
 * PostgreSQL (the scale-out case) and on SQLite (two processes on one WAL file, which must hold too).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "~/domain/dates";
import { todayIn } from "~/i18n/format";
import { createDb } from "../../db/connect";
import type { Database } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed";
import { Client } from "../support/app";
import { ROOT, TEMPLATE_DB, TMP } from "../support/paths";
import { PG_ADMIN_URL, databaseFromTemplate } from "../support/pg";
import { writtenKeys } from "../support/reminders";

const TODAY = todayIn("Asia/Ho_Chi_Minh", clock.now());
let dbUrl: string;
let cleanup: () => Promise<void> = async () => {};
let db: ReturnType<typeof createDb>["db"];
const servers: Array<{ url: string; child: ChildProcess; output: string[] }> = [];

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A production server in its own process; resolves once it answers /healthz. */
async function spawnServer(url: string) {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "scripts", "server.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: "4",
      SECURE_COOKIES: "false",
      LOG_LEVEL: "silent",
      REMINDERS_IN_SERVER: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.join("")}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start: ${output.join("")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const server = { url: base, child, output };
  servers.push(server);
  return server;
}

/** The same browser (its cookies) talking to another server. */
function sameBrowserOn(client: Client, baseUrl: string) {
  const other = new Client(baseUrl);
  for (const [k, v] of client.cookies) other.cookies.set(k, v);
  return other;
}

async function signedIn(baseUrl: string, email: string) {
  const client = new Client(baseUrl);
  await client.signIn(email, DEMO_PASSWORD);
  return client;
}

/** The headline figures of the overview: data-figure → data-count on the links to the task list. */
function figures(html: string) {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<a\s([^>]*)>/g)) {
    const figure = /data-figure="([^"]*)"/.exec(m[1])?.[1];
    const count = /data-count="(\d+)"/.exec(m[1])?.[1];
    if (figure && count !== undefined && !(figure in out)) out[figure] = Number(count);
  }
  return out;
}

let A: string;
let B: string;

interface TestDatabase {
  url: string;
  /** PostgreSQL: the database name (a copy source must have no connections). */
  name?: string;
  drop(): Promise<void>;
}

/** A private database: a copy of the run's template, or of `source` (whose connections are closed). */
async function copyDatabase(prefix: string, source?: TestDatabase): Promise<TestDatabase> {
  if (PG_ADMIN_URL) return await databaseFromTemplate(prefix, source?.name);
  const dir = path.join(TMP, `${prefix}-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  const url = path.join(dir, "roviec.db");
  fs.copyFileSync(source?.url ?? TEMPLATE_DB, url);
  return { url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

beforeAll(async () => {
  const created = await copyDatabase("roviec_multi");
  dbUrl = created.url;
  cleanup = created.drop;
  db = createDb(dbUrl, { poolSize: 2 }).db;
  const [a, b] = await Promise.all([spawnServer(dbUrl), spawnServer(dbUrl)]);
  A = a.url;
  B = b.url;
}, 90_000);

afterAll(async () => {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null) return resolve();
          s.child.once("exit", () => resolve());
          s.child.kill("SIGTERM");
        }),
    ),
  );
  await db?.destroy();
  await cleanup();
});

async function openTask(status: "not_started" | "in_progress" = "in_progress") {
  return await db
    .selectFrom("tasks")
    .innerJoin("users", "users.id", "tasks.owner_id")
    .select(["tasks.id", "tasks.version", "users.email"])
    .where("tasks.status", "=", status)
    .where("users.active", "=", 1)
    .where("users.role", "=", "staff")
    .orderBy("tasks.id")
    .executeTakeFirstOrThrow();
}

describe("two app servers on one database", () => {
  it("a session made on one server is valid on the other, and signing out on one ends it on both", async () => {
    const onA = await signedIn(A, "gd.skhcn@roviec.demo");
    const onB = sameBrowserOn(onA, B);
    const account = await onB.page("/account");
    expect(account.status).toBe(200);
    expect(account.html).toContain("Lê Văn Cường");

    const out = await onB.post("/logout", {});
    expect(out.status).toBeLessThan(400);
    const afterA = await sameBrowserOn(onA, A).get("/account");
    expect(afterA.status).toBe(302);
    expect(afterA.headers.get("location")).toMatch(/^\/login/);
  });

  it("a progress update written through one server is on the task page of the other at once", async () => {
    const task = await openTask();
    const onA = await signedIn(A, task.email);
    const note = `Cập nhật từ máy chủ A ${crypto.randomUUID().slice(0, 8)}`;
    const posted = await onA.post(`/tasks/${task.id}`, { intent: "progress", version: task.version, progress: 55, note });
    expect(posted.status).toBe(302);
    const onB = await signedIn(B, task.email);
    const page = await onB.page(`/tasks/${task.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(note);
    expect(page.html).toContain("55%");
  });

  it("two servers accept only one of two writes made from the same version (no lost update)", async () => {
    const task = await openTask();
    const onA = await signedIn(A, task.email);
    const onB = await signedIn(B, task.email);
    const [a, b] = await Promise.all([
      onA.post(`/tasks/${task.id}`, { intent: "progress", version: task.version, progress: 60, note: "Máy chủ A" }),
      onB.post(`/tasks/${task.id}`, { intent: "progress", version: task.version, progress: 70, note: "Máy chủ B" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    const row = await db.selectFrom("tasks").select(["progress", "version"]).where("id", "=", task.id).executeTakeFirstOrThrow();
    expect(row.version).toBe(task.version + 1);
    expect(row.progress).toBe(a.status === 302 ? 60 : 70);
    const updates = await db
      .selectFrom("task_updates")
      .select("progress")
      .where("task_id", "=", task.id)
      .where("progress", "in", [60, 70])
      .execute();
    expect(updates).toHaveLength(1);
  });

  it("the overview on one server reflects a task closed through the other on the next request (its rollup cache is invalidated)", async () => {
    const admin = await signedIn(A, "admin@roviec.demo");
    const adminOnB = sameBrowserOn(admin, B);
    // Warm B's cache, twice, so the second answer certainly comes from it.
    await adminOnB.page("/");
    const before = figures((await adminOnB.page("/")).html);
    expect(before.overdue).toBeGreaterThan(0);

    const task = await db
      .selectFrom("tasks")
      .select(["id", "version"])
      .where("status", "in", ["not_started", "in_progress"])
      .where("deadline", "<", addDays(TODAY, -1))
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const done = await admin.post(`/tasks/${task.id}`, {
      intent: "done",
      version: task.version,
      note: "Đã hoàn thành, báo cáo kết quả đính kèm",
      evidenceUrl: "https://hanoi.gov.vn/bao-cao-ket-qua",
    });
    expect(done.status).toBe(302);

    const after = figures((await adminOnB.page("/")).html);
    expect(after.overdue).toBe(before.overdue - 1);
    expect(after.doneLate).toBe(before.doneLate + 1);
    expect(after.total).toBe(before.total);
  });

  it("failed sign-ins spread over both servers add up to one throttle", async () => {
    // These servers run on the real clock: guess alternately until the account's growing delay
    // (1, 2, 4 … s after the 3rd failure, app/domain/throttle.ts) refuses; the other server, asked at
    // once, refuses too — even the right password — because both read the same attempts.
    const email = "cv.stp@roviec.demo";
    let refusedOn: string | null = null;
    for (let i = 0; i < 12 && !refusedOn; i++) {
      const base = i % 2 ? B : A;
      const r = await new Client(base).post("/login", { email, password: `wrong-${i}-password` });
      if (r.status === 429) refusedOn = base;
      else expect(r.status).toBe(401);
    }
    expect(refusedOn).not.toBeNull();
    const other = refusedOn === A ? B : A;
    const blocked = await new Client(other).post("/login", { email, password: DEMO_PASSWORD });
    expect(blocked.status, other).toBe(429);
    expect(await blocked.text()).toMatch(/thử lại sau \d+ giây/);
  });
});

// ------------------------------------------------------------------------------------------------
// The reminder job, run twice at once

const D = "2026-11-25";
const EXTRA_TASKS = 3_000;

/** Open tasks owned by the demo staff, deadlines from 40 days before D to 20 after: every rule fires. */
async function addOpenTasks(target: Kysely<Database>, count: number) {
  const staff = await target
    .selectFrom("users")
    .select(["id", "unit_id"])
    .where("role", "=", "staff")
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  const now = clock.nowIso();
  const rows = Array.from({ length: count }, (_, i) => {
    const owner = staff[i % staff.length];
    const deadline = addDays(D, (i % 61) - 40);
    const title = `Nhiệm vụ nhắc việc ${i + 1}`;
    return {
      title,
      search_folded: title.toLowerCase(),
      owner_id: owner.id,
      lead_unit_id: owner.unit_id,
      deadline,
      original_deadline: deadline,
      deliverable: "Báo cáo kết quả",
      status: i % 2 ? ("in_progress" as const) : ("not_started" as const),
      issued_at: now,
      created_at: now,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await target
      .insertInto("tasks")
      .values(rows.slice(i, i + 500))
      .execute();
}

/** `npm run reminders -- --at D` in its own process (as a second server or cron would run it), without SMTP. */
function remindersProcess(url: string) {
  const { SMTP_URL: _smtp, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/reminders.ts", "--at", D], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: url, DATABASE_POOL_SIZE: "2", LOG_LEVEL: "silent", APP_ORIGIN: "https://roviec.test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c) => (stdout += c));
  child.stderr!.on("data", (c) => (stderr += c));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

async function duplicateKeys(target: Kysely<Database>) {
  const dup = async (table: "notifications" | "email_outbox") =>
    (
      await target
        .selectFrom(table)
        .select("dedupe_key")
        .groupBy("dedupe_key")
        .having((eb) => eb.fn.countAll(), ">", 1)
        .execute()
    ).map((r) => r.dedupe_key);
  return [...(await dup("notifications")), ...(await dup("email_outbox"))];
}

describe("the reminder job run twice at once on one database", () => {
  let prepared: TestDatabase;
  let expected: Awaited<ReturnType<typeof writtenKeys>>;
  const copies: TestDatabase[] = [];
  const options = { date: D, timeZone: "Asia/Ho_Chi_Minh", origin: "https://roviec.test" };

  beforeAll(async () => {
    prepared = await copyDatabase("roviec_rem");
    const p = createDb(prepared.url, { poolSize: 2 });
    await addOpenTasks(p.db, EXTRA_TASKS);
    await p.db.destroy(); // a template must have no connections (and a SQLite file is checkpointed on close)
    // The reference: one clean run, alone, on its own copy.
    const reference = await copyDatabase("roviec_rem", prepared);
    copies.push(reference);
    const { runReminderJob } = await import("../../app/models/reminder-job.server");
    const r = createDb(reference.url, { poolSize: 2 });
    await runReminderJob(r.db, options);
    expected = await writtenKeys(r.db);
    await r.db.destroy();
  }, 120_000);

  afterAll(async () => {
    for (const c of copies) await c.drop();
    await prepared?.drop();
  });

  it("two processes (two servers, or a server and cron): every reminder exactly once, none missing", async () => {
    expect(expected.notifications.length).toBeGreaterThan(500);
    const copy = await copyDatabase("roviec_rem", prepared);
    copies.push(copy);
    const [a, b] = await Promise.all([remindersProcess(copy.url), remindersProcess(copy.url)]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const created = (out: string) => Number(/Notifications created: (\d+)/.exec(out)?.[1]);
    const check = createDb(copy.url, { poolSize: 1 }).db;
    try {
      expect(await duplicateKeys(check)).toEqual([]);
      expect(await writtenKeys(check)).toEqual(expected);
      // Between them the two runs created each notification once.
      expect(created(a.stdout) + created(b.stdout)).toBe(expected.notifications.length);
    } finally {
      await check.destroy();
    }
  }, 120_000);

  it("two connections of one process at once: every reminder exactly once, none missing", async () => {
    const copy = await copyDatabase("roviec_rem", prepared);
    copies.push(copy);
    const { runReminderJob } = await import("../../app/models/reminder-job.server");
    const one = createDb(copy.url, { poolSize: 2 });
    const two = createDb(copy.url, { poolSize: 2 });
    try {
      const [x, y] = await Promise.all([runReminderJob(one.db, options), runReminderJob(two.db, options)]);
      expect(await duplicateKeys(one.db)).toEqual([]);
      expect(await writtenKeys(one.db)).toEqual(expected);
      expect(x.notificationsCreated + y.notificationsCreated).toBe(expected.notifications.length);
    } finally {
      await one.db.destroy();
      await two.db.destroy();
    }
  }, 120_000);
});
