/**
 * npm run token:create -- --email <email> [--name <label>] [--days <1–365>]
 * Creates a personal API token for the user, valid for --days days (default 365, the maximum), and
 * prints it once (only its SHA-256 is stored).
 * The token acts with the user's permissions; revoke it at /account/tokens.
 */
import { parseArgs } from "node:util";
import { migrateToLatest } from "../db/connect";
import { openConfiguredDb } from "./lib/open-db";

const usage = "Usage: npm run token:create -- --email <email> [--name <label>] [--days <1-365, default 365>]";

let values: { email?: string; name?: string; days?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, days: { type: "string" } }, strict: true }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(2);
}
if (!values.email) {
  console.error("--email is required.");
  console.error(usage);
  process.exit(2);
}

const { db } = openConfiguredDb();
// App modules read the same configuration; imported after it is known to be valid.
const { getUserForSignIn } = await import("../app/models/user.server");
const { createApiToken, isValidTokenDays, TOKEN_DEFAULT_DAYS, TOKEN_MIN_DAYS, TOKEN_MAX_DAYS } =
  await import("../app/models/api-token.server");
const { requiredText } = await import("../app/domain/form-fields");
const { translateError } = await import("../app/i18n");

try {
  await migrateToLatest(db);
  const name = requiredText(100).safeParse(values.name ?? "script");
  const user = await getUserForSignIn(db, values.email);
  const days =
    values.days === undefined ? TOKEN_DEFAULT_DAYS : /^\d{1,4}$/.test(values.days.trim()) ? Number(values.days.trim()) : Number.NaN;
  if (!isValidTokenDays(days)) {
    console.error(
      `--days: a whole number of days from ${TOKEN_MIN_DAYS} to ${TOKEN_MAX_DAYS} (default ${TOKEN_DEFAULT_DAYS}), not "${values.days}".`,
    );
    process.exitCode = 2;
  } else if (!name.success) {
    for (const issue of name.error.issues) console.error(`--name: ${translateError("en", issue.message)}`);
    process.exitCode = 2;
  } else if (!user) {
    console.error(`--email: no user with the e-mail "${values.email}".`);
    process.exitCode = 2;
  } else if (user.active !== 1) {
    console.error(`--email: ${user.fullName} is deactivated; a token would not work.`);
    process.exitCode = 2;
  } else {
    const created = await createApiToken(db, { userId: user.id, name: name.data, days }, { actorUserId: null });
    console.error(
      `API token "${created.name}" for ${user.fullName} <${values.email}>, valid until ${created.expiresAt} (shown only now; revoke it at /account/tokens):`,
    );
    console.log(created.token);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
