/**
 * npm run drill:load -- [--clients 50] [--seconds 60] [--keep]
 *
 * Load drill: on a scratch demo database served by the production build (a child process), N
 * concurrent clients for S seconds, each a demo user signed in on the web or holding an API token
 * (every demo user has both kinds of client, so a user's web and API clients write to the same
 * tasks and meet real version conflicts). Reads: committee overview, task list, task page, API task
 * list. Writes: progress updates with unique notes (web form and API), extension requests (some sent
 * twice at once, like a double-clicked button), decisions on them, new tasks through the API.
 *
 * Errors: any 5xx, network error, or unexpected status. A 409 (stale version) is expected: the client
 * re-reads and retries, and those are counted apart. Afterwards every acknowledged write is checked
 * in the database: present exactly once, no two acknowledged writes of a task got the same version,
 * each task's version moved exactly by the acknowledged writes (no lost update), its final progress is
 * the last acknowledged one, and no task has two pending extension requests.
 * Prints requests, per-kind counts and latency (p50/p95/p99), throughput; exits 1 on any error or lost write.
 */
import fs from "node:fs";
import path from "node:path";
import { todayInZone } from "../app/clock.server";
import { addDays } from "../app/domain/dates";
import { createDb } from "../db/connect";
import {
  ApiClient,
  createDemoDb,
  createTokens,
  describeMachine,
  ensureBuild,
  freePort,
  intArg,
  percentile,
  pick,
  scratchDir,
  spawnServer,
  stopServer,
  uniqueNote,
  waitUntilServing,
  WebClient,
} from "./lib/drill";

const usage = "Usage: npm run drill:load -- [--clients 50] [--seconds 60] [--keep]";
const args = process.argv.slice(2);
const clientCount = intArg(args, "clients", 50, 1, 500, usage);
const seconds = intArg(args, "seconds", 60, 1, 3600, usage);
const keep = args.includes("--keep");

type Kind =
  | "read overview"
  | "read task list"
  | "read task page"
  | "read API list"
  | "write progress (web)"
  | "write progress (API)"
  | "write extension request"
  | "write extension decision"
  | "write new task (API)";

interface Stat {
  latencies: number[];
  ok: number;
  conflicts: number;
  refusedExpected: number;
  errors: number;
}
const stats = new Map<Kind, Stat>();
const errorSamples: string[] = [];
function stat(kind: Kind) {
  let s = stats.get(kind);
  if (!s) stats.set(kind, (s = { latencies: [], ok: 0, conflicts: 0, refusedExpected: 0, errors: 0 }));
  return s;
}
function recordError(kind: Kind, message: string) {
  stat(kind).errors += 1;
  if (errorSamples.length < 20) errorSamples.push(`${kind}: ${message}`);
}

/** Times one request; network errors become errors of that kind (and undefined). */
async function timed<T>(kind: Kind, run: () => Promise<T>): Promise<T | undefined> {
  const t0 = performance.now();
  try {
    const result = await run();
    stat(kind).latencies.push(performance.now() - t0);
    return result;
  } catch (error) {
    stat(kind).latencies.push(performance.now() - t0);
    recordError(
      kind,
      `network error: ${error instanceof Error ? `${error.message} ${(error as { cause?: Error }).cause?.message ?? ""}` : error}`,
    );
    return undefined;
  }
}

// What the server acknowledged.
interface VersionedAck {
  taskId: number;
  /** The task's version this write produced. */
  version: number;
  /** Set for progress writes. */
  progress?: number;
  note?: string;
  kind: "progress" | "approve";
}
const versionedAcks: VersionedAck[] = [];
const extensionAcks: Array<{ id: number; taskId: number; reason: string }> = [];
const decisionAcks: Array<{ id: number; status: string }> = [];
const createdAcks: Array<{ id: number; title: string }> = [];

interface User {
  id: number;
  email: string;
  role: "admin" | "committee" | "head" | "staff";
  unitId: number;
  token: string;
  /** Open tasks the user owns (and may post progress on). */
  tasks: Array<{ id: number; deadline: string | null }>;
}

// Extension requests waiting for a decision (one requester per user, so a task is here at most once).
const pending = new Map<number, { extensionId: number; taskId: number }>();
const pendingQueue: number[] = [];

const today = todayInZone(process.env.APP_TZ ?? "Asia/Ho_Chi_Minh");

const VERSION_RE = /name="version" value="(\d+)"/;

async function webProgress(web: WebClient, user: User) {
  const task = pick(user.tasks);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    // Like a browser: open the task page, submit its progress form with the version it shows.
    const page = await timed("read task page", () => web.request(`/tasks/${task.id}`));
    if (!page) return;
    const html = await page.text();
    if (page.status !== 200) return recordError("read task page", `HTTP ${page.status} for /tasks/${task.id}`);
    stat("read task page").ok += 1;
    const version = Number(VERSION_RE.exec(html)?.[1]);
    if (!version) return recordError("read task page", `no progress form on /tasks/${task.id} for ${user.email}`);
    const note = uniqueNote(`Web ${user.email}`);
    const progress = 1 + Math.floor(Math.random() * 98);
    const response = await timed("write progress (web)", () =>
      web.post(`/tasks/${task.id}`, { intent: "progress", version, progress, note }),
    );
    if (!response) return;
    await response.arrayBuffer();
    if (response.status === 302) {
      stat("write progress (web)").ok += 1;
      versionedAcks.push({ taskId: task.id, version: version + 1, progress, note, kind: "progress" });
      return;
    }
    if (response.status === 409) {
      stat("write progress (web)").conflicts += 1;
      continue;
    }
    return recordError("write progress (web)", `HTTP ${response.status} on task ${task.id}`);
  }
}

async function apiProgress(api: ApiClient, user: User, versions: Map<number, number>) {
  const task = pick(user.tasks);
  let version = versions.get(task.id);
  if (version === undefined) {
    const r = await timed("read task page", () => api.call("GET", `/api/v1/tasks/${task.id}`));
    if (!r) return;
    if (r.status !== 200) return recordError("read task page", `API HTTP ${r.status} for task ${task.id}`);
    stat("read task page").ok += 1;
    version = r.json.version as number;
  }
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const note = uniqueNote(`API ${user.email}`);
    const progress = 1 + Math.floor(Math.random() * 98);
    const v = version;
    const r = await timed("write progress (API)", () => api.call("PATCH", `/api/v1/tasks/${task.id}`, { version: v, progress, note }));
    if (!r) return;
    if (r.status === 200) {
      stat("write progress (API)").ok += 1;
      versionedAcks.push({ taskId: task.id, version: r.json.version, progress, note, kind: "progress" });
      versions.set(task.id, r.json.version);
      return;
    }
    if (r.status === 409 && typeof r.json?.currentVersion === "number") {
      // Someone else wrote first: take the version the server reports and send again.
      stat("write progress (API)").conflicts += 1;
      version = r.json.currentVersion as number;
      versions.set(task.id, version!);
      continue;
    }
    return recordError("write progress (API)", `HTTP ${r.status} on task ${task.id}: ${r.text.slice(0, 200)}`);
  }
}

async function apiExtension(api: ApiClient, user: User) {
  const candidates = user.tasks.filter((t) => t.deadline !== null && t.deadline >= today && !pending.has(t.id));
  if (candidates.length === 0) return;
  const task = pick(candidates);
  const deadline = addDays(task.deadline!, 7 + Math.floor(Math.random() * 90));
  // One request in five is sent twice at once (a double click): exactly one may be accepted.
  const copies = Math.random() < 0.2 ? 2 : 1;
  const reasons = Array.from({ length: copies }, () => uniqueNote(`Gia hạn ${user.email}`));
  const results = await Promise.all(
    reasons.map((reason) =>
      timed("write extension request", () => api.call("POST", `/api/v1/tasks/${task.id}/extensions`, { deadline, reason })),
    ),
  );
  let accepted = 0;
  results.forEach((r, i) => {
    if (!r) return;
    if (r.status === 201) {
      accepted += 1;
      stat("write extension request").ok += 1;
      extensionAcks.push({ id: r.json.id, taskId: task.id, reason: reasons[i]! });
      pending.set(task.id, { extensionId: r.json.id, taskId: task.id });
      pendingQueue.push(task.id);
    } else if (r.status === 422 && copies === 2 && /deadline/.test(r.text)) {
      stat("write extension request").refusedExpected += 1; // the second copy of a double submit
    } else recordError("write extension request", `HTTP ${r.status} on task ${task.id}: ${r.text.slice(0, 200)}`);
  });
  if (accepted > 1) recordError("write extension request", `a double submit on task ${task.id} was accepted twice (two pending requests)`);
}

async function apiDecide(api: ApiClient, owners: Map<number, User>) {
  const taskId = pendingQueue.shift();
  if (taskId === undefined) return false;
  const p = pending.get(taskId)!;
  const decision = Math.random() < 0.5 ? "approve" : "reject";
  const r = await timed("write extension decision", () =>
    api.call("POST", `/api/v1/extensions/${p.extensionId}/decision`, { decision, note: uniqueNote("Quyết định") }),
  );
  pending.delete(taskId);
  if (!r) return true;
  if (r.status !== 200) {
    recordError("write extension decision", `HTTP ${r.status} on extension ${p.extensionId}: ${r.text.slice(0, 200)}`);
    return true;
  }
  stat("write extension decision").ok += 1;
  decisionAcks.push({ id: p.extensionId, status: r.json.status });
  if (r.json.status === "approved") {
    versionedAcks.push({ taskId, version: r.json.task.version, kind: "approve" });
    const t = owners.get(taskId)?.tasks.find((x) => x.id === taskId);
    if (t) t.deadline = r.json.task.deadline;
  }
  return true;
}

async function apiCreate(api: ApiClient, user: User) {
  const title = uniqueNote(`Nhiệm vụ mới của ${user.email}`).slice(0, 200);
  const body = {
    title,
    ownerId: user.id,
    leadUnitId: user.unitId,
    deadline: addDays(today, 30 + Math.floor(Math.random() * 300)),
    deliverable: "Báo cáo kết quả thực hiện",
    programs: [pick(["CCHC", "CDS", "DA06"])],
  };
  const r = await timed("write new task (API)", () => api.call("POST", "/api/v1/tasks", body));
  if (!r) return;
  if (r.status === 201) {
    stat("write new task (API)").ok += 1;
    createdAcks.push({ id: r.json.id, title });
  } else recordError("write new task (API)", `HTTP ${r.status}: ${r.text.slice(0, 200)}`);
}

async function read(kind: Kind, fetcher: () => Promise<{ status: number }>) {
  const r = await timed(kind, fetcher);
  if (!r) return;
  if (r.status === 200) stat(kind).ok += 1;
  else recordError(kind, `HTTP ${r.status}`);
}

const started = performance.now();
ensureBuild();
const dir = scratchDir("load");
const dbFile = path.join(dir, "roviec.db");
console.log(`Load drill: ${clientCount} clients for ${seconds} s, scratch database ${dbFile}`);
console.log(`Machine: ${describeMachine()}`);
await createDemoDb(dbFile);

const setup = createDb(dbFile);
const userRows = await setup.db
  .selectFrom("users")
  .select(["id", "email", "role", "unit_id"])
  .where("active", "=", 1)
  .orderBy("id")
  .execute();
const tokens = await createTokens(
  setup.db,
  userRows.map((u) => u.email),
);
const users: User[] = [];
const initialVersions = new Map<number, number>();
for (const row of userRows) {
  const tasks = await setup.db
    .selectFrom("tasks")
    .select(["id", "deadline", "version"])
    .where("owner_id", "=", row.id)
    .where("status", "in", ["not_started", "in_progress"])
    .execute();
  for (const t of tasks) initialVersions.set(t.id, t.version);
  users.push({
    id: row.id,
    email: row.email,
    role: row.role,
    unitId: row.unit_id,
    token: tokens.get(row.email)!.token,
    tasks: tasks.map((t) => ({ id: t.id, deadline: t.deadline })),
  });
}
const allTaskIds = (await setup.db.selectFrom("tasks").select("id").execute()).map((r) => r.id);
const initialPending = await setup.db.selectFrom("task_extensions").select(["id", "task_id"]).where("status", "=", "pending").execute();
await setup.db.destroy();
const owners = new Map<number, User>();
for (const u of users) for (const t of u.tasks) owners.set(t.id, u);
// The seed's pending requests go to the deciders too.
for (const p of initialPending) {
  if (!initialVersions.has(p.task_id)) continue; // only open tasks of the demo users
  pending.set(p.task_id, { extensionId: p.id, taskId: p.task_id });
  pendingQueue.push(p.task_id);
}

const port = await freePort();
const server = spawnServer({ dbFile, port });
let exitCode = 0;
try {
  await waitUntilServing(server);

  // Client i: user i mod (number of users); the first round of users on the web, the next through the API.
  const clients = Array.from({ length: clientCount }, (_, i) => ({
    user: users[i % users.length]!,
    mode: Math.floor(i / users.length) % 2 === 0 ? ("web" as const) : ("api" as const),
  }));
  const webClients = new Map<number, WebClient>();
  for (const c of clients) {
    if (c.mode === "web") {
      const web = new WebClient(server.url);
      await web.signIn(c.user.email);
      webClients.set(clients.indexOf(c), web);
    }
  }
  console.log(
    `${clients.filter((c) => c.mode === "web").length} web clients (signed in) and ${clients.filter((c) => c.mode === "api").length} API clients over ${users.length} demo users`,
  );

  const runStart = performance.now();
  const endAt = runStart + seconds * 1000;
  await Promise.all(
    clients.map(async (c, index) => {
      const user = c.user;
      const canWrite = user.tasks.length > 0 && user.role !== "committee"; // committee members direct; the policy gives them no progress or extension requests
      const decides = user.role === "admin" || user.role === "committee";
      const creates = user.role !== "staff";
      if (c.mode === "web") {
        const web = webClients.get(index)!;
        while (performance.now() < endAt) {
          const roll = Math.random();
          if (roll < 0.2)
            await read("read overview", async () => ({
              status: (await web.request("/").then(async (r) => (await r.arrayBuffer(), r))).status,
            }));
          else if (roll < 0.4)
            await read("read task list", async () => ({
              status: (await web.request("/tasks").then(async (r) => (await r.arrayBuffer(), r))).status,
            }));
          else if (roll < 0.65 || !canWrite)
            await read("read task page", async () => ({
              status: (await web.request(`/tasks/${pick(allTaskIds)}`).then(async (r) => (await r.arrayBuffer(), r))).status,
            }));
          else await webProgress(web, user);
        }
      } else {
        const api = new ApiClient(server.url, user.token);
        const versions = new Map<number, number>();
        while (performance.now() < endAt) {
          const roll = Math.random();
          if (decides && pendingQueue.length && roll < 0.3) await apiDecide(api, owners);
          else if (roll < 0.35)
            await read("read API list", () => api.call("GET", `/api/v1/tasks?limit=50&offset=${Math.floor(Math.random() * 5) * 50}`));
          else if (roll < 0.45 && creates) await apiCreate(api, user);
          else if (roll < 0.55 && canWrite) await apiExtension(api, user);
          else if (canWrite) await apiProgress(api, user, versions);
          else await read("read task page", () => api.call("GET", `/api/v1/tasks/${pick(allTaskIds)}`));
        }
      }
    }),
  );
  const elapsed = (performance.now() - runStart) / 1000;
  const exit = await stopServer(server);
  if (exit.code !== 0 && exit.signal !== "SIGTERM") {
    errorSamples.push(`the server ended with ${exit.signal ?? exit.code}: ${server.stderr().slice(-500)}`);
    exitCode = 1;
  }

  // ---- figures ----
  const all: number[] = [];
  let total = 0;
  let errors = 0;
  let conflicts = 0;
  console.log("");
  console.log(
    `${"kind".padEnd(26)} ${"requests".padStart(8)} ${"ok".padStart(7)} ${"409".padStart(5)} ${"errors".padStart(6)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)}`,
  );
  for (const [kind, s] of [...stats].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    all.push(...sorted);
    total += sorted.length;
    errors += s.errors;
    conflicts += s.conflicts;
    console.log(
      `${kind.padEnd(26)} ${String(sorted.length).padStart(8)} ${String(s.ok).padStart(7)} ${String(s.conflicts).padStart(5)} ${String(s.errors).padStart(6)} ${percentile(sorted, 50).toFixed(0).padStart(7)} ${percentile(sorted, 95).toFixed(0).padStart(7)} ${percentile(sorted, 99).toFixed(0).padStart(7)}` +
        (s.refusedExpected ? `   (${s.refusedExpected} second copies of a double submit refused, as they should be)` : ""),
    );
  }
  all.sort((a, b) => a - b);
  console.log(
    `${"all".padEnd(26)} ${String(total).padStart(8)} ${"".padStart(7)} ${String(conflicts).padStart(5)} ${String(errors).padStart(6)} ${percentile(all, 50).toFixed(0).padStart(7)} ${percentile(all, 95).toFixed(0).padStart(7)} ${percentile(all, 99).toFixed(0).padStart(7)}`,
  );
  console.log(`Throughput: ${(total / elapsed).toFixed(1)} requests/s over ${elapsed.toFixed(1)} s with ${clientCount} clients`);

  // ---- every acknowledged write, checked in the database ----
  const problems: string[] = [];
  const { db } = createDb(dbFile);
  try {
    const updates = await db
      .selectFrom("task_updates")
      .select(["task_id", "note", "progress"])
      .where("note", "like", "%cập nhật tiến độ")
      .execute();
    const byNote = new Map<string, Array<{ task_id: number; progress: number }>>();
    for (const u of updates) byNote.set(u.note, [...(byNote.get(u.note) ?? []), u]);
    const perTask = new Map<number, VersionedAck[]>();
    for (const ack of versionedAcks) perTask.set(ack.taskId, [...(perTask.get(ack.taskId) ?? []), ack]);
    for (const ack of versionedAcks) {
      if (ack.kind !== "progress") continue;
      const rows = byNote.get(ack.note!) ?? [];
      if (rows.length !== 1 || rows[0]!.task_id !== ack.taskId || rows[0]!.progress !== ack.progress)
        problems.push(`progress on task ${ack.taskId} ("${ack.note}") acknowledged; found ${rows.length} matching row(s)`);
    }
    const tasks = await db
      .selectFrom("tasks")
      .select(["id", "version", "progress"])
      .where("id", "in", [...initialVersions.keys(), 0])
      .execute();
    for (const task of tasks) {
      const acks = perTask.get(task.id) ?? []; // none: the task must not have moved either
      const versions = acks.map((a) => a.version);
      if (new Set(versions).size !== versions.length)
        problems.push(`task ${task.id}: two acknowledged writes produced the same version (a lost update)`);
      const expected = initialVersions.get(task.id)! + acks.length;
      if (task.version !== expected)
        problems.push(
          `task ${task.id}: version ${task.version}, expected ${expected} (initial ${initialVersions.get(task.id)} + ${acks.length} acknowledged writes)`,
        );
      const last = [...acks].sort((a, b) => b.version - a.version).find((a) => a.kind === "progress");
      if (last && task.progress !== last.progress)
        problems.push(`task ${task.id}: progress ${task.progress}, the last acknowledged write set ${last.progress}`);
    }
    for (const ack of extensionAcks) {
      const rows = await db.selectFrom("task_extensions").select(["id", "task_id"]).where("reason", "=", ack.reason).execute();
      if (rows.length !== 1 || rows[0]!.id !== ack.id || rows[0]!.task_id !== ack.taskId)
        problems.push(`extension request ${ack.id} on task ${ack.taskId}: found ${rows.length} matching row(s)`);
    }
    for (const ack of decisionAcks) {
      const row = await db.selectFrom("task_extensions").select("status").where("id", "=", ack.id).executeTakeFirst();
      if (row?.status !== ack.status)
        problems.push(`decision on extension ${ack.id}: ${ack.status} acknowledged, found ${row?.status ?? "no row"}`);
    }
    for (const ack of createdAcks) {
      const rows = await db.selectFrom("tasks").select("id").where("title", "=", ack.title).execute();
      if (rows.length !== 1 || rows[0]!.id !== ack.id) problems.push(`new task ${ack.id}: found ${rows.length} matching row(s)`);
    }
    const doubles = await db
      .selectFrom("task_extensions")
      .select(["task_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "=", "pending")
      .groupBy("task_id")
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    for (const d of doubles) problems.push(`task ${d.task_id} has ${d.n} pending extension requests (at most one is allowed)`);
  } finally {
    await db.destroy();
  }
  const acked = versionedAcks.length + extensionAcks.length + decisionAcks.length + createdAcks.length;
  console.log(
    `Acknowledged writes checked: ${acked} (${versionedAcks.filter((a) => a.kind === "progress").length} progress, ${extensionAcks.length} extension requests, ${decisionAcks.length} decisions, ${createdAcks.length} new tasks) — ${problems.length ? `${problems.length} PROBLEM(S)` : "all present exactly once, no lost update"}`,
  );
  for (const p of problems.slice(0, 20)) console.log(`  ✗ ${p}`);
  for (const e of errorSamples) console.log(`  ✗ ${e}`);
  if (errors || problems.length) exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await stopServer(server);
}
console.log(
  `Load drill ${exitCode === 0 ? "OK" : "FAILED"} in ${((performance.now() - started) / 1000).toFixed(1)} s (machine shared with other work; load average now ${describeMachine().split("load average ")[1]})`,
);
if (keep) console.log(`Scratch database kept: ${dbFile}`);
else fs.rmSync(dir, { recursive: true, force: true });
process.exit(exitCode);
