/**
 * Limits on request bodies, enforced by the HTTP server (scripts/server.ts) before Remix reads a byte,
 * so no route — not even a signed-out one like /login — can be made to hold a huge body in memory:
 *   - /api/*: MAX_BODY_BYTES (256 KB), whatever the content type (the API reads only JSON);
 *   - multipart uploads to the routes that take files (evidence on a task, the Excel import):
 *     MAX_UPLOAD_MB plus 1 MB for the other fields, counted while the body streams through;
 *   - every other body (url-encoded forms, anything else): 64 KB, read whole before Remix runs.
 * A page request that changes state must carry a form (url-encoded, or multipart that parses): pages'
 * actions read nothing else, and an unreadable body is a 400 here instead of a 500 in the action.
 * Refusals: 413 / 400 as a small page in the visitor's language, or the API's JSON error body.
 */
import { MAX_BODY_BYTES, errorResponse } from "~/api/json.server";
import { LANGUAGE_COOKIE, readCookie } from "~/auth/cookies.server";
import { isLanguage, translate, type Language, type MessageKey, type Params } from "~/i18n";

/** Largest url-encoded (or other non-upload) body: a full task form in Vietnamese is ~20 KB. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** Room for an upload's other fields (note, version, …) next to its file. */
export const UPLOAD_OVERHEAD_BYTES = 1024 * 1024;
/** The routes whose actions take files: a task page (evidence) and the Excel import. */
const UPLOAD_PATH = /^\/tasks\/(?:import|[1-9][0-9]*)\/?$/i;

export type BodyKind = "api" | "upload" | "form";
export interface BodyRule {
  kind: BodyKind;
  /** Largest body accepted, in bytes. */
  limit: number;
}

export function isApiPath(path: string): boolean {
  // Routes match whatever the case, so the limits do too.
  const lower = path.toLowerCase();
  return lower === "/api" || lower.startsWith("/api/");
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";", 1)[0].trim().toLowerCase();
}

/** The limit for a request's body, or null when the method carries none that anyone reads (GET, HEAD). */
export function bodyRule(
  req: { method: string; path: string; contentType: string | undefined },
  options: { maxUploadMb: number },
): BodyRule | null {
  const method = req.method.toUpperCase();
  if (method === "GET" || method === "HEAD") return null;
  if (isApiPath(req.path)) return { kind: "api", limit: MAX_BODY_BYTES };
  if (mediaType(req.contentType) === "multipart/form-data" && UPLOAD_PATH.test(req.path)) {
    return { kind: "upload", limit: options.maxUploadMb * 1024 * 1024 + UPLOAD_OVERHEAD_BYTES };
  }
  return { kind: "form", limit: FORM_BODY_LIMIT };
}

/**
 * Whether a page's action can read this body as a form, the way `request.formData()` does: url-encoded
 * always parses; multipart must parse (the body is at most FORM_BODY_LIMIT here); anything else —
 * no body, no content type, JSON, text — does not.
 */
export async function isReadableForm(contentType: string | undefined, body: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const type = mediaType(contentType);
  if (type === "application/x-www-form-urlencoded") return true;
  if (type !== "multipart/form-data") return false;
  try {
    await new Response(body, { headers: { "content-type": contentType ?? "" } }).formData();
    return true;
  } catch {
    return false;
  }
}

/** Upload routes check the content type themselves (and read the multipart stream as it comes). */
export function needsFormCheck(method: string, kind: BodyKind): boolean {
  return kind === "form" && method.toUpperCase() !== "OPTIONS";
}

function pageLanguage(request: Request): Language {
  const lang = readCookie(request, LANGUAGE_COOKIE);
  return isLanguage(lang) ? lang : "vi";
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page for a refusal before Remix runs (no layout: nothing of the request was read). */
export function refusalPage(request: Request, status: number, message: MessageKey, params?: Params): Response {
  const lang = pageLanguage(request);
  const text = escapeHtml(translate(lang, message, params));
  const html = `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} — ${escapeHtml(translate(lang, "app.name"))}</title></head>
<body><main><h1>${status}</h1><p>${text}</p><p><a href="/">${escapeHtml(translate(lang, "http.home"))}</a></p></main></body></html>
`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Language": lang, "Cache-Control": "no-store" },
  });
}

/**
 * The answer to a body over its limit. The rest of the body is never read, so the connection cannot
 * carry another request: `Connection: close`. The API answers as its own reader does (English: the
 * caller is not known yet, as for a 401).
 */
export function tooLargeResponse(request: Request, rule: BodyRule, options: { maxUploadMb: number }): Response {
  const response =
    rule.kind === "api"
      ? errorResponse("en", 413, "payload_too_large", "api.bodyTooLarge", { params: { max: MAX_BODY_BYTES / 1024 } })
      : rule.kind === "upload"
        ? refusalPage(request, 413, "http.uploadTooLarge", { max: options.maxUploadMb })
        : refusalPage(request, 413, "http.formTooLarge", { max: FORM_BODY_LIMIT / 1024 });
  response.headers.set("Connection", "close");
  return response;
}

export function notAFormResponse(request: Request): Response {
  return refusalPage(request, 400, "http.notAForm");
}

/** The cross-site refusal: the API's JSON error body on /api/*, a plain text for pages. */
export function crossSiteResponse(path: string): Response {
  if (isApiPath(path)) return errorResponse("en", 403, "cross_site", "api.crossSite");
  return new Response("403 — Yêu cầu từ trang khác bị từ chối. / Cross-site request refused.\n", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
