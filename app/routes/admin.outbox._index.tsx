import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { toastCookie } from "~/auth/cookies.server";
import { requirePermission, requireUser, safeRedirect } from "~/auth/request.server";
import { PagedResults } from "~/components/admin/paged-results";
import { OutboxStatusBadge } from "~/components/outbox-status";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/error-summary";
import { SelectField, TextField } from "~/components/ui/field";
import { FilterActions } from "~/components/ui/result-list";
import { db } from "~/db.server";
import { OUTBOX_STATUSES } from "~/domain/outbox-status";
import { pageOrLast, pageParam } from "~/domain/paging";
import { env } from "~/env.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { isRetryable, listOutbox, retryOutboxEmail } from "~/models/outbox-admin.server";

export const meta: MetaFunction = (args) => pageTitle(args, "outbox.title");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const PAGE_SIZE = 50;

/** Filters live in the URL; a value that does not parse is ignored rather than refused. */
const FilterSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: pageParam,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "outbox:manage");
  const f = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filter = { status: f.status, q: f.q || undefined, limit: PAGE_SIZE };
  const { total, items, offset } = await pageOrLast(f.page, PAGE_SIZE, (offset) => listOutbox(db(), { ...filter, offset }));
  return json({
    smtpConfigured: Boolean(env().SMTP_URL),
    filters: { status: f.status ?? "", q: f.q ?? "" },
    filtered: Boolean(f.status || f.q),
    total,
    offset,
    items: items.map((e) => ({ ...e, retryable: isRetryable(e.status) })),
  });
}

const RetrySchema = z.object({
  intent: z.literal("retry"),
  id: z.coerce.number().int().positive().max(2_147_483_647),
  redirectTo: z.string().optional(),
});

/** "Retry now" (also posted from the detail page). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "outbox:manage");
  const parsed = RetrySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const back = safeRedirect(parsed.data.redirectTo, "/admin/outbox");
  const to = back.startsWith("/admin/outbox") ? back : "/admin/outbox";
  const result = await retryOutboxEmail(db(), { id: parsed.data.id, actorUserId: user.id, ip: context.clientIp });
  if (!result.ok && result.error === "not_found") throw new Response("Not Found", { status: 404 });
  return redirect(to, {
    headers: { "Set-Cookie": toastCookie(result.ok ? { key: "outbox.retried" } : { key: "outbox.notRetryable", kind: "error" }) },
  });
}

export default function OutboxPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("outbox.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("outbox.intro")}</p>
      </div>
      {data.smtpConfigured ? null : <Notice kind="warning">{t("outbox.noSmtp")}</Notice>}

      <section aria-labelledby="filters-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="filters-heading" className="sr-only">
          {t("common.filter")}
        </h2>
        <Form method="get" className="grid gap-4 md:grid-cols-[1fr_2fr_auto]">
          <SelectField id="status" name="status" label={t("outbox.statusFilter")} defaultValue={data.filters.status}>
            <option value="">{t("outbox.allStatuses")}</option>
            {(["pending", "sending", "sent", "failed"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`outbox.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="q"
            name="q"
            type="search"
            label={t("outbox.search")}
            placeholder={t("outbox.searchPlaceholder")}
            defaultValue={data.filters.q}
            maxLength={200}
          />
          <FilterActions clearTo="/admin/outbox" filtered={data.filtered} />
        </Form>
      </section>

      <PagedResults
        count={t("outbox.count", { count: data.total })}
        empty={data.items.length === 0}
        emptyMessage={t("outbox.empty")}
        clearTo="/admin/outbox"
        filtered={data.filtered}
        caption={t("outbox.title")}
        tableClassName="w-full min-w-[64rem] divide-y divide-slate-200 text-sm"
        columns={[
          t("outbox.subject"),
          t("outbox.to"),
          t("outbox.status"),
          t("outbox.attempts"),
          t("outbox.createdAt"),
          t("outbox.when"),
          t("outbox.lastError"),
          <span key="retry" className="sr-only">
            {t("outbox.retry")}
          </span>,
        ]}
        bodyClassName="divide-y divide-slate-100 align-top"
        page={{ total: data.total, limit: PAGE_SIZE, offset: data.offset }}
      >
        {data.items.map((e) => (
          <tr key={e.id} className="hover:bg-slate-50">
            <th scope="row" className="min-w-[16rem] px-4 py-3 text-left font-semibold">
              <Link to={`/admin/outbox/${e.id}`} prefetch="intent" className="break-words">
                {e.subject}
              </Link>
              {/* On a phone the table scrolls sideways: who and how it stands stay in view under the subject. */}
              <span className="mt-1 flex flex-wrap items-center gap-2 font-normal text-slate-600 md:hidden">
                <OutboxStatusBadge t={t} status={e.status} />
                <span className="break-all text-xs">{e.toAddress}</span>
              </span>
            </th>
            <td className="whitespace-nowrap px-4 py-3">{e.toAddress}</td>
            <td className="whitespace-nowrap px-4 py-3">
              <OutboxStatusBadge t={t} status={e.status} />
            </td>
            <td className="px-4 py-3 tabular-nums">{e.attempts}</td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">{t.dateTime(e.createdAt)}</td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums">
              {e.status === "sent" ? (
                <>
                  <span className="block text-xs text-slate-500">{t("outbox.sentAt")}</span>
                  {t.dateTime(e.sentAt)}
                </>
              ) : e.status === "sending" ? (
                t("common.none")
              ) : (
                <>
                  <span className="block text-xs text-slate-500">{t("outbox.nextAttempt")}</span>
                  {t.dateTime(e.nextAttemptAt)}
                </>
              )}
            </td>
            <td className="max-w-xs break-words px-4 py-3 text-xs text-red-800">{e.lastError ?? ""}</td>
            <td className="px-4 py-3">
              {e.retryable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="retry" />
                  <input type="hidden" name="id" value={e.id} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <Button
                    type="submit"
                    variant="secondary"
                    className="whitespace-nowrap px-3 py-1"
                    aria-label={t("outbox.retryLabel", { subject: e.subject, to: e.toAddress })}
                  >
                    {t("outbox.retry")}
                  </Button>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </PagedResults>
    </div>
  );
}
