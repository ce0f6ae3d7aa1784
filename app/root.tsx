import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { TOAST_COOKIE, clearToastCookie, readCookie } from "~/auth/cookies.server";
import { can } from "~/auth/policy";
import { getUser, requestLanguage, toActor } from "~/auth/request.server";
import { useNonce } from "~/components/nonce";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { isMessageKey, translate, type Language, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { countUnread } from "~/models/notification.server";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

interface Toast {
  key: MessageKey;
  params?: Record<string, string | number>;
  kind?: "success" | "error";
}

function readToast(request: Request): Toast | null {
  const raw = readCookie(request, TOAST_COOKIE);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Toast;
    return isMessageKey(parsed.key) ? parsed : null;
  } catch {
    return null;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const lang = requestLanguage(request, user);
  const toast = readToast(request);
  const actor = user ? toActor(user) : null;
  // An indexed count (user_id, read_at): cheap enough for every page.
  const unread = user ? await countUnread(db(), user.id) : 0;
  return json(
    {
      lang,
      timeZone: env().APP_TZ,
      toast,
      user: user ? { id: user.id, fullName: user.fullName, email: user.email, role: user.role } : null,
      unread,
      nav: {
        extensions: can(actor, "extension:decide"),
        admin: can(actor, "admin:access"),
        users: can(actor, "user:list"),
        audit: can(actor, "audit:read"),
      },
    },
    { headers: toast ? { "Set-Cookie": clearToastCookie() } : undefined },
  );
}

function Document({ lang, children }: { lang: Language; children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={lang} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col font-sans antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  const other: Language = t.lang === "vi" ? "en" : "vi";
  return (
    <Form method="post" action="/language" className="inline">
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button
        type="submit"
        lang={other}
        className="rounded-md border border-white/40 px-2 py-1 text-sm font-semibold text-white hover:bg-white/10"
        aria-label={t("lang.switchTo")}
      >
        {other === "en" ? "EN" : "VI"}
      </button>
    </Form>
  );
}

function navClass({ isActive }: { isActive: boolean }) {
  return `block whitespace-nowrap rounded-md px-1.5 py-2 text-sm 2xl:px-2.5 font-semibold no-underline ${
    isActive ? "bg-white text-brand-800" : "text-white hover:bg-white/15"
  }`;
}

function Header() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const adminHome = data.nav.admin ? "/admin/units" : data.nav.users ? "/admin/users" : null;
  const links: Array<{ to: string; label: MessageKey; show: boolean; end?: boolean }> = [
    { to: "/", label: "nav.home", show: Boolean(data.user), end: true },
    { to: "/my-tasks", label: "nav.myTasks", show: Boolean(data.user) },
    { to: "/tasks", label: "nav.tasks", show: Boolean(data.user) },
    { to: "/goals", label: "nav.goals", show: Boolean(data.user) },
    { to: "/reports", label: "nav.reports", show: Boolean(data.user) },
    { to: "/assistant", label: "nav.assistant", show: Boolean(data.user) },
    { to: "/extensions", label: "nav.extensions", show: data.nav.extensions },
    { to: adminHome ?? "/admin", label: "nav.admin", show: adminHome !== null },
  ];
  const shown = links.filter((l) => l.show);
  const isActive = (to: string, end?: boolean) =>
    to.startsWith("/admin") ? location.pathname.startsWith("/admin") : end ? location.pathname === to : location.pathname.startsWith(to);
  const items = (className: (active: boolean) => string) =>
    shown.map((l) => (
      <li key={l.label}>
        <Link
          to={l.to}
          prefetch="intent"
          aria-current={isActive(l.to, l.end) ? "page" : undefined}
          className={className(isActive(l.to, l.end))}
        >
          {t(l.label)}
        </Link>
      </li>
    ));
  return (
    <header className="bg-brand-800 text-white shadow print:hidden">
      <div className="mx-auto flex max-w-7xl items-center gap-x-3 px-4 py-3 sm:gap-x-4">
        <Link to="/" className="flex shrink-0 items-center gap-2 text-white no-underline">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded bg-flag text-lg font-black text-yellow-300">
            ★
          </span>
          <span className="leading-tight">
            <span className="block text-lg font-bold">{t("app.name")}</span>
            <span className="block text-xs text-brand-100">{t("app.tagline")}</span>
          </span>
        </Link>
        {shown.length > 0 ? (
          <nav aria-label={t("nav.main")} className="hidden flex-1 xl:block">
            <ul className="flex flex-wrap gap-0.5">{items((active) => navClass({ isActive: active }))}</ul>
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-1.5">
          <LanguageSwitch />
          {data.user ? (
            <>
              <NotificationBell unread={data.unread} />
              <Link
                to="/account"
                title={data.user.fullName}
                className="hidden max-w-44 truncate rounded-md px-2.5 py-2 text-sm font-semibold text-white no-underline hover:bg-white/15 sm:block xl:max-w-32 2xl:max-w-44"
              >
                <span className="sr-only">{t("nav.account")}: </span>
                {data.user.fullName}
              </Link>
              <Form method="post" action="/logout" className="hidden sm:block">
                <button
                  type="submit"
                  className="whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-semibold text-white hover:bg-white/15"
                >
                  {t("nav.signOut")}
                </button>
              </Form>
              {/* Below the extra-large breakpoint the navigation folds into a menu that works without JavaScript. */}
              <details key={location.pathname} className="relative xl:hidden">
                <summary className="cursor-pointer list-none whitespace-nowrap rounded-md border border-white/40 px-2.5 py-1.5 text-sm font-semibold">
                  ☰ {t("nav.menu")}
                </summary>
                <nav
                  aria-label={t("nav.main")}
                  className="absolute right-0 z-40 mt-2 w-64 rounded-md bg-white p-2 text-slate-900 shadow-lg ring-1 ring-slate-200"
                >
                  <ul className="space-y-1">
                    {items(
                      (active) =>
                        `block rounded px-3 py-2 text-sm font-semibold no-underline ${active ? "bg-brand-50 text-brand-800" : "text-slate-800 hover:bg-slate-100"}`,
                    )}
                    <li className="border-t border-slate-200 pt-1">
                      <Link
                        to="/notifications"
                        aria-current={location.pathname.startsWith("/notifications") ? "page" : undefined}
                        className="flex items-center justify-between rounded px-3 py-2 text-sm font-semibold text-slate-800 no-underline hover:bg-slate-100"
                      >
                        <span>{t("nav.notifications")}</span>
                        {data.unread > 0 ? (
                          <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-bold text-white">
                            <span className="sr-only">, </span>
                            {t("notif.unreadShort", { count: data.unread })}
                          </span>
                        ) : null}
                      </Link>
                    </li>
                    <li className="sm:hidden">
                      <Link
                        to="/account"
                        className="block rounded px-3 py-2 text-sm font-semibold text-slate-800 no-underline hover:bg-slate-100"
                      >
                        {t("nav.account")}: {data.user.fullName}
                      </Link>
                    </li>
                    <li className="sm:hidden">
                      <Form method="post" action="/logout">
                        <button
                          type="submit"
                          className="block w-full rounded px-3 py-2 text-left text-sm font-semibold text-slate-800 hover:bg-slate-100"
                        >
                          {t("nav.signOut")}
                        </button>
                      </Form>
                    </li>
                  </ul>
                </nav>
              </details>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}

/** The bell in the header: always visible, its accessible name says how many are unread. */
function NotificationBell({ unread }: { unread: number }) {
  const t = useT();
  const location = useLocation();
  const label = unread > 0 ? t("notif.badgeLabel", { count: unread }) : t("notif.badgeNone");
  const active = location.pathname.startsWith("/notifications");
  return (
    <Link
      to="/notifications"
      aria-label={label}
      title={label}
      aria-current={active ? "page" : undefined}
      className={`relative inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-md text-sm font-semibold no-underline ${active ? "bg-white text-brand-800" : "text-white hover:bg-white/15"}`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-bold leading-5 text-white ring-2 ring-brand-800"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

function ToastMessage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  if (!data.toast) return null;
  const tone = data.toast.kind === "error" ? "border-red-700 bg-red-50 text-red-900" : "border-emerald-600 bg-emerald-50 text-emerald-900";
  return (
    <div role="status" className={`mb-4 rounded-md border-l-4 p-3 text-sm font-medium ${tone}`}>
      {t(data.toast.key, data.toast.params)}
    </div>
  );
}

function ProgressBar() {
  const navigation = useNavigation();
  if (navigation.state === "idle") return null;
  return <div aria-hidden="true" className="fixed inset-x-0 top-0 z-50 h-1 animate-pulse bg-amber-400" />;
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Document lang={data.lang}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        {t("app.skipToContent")}
      </a>
      <ProgressBar />
      <Header />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none">
        <ToastMessage />
        <Outlet />
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-500 print:hidden">
        {t("app.committee")}
      </footer>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const lang: Language = rootData?.lang ?? "vi";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [titleKey, bodyKey]: [MessageKey, MessageKey] =
    status === 404
      ? ["page.notFound.title", "page.notFound.body"]
      : status === 403
        ? ["page.forbidden.title", "page.forbidden.body"]
        : status === 400
          ? ["page.badRequest.title", "page.error.body"]
          : ["page.error.title", "page.error.body"];
  const other: Language = lang === "vi" ? "en" : "vi";
  return (
    <Document lang={lang}>
      <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-16">
        <p className="text-sm font-semibold text-brand-700">{status}</p>
        <h1 className="mt-2 text-3xl font-bold text-slate-900">{translate(lang, titleKey)}</h1>
        <p className="mt-4 text-slate-700">{translate(lang, bodyKey)}</p>
        <p lang={other} className="mt-2 text-sm text-slate-500">
          {translate(other, titleKey)} — {translate(other, bodyKey)}
        </p>
        <p className="mt-8">
          <a href="/" className="font-semibold">
            {translate(lang, "page.goHome")} →
          </a>
        </p>
      </main>
    </Document>
  );
}
