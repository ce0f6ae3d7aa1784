import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const TMP = path.join(ROOT, "tests", ".tmp");
/**
 * The migrated demo database that test files copy. One per `vitest run` (named by the runner's pid,
 * handed to the test processes through the environment) so concurrent runs never share it.
 */
export const TEMPLATE_DB = process.env.ROVIEC_TEMPLATE_DB ?? path.join(TMP, `template-${process.pid}.db`);
