/**
 * JSON in and out for the API: responses, error bodies, reading a request body safely, and turning
 * model and schema failures into status codes. Error texts are dictionary keys until here, where they
 * are translated into the caller's language (see `apiLanguage`).
 *
 * Error body: { error: "<text>", code: "<machine code>", errors?: { field: ["<text>", …] } }.
 */
import type { z } from "zod";
import { isMessageKey, translate, translateError, type Language, type MessageKey, type Params } from "~/i18n";
import type { FieldErrors, TaskResult } from "~/models/task-commands.server";

/** Largest request body accepted. Task texts are at most a few KB; this leaves room without inviting abuse. */
export const MAX_BODY_BYTES = 256 * 1024;

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "cross_site"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "invalid"
  | "internal";

const BASE_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
};

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string>; lang?: Language } = {}): Response {
  const headers: Record<string, string> = { ...BASE_HEADERS, ...init.headers };
  if (init.lang) headers["Content-Language"] = init.lang;
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

/** A translated error response. `fieldErrors` hold untranslated messages (keys or "key|{params}"). */
export function errorResponse(
  lang: Language,
  status: number,
  code: ErrorCode,
  message: MessageKey,
  options: { params?: Params; fieldErrors?: FieldErrors; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Response {
  const body: Record<string, unknown> = { error: translate(lang, message, options.params), code };
  if (options.fieldErrors && Object.keys(options.fieldErrors).length) body.errors = translateFieldErrors(lang, options.fieldErrors);
  Object.assign(body, options.extra);
  return jsonResponse(body, { status, lang, headers: options.headers });
}

export function translateFieldErrors(lang: Language, fieldErrors: FieldErrors): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    out[field] = [...new Set(messages)].map((m) => translateError(lang, m));
  }
  return out;
}

export function invalidResponse(lang: Language, fieldErrors: FieldErrors) {
  return errorResponse(lang, 422, "invalid", "api.invalid", { fieldErrors });
}

export function notFoundResponse(lang: Language) {
  return errorResponse(lang, 404, "not_found", "api.notFound");
}

export function forbiddenResponse(lang: Language) {
  return errorResponse(lang, 403, "forbidden", "api.forbidden");
}

export function conflictResponse(lang: Language, currentVersion: number, changedFields: string[]) {
  return errorResponse(lang, 409, "conflict", "api.conflict", {
    params: { version: currentVersion },
    extra: { currentVersion, changedFields },
  });
}

export function methodNotAllowed(lang: Language, allow: string[]) {
  return errorResponse(lang, 405, "method_not_allowed", "api.methodNotAllowed", { headers: { Allow: allow.join(", ") } });
}

/** Field names of the model's errors, as the API's bodies name them. */
const API_FIELD_NAMES: Record<string, string> = {
  sourceDocNumber: "sourceDocument.number",
  sourceDocDate: "sourceDocument.date",
  sourceDocIssuer: "sourceDocument.issuer",
  evidence: "evidenceUrl",
};

export function apiFieldErrors(fieldErrors: FieldErrors, rename: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const name = rename[field] ?? API_FIELD_NAMES[field] ?? field;
    (out[name] ??= []).push(...messages);
  }
  return out;
}

/** The failure of a task-model call as a response. */
export function taskFailureResponse(
  lang: Language,
  result: Exclude<TaskResult<unknown>, { ok: true }>,
  rename: Record<string, string> = {},
): Response {
  switch (result.error) {
    case "not_found":
      return notFoundResponse(lang);
    case "forbidden":
      return forbiddenResponse(lang);
    case "conflict":
      return conflictResponse(lang, result.currentVersion, result.changedFields);
    case "invalid":
      return invalidResponse(lang, apiFieldErrors(result.fieldErrors, rename));
  }
}

/**
 * Zod issues as field errors (by top-level field; "sourceDocument.number" for the nested document).
 * Zod's own English texts (wrong type and the like) become a generic, translated "invalid value"; the
 * forms' date message (which suggests dd/mm/yyyy) becomes the API's.
 */
export function zodFieldErrors(error: z.ZodError, pathPrefix: string[] = []): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [...pathPrefix, ...issue.path.map(String)];
    const field = path[0] === "sourceDocument" && path.length > 1 ? `sourceDocument.${path[1]}` : (path[0] ?? "body");
    const message =
      issue.message === "error.date"
        ? "api.invalidDate"
        : isMessageKey(issue.message.split("|", 1)[0])
          ? issue.message
          : "api.invalidValue";
    (out[field] ??= []).push(message);
  }
  return out;
}

/** Thrown by the body reader and the token check; the route wrapper returns it. */
export class ApiResponse extends Error {
  constructor(public response: Response) {
    super(`API response ${response.status}`);
  }
}

/**
 * Reads a JSON object body: application/json only, UTF-8, at most MAX_BODY_BYTES, an object at the top.
 * JSON.parse never sets a prototype (a "__proto__" key is an ordinary own property), and bodies are read
 * only through Zod schemas, which copy known keys into fresh objects.
 */
export async function readJsonObject(request: Request, lang: Language): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  const [mediaType, ...parameters] = type.split(";").map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (
    !(mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType ?? "")) ||
    (charset && charset !== "utf-8")
  ) {
    throw new ApiResponse(errorResponse(lang, 415, "unsupported_media_type", "api.unsupportedMediaType"));
  }
  // The rest of the body is not read: the connection must not be reused for another request.
  const tooLarge = () =>
    new ApiResponse(
      errorResponse(lang, 413, "payload_too_large", "api.bodyTooLarge", {
        params: { max: MAX_BODY_BYTES / 1024 },
        headers: { Connection: "close" },
      }),
    );
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Stop reading (no cancel: that would reset the connection before the client sees the 413).
      if (size > MAX_BODY_BYTES) {
        reader.releaseLock();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ApiResponse(errorResponse(lang, 400, "bad_request", "api.malformedJson"));
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ApiResponse(errorResponse(lang, 400, "bad_request", "api.bodyNotObject"));
  }
  return parsed as Record<string, unknown>;
}

/** A positive database id from a path segment, or null (which the caller answers with 404). */
export function parseId(value: string | undefined): number | null {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}

/**
 * Wraps a loader or action: an ApiResponse (or a thrown Response) is answered as is; anything else is
 * a bug, logged and answered with a JSON 500 that reveals nothing.
 */
export function apiHandler<A>(handler: (args: A) => Promise<Response>) {
  return async (args: A): Promise<Response> => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof ApiResponse) return error.response;
      if (error instanceof Response) return error;
      console.error(error);
      return errorResponse("en", 500, "internal", "api.internal");
    }
  };
}

export function hasOwn(body: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(body, key) && body[key] !== undefined;
}
