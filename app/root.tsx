import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
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
import { env } from "~/env.server";
import { isMessageKey, translate, type Language, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
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
  return json(
    {
      lang,
      timeZone: env().APP_TZ,
      toast,
      user: user ? { id: user.id, fullName: user.fullName, email: user.email, role: user.role } : null,
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
  return `block rounded-md px-3 py-2 text-sm font-semibold no-underline ${
    isActive ? "bg-white text-brand-800" : "text-white hover:bg-white/15"
  }`;
}

function Header() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const links: Array<{ to: string; label: MessageKey; show: boolean; end?: boolean }> = [
    { to: "/", label: "nav.home", show: Boolean(data.user), end: true },
    { to: "/my-tasks", label: "nav.myTasks", show: Boolean(data.user) },
    { to: "/tasks", label: "nav.tasks", show: Boolean(data.user) },
    { to: "/goals", label: "nav.goals", show: Boolean(data.user) },
    { to: "/extensions", label: "nav.extensions", show: data.nav.extensions },
    { to: "/admin/units", label: "nav.units", show: data.nav.admin },
    { to: "/admin/users", label: "nav.users", show: data.nav.users },
    { to: "/admin/audit", label: "nav.audit", show: data.nav.audit },
  ];
  const shown = links.filter((l) => l.show);
  return (
    <header className="bg-brand-800 text-white shadow">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="flex items-center gap-2 text-white no-underline">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded bg-flag text-lg font-black text-yellow-300">
            ★
          </span>
          <span className="leading-tight">
            <span className="block text-lg font-bold">{t("app.name")}</span>
            <span className="block text-xs text-brand-100">{t("app.tagline")}</span>
          </span>
        </Link>
        {shown.length > 0 ? (
          <nav aria-label={t("nav.main")} className="order-last w-full md:order-none md:w-auto md:flex-1">
            <ul className="flex flex-wrap gap-1">
              {shown.map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} end={l.end} className={navClass} prefetch="intent">
                    {t(l.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          <div className="flex-1" />
        )}
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitch />
          {data.user ? (
            <>
              <NavLink to="/account" className={navClass}>
                <span className="sr-only">{t("nav.account")}: </span>
                {data.user.fullName}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-md px-3 py-2 text-sm font-semibold text-white hover:bg-white/15">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
    </header>
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
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("app.skipToContent")}
      </a>
      <ProgressBar />
      <Header />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none">
        <ToastMessage />
        <Outlet />
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-500">{t("app.committee")}</footer>
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
