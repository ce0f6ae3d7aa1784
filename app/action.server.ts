/**
 * What every action does with a command's answer and a form's intent, so each route maps them the same way.
 */
import { forbidden, notFound } from "~/auth/request.server";
import { db } from "~/db.server";
import type { CommandResult, Trx } from "~/models/command-result";

type Refusal = { ok: false; error: "not_found" } | { ok: false; error: "forbidden" };

/** Runs one command in one transaction (the command reads, checks and writes inside it). */
export function runCommand<R>(command: (trx: Trx) => Promise<R>): Promise<R> {
  return db().transaction().execute(command);
}

/** A refusal no form can show becomes the page's 404 or 403; what is left (done, invalid, conflict) is the route's to render. */
export function unlessRefused<R extends CommandResult<unknown, object>>(result: R): Exclude<R, Refusal> {
  if (!result.ok && result.error === "not_found") notFound();
  if (!result.ok && result.error === "forbidden") forbidden();
  return result as Exclude<R, Refusal>;
}

/** The handler for the form's `intent`, or undefined when the form names none of the table's. */
export function handlerFor<H>(table: Record<string, H>, intent: FormDataEntryValue | null): H | undefined {
  return typeof intent === "string" && Object.hasOwn(table, intent) ? table[intent] : undefined;
}

/** Splits a command's errors into the form-level ones (key "form") and those of its fields, as Conform replies. */
export function formReply(errors: Record<string, string[]>) {
  const { form, ...fieldErrors } = errors;
  return { formErrors: form, fieldErrors };
}
