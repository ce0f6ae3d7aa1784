/**
 * Who is asking: every loader and action starts here. `requireUser` for pages,
 * `requirePermission` after loading the record the request is about.
 */
import { redirect } from "@remix-run/node";
import { appToday } from "~/clock.server";
import { db } from "~/db.server";
import { isLanguage, type Language } from "~/i18n";
import { LANGUAGE_COOKIE, clearSessionCookie, readCookie, sessionCookieName } from "./cookies.server";
import { can, type Action, type Actor, type Resource } from "./policy";
import { noteRequestActor } from "./request-scope.server";
import { validateSessionToken, type SessionUser } from "./session.server";

export interface CurrentUser extends SessionUser {
  sessionId: string;
}

export function toActor(user: Pick<SessionUser, "id" | "role" | "unitId" | "active">): Actor {
  return { id: user.id, role: user.role, unitId: user.unitId, active: user.active };
}

export async function getUser(request: Request): Promise<CurrentUser | null> {
  const token = readCookie(request, sessionCookieName());
  if (!token) return null;
  const session = await validateSessionToken(db(), token);
  if (!session) return null;
  noteRequestActor(session.user.id);
  return { ...session.user, sessionId: session.sessionId };
}

function safeRedirectTarget(request: Request) {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

/** The signed-in user, or a redirect to sign-in (which returns here afterwards). */
export async function requireUser(request: Request, options: { allowPasswordChange?: boolean } = {}): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) {
    const hadCookie = Boolean(readCookie(request, sessionCookieName()));
    const params = new URLSearchParams({ redirectTo: safeRedirectTarget(request) });
    if (hadCookie) params.set("expired", "1");
    throw redirect(`/login?${params}`, hadCookie ? { headers: { "Set-Cookie": clearSessionCookie() } } : undefined);
  }
  // A temporary password must be replaced before anything else.
  if (user.mustChangePassword && !options.allowPasswordChange) {
    throw redirect("/account?change=1");
  }
  return user;
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function requirePermission(user: CurrentUser, action: Action, resource?: Resource): void {
  if (!can(toActor(user), action, resource)) forbidden();
}

export function requestLanguage(request: Request, user?: Pick<SessionUser, "language"> | null): Language {
  if (user) return user.language;
  const fromCookie = readCookie(request, LANGUAGE_COOKIE);
  return isLanguage(fromCookie) ? fromCookie : "vi";
}

// Any origin of our own would do: the target is resolved against it and must stay on it.
const OWN_ORIGIN = "http://roviec.invalid";

/**
 * Only a path on this site is followed after sign-in, a language switch or a form's "back": the target is
 * parsed as a URL against the app's own origin and must stay there. Browsers drop tabs and newlines from a
 * Location and read `\` as `/`, so `/\t/evil.example` or `/\evil.example` would leave the site: any control
 * character or backslash sends the visitor to `fallback` instead (and a newline can no longer reach a header).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2048) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Today's date (YYYY-MM-DD) in APP_TZ, from the app's one clock (re-exported for the routes). */
export { appToday };

/** What the task model needs to know about who is acting, and when. */
export function taskContext(user: CurrentUser, context: { clientIp?: string } | undefined) {
  return { actor: toActor(user), today: appToday(), ip: context?.clientIp ?? null };
}

/** Ids are positive integers that fit the column; anything else is a page that does not exist. */
export function parseId(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) notFound();
  const id = Number(raw);
  if (id > 2_147_483_647) notFound();
  return id;
}
