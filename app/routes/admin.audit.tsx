import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission, requireUser } from "~/auth/request.server";
import { PagedResults } from "~/components/admin/paged-results";
import { AuditDetails, auditActionLabel, auditEntityLabel, parseAuditData, referencedUnitIds } from "~/components/audit-event";
import { SelectField, TextField } from "~/components/ui/field";
import { FilterActions, TableRegion } from "~/components/ui/result-list";
import { db } from "~/db.server";
import { pageOrLast, pageParam } from "~/domain/paging";
import { formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listAccessDenials } from "~/models/access-denial.server";
import { listAuditActions, listAuditEntityTypes, listAuditEvents } from "~/models/audit.server";
import { getUnit } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "audit.title");

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const PAGE_SIZE = 50;
/** Refused requests shown: the most recently refused (each row already counts a day's repeats). */
const DENIALS_SHOWN = 100;

function text(max: number) {
  // NUL is in no stored value (and PostgreSQL cannot compare text with it): such a filter is ignored.
  return z
    .string()
    .trim()
    .max(max)
    .refine((v) => !v.includes("\u0000"))
    .optional()
    .catch(undefined);
}

/** Filters live in the URL; a value that does not parse is ignored rather than refused. */
const FilterSchema = z.object({
  action: text(100),
  entityType: text(50),
  entityId: text(100),
  actor: text(200),
  q: text(200),
  page: pageParam,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "audit:read");
  const url = new URL(request.url);
  const f = FilterSchema.parse(Object.fromEntries(url.searchParams));
  // "actor" is a user id (from a link on this page) or part of a name or e-mail.
  const actorId = f.actor && /^[1-9]\d{0,9}$/.test(f.actor) && Number(f.actor) <= 2_147_483_647 ? Number(f.actor) : undefined;
  const filter = {
    action: f.action || undefined,
    entityType: f.entityType || undefined,
    entityId: f.entityId || undefined,
    actorUserId: actorId,
    actorQuery: actorId === undefined ? f.actor || undefined : undefined,
    q: f.q || undefined,
    limit: PAGE_SIZE,
  };
  const { total, items, offset } = await pageOrLast(f.page, PAGE_SIZE, (offset) => listAuditEvents(db(), { ...filter, offset }));
  const events = items.map((e) => ({
    id: e.id,
    occurredAt: e.occurredAt,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    actorUserId: e.actorUserId,
    actorName: e.actorName,
    actorEmail: e.actorEmail,
    ip: e.ip,
    data: parseAuditData(e.data),
  }));
  const unitNames: Record<string, string> = {};
  for (const id of new Set(events.flatMap((e) => referencedUnitIds(e.data)))) {
    const unit = await getUnit(db(), id);
    if (unit) unitNames[String(id)] = unit.name;
  }
  return json({
    filters: { action: f.action ?? "", entityType: f.entityType ?? "", entityId: f.entityId ?? "", actor: f.actor ?? "", q: f.q ?? "" },
    filtered: Boolean(f.action || f.entityType || f.entityId || f.actor || f.q),
    actions: await listAuditActions(db()),
    entityTypes: await listAuditEntityTypes(db()),
    total,
    offset,
    events,
    unitNames,
    denials: await listAccessDenials(db(), { limit: DENIALS_SHOWN }),
  });
}

export default function AuditPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  // A filter value from an old link that is no longer in the lists still shows as selected.
  const actions =
    data.filters.action && !data.actions.includes(data.filters.action) ? [data.filters.action, ...data.actions] : data.actions;
  const entityTypes =
    data.filters.entityType && !data.entityTypes.includes(data.filters.entityType)
      ? [data.filters.entityType, ...data.entityTypes]
      : data.entityTypes;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("audit.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("audit.intro")}</p>
      </div>

      <section aria-labelledby="filters-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="filters-heading" className="sr-only">
          {t("common.filter")}
        </h2>
        <Form method="get" className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          <SelectField id="action" name="action" label={t("audit.actionFilter")} defaultValue={data.filters.action}>
            <option value="">{t("audit.allActions")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(t, a)}
              </option>
            ))}
          </SelectField>
          <SelectField id="entityType" name="entityType" label={t("audit.entityType")} defaultValue={data.filters.entityType}>
            <option value="">{t("audit.allEntityTypes")}</option>
            {entityTypes.map((e) => (
              <option key={e} value={e}>
                {auditEntityLabel(t, e)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="entityId"
            name="entityId"
            label={t("audit.entityId")}
            defaultValue={data.filters.entityId}
            maxLength={100}
            inputMode="numeric"
          />
          <TextField id="actor" name="actor" label={t("audit.actorFilter")} defaultValue={data.filters.actor} maxLength={200} />
          <TextField
            id="q"
            name="q"
            type="search"
            label={t("audit.q")}
            placeholder={t("audit.qHelp")}
            defaultValue={data.filters.q}
            maxLength={200}
          />
          <FilterActions clearTo="/admin/audit" filtered={data.filtered} />
        </Form>
      </section>

      <PagedResults
        count={t("audit.count", { count: data.total })}
        empty={data.events.length === 0}
        emptyMessage={t("audit.empty")}
        clearTo="/admin/audit"
        filtered={data.filtered}
        caption={t("audit.title")}
        tableClassName="min-w-[60rem] w-full divide-y divide-slate-200 text-sm"
        columns={[t("audit.when"), t("audit.who"), t("audit.action"), t("audit.entity"), t("audit.details"), t("audit.ip")]}
        bodyClassName="divide-y divide-slate-100 align-top"
        page={{ total: data.total, limit: PAGE_SIZE, offset: data.offset }}
      >
        {data.events.map((e) => (
          <tr key={e.id} className="hover:bg-slate-50">
            <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">{t.dateTime(e.occurredAt)}</td>
            <td className="px-4 py-3">
              {e.actorUserId !== null ? (
                <>
                  <Link to={`/admin/users/${e.actorUserId}`} className="font-semibold">
                    {e.actorName ?? `#${e.actorUserId}`}
                  </Link>
                  {e.actorEmail ? <span className="block break-all text-xs text-slate-500">{e.actorEmail}</span> : null}
                </>
              ) : (
                <span className="italic text-slate-600">{t("audit.system")}</span>
              )}
            </td>
            <td className="px-4 py-3">
              <span className="font-semibold text-slate-900">{auditActionLabel(t, e.action)}</span>
              <code className="block text-xs text-slate-500">{e.action}</code>
            </td>
            <td className="px-4 py-3">
              {auditEntityLabel(t, e.entityType)}
              {e.entityId ? (
                e.entityType === "user" ? (
                  <Link to={`/admin/users/${encodeURIComponent(e.entityId)}`} className="ml-1">
                    #{e.entityId}
                  </Link>
                ) : (
                  <span className="ml-1 text-slate-600">#{e.entityId}</span>
                )
              ) : null}
            </td>
            <td className="max-w-md px-4 py-3 text-slate-700">
              <AuditDetails t={t} data={e.data} unitNames={data.unitNames} />
            </td>
            <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-600">{e.ip ?? t("common.none")}</td>
          </tr>
        ))}
      </PagedResults>

      <section aria-labelledby="denials-heading" className="space-y-2">
        <h2 id="denials-heading" className="text-lg font-semibold text-slate-900">
          {t("denials.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("denials.intro")}</p>
        <p className="text-sm font-semibold text-slate-700">
          {data.denials.total > data.denials.items.length
            ? t("denials.countLatest", { shown: data.denials.items.length, count: data.denials.total })
            : t("denials.count", { count: data.denials.total })}
        </p>
        {data.denials.items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">{t("denials.empty")}</p>
        ) : (
          <TableRegion labelledBy="denials-heading">
            <table className="min-w-[50rem] w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("denials.title")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    {t("denials.day")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("audit.who")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("denials.kind")}
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    {t("denials.times")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("denials.last")}
                  </th>
                  <th scope="col" className="px-4 py-3">
                    {t("audit.ip")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {data.denials.items.map((d) => (
                  <tr key={d.id} className="hover:bg-slate-50">
                    <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">{t.date(d.day)}</td>
                    <td className="px-4 py-3">
                      {d.actorUserId !== null ? (
                        <>
                          <Link to={`/admin/users/${d.actorUserId}`} className="font-semibold">
                            {d.actorName ?? `#${d.actorUserId}`}
                          </Link>
                          {d.actorEmail ? <span className="block break-all text-xs text-slate-500">{d.actorEmail}</span> : null}
                        </>
                      ) : (
                        <span className="italic text-slate-600">{t("denials.anonymous")}</span>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <span className="font-semibold text-slate-900">{t(`denials.kind.${d.kind}`)}</span>
                    </td>
                    <td className="px-4 py-3 text-right font-semibold tabular-nums">{formatNumber(d.count, t.lang)}</td>
                    <td className="px-4 py-3 text-slate-700">
                      <span className="tabular-nums">{t.dateTime(d.lastAt)}</span>
                      <code className="block break-all text-xs text-slate-500">
                        {d.lastMethod} {d.lastPath}
                      </code>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-600">{d.ip ?? t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
