import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission, requireUser } from "~/auth/request.server";
import { OutboxStatusBadge } from "~/components/outbox-status";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/error-summary";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { getOutboxEmail, isRetryable } from "~/models/outbox-admin.server";

export const meta: MetaFunction = (args) => pageTitle(args, "outbox.view");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "outbox:manage");
  const id = /^[1-9]\d{0,9}$/.test(params.emailId ?? "") ? Number(params.emailId) : NaN;
  const email = id <= 2_147_483_647 ? await getOutboxEmail(db(), id) : null;
  if (!email) notFound();
  return json({ email: { ...email, retryable: isRetryable(email.status) }, smtpConfigured: Boolean(env().SMTP_URL) });
}

/**
 * One e-mail with both bodies. The HTML body is shown as its source text (React escapes it), never
 * rendered: it cannot run script or load anything here, and the page's CSP stays as strict as everywhere.
 */
export default function OutboxEmailPage() {
  const { email, smtpConfigured } = useLoaderData<typeof loader>();
  const t = useT();
  const facts: Array<[string, React.ReactNode]> = [
    [t("outbox.to"), email.toAddress],
    [t("outbox.status"), <OutboxStatusBadge key="s" t={t} status={email.status} />],
    [t("outbox.kind"), <code key="k">{email.kind}</code>],
    [t("outbox.language"), email.language === "en" ? t("lang.en") : t("lang.vi")],
    [t("outbox.attempts"), email.attempts],
    [t("outbox.createdAt"), t.dateTime(email.createdAt)],
    [t("outbox.nextAttempt"), email.status === "pending" || email.status === "failed" ? t.dateTime(email.nextAttemptAt) : t("common.none")],
    [t("outbox.sentAt"), email.sentAt ? t.dateTime(email.sentAt) : t("common.none")],
    [t("outbox.lastError"), email.lastError ?? t("common.none")],
  ];
  return (
    <div className="space-y-6">
      <p>
        <Link to="/admin/outbox" className="text-sm font-semibold">
          ← {t("outbox.back")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="break-words text-2xl font-bold text-slate-900">{email.subject}</h1>
        {email.retryable ? (
          <Form method="post" action="/admin/outbox?index">
            <input type="hidden" name="intent" value="retry" />
            <input type="hidden" name="id" value={email.id} />
            <input type="hidden" name="redirectTo" value={`/admin/outbox/${email.id}`} />
            <Button type="submit">{t("outbox.retry")}</Button>
          </Form>
        ) : null}
      </div>
      {smtpConfigured ? null : <Notice kind="warning">{t("outbox.noSmtp")}</Notice>}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-[12rem_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-semibold text-slate-600">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="text-heading" className="space-y-2">
        <h2 id="text-heading" className="text-lg font-semibold">
          {t("outbox.textBody")}
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-white p-4 font-sans text-sm text-slate-900 shadow-sm">
          {email.textBody}
        </pre>
      </section>
      <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <summary className="cursor-pointer text-lg font-semibold">{t("outbox.htmlSource")}</summary>
        <pre className="mt-3 max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs text-slate-800">
          {email.htmlBody}
        </pre>
      </details>
    </div>
  );
}
