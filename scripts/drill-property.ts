/**
 * npm run drill:property -- [--cases 10000] [--per-property] [--seed N]
 *
 * Bad input at volume: the property-based tests (hostile JSON at every API write, hostile form posts
 * at every web write, hostile files — damaged workbooks, zip bombs — at the upload: never a 5xx, and a
 * refused request changes no row) run with a high run count.
 * By default the 10,000 cases are shared out over all the properties (FC_RUNS = cases ÷ properties,
 * rounded up): one case costs ~10–60 ms over HTTP, so 10,000 per property (18 properties) would take
 * hours on this machine. --per-property runs that many cases for EACH property instead.
 * Prints the elapsed time and the cases run; exits 1 when a property fails (fast-check prints the
 * counterexample and the seed to replay it with --seed).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeMachine, intArg, ROOT } from "./lib/drill";

const usage = "Usage: npm run drill:property -- [--cases 10000] [--per-property] [--seed N]";
const args = process.argv.slice(2);
const cases = intArg(args, "cases", 10_000, 1, 10_000_000, usage);
const perProperty = args.includes("--per-property");
const seed = args.includes("--seed") ? intArg(args, "seed", 0, -(2 ** 31), 2 ** 31 - 1, usage) : undefined;

const FILES = ["tests/integration/api-property.test.ts", "tests/integration/form-property.test.ts"];

/** The properties (one `it` each) in the files: 4 API endpoints + one per form route and upload route. */
function countProperties(): Record<string, number> {
  const api = fs.readFileSync(path.join(ROOT, FILES[0]!), "utf8");
  const forms = fs.readFileSync(path.join(ROOT, FILES[1]!), "utf8");
  const routesBlock = forms.slice(forms.indexOf("const ROUTES"), forms.indexOf("function formBody"));
  const uploadsBlock = forms.slice(forms.indexOf("const UPLOAD_ROUTES"), forms.indexOf("function uploadBody"));
  return {
    [FILES[0]!]: (api.match(/^\s+it\(\s*$/gm) ?? []).length,
    [FILES[1]!]: (routesBlock.match(/path: \(\) =>/g) ?? []).length + (uploadsBlock.match(/path: \(\) =>/g) ?? []).length,
  };
}

const properties = countProperties();
const propertyCount = Object.values(properties).reduce((a, b) => a + b, 0);
if (propertyCount === 0) {
  console.error("Found no properties in the property test files: has their shape changed?");
  process.exit(1);
}
const runs = perProperty ? cases : Math.ceil(cases / propertyCount);
console.log(
  `Bad input at volume: ${propertyCount} properties (${Object.entries(properties)
    .map(([f, n]) => `${n} in ${path.basename(f)}`)
    .join(", ")})`,
);
console.log(
  `FC_RUNS=${runs} per property → ${runs * propertyCount} cases in all${perProperty ? "" : ` (${cases} shared out; --per-property for ${cases} each)`}`,
);
console.log(`Machine: ${describeMachine()}`);

const report = path.join(os.tmpdir(), `roviec-property-${process.pid}.json`);
const started = performance.now();
const result = spawnSync("npx", ["vitest", "run", ...FILES, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, FC_RUNS: String(runs), ...(seed !== undefined ? { FC_SEED: String(seed) } : {}) },
});
const seconds = (performance.now() - started) / 1000;

let passed = 0;
let failed = 0;
const perFile: string[] = [];
try {
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
    testResults: Array<{ name: string; assertionResults: Array<{ status: string; duration?: number; title: string }> }>;
  };
  for (const file of json.testResults) {
    const ok = file.assertionResults.filter((a) => a.status === "passed");
    passed += ok.length;
    failed += file.assertionResults.filter((a) => a.status === "failed").length;
    const ms = file.assertionResults.reduce((sum, a) => sum + (a.duration ?? 0), 0);
    perFile.push(
      `  ${path.basename(file.name)}: ${ok.length}/${file.assertionResults.length} properties passed, ${ok.length * runs} cases, ${(ms / 1000).toFixed(1)} s in the properties (${(ms / Math.max(1, file.assertionResults.length * runs)).toFixed(1)} ms a case)`,
    );
  }
} catch {
  perFile.push("  (no vitest report was written: see the output above)");
} finally {
  fs.rmSync(report, { force: true });
}

console.log("");
console.log(
  `Bad input at volume: ${passed * runs} cases passed (${passed} properties × ${runs}), ${failed} properties failed, in ${seconds.toFixed(1)} s`,
);
for (const line of perFile) console.log(line);
console.log(`  every case: hostile input answered without a 5xx, and a refused request changed no row`);
const ok = result.status === 0 && failed === 0 && passed === propertyCount;
console.log(ok ? "OK" : "FAILED");
process.exit(ok ? 0 : 1);
