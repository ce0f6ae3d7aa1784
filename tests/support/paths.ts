import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const TMP = path.join(ROOT, "tests", ".tmp");
export const TEMPLATE_DB = path.join(TMP, "template.db");
