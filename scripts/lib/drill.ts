/**
 * Shared pieces of the drills (scripts/drill-*.ts): a scratch demo database, the production server
 * as a child process (so it can be killed for real), HTTP clients for the API and the web forms,
 * and latency statistics. Database access goes through Kysely (db/connect.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { createDb, migrateToLatest } from "../../db/connect";
import type { Database } from "../../db/schema";
import { DEMO_PASSWORD, seedDemoData } from "../../db/seed";
import { buildIsStale, runBuild } from "./build";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** `--name 12` from argv, with a default and bounds; a bad value stops with the usage line. */
export function intArg(args: string[], name: string, fallback: number, min: number, max: number, usage: string): number {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const raw = args[index + 1];
  const value = Number(raw);
  if (!raw || !Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got ${raw ?? "nothing"}).`);
    console.error(usage);
    process.exit(2);
  }
  return value;
}

export function ensureBuild() {
  if (process.env.SKIP_BUILD !== "1" && buildIsStale()) runBuild();
}

/** A scratch directory for one drill run, removed at the end unless --keep. */
export function scratchDir(name: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `roviec-${name}-`));
}

export function removeDbFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

/** A fresh migrated database with the demo data. */
export async function createDemoDb(file: string) {
  removeDbFiles(file);
  const { db } = createDb(file);
  try {
    await migrateToLatest(db);
    await seedDemoData(db);
  } finally {
    await db.destroy();
  }
}

/** Personal API tokens for the given users, created directly in the database (like `npm run token:create`). */
export async function createTokens(db: Kysely<Database>, emails: string[]): Promise<Map<string, { token: string; userId: number }>> {
  const { createApiToken } = await import("../../app/models/api-token.server");
  const out = new Map<string, { token: string; userId: number }>();
  for (const email of emails) {
    const user = await db.selectFrom("users").select(["id"]).where("email", "=", email).executeTakeFirstOrThrow();
    const created = await createApiToken(db as never, { userId: user.id, name: "drill" }, { actorUserId: null });
    out.set(email, { token: created.token, userId: user.id });
  }
  return out;
}

export { freePort } from "./free-port";

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** The last lines the server wrote to stderr (for failure messages). */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The production server (scripts/server.ts over build/) in a child process of its own: one node
 * process (tsx as a loader, not the tsx CLI, which would put a second process in between), so a
 * SIGKILL hits the process that holds the database.
 */
export function spawnServer(options: { dbFile: string; port: number; env?: Record<string, string> }): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "server.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.dbFile,
      PORT: String(options.port),
      SECURE_COOKIES: "false",
      LOG_LEVEL: "error",
      REMINDERS_IN_SERVER: "false",
      UPLOAD_DIR: path.join(path.dirname(options.dbFile), "uploads"),
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let tail = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, url: `http://127.0.0.1:${options.port}`, stderr: () => tail, exited };
}

/** Waits until GET /healthz answers 200 (the server listens and the database answers). */
export async function waitUntilServing(server: ServerProcess, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (performance.now() < deadline) {
    if (exited) throw new Error(`The server exited before serving.\n${server.stderr()}`);
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`The server did not answer /healthz within ${timeoutMs / 1000} s.\n${server.stderr()}`);
}

export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return await server.exited;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A JSON API client with a bearer token (no cookies, as docs/api.md asks). */
export class ApiClient {
  constructor(
    public baseUrl: string,
    public token: string,
  ) {}

  async call(method: string, pathname: string, body?: unknown, signal?: AbortSignal) {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(new URL(pathname, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, json, text };
  }
}

/** A cookie-keeping client that posts forms like a same-origin browser. */
export class WebClient {
  cookies = new Map<string, string>();
  constructor(public baseUrl: string) {}

  async request(pathname: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if ((init.method ?? "GET") !== "GET") headers.set("origin", this.baseUrl);
    const response = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || attributes.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  post(pathname: string, fields: Record<string, string | number>, signal?: AbortSignal) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) body.append(k, String(v));
    return this.request(pathname, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" }, signal });
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    const response = await this.post("/login", { email, password, redirectTo: "/" });
    await response.arrayBuffer();
    if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with HTTP ${response.status}`);
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function describeMachine() {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${load}`;
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** A note no other write in the run can have (the acknowledged-write check looks it up). */
let noteCounter = 0;
export function uniqueNote(prefix: string) {
  noteCounter += 1;
  return `${prefix} #${noteCounter} ${process.pid}-${crypto.randomUUID().slice(0, 8)}-${Math.random().toString(36).slice(2, 8)} — cập nhật tiến độ`;
}
