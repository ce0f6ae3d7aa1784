/**
 * Recognises constraint violations on SQLite (better-sqlite3's `code`) or PostgreSQL (pg's SQLSTATE
 * `code`): the race a pre-check lost, or a rule the database enforces itself.
 */
function codeOf(error: unknown): unknown {
  return error && typeof error === "object" ? (error as { code?: unknown }).code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

export function isCheckViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "SQLITE_CONSTRAINT_CHECK" || code === "23514";
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503";
}
