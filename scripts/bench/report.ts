/**
 * The benchmark's figures against the targets of issue 6, as text for the terminal and as a section of
 * docs/benchmarks.md (one section per database, replaced on each run).
 */
import fs from "node:fs";
import os from "node:os";

export interface PageFigure {
  name: string;
  path: string;
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU time per request (ms): less distorted than req/s when other work shares the machine. */
  cpuMsPerRequest: number;
}

export interface Timing {
  name: string;
  ms: number | null;
  targetMs: number | null;
  note?: string;
}

export interface BenchReport {
  /** V8 flags given to the server (--server-node-options), if any. */
  serverFlags: string;
  /** e.g. "PostgreSQL 15.14" or "SQLite 3.53.2 (better-sqlite3, WAL, synchronous=FULL)". */
  databaseVersion: string;
  /** The machine's 1-minute load average when the measurements started and ended (2 cores: above 2 means queueing). */
  loadAverage: { start: number; end: number };
  database: "SQLite" | "PostgreSQL";
  date: string;
  duration: number;
  connections: number;
  seedSeconds: number | null;
  dataset: { units: number; users: number; tasks: number };
  pages: PageFigure[];
  timings: Timing[];
  peakMemoryMb: number;
  failures: string[];
}

/** Targets by page name: share of the minimal page's throughput, and p95 where one is set. */
const PAGE_TARGETS: Record<string, { ratio?: number; p95?: number }> = {
  "committee overview": { ratio: 0.6, p95: 50 },
  "unit page": { ratio: 0.6, p95: 50 },
  "task list (50 rows)": { ratio: 0.5 },
  "task page": { ratio: 0.5 },
};
export const MEMORY_TARGET_MB = 300;

const mark = (ok: boolean) => (ok ? "✅" : "❌");

export function machineDescription(databaseVersion: string, load?: { start: number; end: number }): string {
  const cpus = os.cpus();
  let osName = `${os.type()} ${os.release()}`;
  try {
    const release = fs.readFileSync("/etc/os-release", "utf8");
    osName = `${/^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1] ?? osName} (kernel ${os.release()})`;
  } catch {
    // not Linux: the kernel name will do
  }
  return [
    `- CPU: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores (shared with other work: absolute figures are noisy, ratios to the minimal page are the measure)`,
    `- RAM: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node.js ${process.version}, ${osName}`,
    `- Database: ${databaseVersion}`,
    ...(load
      ? [
          `- Load average (1 min) while measuring: ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end, on ${cpus.length} cores`,
        ]
      : []),
  ].join("\n");
}

function pageRows(r: BenchReport) {
  const ceiling = r.pages[0]?.requestsPerSecond || 1;
  return r.pages.map((p, i) => {
    const ratio = p.requestsPerSecond / ceiling;
    const target = PAGE_TARGETS[p.name];
    const checks: string[] = [];
    let ok = p.non2xx === 0 && p.errors === 0;
    if (target?.ratio !== undefined) {
      checks.push(`≥ ${target.ratio} of minimal`);
      ok &&= ratio >= target.ratio;
    }
    if (target?.p95 !== undefined) {
      checks.push(`p95 ≤ ${target.p95} ms`);
      ok &&= p.p95 <= target.p95;
    }
    const verdict = i === 0 ? "ceiling" : checks.length ? `${mark(ok)} ${checks.join(", ")}` : ok ? "(no target)" : "❌ errors";
    return { p, ratio, verdict };
  });
}

function timingRows(r: BenchReport) {
  return r.timings.map((t) => ({
    t,
    value: t.ms === null ? "—" : t.ms >= 1000 ? `${(t.ms / 1000).toFixed(2)} s` : `${t.ms.toFixed(0)} ms`,
    verdict:
      t.ms === null
        ? (t.note ?? "not measured")
        : `${t.targetMs === null ? "(no target)" : `${mark(t.ms <= t.targetMs)} ≤ ${t.targetMs / 1000} s`}${t.note ? ` — ${t.note}` : ""}`,
  }));
}

export function formatReport(r: BenchReport): string {
  const lines = [
    `Load average ${r.loadAverage.start.toFixed(1)} → ${r.loadAverage.end.toFixed(1)} on ${os.cpus().length} cores.`,
    `Benchmark on ${r.database}: ${r.dataset.tasks.toLocaleString("en")} tasks, ${r.dataset.units} units, ${r.dataset.users.toLocaleString("en")} users; ${r.connections} connections × ${r.duration} s`,
  ];
  lines.push(
    `${"page".padEnd(24)}${"req/s".padStart(8)}${"ratio".padStart(7)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}${"CPU/req".padStart(9)}  verdict`,
  );
  for (const { p, ratio, verdict } of pageRows(r)) {
    lines.push(
      `${p.name.padEnd(24)}${p.requestsPerSecond.toFixed(0).padStart(8)}${ratio.toFixed(2).padStart(7)}${`${p.p50.toFixed(1)}`.padStart(9)}${`${p.p95.toFixed(1)}`.padStart(9)}${`${p.p99.toFixed(1)}`.padStart(9)}${p.cpuMsPerRequest.toFixed(2).padStart(9)}  ${verdict}${p.non2xx || p.errors ? ` (${p.non2xx} non-2xx, ${p.errors} errors)` : ""}`,
    );
  }
  for (const { t, value, verdict } of timingRows(r)) lines.push(`${t.name.padEnd(50)}${value.padStart(10)}  ${verdict}`);
  lines.push(
    `${"Server peak memory (VmHWM)".padEnd(50)}${`${r.peakMemoryMb.toFixed(0)} MB`.padStart(10)}  ${mark(r.peakMemoryMb <= MEMORY_TARGET_MB)} ≤ ${MEMORY_TARGET_MB} MB`,
  );
  return lines.join("\n");
}

export function markdownSection(r: BenchReport): string {
  const out: string[] = [];
  out.push(`## ${r.database}`, "");
  const options = [r.database === "PostgreSQL" ? "--pg" : "", r.serverFlags ? `--server-node-options "${r.serverFlags}"` : ""]
    .filter(Boolean)
    .join(" ");
  out.push(
    `Run of ${r.date.slice(0, 16).replace("T", " ")} UTC: \`npm run bench${options ? ` -- ${options}` : ""}\`, ${r.connections} connections × ${r.duration} s per page, signed in as the demo admin (the API with a personal token).`,
  );
  out.push(
    `Data: ${r.dataset.tasks.toLocaleString("en")} tasks, ${r.dataset.units} units, ${r.dataset.users.toLocaleString("en")} users${r.seedSeconds !== null ? ` (seeded in ${r.seedSeconds.toFixed(0)} s)` : ""}.`,
    "",
  );
  out.push(machineDescription(r.databaseVersion, r.loadAverage), "");
  out.push(
    "| page | path | req/s | × minimal | p50 ms | p95 ms | p99 ms | server CPU ms/req | target |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|",
  );
  for (const { p, ratio, verdict } of pageRows(r)) {
    out.push(
      `| ${p.name} | \`${p.path}\` | ${p.requestsPerSecond.toFixed(0)} | ${ratio.toFixed(2)} | ${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.cpuMsPerRequest.toFixed(2)} | ${verdict}${p.non2xx || p.errors ? ` (${p.non2xx} non-2xx, ${p.errors} errors)` : ""} |`,
    );
  }
  out.push("", "| job | time | target |", "|---|---:|---|");
  for (const { t, value, verdict } of timingRows(r)) out.push(`| ${t.name} | ${value} | ${verdict} |`);
  out.push(
    `| Server peak memory (VmHWM of the server process) | ${r.peakMemoryMb.toFixed(0)} MB | ${mark(r.peakMemoryMb <= MEMORY_TARGET_MB)} ≤ ${MEMORY_TARGET_MB} MB |`,
  );
  if (r.failures.length) out.push("", "**Failures in this run:**", "", ...r.failures.map((f) => `- ${f}`));
  out.push("");
  return out.join("\n");
}

const HEADER = `# Benchmarks

Figures of \`npm run bench\` (see the README's "Benchmark" section): one section per database, replaced
by each run on that database. The minimal page (\`/account\`: session check, one unit, one count) is the
ceiling of the machine in the same run; the other pages are judged as a share of it, so a busy or slow
machine moves every figure together. Notes on causes and fixes are kept below the figures.
`;

/** Replaces (or adds) this database's section, keeping the other database's section and the notes. */
export function writeBenchmarksDoc(file: string, r: BenchReport) {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : HEADER;
  const sections = new Map<string, string>();
  let head = existing;
  let notes = "";
  const notesAt = existing.indexOf("\n## Notes");
  if (notesAt >= 0) {
    notes = existing.slice(notesAt + 1);
    head = existing.slice(0, notesAt + 1);
  }
  const parts = head.split(/\n(?=## )/);
  const preamble = parts[0].trimEnd() + "\n";
  for (const part of parts.slice(1)) {
    const title = /^## (.+)$/m.exec(part)?.[1]?.trim() ?? "";
    sections.set(title, part.trimEnd() + "\n");
  }
  sections.set(r.database, markdownSection(r));
  const ordered = ["SQLite", "PostgreSQL"].filter((k) => sections.has(k)).map((k) => sections.get(k)!);
  fs.writeFileSync(
    file,
    [preamble, ...ordered, notes]
      .filter(Boolean)
      .join("\n")
      .replace(/\n{3,}/g, "\n\n"),
  );
}
