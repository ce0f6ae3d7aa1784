/**
 * npm test — the whole suite, in order: lint (ESLint with the layers, Prettier, the copy-paste check),
 * type check, build, unit + integration tests (Vitest),
 * then browser tests in Debian's Chromium (Playwright). Stops at the first failing step.
 */
import { spawnSync } from "node:child_process";

const steps: Array<[string, string, string[], Record<string, string>?]> = [
  ["Lint", "npm", ["run", "--silent", "lint"]],
  ["Type check", "npx", ["tsc", "--noEmit"]],
  ["Build", "npx", ["remix", "build"], { NODE_ENV: "production" }],
  ["Unit and integration tests", "npx", ["vitest", "run"]],
  ["Chromium", "npx", ["tsx", "scripts/ensure-chromium.ts"]],
  ["Browser tests", "npx", ["playwright", "test"]],
];

const started = performance.now();
for (const [title, command, args, extraEnv] of steps) {
  const t0 = performance.now();
  console.log(`\n=== ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
