/**
 * A throwaway PostgreSQL server for tests and drills: initdb in a temporary directory, started on a
 * free loopback port with trust authentication, stopped and removed by `stop()`. Finds the server
 * binaries on PATH or in Debian's /usr/lib/postgresql/<version>/bin. PostgreSQL refuses to run as
 * root, so as root the cluster belongs to the `postgres` user (Debian's package creates it) or, when
 * that is missing, to a system user `roviec-pg` created here.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export function findPgBin(): string | undefined {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath && fs.existsSync(path.join(path.dirname(onPath), "pg_ctl"))) return path.dirname(onPath);
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], "bin") : undefined;
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${result.stderr ?? ""}${result.stdout ?? ""}`,
    );
  }
  return result;
}

/** The non-root account the server runs as (undefined: the current user, who is not root). */
function serverUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "roviec-pg"]) if (spawnSync("id", ["-u", name]).status === 0) return name;
  run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "roviec-pg"]);
  return "roviec-pg";
}

export interface ThrowawayPg {
  /** Connection URL of the `postgres` admin database (superuser `postgres`, no password). */
  adminUrl: string;
  port: number;
  stop(): void;
}

export async function startThrowawayPg(options: { maxConnections?: number; log?: (line: string) => void } = {}): Promise<ThrowawayPg> {
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin.\n" +
        "Install them, e.g. sudo apt-get install -y postgresql",
    );
  }
  const user = serverUser();
  const as = (command: string, args: string[]): [string, string[]] =>
    user ? ["runuser", ["-u", user, "--", command, ...args]] : [command, args];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roviec-pg-"));
  if (user) run("chown", [user, dir]);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const port = await freePort("127.0.0.1");

  try {
    // cwd: the server's account may not be allowed into the repository's directory.
    run(...as(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]), {
      cwd: dir,
    });
    // Durability settings off: this cluster lives for one test run and is deleted afterwards.
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      `-c max_connections=${options.maxConnections ?? 200}`,
    ].join(" ");
    run(...as(path.join(bin, "pg_ctl"), ["-D", data, "-o", serverOptions, "-l", logFile, "-w", "-t", "60", "start"]), { cwd: dir });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  options.log?.(`PostgreSQL (${bin}) on 127.0.0.1:${port}, data in ${data}`);

  let stopped = false;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      const [command, args] = as(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      spawnSync(command, args, { stdio: "ignore", cwd: dir });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
