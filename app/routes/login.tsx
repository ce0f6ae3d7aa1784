import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { sessionCookie } from "~/auth/cookies.server";
import { getUser, requestLanguage, safeRedirect } from "~/auth/request.server";
import { signIn } from "~/auth/sign-in.server";
import * as clock from "~/clock.server";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/error-summary";
import { TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { translate } from "~/i18n";
import { formatTime } from "~/i18n/format";
import { useT } from "~/i18n/react";

export const meta: MetaFunction = ({ matches }) => {
  const lang = (matches.find((m) => m.id === "root")?.data as { lang?: "vi" | "en" } | undefined)?.lang ?? "vi";
  return [{ title: `${translate(lang, "login.title")} — ${translate(lang, "app.name")}` }];
};

/** A throttled sign-in tells clients when to retry (the action's header; Remix renders the page with these). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return json({ expired: url.searchParams.get("expired") === "1", signedOut: url.searchParams.get("signedOut") === "1" });
}

const NO_FIELD_ERRORS: { email: string[]; password: string[] } = { email: [], password: [] };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = form.get("email");
  const password = form.get("password");
  const lang = requestLanguage(request);
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const emailText = typeof email === "string" ? email.slice(0, 320) : "";

  if (typeof email !== "string" || typeof password !== "string" || !email.trim() || !password) {
    return json(
      {
        email: emailText,
        error: null as string | null,
        fieldErrors: {
          email: typeof email === "string" && email.trim() ? [] : ["error.required"],
          password: typeof password === "string" && password ? [] : ["error.required"],
        },
      },
      { status: 400 },
    );
  }
  // Far beyond any real password; refused before hashing so huge bodies cost nothing.
  if (password.length > 1024 || email.length > 320) {
    return json({ email: emailText, error: translate(lang, "login.failed"), fieldErrors: NO_FIELD_ERRORS }, { status: 400 });
  }

  const result = await signIn(db(), {
    email,
    password,
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  if (result.ok) {
    throw redirect(redirectTo, { headers: { "Set-Cookie": sessionCookie(result.token) } });
  }
  if (result.reason === "throttled") {
    const seconds = Math.max(1, Math.ceil((result.until.getTime() - clock.now().getTime()) / 1000));
    const headers = { "Retry-After": String(seconds) };
    if (result.scope === "account") {
      // The growing per-account delay: seconds, not a lockout (app/domain/throttle.ts).
      return json(
        { email: emailText, error: translate(lang, "login.slowedDown", { seconds }), fieldErrors: NO_FIELD_ERRORS },
        { status: 429, headers },
      );
    }
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return json(
      {
        email: emailText,
        error: translate(lang, "login.throttled", { minutes, time: formatTime(result.until, env().APP_TZ) }),
        fieldErrors: NO_FIELD_ERRORS,
      },
      { status: 429, headers },
    );
  }
  return json({ email: emailText, error: translate(lang, "login.failed"), fieldErrors: NO_FIELD_ERRORS }, { status: 401 });
}

export default function LoginPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";

  return (
    <div className="mx-auto grid max-w-4xl gap-8 py-6 md:grid-cols-2 md:py-12">
      <section className="hidden flex-col justify-center md:flex">
        <p className="text-sm font-semibold uppercase tracking-wide text-flag">{t("app.committee")}</p>
        <h1 className="mt-3 text-4xl font-bold text-brand-900">{t("app.name")}</h1>
        <p className="mt-4 text-lg text-slate-700">{t("login.intro")}</p>
        <ul className="mt-6 space-y-2 text-sm text-slate-700">
          {(["home.rule.person", "home.rule.task", "home.rule.time", "home.rule.responsibility", "home.rule.product"] as const).map((k) => (
            <li key={k} className="flex gap-2">
              <span aria-hidden="true" className="text-emerald-700">
                ✓
              </span>
              {t(k)}
            </li>
          ))}
        </ul>
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h2 className="text-2xl font-bold text-slate-900 md:text-xl">{t("login.title")}</h2>
        <p className="mt-1 text-sm text-slate-600 md:hidden">{t("login.intro")}</p>
        <div className="mt-4 space-y-3">
          {data.expired ? <Notice kind="warning">{t("login.expired")}</Notice> : null}
          {data.signedOut && !result ? <Notice kind="success">{t("login.signedOut")}</Notice> : null}
          {result?.error ? <Notice kind="error">{result.error}</Notice> : null}
        </div>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <TextField
            id="email"
            name="email"
            type="email"
            label={t("login.email")}
            autoComplete="username"
            required
            defaultValue={result?.email ?? ""}
            errors={result?.fieldErrors?.email}
            // The page has one purpose; the first field takes the cursor, as every sign-in page does.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
          <TextField
            id="password"
            name="password"
            type="password"
            label={t("login.password")}
            autoComplete="current-password"
            required
            errors={result?.fieldErrors?.password}
          />
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? t("common.loading") : t("login.submit")}
          </Button>
        </Form>
        <p className="mt-6 text-sm text-slate-600">{t("login.help")}</p>
      </section>
    </div>
  );
}
