import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when build/ is missing or older than any source it is made from. */
export function buildIsStale(): boolean {
  const output = path.join(ROOT, "build", "index.js");
  if (!fs.existsSync(output) || !fs.existsSync(path.join(ROOT, "public", "build"))) return true;
  const built = fs.statSync(output).mtimeMs;
  const sources = [path.join(ROOT, "app"), path.join(ROOT, "db")].map(newestMtime);
  const configs = ["remix.config.js", "postcss.config.js", "package-lock.json"].map((f) => {
    const p = path.join(ROOT, f);
    return fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0;
  });
  return Math.max(...sources, ...configs) > built;
}

export function runBuild() {
  console.log("Building the app (remix build)…");
  const result = spawnSync("npx", ["remix", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV === "development" ? "development" : "production" },
  });
  if (result.status !== 0) throw new Error("remix build failed");
}
