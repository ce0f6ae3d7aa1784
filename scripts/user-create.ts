/**
 * npm run user:create -- --email a@b.vn --name "Nguyễn Văn A" --role admin|committee|head|staff --unit <code>
 * Prints a one-time password (the user must change it at first sign-in).
 */
import { parseArgs } from "node:util";
import { migrateToLatest } from "../db/connect";
import { openConfiguredDb } from "./lib/open-db";

const usage = 'Usage: npm run user:create -- --email <email> --name "<full name>" --role <admin|committee|head|staff> --unit <unit code>';

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      unit: { type: "string" },
      language: { type: "string" },
    },
    strict: true,
  }) as { values: Record<string, string | undefined> });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(2);
}

const { db } = openConfiguredDb();
// App modules read the same configuration; imported after it is known to be valid.
const { createUser } = await import("../app/models/user.server");
const { getUnitByCode } = await import("../app/models/unit.server");
const { z } = await import("zod");
const { emailField, requiredText, choice } = await import("../app/domain/form-fields");
const { translateError } = await import("../app/i18n");

const schema = z.object({
  email: emailField,
  name: requiredText(120),
  role: choice(["admin", "committee", "head", "staff"]),
  unit: z.string({ error: "error.required" }).min(1, { error: "error.required" }),
  language: choice(["vi", "en"]).optional(),
});

try {
  await migrateToLatest(db);
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${translateError("en", issue.message)}`);
    console.error(usage);
    process.exitCode = 2;
  } else {
    const unit = await getUnitByCode(db, parsed.data.unit.trim().toUpperCase());
    if (!unit || !unit.active) {
      console.error(`--unit: no active unit with code "${parsed.data.unit}".`);
      process.exitCode = 2;
    } else {
      const result = await createUser(
        db,
        { email: parsed.data.email, fullName: parsed.data.name, role: parsed.data.role, unitId: unit.id, language: parsed.data.language },
        null,
      );
      if (!result.ok) {
        const errors = "fieldErrors" in result ? result.fieldErrors : {};
        for (const [field, messages] of Object.entries(errors))
          for (const m of messages) console.error(`--${field}: ${translateError("en", m)}`);
        process.exitCode = 2;
      } else {
        console.log(`Created ${result.user.fullName} <${result.user.email}> (${result.user.role}, ${unit.code}).`);
        console.log(`One-time password: ${result.oneTimePassword}`);
        console.log("It is shown only now; the user must change it at first sign-in.");
      }
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
