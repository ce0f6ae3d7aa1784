/**
 * Building blocks for the Zod schemas of forms and API bodies. Messages are dictionary keys
 * (optionally "key|{params}"), translated when shown, so one schema serves both languages and the browser.
 */
import { z } from "zod";
import { errorKey } from "~/i18n";
import { toNfc } from "./text";

// C0 controls except tab/newline/carriage return, DEL, and the bidi overrides used to disguise text.
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** Required single-line text, stored NFC, with a maximum length. */
export function requiredText(max: number) {
  return z
    .string({ error: errorKey("error.required") })
    .transform(toNfc)
    .pipe(
      // Conform turns an all-blank value into undefined after trimming: that is "required" too.
      z
        .string({ error: errorKey("error.required") })
        .min(1, { error: errorKey("error.required") })
        .max(max, { error: errorKey("error.tooLong", { max }) })
        .refine((v) => !CONTROL_CHARS.test(v), { error: errorKey("error.controlChars") }),
    );
}

export function optionalText(max: number) {
  return z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : toNfc(v) || undefined))
    .pipe(
      z
        .string()
        .max(max, { error: errorKey("error.tooLong", { max }) })
        .refine((v) => !CONTROL_CHARS.test(v), { error: errorKey("error.controlChars") })
        .optional(),
    );
}

export const emailField = z
  .string({ error: errorKey("error.required") })
  .transform((v) => toNfc(v))
  .pipe(
    z
      .string({ error: errorKey("error.required") })
      .min(1, { error: errorKey("error.required") })
      .max(254, { error: errorKey("error.tooLong", { max: 254 }) })
      .pipe(z.email({ error: errorKey("error.email") })),
  );

export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: errorKey("error.invalidChoice") });
}

/** A positive integer id from a form field or JSON. */
export const idField = z.coerce
  .number({ error: errorKey("error.invalidChoice") })
  .int({ error: errorKey("error.invalidChoice") })
  .positive({ error: errorKey("error.invalidChoice") })
  .max(2_147_483_647, { error: errorKey("error.invalidChoice") });

export const versionField = z.coerce
  .number({ error: errorKey("error.version") })
  .int({ error: errorKey("error.version") })
  .min(1, { error: errorKey("error.version") })
  .max(2_147_483_647, { error: errorKey("error.version") });

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const newPasswordField = z
  .string({ error: errorKey("error.required") })
  .min(PASSWORD_MIN, { error: errorKey("error.passwordTooShort", { min: PASSWORD_MIN }) })
  .max(PASSWORD_MAX, { error: errorKey("error.passwordTooLong", { max: PASSWORD_MAX }) });
