/**
 * npm run bench [-- --duration 10 --connections 10 --database-url <url> --reuse <file> --no-write]
 *
 * Seeds a throwaway database with 100,000 tasks, 600 units and 5,000 users (scripts/bench/seed.ts),
 * builds if stale, starts the production server on it as a child process, and measures with
 * autocannon, signed in: a minimal page (the ceiling of this machine in the same run), the committee
 * overview, a unit page, a task list of 50 rows, a task page and the API task list; then times an
 * Excel export of ~10,000 tasks, an import of 1,000 rows (upload + confirm), the reminder job (when
 * the app has one) and reads the server's peak memory. Prints the figures against the targets and
 * writes them to docs/benchmarks.md (one section per database, replaced on each run).
 * Exits non-zero when a measurement had errors or non-2xx responses. Never part of `npm test`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import ExcelJS from "exceljs";
import { sql, type Kysely } from "kysely";
import * as clock from "../../app/clock.server";
import type { Database } from "../../db/schema";
import { freePort } from "../lib/free-port";
import { formatReport, writeBenchmarksDoc, type BenchReport, type PageFigure, type Timing } from "./report";
import { FULL_SIZE, seedBenchData } from "./seed";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const usage =
  "Usage: npm run bench -- [--duration <s>] [--connections <n>] [--pg | --database-url <url>] [--reuse <sqlite file>] [--server-node-options <flags>] [--tasks <n>] [--no-write]";

let args;
try {
  args = parseArgs({
    options: {
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      "database-url": { type: "string" },
      pg: { type: "boolean", default: false },
      reuse: { type: "string" },
      "no-write": { type: "boolean", default: false },
      tasks: { type: "string" },
      "server-node-options": { type: "string" },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(2);
}
const duration = Number(args.duration);
const connections = Number(args.connections);
if (!Number.isFinite(duration) || duration <= 0 || !Number.isInteger(connections) || connections <= 0) {
  console.error("--duration must be a positive number of seconds and --connections a positive integer.");
  process.exit(2);
}
let databaseUrl = args["database-url"] ?? process.env.BENCH_DATABASE_URL;
// --pg: a throwaway PostgreSQL server (the one `npm run test:pg` uses), stopped and deleted at the end.
let throwawayPg: { adminUrl: string; stop: () => void } | undefined;
if (args.pg && !databaseUrl) {
  const { startThrowawayPg } = await import("../lib/throwaway-pg");
  throwawayPg = await startThrowawayPg({ log: (line) => console.log(`  ${line}`) });
  process.on("exit", () => throwawayPg?.stop());
  const { createDb } = await import("../../db/connect");
  const admin = createDb(throwawayPg.adminUrl).db;
  await sql`create database roviec_bench`.execute(admin);
  await admin.destroy();
  databaseUrl = throwawayPg.adminUrl.replace(/\/[^/]*$/, "/roviec_bench");
}
const isPg = Boolean(databaseUrl && /^postgres(ql)?:\/\//i.test(databaseUrl));
const size = { ...FULL_SIZE, tasks: args.tasks ? Number(args.tasks) : FULL_SIZE.tasks };

const step = (line: string) => console.log(`• ${line}`);

// ---------------------------------------------------------------------------------------------
// The database

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "roviec-bench-"));
let dbUrl: string;
if (isPg) dbUrl = databaseUrl!;
else if (args.reuse) dbUrl = path.resolve(args.reuse);
else dbUrl = path.join(workDir, "bench.db");

// App modules read the configuration once: set it before any of them is imported.
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: dbUrl,
  UPLOAD_DIR: path.join(workDir, "uploads"),
  LOG_LEVEL: "error",
  REMINDERS_IN_SERVER: "false",
  SECURE_COOKIES: "false",
});

async function openDb(): Promise<{ db: Kysely<Database>; close: () => Promise<void> }> {
  const { createDb } = await import("../../db/connect");
  const { db } = createDb(dbUrl);
  return { db, close: () => db.destroy() };
}

const { migrateToLatest } = await import("../../db/connect");
const { db, close: closeDb } = await openDb();
await migrateToLatest(db);
const databaseVersion = isPg
  ? String(((await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? "").split(" on ")[0])
  : `SQLite ${String((await sql<{ v: string }>`select sqlite_version() as v`.execute(db)).rows[0]?.v)} (better-sqlite3, WAL, synchronous=FULL)`;
const seeded = await db.selectFrom("meta").select("value").where("key", "=", "bench_seeded_at").executeTakeFirst();
let seedSeconds: number | null = null;
if (!seeded) {
  const empty =
    Number(
      (
        await db
          .selectFrom("units")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ) === 0;
  if (!empty) {
    console.error(
      `Refusing to seed ${isPg ? "that PostgreSQL database" : dbUrl}: it has data but no benchmark seed. Give an empty (throwaway) database.`,
    );
    process.exit(2);
  }
  step(
    `seeding ${isPg ? "PostgreSQL" : dbUrl} with ${size.tasks.toLocaleString("en")} tasks, ${size.units} units, ${size.users.toLocaleString("en")} users…`,
  );
  const summary = await seedBenchData(db, size, { log: (l) => process.stdout.write(`  ${l}\r`) });
  seedSeconds = summary.seconds;
  console.log(
    `\n  seeded in ${summary.seconds.toFixed(1)} s: ${summary.tasks} tasks (${Object.entries(summary.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}, overdue ${summary.overdue}), ` +
      `${Object.entries(summary.rows)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
  );
} else step(`reusing the seeded database ${dbUrl}`);

// ---------------------------------------------------------------------------------------------
// What to request

const today = (await import("../../db/seed")).demoToday(clock.now());
const admin = await db.selectFrom("users").select(["id"]).where("email", "=", "admin@roviec.demo").executeTakeFirstOrThrow();
const { createApiToken } = await import("../../app/models/api-token.server");
const apiToken = (await createApiToken(db as never, { userId: admin.id, name: "benchmark" }, { actorUserId: null })).token;

/** A department with sub-units: the one with the most tasks in its subtree. */
const department = await db
  .selectFrom("units as d")
  .innerJoin("units as c", "c.parent_id", "d.id")
  .select(["d.id", "d.name"])
  .where("d.kind", "=", "department")
  .where("d.code", "=", "SKHCN")
  .executeTakeFirstOrThrow();
/** A ward's open tasks, 50 to a page. */
const ward = await db
  .selectFrom("units")
  .innerJoin("tasks", "tasks.lead_unit_id", "units.id")
  .select(["units.id", (eb) => eb.fn.countAll<number>().as("n")])
  .where("units.kind", "=", "ward")
  .where("tasks.status", "in", ["not_started", "in_progress"])
  .groupBy("units.id")
  .orderBy("n", "desc")
  .limit(1)
  .executeTakeFirstOrThrow();
/** A task with a full history: progress, an approved extension. */
const task = await db
  .selectFrom("tasks")
  .select("id")
  .where("extension_count", ">", 0)
  .where("status", "=", "in_progress")
  .orderBy("id", "desc")
  .limit(1)
  .executeTakeFirstOrThrow();
/** A deadline window holding ~10,000 tasks, for the export. */
const exportFrom = addDaysIso(today, -200);
const exportTo =
  (
    await db
      .selectFrom("tasks")
      .select("deadline")
      .where("deadline", ">=", exportFrom)
      .orderBy("deadline")
      .offset(9_999)
      .limit(1)
      .executeTakeFirst()
  )?.deadline ??
  // A smaller data set (--tasks): every dated task from the window's start.
  (
    await db
      .selectFrom("tasks")
      .select((eb) => eb.fn.max("deadline").as("d"))
      .executeTakeFirstOrThrow()
  ).d ??
  exportFrom;
const exportCount = exportTo
  ? Number(
      (
        await db
          .selectFrom("tasks")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("deadline", ">=", exportFrom)
          .where("deadline", "<=", exportTo)
          .executeTakeFirstOrThrow()
      ).n,
    )
  : 0;
const importUnits = await db
  .selectFrom("units")
  .select(["code", "name"])
  .where("kind", "in", ["department", "ward"])
  .orderBy("id")
  .limit(40)
  .execute();
await closeDb();

function addDaysIso(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The server

const { buildIsStale, runBuild } = await import("../lib/build");
if (buildIsStale()) runBuild();

const port = await freePort("127.0.0.1");
const base = `http://127.0.0.1:${port}`;
step(`starting the production server on ${base}`);
// --server-node-options "--max-old-space-size=192": V8 flags for the server only (e.g. to see how far memory is V8's lazy heap growth).
const serverFlags = (args["server-node-options"] ?? "").split(/\s+/).filter(Boolean);
const server: ChildProcess = spawn(process.execPath, [...serverFlags, "--import", "tsx", path.join(ROOT, "scripts", "server.ts")], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), APP_ORIGIN: base },
  stdio: ["ignore", "pipe", "pipe"],
});
let serverLog = "";
server.stdout!.on("data", (d) => (serverLog += d));
server.stderr!.on("data", (d) => (serverLog += d));
const stopServer = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
};
process.on("exit", stopServer);

for (let i = 0; ; i++) {
  if (server.exitCode !== null) throw new Error(`The server stopped:\n${serverLog}`);
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 300) throw new Error(`The server did not answer within 30 s:\n${serverLog}`);
  await new Promise((r) => setTimeout(r, 100));
}

function memoryOf(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { hwmMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
}
/** CPU time (ms) the server process has used: per request, a figure a busy machine distorts far less than req/s. */
function cpuMsOf(pid: number) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}
let sampledPeakMb = 0;
const sampler = setInterval(() => {
  try {
    sampledPeakMb = Math.max(sampledPeakMb, memoryOf(server.pid!).rssMb);
  } catch {
    // the server has gone
  }
}, 200);

// Sign in as the demo admin (sees the whole city), as a browser would.
const login = await fetch(`${base}/login`, {
  method: "POST",
  redirect: "manual",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
  body: new URLSearchParams({ email: "admin@roviec.demo", password: "roviec-demo-2026", redirectTo: "/" }),
});
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");
if (login.status !== 302 || !cookie) throw new Error(`Sign-in failed: ${login.status} ${await login.text()}`);
const pageHeaders = { Cookie: cookie };
const apiHeaders = { Authorization: `Bearer ${apiToken}` };

// ---------------------------------------------------------------------------------------------
// Measuring

const failures: string[] = [];

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function warm(url: string, headers: Record<string, string>) {
  for (let i = 0; i < 3; i++) {
    const r = await fetch(url, { headers, redirect: "manual" });
    await r.arrayBuffer();
    if (r.status < 200 || r.status > 299) throw new Error(`${url} answered ${r.status} before the measurement`);
  }
}

async function measure(name: string, pathAndQuery: string, headers: Record<string, string>): Promise<PageFigure> {
  const url = `${base}${pathAndQuery}`;
  await warm(url, headers);
  const times: number[] = [];
  const cpuBefore = cpuMsOf(server.pid!);
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, headers, timeout: 30 }, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const cpuMs = cpuMsOf(server.pid!) - cpuBefore;
  times.sort((a, b) => a - b);
  const figure: PageFigure = {
    name,
    path: pathAndQuery,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest: result.requests.total ? cpuMs / result.requests.total : 0,
  };
  if (figure.non2xx || figure.errors) failures.push(`${name}: ${figure.non2xx} non-2xx responses, ${figure.errors} errors/timeouts`);
  console.log(
    `  ${name.padEnd(22)} ${figure.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${figure.p50.toFixed(1)} ms  p95 ${figure.p95.toFixed(1)} ms  p99 ${figure.p99.toFixed(1)} ms  server CPU ${figure.cpuMsPerRequest.toFixed(2)} ms/req  RSS ${memoryOf(server.pid!).rssMb.toFixed(0)} MB`,
  );
  return figure;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

const loadAtStart = os.loadavg()[0];
step(`measuring at ${connections} connections for ${duration} s each (server peak so far ${memoryOf(server.pid!).hwmMb.toFixed(0)} MB)`);
const pages: PageFigure[] = [];
pages.push(await measure("minimal page", "/account", pageHeaders));
pages.push(await measure("committee overview", "/", pageHeaders));
pages.push(await measure("unit page", `/units/${department.id}`, pageHeaders));
pages.push(await measure("task list (50 rows)", `/tasks?unit=${ward.id}&sub=1&standing=open`, pageHeaders));
pages.push(await measure("task page", `/tasks/${task.id}`, pageHeaders));
pages.push(await measure("API task list", `/api/v1/tasks?limit=50`, apiHeaders));

const timings: Timing[] = [];

// Export: the whole ~10,000-row list as one streamed workbook, read to the end.
{
  const query = `/tasks/export.xlsx?from=${exportFrom}&to=${exportTo}`;
  const cpuBefore = cpuMsOf(server.pid!);
  const { ms, value } = await timed(async () => {
    const r = await fetch(`${base}${query}`, { headers: pageHeaders });
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, bytes };
  });
  let rows = 0;
  if (value.status === 200) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(value.bytes) as unknown as ExcelJS.Buffer);
    rows = Math.max(0, workbook.worksheets[0].actualRowCount - 4);
  } else failures.push(`export: HTTP ${value.status}`);
  if (rows !== exportCount) failures.push(`export: ${rows} rows in the file, ${exportCount} expected`);
  const cpu = cpuMsOf(server.pid!) - cpuBefore;
  timings.push({
    name: `Excel export (${rows.toLocaleString("en")} tasks)`,
    ms,
    targetMs: 3000,
    note: `server CPU ${(cpu / 1000).toFixed(2)} s`,
  });
  console.log(
    `  export of ${rows} tasks: ${ms.toFixed(0)} ms (${(value.bytes.length / 1024 / 1024).toFixed(1)} MB), server peak ${memoryOf(server.pid!).hwmMb.toFixed(0)} MB`,
  );
}

// Import: 1,000 plan rows — upload (parse, check, preview) then confirm (write), each timed.
{
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Phụ lục");
  const { TEMPLATE_HEADERS, IMPORT_COLUMNS } = await import("../../app/domain/task-import");
  sheet.addRow(["PHỤ LỤC: DANH MỤC NHIỆM VỤ"]);
  sheet.addRow(IMPORT_COLUMNS.map((c) => TEMPLATE_HEADERS[c]));
  for (let i = 0; i < 1000; i++) {
    const deadline = new Date(`${addDaysIso(today, 20 + (i % 200))}T00:00:00Z`);
    const row = sheet.addRow([
      i + 1,
      `Nhiệm vụ nhập từ kế hoạch số ${i + 1}: triển khai dịch vụ công trực tuyến`,
      importUnits[i % importUnits.length].code,
      i % 4 === 0 ? importUnits[(i + 7) % importUnits.length].name : "",
      "",
      deadline,
      `Báo cáo kết quả ${i + 1}`,
      i % 2 ? "CĐS" : "CCHC, ĐA06",
      i % 5 === 0 ? "Thực hiện theo kế hoạch" : "",
    ]);
    row.getCell(6).numFmt = "dd/mm/yyyy";
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const form = new FormData();
  form.set("intent", "upload");
  form.set(
    "file",
    new File([bytes], "ke-hoach-benchmark.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
  );
  const cpuBefore = cpuMsOf(server.pid!);
  const upload = await timed(async () => {
    const r = await fetch(`${base}/tasks/import`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { ...pageHeaders, Origin: base },
    });
    const text = await r.text();
    return { status: r.status, location: r.headers.get("location"), text };
  });
  const batch = upload.value.location ? new URL(upload.value.location, base).searchParams.get("batch") : null;
  if (upload.value.status !== 302 || !batch) failures.push(`import upload: HTTP ${upload.value.status} ${upload.value.text.slice(0, 300)}`);
  const cpuUpload = cpuMsOf(server.pid!) - cpuBefore;
  const confirm = await timed(async () => {
    const r = await fetch(`${base}/tasks/import?batch=${batch}`, {
      method: "POST",
      redirect: "manual",
      headers: { ...pageHeaders, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "confirm", batch: batch ?? "", version: "1" }),
    });
    await r.arrayBuffer();
    return r.status;
  });
  if (confirm.value !== 302) failures.push(`import confirm: HTTP ${confirm.value}`);
  const cpuConfirm = cpuMsOf(server.pid!) - cpuBefore - cpuUpload;
  timings.push({
    name: "Excel import, 1,000 rows: upload + preview",
    ms: upload.ms,
    targetMs: null,
    note: `server CPU ${(cpuUpload / 1000).toFixed(2)} s`,
  });
  timings.push({
    name: "Excel import, 1,000 rows: confirm",
    ms: confirm.ms,
    targetMs: null,
    note: `server CPU ${(cpuConfirm / 1000).toFixed(2)} s`,
  });
  timings.push({
    name: "Excel import, 1,000 rows (total)",
    ms: upload.ms + confirm.ms,
    targetMs: 2000,
    note: `server CPU ${((cpuUpload + cpuConfirm) / 1000).toFixed(2)} s`,
  });
  console.log(
    `  import of 1,000 rows: upload ${upload.ms.toFixed(0)} ms, confirm ${confirm.ms.toFixed(0)} ms, server peak ${memoryOf(server.pid!).hwmMb.toFixed(0)} MB`,
  );
}

// The overview's first request after a write (the import above changed 1,000 tasks): a cache miss.
{
  const cpuBefore = cpuMsOf(server.pid!);
  const { ms, value } = await timed(async () => {
    const r = await fetch(`${base}/`, { headers: pageHeaders });
    await r.arrayBuffer();
    return r.status;
  });
  if (value !== 200) failures.push(`overview after a write: HTTP ${value}`);
  timings.push({
    name: "Committee overview, first request after a write",
    ms,
    targetMs: null,
    note: `server CPU ${((cpuMsOf(server.pid!) - cpuBefore) / 1000).toFixed(2)} s`,
  });
  console.log(`  overview after a write: ${ms.toFixed(0)} ms`);
}

const memory = memoryOf(server.pid!);
clearInterval(sampler);
stopServer();

// The reminder job over every task (run here, on the same database, as `npm run reminders` would).
const reminderModule = path.join(ROOT, "app", "models", "reminder-job.server.ts");
if (fs.existsSync(reminderModule)) {
  const { db: jobDb, close } = await openDb();
  const job = (await import(reminderModule)) as {
    runReminderJob: (
      db: Kysely<Database>,
      options: { date: string },
    ) => Promise<{ tasksScanned?: number; notificationsCreated?: number; emailsQueued?: number }>;
  };
  const cpuBefore = process.cpuUsage();
  const { ms, value: counts } = await timed(() => job.runReminderJob(jobDb, { date: today }));
  const cpu = process.cpuUsage(cpuBefore);
  await close();
  const made = `${counts.tasksScanned ?? "?"} open tasks scanned, ${counts.notificationsCreated ?? "?"} notifications and ${counts.emailsQueued ?? "?"} e-mails made`;
  console.log(`  reminder job: ${ms.toFixed(0)} ms (${made})`);
  timings.push({
    name: "Reminder job over every task",
    ms,
    targetMs: 2000,
    note: `${made}; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s in the bench process`,
  });
} else {
  timings.push({
    name: "Reminder job over every task",
    ms: null,
    targetMs: 2000,
    note: "not measured: the app has no reminder job in this checkout",
  });
}

const report: BenchReport = {
  serverFlags: serverFlags.join(" "),
  databaseVersion,
  loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
  database: isPg ? "PostgreSQL" : "SQLite",
  date: clock.nowIso(),
  duration,
  connections,
  seedSeconds,
  dataset: size,
  pages,
  timings,
  peakMemoryMb: Math.max(memory.hwmMb, sampledPeakMb),
  failures,
};
console.log(`\n${formatReport(report)}`);
if (!args["no-write"]) {
  writeBenchmarksDoc(path.join(ROOT, "docs", "benchmarks.md"), report);
  step("written to docs/benchmarks.md");
}
fs.rmSync(workDir, { recursive: true, force: true }); // the temporary database and uploads (a --reuse file lives elsewhere)
throwawayPg?.stop();
if (failures.length) {
  console.error(`\nFAILED:\n${failures.map((f) => `  ${f}`).join("\n")}`);
  process.exit(1);
}
process.exit(0);
