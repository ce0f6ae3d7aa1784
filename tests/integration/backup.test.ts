/**
 * npm run db:backup / db:restore, end to end: an online backup taken while the app keeps writing,
 * restored into a new place, served by a second server where a demo user signs in and finds what was
 * written before the backup. A restore never replaces an existing database and refuses a damaged file.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/connect";
import { freePort, spawnServer, stopServer, waitUntilServing, WebClient, type ServerProcess } from "../../scripts/lib/drill";
import { startApp, type Client, type TestApp } from "../support/app";
import { ROOT, TMP } from "../support/paths";

let app: TestApp;
let dir: string;
let second: ServerProcess | undefined;
/** These tests copy SQLite files; when the suite runs on PostgreSQL (no database file) they are skipped. */
let onSqlite = false;

beforeAll(async () => {
  app = await startApp();
  onSqlite = typeof app.dbFile === "string" && fs.existsSync(app.dbFile);
  dir = fs.mkdtempSync(path.join(TMP, "backup-"));
});
afterAll(async () => {
  if (second) await stopServer(second);
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs an npm script's file (tsx as a loader) against a database; resolves with its exit code and output. */
function runScript(script: string, args: string[], databaseUrl: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

async function ownedOpenTask(email: string) {
  return await app.db
    .selectFrom("tasks")
    .innerJoin("users", "users.id", "tasks.owner_id")
    .select(["tasks.id", "tasks.version"])
    .where("users.email", "=", email)
    .where("tasks.status", "in", ["not_started", "in_progress"])
    .orderBy("tasks.id")
    .executeTakeFirstOrThrow();
}

async function postProgress(client: Client, taskId: number, note: string) {
  const { version } = await app.db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow();
  return await client.post(`/tasks/${taskId}`, { intent: "progress", version, progress: 40 + (version % 50), note });
}

const OWNER = "cv.stp@roviec.demo";

describe("backup while the app serves, restore, sign in on the restored copy", () => {
  const backupFile = () => path.join(dir, "roviec-backup.db");
  const restored = () => path.join(dir, "restored", "roviec.db");
  const beforeNote = "Đã hoàn thành 40% — ghi trước khi sao lưu";

  it("takes an online backup while writes keep coming, and verifies it", { timeout: 60_000 }, async (ctx) => {
    if (!onSqlite) return ctx.skip();
    const owner = await app.signedIn(OWNER);
    const task = await ownedOpenTask(OWNER);
    expect((await postProgress(owner, task.id, beforeNote)).status).toBe(302);

    // Writes keep flowing during the backup (one at a time: each reads the version it sends).
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const response = await postProgress(owner, task.id, `Cập nhật trong lúc sao lưu ${written + 1}`);
        expect(response.status).toBe(302);
        written += 1;
      }
    })();
    const backup = await runScript("db-backup.ts", [backupFile()], app.dbFile);
    writing = false;
    await writer;

    expect(backup.out).toContain("integrity_check: ok");
    expect(backup.code).toBe(0);
    expect(written).toBeGreaterThan(0);
    expect(fs.existsSync(backupFile())).toBe(true);
    const { db, sqlite: maybeSqlite } = createDb(backupFile());
    const sqlite = maybeSqlite!;
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    expect(check.rows[0]?.integrity_check).toBe("ok");
    const row = await db
      .selectFrom("task_updates")
      .select("note")
      .where("task_id", "=", task.id)
      .where("note", "=", beforeNote)
      .executeTakeFirst();
    expect(row?.note).toBe(beforeNote);
    sqlite.close();
  });

  it("refuses to overwrite an existing backup file unless --force", { timeout: 30_000 }, async (ctx) => {
    if (!onSqlite) return ctx.skip();
    const before = fs.statSync(backupFile()).mtimeMs;
    const again = await runScript("db-backup.ts", [backupFile()], app.dbFile);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already exists.*--force/);
    expect(fs.statSync(backupFile()).mtimeMs).toBe(before);
  });

  it("restores into an empty place; a second server on it lets a demo user sign in and see the task", { timeout: 90_000 }, async (ctx) => {
    if (!onSqlite) return ctx.skip();
    const restore = await runScript("db-restore.ts", [backupFile(), "--to", restored()], app.dbFile);
    expect(restore.out).toContain("Restored in");
    expect(restore.code).toBe(0);

    second = spawnServer({ dbFile: restored(), port: await freePort() });
    await waitUntilServing(second);
    const web = new WebClient(second.url);
    await web.signIn(OWNER);
    const task = await ownedOpenTask(OWNER);
    const page = await web.request(`/tasks/${task.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(beforeNote);
    await stopServer(second);
    second = undefined;
  });

  it("refuses to restore over an existing database, and changes nothing", { timeout: 30_000 }, async (ctx) => {
    if (!onSqlite) return ctx.skip();
    const target = app.dbFile;
    const before = await app.db
      .selectFrom("task_updates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const sizeBefore = fs.statSync(target).size;
    const result = await runScript("db-restore.ts", [backupFile()], target);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/A database already exists at .*roviec\.db.*never replaces/s);
    expect(result.out).toContain("--to");
    expect(fs.statSync(target).size).toBe(sizeBefore);
    const after = await app.db
      .selectFrom("task_updates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(fs.readdirSync(path.dirname(target)).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("refuses a truncated backup and a file that is not a database, with a clear message", { timeout: 30_000 }, async (ctx) => {
    if (!onSqlite) return ctx.skip();
    const truncated = path.join(dir, "truncated.db");
    fs.writeFileSync(truncated, fs.readFileSync(backupFile()).subarray(0, 200_000));
    const target = path.join(dir, "from-truncated", "roviec.db");
    const result = await runScript("db-restore.ts", [truncated, "--to", target], app.dbFile);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Restore refused: .*truncated\.db is damaged/);
    expect(fs.existsSync(target)).toBe(false);

    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "không phải cơ sở dữ liệu\n");
    const notDb = await runScript("db-restore.ts", [text, "--to", target], app.dbFile);
    expect(notDb.code).toBe(1);
    expect(notDb.out).toMatch(/is not an SQLite database/);
    expect(fs.existsSync(target)).toBe(false);
  });
});
