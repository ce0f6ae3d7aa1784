/** Cookie names and attributes. The session cookie is HttpOnly, SameSite=Lax, Path=/, Secure in production. */
import { env } from "~/env.server";
import { ABSOLUTE_LIFETIME_MS } from "./session.server";

export function sessionCookieName() {
  // The __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.
  return env().secureCookies ? "__Host-roviec_session" : "roviec_session";
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function serialize(name: string, value: string, maxAgeSeconds: number, httpOnly = true) {
  const attributes = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (httpOnly) attributes.push("HttpOnly");
  if (env().secureCookies) attributes.push("Secure");
  return attributes.join("; ");
}

export function sessionCookie(token: string) {
  return serialize(sessionCookieName(), token, Math.floor(ABSOLUTE_LIFETIME_MS / 1000));
}

export function clearSessionCookie() {
  return serialize(sessionCookieName(), "", 0);
}

export const LANGUAGE_COOKIE = "roviec_lang";
export function languageCookie(lang: string) {
  return serialize(LANGUAGE_COOKIE, lang, 365 * 24 * 3600);
}

export const TOAST_COOKIE = "roviec_toast";
/** A one-shot message shown after a redirect: a dictionary key and its parameters (rendered escaped). */
export function toastCookie(toast: { key: string; params?: Record<string, string | number>; kind?: "success" | "error" }) {
  return serialize(TOAST_COOKIE, JSON.stringify(toast), 60);
}
export function clearToastCookie() {
  return serialize(TOAST_COOKIE, "", 0);
}
