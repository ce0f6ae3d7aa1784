/**
 * npm run drill:crash -- [--rounds 50] [--clients 6] [--keep]
 *
 * Crash drill: on a scratch copy of the demo database, N rounds of
 *   start the production server (a child process) → several clients write through the JSON API
 *   (progress updates with unique notes, extension requests, decisions on them) → kill -9 the server
 *   at a random moment mid-traffic → open the file: PRAGMA integrity_check must be "ok", no foreign
 *   key is broken, and every write the server acknowledged (2xx with its id/version) is present.
 * Exits 1 on any failure. Writes that were in flight at the kill may or may not be there; both are fine.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
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
  pick,
  scratchDir,
  sleep,
  spawnServer,
  uniqueNote,
  waitUntilServing,
  type ServerProcess,
} from "./lib/drill";

const usage = "Usage: npm run drill:crash -- [--rounds 50] [--clients 6] [--keep]";
const args = process.argv.slice(2);
const rounds = intArg(args, "rounds", 50, 1, 10_000, usage);
const clientCount = intArg(args, "clients", 6, 1, 11, usage);
const keep = args.includes("--keep");

/** The staff owners with the most open tasks: each client writes only its own user's tasks. */
const WRITERS = [
  "cv.stp@roviec.demo",
  "cv.snv@roviec.demo",
  "cv.hoankiem@roviec.demo",
  "cv.pc06@roviec.demo",
  "cv.syt@roviec.demo",
  "cv.ttdl@roviec.demo",
  "cv.badinh@roviec.demo",
  "cv.cds@roviec.demo",
  "cv.dongda@roviec.demo",
  "cv.ttpvhcc@roviec.demo",
  "gd.ttpvhcc@roviec.demo",
];
const DECIDER = "admin@roviec.demo";

type Ack =
  | { kind: "progress"; taskId: number; note: string; progress: number; version: number }
  | { kind: "extension"; taskId: number; extensionId: number; reason: string; deadline: string }
  | { kind: "decision"; extensionId: number; status: "approved" | "rejected"; taskVersion: number; taskId: number };

interface Writer {
  email: string;
  api: ApiClient;
  tasks: Array<{ id: number; deadline: string | null }>;
  versions: Map<number, number>;
}

const started = performance.now();
ensureBuild();
const dir = scratchDir("crash");
const dbFile = path.join(dir, "roviec.db");
console.log(`Crash drill: ${rounds} rounds, ${clientCount} writers + 1 decider, scratch database ${dbFile}`);
console.log(`Machine: ${describeMachine()}`);
await createDemoDb(dbFile);

// Tokens and each writer's open tasks, read before the first round.
const writerEmails = WRITERS.slice(0, clientCount);
const setup = createDb(dbFile);
const tokens = await createTokens(setup.db, [...writerEmails, DECIDER]);
const writers: Writer[] = [];
for (const email of writerEmails) {
  const { token, userId } = tokens.get(email)!;
  const rows = await setup.db
    .selectFrom("tasks")
    .select(["id", "deadline", "version"])
    .where("owner_id", "=", userId)
    .where("status", "in", ["not_started", "in_progress"])
    .execute();
  writers.push({
    email,
    api: new ApiClient("", token),
    tasks: rows.map((r) => ({ id: r.id, deadline: r.deadline })),
    versions: new Map(rows.map((r) => [r.id, r.version])),
  });
}
await setup.db.destroy();
const decider = new ApiClient("", tokens.get(DECIDER)!.token);

interface RoundFigures {
  acked: number;
  verified: number;
  inFlight: number;
  conflicts: number;
  refused: number;
  killAtMs: number;
  ms: number;
}

const totals = { acked: 0, verified: 0, progress: 0, extensions: 0, decisions: 0, inFlight: 0, conflicts: 0, refused: 0, failedRounds: 0 };
const failures: string[] = [];
let pendingExtensions: Array<{ id: number; taskId: number }> = [];

async function writerLoop(w: Writer, stop: { stopped: boolean }, acks: Ack[], figures: RoundFigures, today: string) {
  while (!stop.stopped) {
    const task = pick(w.tasks);
    const wantsExtension = Math.random() < 0.2 && task.deadline !== null && task.deadline >= today;
    figures.inFlight += 1;
    try {
      if (wantsExtension) {
        const deadline = addDays(task.deadline!, 7 + Math.floor(Math.random() * 60));
        const reason = uniqueNote("Gia hạn (diễn tập sự cố)");
        const r = await w.api.call("POST", `/api/v1/tasks/${task.id}/extensions`, { deadline, reason });
        if (r.status === 201) {
          acks.push({ kind: "extension", taskId: task.id, extensionId: r.json.id, reason, deadline });
          pendingExtensions.push({ id: r.json.id, taskId: task.id });
        } else if (r.status === 422)
          figures.refused += 1; // a pending request already, or the deadline passed: refused, nothing written
        else throw new Error(`extension request on task ${task.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      } else {
        let version = w.versions.get(task.id) ?? 1;
        for (let attempt = 0; attempt < 5 && !stop.stopped; attempt += 1) {
          const note = uniqueNote("Tiến độ (diễn tập sự cố)");
          const progress = 1 + Math.floor(Math.random() * 98);
          const r = await w.api.call("PATCH", `/api/v1/tasks/${task.id}`, { version, progress, note });
          if (r.status === 200) {
            acks.push({ kind: "progress", taskId: task.id, note, progress, version: r.json.version });
            w.versions.set(task.id, r.json.version);
            break;
          }
          if (r.status === 409) {
            // An unacknowledged write from before the crash did commit: re-read the version, retry.
            figures.conflicts += 1;
            version = r.json.currentVersion;
            w.versions.set(task.id, version);
            continue;
          }
          throw new Error(`progress on task ${task.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        }
      }
      figures.inFlight -= 1;
    } catch (error) {
      if (stop.stopped) return; // the kill cut this request off: in flight, unacknowledged
      figures.inFlight -= 1;
      throw error;
    }
  }
}

async function deciderLoop(stop: { stopped: boolean }, acks: Ack[], figures: RoundFigures) {
  while (!stop.stopped) {
    const next = pendingExtensions.shift();
    if (!next) {
      await sleep(20);
      continue;
    }
    figures.inFlight += 1;
    try {
      const decision = Math.random() < 0.5 ? "approve" : "reject";
      const r = await decider.call("POST", `/api/v1/extensions/${next.id}/decision`, { decision, note: uniqueNote("Quyết định") });
      if (r.status === 200) {
        acks.push({ kind: "decision", extensionId: next.id, taskId: next.taskId, status: r.json.status, taskVersion: r.json.task.version });
        if (decision === "approve") {
          // The deadline moved and the version went up: the writer learns both.
          for (const w of writers) {
            const t = w.tasks.find((x) => x.id === next.taskId);
            if (t) {
              t.deadline = r.json.task.deadline;
              w.versions.set(t.id, r.json.task.version);
            }
          }
        }
      } else if (r.status === 422)
        figures.refused += 1; // decided already (a write acknowledged to nobody before a crash)
      else throw new Error(`decision on extension ${next.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      figures.inFlight -= 1;
    } catch (error) {
      if (stop.stopped) {
        pendingExtensions.unshift(next);
        return;
      }
      figures.inFlight -= 1;
      throw error;
    }
  }
}

async function verify(acks: Ack[]): Promise<{ verified: number; problems: string[] }> {
  const { db } = createDb(dbFile); // opening runs WAL recovery, as the restarted server would
  const problems: string[] = [];
  let verified = 0;
  try {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const verdict = integrity.rows.map((r) => r.integrity_check).join("; ");
    if (verdict !== "ok") problems.push(`integrity_check: ${verdict}`);
    const fk = await sql`pragma foreign_key_check`.execute(db);
    if (fk.rows.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.rows.slice(0, 5))}`);
    for (const ack of acks) {
      if (ack.kind === "progress") {
        const rows = await db
          .selectFrom("task_updates")
          .select(["progress"])
          .where("task_id", "=", ack.taskId)
          .where("note", "=", ack.note)
          .execute();
        const task = await db.selectFrom("tasks").select(["version"]).where("id", "=", ack.taskId).executeTakeFirst();
        if (rows.length !== 1 || rows[0]!.progress !== ack.progress)
          problems.push(`progress on task ${ack.taskId} ("${ack.note}") acknowledged, found ${rows.length} row(s)`);
        else if (!task || task.version < ack.version)
          problems.push(`task ${ack.taskId} is at version ${task?.version}, below the acknowledged ${ack.version}`);
        else verified += 1;
      } else if (ack.kind === "extension") {
        const row = await db
          .selectFrom("task_extensions")
          .select(["task_id", "reason", "requested_deadline"])
          .where("id", "=", ack.extensionId)
          .executeTakeFirst();
        if (!row || row.task_id !== ack.taskId || row.reason !== ack.reason || row.requested_deadline !== ack.deadline)
          problems.push(`extension request ${ack.extensionId} on task ${ack.taskId} acknowledged, not found as written`);
        else verified += 1;
      } else {
        const row = await db.selectFrom("task_extensions").select(["status"]).where("id", "=", ack.extensionId).executeTakeFirst();
        const task = await db.selectFrom("tasks").select(["version"]).where("id", "=", ack.taskId).executeTakeFirst();
        if (row?.status !== ack.status)
          problems.push(`decision ${ack.status} on extension ${ack.extensionId} acknowledged, found ${row?.status ?? "no row"}`);
        else if (!task || task.version < ack.taskVersion)
          problems.push(`task ${ack.taskId} below the version ${ack.taskVersion} its approval returned`);
        else verified += 1;
      }
    }
    // Requests still pending in the file (acknowledged to nobody, or not decided yet) go to the decider next round.
    const pending = await db.selectFrom("task_extensions").select(["id", "task_id"]).where("status", "=", "pending").execute();
    pendingExtensions = pending.map((p) => ({ id: p.id, taskId: p.task_id }));
  } finally {
    await db.destroy();
  }
  return { verified, problems };
}

const today = todayInZone(process.env.APP_TZ ?? "Asia/Ho_Chi_Minh");
let exitCode = 0;
try {
  for (let round = 1; round <= rounds; round += 1) {
    const roundStart = performance.now();
    const figures: RoundFigures = { acked: 0, verified: 0, inFlight: 0, conflicts: 0, refused: 0, killAtMs: 0, ms: 0 };
    const port = await freePort();
    const server: ServerProcess = spawnServer({ dbFile, port });
    await waitUntilServing(server);
    for (const w of writers) w.api.baseUrl = server.url;
    decider.baseUrl = server.url;

    const acks: Ack[] = [];
    const stop = { stopped: false };
    const loopErrors: string[] = [];
    const loops = [...writers.map((w) => writerLoop(w, stop, acks, figures, today)), deciderLoop(stop, acks, figures)].map((p) =>
      p.catch((error) => void loopErrors.push(error instanceof Error ? error.message : String(error))),
    );
    // Mid-traffic: once writes are being acknowledged (a cold server on a busy machine can take a
    // while over its first requests), then after a random 0–1.5 s.
    const trafficStart = performance.now();
    while (acks.length === 0 && loopErrors.length === 0 && performance.now() - trafficStart < 30_000) await sleep(10);
    await sleep(Math.floor(Math.random() * 1500));
    const killAt = performance.now() - trafficStart;
    figures.killAtMs = killAt;
    const inFlightAtKill = figures.inFlight;
    stop.stopped = true; // set first: the requests the kill cuts off are in flight, not failures
    server.child.kill("SIGKILL");
    const exit = await server.exited;
    await Promise.all(loops);
    if (exit.signal !== "SIGKILL")
      loopErrors.push(`the server ended with ${exit.signal ?? `exit code ${exit.code}`} before the kill:\n${server.stderr()}`);

    const { verified, problems } = await verify(acks);
    figures.acked = acks.length;
    figures.verified = verified;
    figures.ms = performance.now() - roundStart;
    const roundProblems = [...loopErrors, ...problems];
    const counts = { progress: 0, extension: 0, decision: 0 };
    for (const a of acks) counts[a.kind] += 1;
    totals.acked += acks.length;
    totals.verified += verified;
    totals.progress += counts.progress;
    totals.extensions += counts.extension;
    totals.decisions += counts.decision;
    totals.inFlight += inFlightAtKill;
    totals.conflicts += figures.conflicts;
    totals.refused += figures.refused;
    console.log(
      `round ${String(round).padStart(3)}: kill -9 at ${String(killAt).padStart(5)} ms · acknowledged ${String(acks.length).padStart(3)} ` +
        `(${counts.progress} progress, ${counts.extension} extension requests, ${counts.decision} decisions) · verified ${verified} · ` +
        `in flight at kill ${inFlightAtKill} · 409 retried ${figures.conflicts} · integrity ${problems.some((p) => p.startsWith("integrity")) ? "FAILED" : "ok"} · ${figures.ms} ms` +
        (roundProblems.length ? "  ✗" : "  ✓"),
    );
    if (roundProblems.length) {
      totals.failedRounds += 1;
      for (const p of roundProblems) {
        console.log(`    ✗ ${p}`);
        failures.push(`round ${round}: ${p}`);
      }
    }
    if (acks.length === 0) {
      console.log("    ✗ no write was acknowledged within 30 s of traffic");
      if (roundProblems.length === 0) totals.failedRounds += 1;
      failures.push(`round ${round}: no write acknowledged`);
    }
  }
  // The check itself must be able to fail: a write that was never made has to be reported missing.
  const control = await verify([
    { kind: "progress", taskId: writers[0]!.tasks[0]!.id, note: "never written (control)", progress: 1, version: 1 },
  ]);
  if (control.problems.length !== 1)
    throw new Error("The acknowledged-write check did not notice a missing write: the drill cannot be trusted.");
  console.log("control: a write that was never made is reported missing by the same check ✓");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log("");
console.log(`Crash drill: ${rounds} rounds in ${seconds} s`);
console.log(
  `  acknowledged writes: ${totals.acked} (${totals.progress} progress updates, ${totals.extensions} extension requests, ${totals.decisions} decisions)`,
);
console.log(`  verified present after kill -9: ${totals.verified} of ${totals.acked}`);
console.log(
  `  requests in flight at the kills: ${totals.inFlight} · version conflicts retried: ${totals.conflicts} · expected refusals (422): ${totals.refused}`,
);
console.log(`  rounds failed: ${totals.failedRounds}`);
if (failures.length || exitCode !== 0 || totals.verified !== totals.acked) {
  console.log("FAILED");
  exitCode = 1;
} else {
  console.log("OK: integrity_check ok after every kill, every acknowledged write present.");
}
if (keep) console.log(`Scratch database kept: ${dbFile}`);
else fs.rmSync(dir, { recursive: true, force: true });
process.exit(exitCode);
