import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { toastCookie } from "~/auth/cookies.server";
import { requireUser, safeRedirect } from "~/auth/request.server";
import { notificationSentence } from "~/components/notification-message";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { db } from "~/db.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead } from "~/models/notification.server";

export const meta: MetaFunction = (args) => pageTitle(args, "notif.title");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const PAGE_SIZE = 25;

/** Filters live in the URL; a value that does not parse falls back rather than failing. */
const FilterSchema = z.object({
  show: z.enum(["unread", "all"]).catch("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  // Everyone signed in has an inbox; every query below is limited to this user's own rows.
  const user = await requireUser(request);
  const url = new URL(request.url);
  const f = FilterSchema.parse(Object.fromEntries(url.searchParams));
  const query = { userId: user.id, unreadOnly: f.show === "unread", limit: PAGE_SIZE };
  let offset = (f.page - 1) * PAGE_SIZE;
  let { total, items } = await listNotifications(db(), { ...query, offset });
  if (items.length === 0 && total > 0) {
    offset = Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE;
    ({ total, items } = await listNotifications(db(), { ...query, offset }));
  }
  return json({
    show: f.show,
    unread: f.show === "unread" ? total : await countUnread(db(), user.id),
    total,
    offset,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      rule: n.rule,
      data: n.data,
      deadline: n.deadline,
      taskId: n.taskId,
      taskTitle: n.taskTitle,
      taskDeadline: n.taskDeadline,
      createdAt: n.createdAt,
      readAt: n.readAt,
    })),
  });
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive().max(2_147_483_647), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("read-all"), redirectTo: z.string().optional() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  // Back to the same view (filter and page) the form was sent from.
  const back = safeRedirect(parsed.data.redirectTo, "/notifications");
  const to = back.startsWith("/notifications") ? back : "/notifications";
  if (parsed.data.intent === "read") {
    const item = await markNotificationRead(db(), { userId: user.id, id: parsed.data.id });
    // Someone else's id reads exactly like a missing one.
    if (!item) throw new Response("Not Found", { status: 404 });
    return redirect(to, { headers: { "Set-Cookie": toastCookie({ key: "notif.markedRead" }) } });
  }
  const count = await markAllNotificationsRead(db(), { userId: user.id });
  return redirect(to, {
    headers: { "Set-Cookie": toastCookie(count ? { key: "notif.markedAllRead", params: { count } } : { key: "notif.nothingToMark" }) },
  });
}

export default function NotificationsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const here = data.show === "unread" ? "/notifications?show=unread" : "/notifications";
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("notif.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("notif.intro")}</p>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("notif.filterLabel")} className="flex gap-2 text-sm">
          {(["all", "unread"] as const).map((show) => (
            <Link
              key={show}
              to={show === "unread" ? "/notifications?show=unread" : "/notifications"}
              aria-current={data.show === show ? "page" : undefined}
              className={`rounded-full border px-3 py-1 font-semibold no-underline ${data.show === show ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
            >
              {t(`notif.filter.${show}`)}
            </Link>
          ))}
        </nav>
        {data.unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <input type="hidden" name="redirectTo" value={here} />
            <Button type="submit" variant="secondary">
              {t("notif.markAllRead")}
            </Button>
          </Form>
        ) : null}
      </div>

      <section aria-labelledby="results-heading" className="space-y-2">
        <h2 id="results-heading" className="text-sm font-semibold text-slate-700" aria-live="polite">
          {data.show === "unread"
            ? t("notif.unreadCount", { count: data.total })
            : `${t("notif.count", { count: data.total })} · ${t("notif.unreadShort", { count: data.unread })}`}
        </h2>
        {data.items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
            <p className="text-slate-700">{data.show === "unread" ? t("notif.emptyUnread") : t("notif.empty")}</p>
            {data.show === "unread" ? (
              <p className="mt-3">
                <Link to="/notifications" className="font-semibold">
                  {t("notif.showAll")}
                </Link>
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
              {data.items.map((n) => {
                const title = n.taskTitle ?? t("notif.taskMissing", { id: n.taskId ?? "?" });
                const unread = !n.readAt;
                return (
                  <li
                    key={n.id}
                    className={`flex flex-col gap-3 p-4 sm:flex-row sm:items-start ${unread ? "border-l-4 border-l-brand-700 bg-brand-50/60" : "border-l-4 border-l-transparent"}`}
                  >
                    <div className="min-w-0 flex-1 space-y-1">
                      <p className="flex flex-wrap items-center gap-2">
                        {unread ? <Badge tone="blue">{t("notif.unreadTag")}</Badge> : <span className="sr-only">{t("notif.readTag")}</span>}
                        {n.taskId !== null ? (
                          <Link to={`/tasks/${n.taskId}`} className={`break-words ${unread ? "font-bold" : "font-semibold"}`}>
                            {title}
                          </Link>
                        ) : (
                          <span className="font-semibold">{title}</span>
                        )}
                      </p>
                      <p className={`text-sm ${unread ? "text-slate-900" : "text-slate-600"}`}>{notificationSentence(t, n)}</p>
                      <p className="text-xs text-slate-500">
                        <time dateTime={n.createdAt}>{t.dateTime(n.createdAt)}</time>
                      </p>
                    </div>
                    {unread ? (
                      <Form method="post" className="shrink-0">
                        <input type="hidden" name="intent" value="read" />
                        <input type="hidden" name="id" value={n.id} />
                        <input
                          type="hidden"
                          name="redirectTo"
                          value={here + (data.offset ? `${here.includes("?") ? "&" : "?"}page=${data.offset / PAGE_SIZE + 1}` : "")}
                        />
                        <Button
                          type="submit"
                          variant="secondary"
                          className="w-full sm:w-auto"
                          aria-label={t("notif.markReadLabel", { title })}
                        >
                          {t("notif.markRead")}
                        </Button>
                      </Form>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <Pagination total={data.total} limit={PAGE_SIZE} offset={data.offset} />
          </>
        )}
        <p className="text-sm text-slate-600">{t("notif.emailNote")}</p>
      </section>
    </div>
  );
}
