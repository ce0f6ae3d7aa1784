/**
 * Exactly once across processes, as in production: `npm run reminders` killed with SIGKILL mid-run
 * then run again, and two processes (two servers, or a server and cron) running the same day at once.
 * Each ends with exactly the rows one clean run writes: no duplicate, none missing.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/connect";
import { buildReminderFixture } from "../../scripts/lib/reminder-fixture";
import { openTestDb } from "../support/db";
import { ROOT } from "../support/paths";
import { onPostgres } from "../support/pg";
import { clearOpenWork, writtenKeys } from "../support/reminders";

const D = "2026-11-25";
const TASKS = 24_000;

/** A copy of the demo database with TASKS more open tasks; each test gets its own copy of it. */
let prepared: Awaited<ReturnType<typeof openTestDb>>;
let preparedSqlite: SQLite.Database;
let expected: Awaited<ReturnType<typeof writtenKeys>>;
const copies: string[] = [];

function copyOfPrepared() {
  const file = path.join(path.dirname(prepared.url), `copy-${copies.length}.db`);
  preparedSqlite.pragma("wal_checkpoint(TRUNCATE)");
  fs.copyFileSync(prepared.url, file);
  copies.push(file);
  return file;
}

/** This process's environment without SMTP (e-mails stay in the outbox). */
function childEnv() {
  const { SMTP_URL: _smtp, ...rest } = process.env;
  return rest;
}

function reminders(file: string, args: string[] = []) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/reminders.ts", "--at", D, ...args], {
    cwd: ROOT,
    env: { ...childEnv(), DATABASE_URL: file, LOG_LEVEL: "silent", APP_ORIGIN: "https://roviec.test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

beforeAll(async () => {
  // Copies of a database file: SQLite only (on PostgreSQL, multi-server.test.ts runs the job twice at once).
  if (onPostgres) return;
  prepared = await openTestDb();
  await clearOpenWork(prepared.db);
  preparedSqlite = createDb(prepared.url).sqlite!;
  buildReminderFixture(preparedSqlite, { tasks: TASKS, date: D });
  // The reference: one clean run, in-process, on its own copy.
  const file = copyOfPrepared();
  const { runReminderJob } = await import("../../app/models/reminder-job.server");
  const clean = createDb(file);
  await runReminderJob(clean.db, { date: D, timeZone: "Asia/Ho_Chi_Minh", origin: "https://roviec.test" });
  expected = await writtenKeys(clean.db);
  await clean.db.destroy();
}, 120_000);

afterAll(async () => {
  if (onPostgres) return;
  preparedSqlite.close();
  await prepared.close();
});

describe.skipIf(onPostgres)("npm run reminders across processes", () => {
  it("killed with SIGKILL mid-run, then run again: exactly the clean run's rows", async () => {
    expect(expected.notifications.length).toBeGreaterThan(1000);
    const file = copyOfPrepared();
    const run = reminders(file);
    // Kill it as soon as it reports progress: some batches are committed, most are not.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/tasks scanned/.test(run.stderr())) {
          clearInterval(timer);
          run.child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      run.done.then((r) => {
        clearInterval(timer);
        if (r.signal !== "SIGKILL") reject(new Error(`finished before it could be killed: ${r.stderr}`));
      });
    });
    const killed = await run.done;
    expect(killed.signal).toBe("SIGKILL");

    const db = createDb(file).db;
    try {
      const partial = await writtenKeys(db);
      expect(partial.notifications.length).toBeLessThan(expected.notifications.length);
      const status = await db.selectFrom("reminder_runs").select("status").where("run_date", "=", D).executeTakeFirst();
      expect(status?.status).toBe("running");

      const rerun = await reminders(file).done;
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toMatch(/Notifications created: \d+; already present \(skipped\): \d+/);
      expect(await writtenKeys(db)).toEqual(expected);
    } finally {
      await db.destroy();
    }
  }, 120_000);

  it("two processes running the same day at once: no duplicates, none missing", async () => {
    const file = copyOfPrepared();
    // Two "servers" start the same day's run at the same instant (both ready, then "go"), in small
    // batches so they interleave.
    const child = () => {
      const p = spawn(process.execPath, ["--import", "tsx", "tests/support/reminder-child.ts"], {
        cwd: ROOT,
        env: { ...childEnv(), DATABASE_URL: file, DATE: D },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      const ready = new Promise<void>((resolve) =>
        p.stdout.on("data", (c) => {
          out += c;
          if (out.includes("ready\n")) resolve();
        }),
      );
      p.stderr.on("data", (c) => (err += c));
      const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
        p.on("exit", (code) => resolve({ code, out: out.replace("ready\n", ""), err })),
      );
      return { p, ready, done };
    };
    const children = [child(), child()];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.p.stdin.end("go\n");
    const [a, b] = await Promise.all(children.map((c) => c.done));
    expect([a.code, b.code], a.err + b.err).toEqual([0, 0]);
    const ca = JSON.parse(a.out);
    const cb = JSON.parse(b.out);
    const db = createDb(file).db;
    try {
      expect(await writtenKeys(db)).toEqual(expected);
      // The two runs overlapped in time (which one writes a given row is a race; that each is written
      // once is not), and between them each notification and e-mail was written once.
      expect(ca.startedAt).toBeLessThan(cb.finishedAt);
      expect(cb.startedAt).toBeLessThan(ca.finishedAt);
      expect(ca.created + cb.created).toBe(expected.notifications.length);
      expect(ca.existing + cb.existing).toBe(expected.notifications.length);
      expect(ca.emails + cb.emails + ca.digests + cb.digests).toBe(expected.outbox.length);
    } finally {
      await db.destroy();
    }
  }, 120_000);

  it("bad arguments are refused with a clear message and a non-zero exit, writing nothing", async () => {
    const file = copyOfPrepared();
    const bad = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/reminders.ts", "--at", "31/11/2026"], {
        cwd: ROOT,
        env: { ...childEnv(), DATABASE_URL: file },
      });
      let stderr = "";
      child.stderr.on("data", (c) => (stderr += c));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at: "31/11/2026" is not a date YYYY-MM-DD');
    const db = createDb(file).db;
    try {
      expect((await writtenKeys(db)).notifications).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
