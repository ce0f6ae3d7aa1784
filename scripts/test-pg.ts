/**
 * npm run test:pg [-- vitest arguments] — the Vitest suite (unit + integration) against PostgreSQL:
 * starts a throwaway PostgreSQL on a free loopback port, runs `vitest run` with TEST_DATABASE_URL
 * pointing at it (each test app gets its own database copied from a migrated template), then stops
 * the server and deletes its files. With TEST_DATABASE_URL already set, uses that server instead.
 */
import { spawnSync } from "node:child_process";
import { startThrowawayPg, type ThrowawayPg } from "./lib/throwaway-pg";

const args = ["vitest", "run", ...process.argv.slice(2)];
let server: ThrowawayPg | undefined;
let url = process.env.TEST_DATABASE_URL;
if (!url) {
  try {
    server = await startThrowawayPg({ log: (line) => console.log(line) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  url = server.adminUrl;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server?.stop();
      process.exit(130);
    });
  }
}

const started = performance.now();
console.log(`npx ${args.join(" ")}  (TEST_DATABASE_URL=${url})`);
const result = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: url } });
server?.stop();
console.log(`PostgreSQL run finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
process.exit(result.status ?? 1);
