import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLES, can } from "~/auth/policy";
import { requirePermission, requireUser, toActor } from "~/auth/request.server";
import { PagedResults } from "~/components/admin/paged-results";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { SelectField, TextField } from "~/components/ui/field";
import { FilterActions } from "~/components/ui/result-list";
import { db } from "~/db.server";
import { pageOrLast, pageParam } from "~/domain/paging";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { subtreeIds, unitOptions, unitPath } from "~/models/unit.server";
import { listUsers } from "~/models/user.server";

export const meta: MetaFunction = (args) => pageTitle(args, "users.title");

const PAGE_SIZE = 25;

/** Filters live in the URL; a value that does not parse is ignored rather than refused. */
const FilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  unit: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  includeSubunits: z.literal("1").optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).catch("all"),
  page: pageParam,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "user:list");
  const url = new URL(request.url);
  const filters = FilterSchema.parse(Object.fromEntries(url.searchParams));
  const q = filters.q || undefined;
  const unitIds = filters.unit ? (filters.includeSubunits ? await subtreeIds(db(), filters.unit) : [filters.unit]) : undefined;
  const query = {
    q,
    role: filters.role,
    unitIds,
    active: filters.status === "all" ? undefined : filters.status === "active",
    limit: PAGE_SIZE,
  };
  const { total, items, offset } = await pageOrLast(filters.page, PAGE_SIZE, (offset) => listUsers(db(), { ...query, offset }));
  const actor = toActor(user);
  return json({
    filters: {
      q: q ?? "",
      role: filters.role ?? "",
      unit: filters.unit ? String(filters.unit) : "",
      includeSubunits: Boolean(filters.includeSubunits),
      status: filters.status,
    },
    filtered: Boolean(q || filters.role || filters.unit || filters.status !== "all"),
    total,
    offset,
    users: items.map((u) => ({ id: u.id, fullName: u.fullName, email: u.email, role: u.role, unitName: u.unitName, active: u.active })),
    units: await unitOptions(db()),
    currentUserId: user.id,
    // Heads may add people to their own unit at least; the form narrows the choices further.
    canCreate: can(actor, "user:create", { unitPath: await unitPath(db(), user.unitId), unitId: user.unitId }),
  });
}

export default function UsersPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("users.title")}</h1>
        {data.canCreate ? <ButtonLink to="/admin/users/new">+ {t("users.new")}</ButtonLink> : null}
      </div>

      <section aria-labelledby="filters-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="filters-heading" className="sr-only">
          {t("common.filter")}
        </h2>
        <Form method="get" className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
          <div className="md:col-span-2">
            <TextField
              id="q"
              name="q"
              type="search"
              label={t("users.searchLabel")}
              placeholder={t("users.searchPlaceholder")}
              defaultValue={data.filters.q}
              maxLength={200}
            />
          </div>
          <SelectField id="role" name="role" label={t("users.role")} defaultValue={data.filters.role}>
            <option value="">{t("users.allRoles")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="status" name="status" label={t("users.status")} defaultValue={data.filters.status}>
            <option value="all">{t("common.all")}</option>
            <option value="active">{t("common.active")}</option>
            <option value="inactive">{t("common.inactive")}</option>
          </SelectField>
          <div className="md:col-span-2">
            <SelectField id="unit" name="unit" label={t("users.unit")} defaultValue={data.filters.unit}>
              <option value="">{t("users.allUnits")}</option>
              {data.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {`${"\u00a0\u00a0".repeat(u.depth)}${u.name}`}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="flex items-end pb-2">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input
                type="checkbox"
                name="includeSubunits"
                value="1"
                defaultChecked={data.filters.includeSubunits}
                className="h-4 w-4 rounded border-slate-300"
              />
              {t("users.includeSubunits")}
            </label>
          </div>
          <FilterActions clearTo="/admin/users" filtered={data.filtered} />
        </Form>
      </section>

      <PagedResults
        count={t("users.count", { count: data.total })}
        empty={data.users.length === 0}
        emptyMessage={t("users.empty")}
        clearTo="/admin/users"
        filtered={data.filtered}
        caption={t("users.title")}
        tableClassName="w-full divide-y divide-slate-200 text-sm"
        columns={[t("users.fullName"), t("users.email"), t("users.role"), t("users.unit"), t("users.status")]}
        page={{ total: data.total, limit: PAGE_SIZE, offset: data.offset }}
      >
        {data.users.map((u) => (
          <tr key={u.id} className={u.active ? "hover:bg-slate-50" : "bg-slate-50/60 text-slate-500 hover:bg-slate-100"}>
            <th scope="row" className="min-w-[11rem] px-4 py-3 text-left font-semibold">
              <Link to={`/admin/users/${u.id}`} prefetch="intent">
                {u.fullName}
              </Link>
              {u.id === data.currentUserId ? <span className="ml-1 font-normal text-slate-500">{t("users.you")}</span> : null}
            </th>
            <td className="whitespace-nowrap px-4 py-3">{u.email}</td>
            <td className="whitespace-nowrap px-4 py-3">
              <Badge tone="blue">{t(`role.${u.role}`)}</Badge>
            </td>
            <td className="min-w-[14rem] px-4 py-3">{u.unitName}</td>
            <td className="whitespace-nowrap px-4 py-3">
              {u.active ? <Badge tone="green">{t("common.active")}</Badge> : <Badge tone="neutral">{t("common.inactive")}</Badge>}
            </td>
          </tr>
        ))}
      </PagedResults>
    </div>
  );
}
