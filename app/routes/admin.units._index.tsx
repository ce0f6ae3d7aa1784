import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { Unit } from "#db/schema";
import { can } from "~/auth/policy";
import { requirePermission, requireUser, toActor } from "~/auth/request.server";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { pageTitle } from "~/i18n/meta";
import { useT, type T } from "~/i18n/react";
import { listUnits, searchUnits } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "units.title");

type UnitKind = Unit["kind"];

interface UnitView {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  active: boolean;
  closedAt: string | null;
  memberCount: number;
  canUpdate: boolean;
}
type SearchResult = UnitView & { ancestors: string[] };
const KIND_ORDER: Record<UnitKind, number> = { city: 0, department: 1, ward: 2, commune: 3, division: 4 };
const QUERY_MAX = 200;

/** Filters live in the URL: ?q=…&closed=1&expand=1. Anything malformed is ignored, never an error. */
const FilterSchema = z.object({
  q: z
    .string()
    .transform((v) => v.trim().slice(0, QUERY_MAX))
    .catch(""),
  closed: z.literal("1").optional().catch(undefined),
  expand: z.literal("1").optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "admin:access");
  const url = new URL(request.url);
  const filter = FilterSchema.parse({
    q: url.searchParams.get("q") ?? "",
    closed: url.searchParams.get("closed") ?? undefined,
    expand: url.searchParams.get("expand") ?? undefined,
  });
  const includeClosed = filter.closed === "1";
  const actor = toActor(user);

  // Every unit once (48 in the demo, a few hundred in real life): paths and permissions are worked out in memory.
  const all = await listUnits(db(), { includeClosed: true });
  const byId = new Map(all.map((u) => [u.id, u]));
  const pathOf = (id: number) => {
    const ids: number[] = [];
    for (let cur = byId.get(id); cur && !ids.includes(cur.id); cur = cur.parentId === null ? undefined : byId.get(cur.parentId))
      ids.push(cur.id);
    return ids;
  };
  const view = (u: (typeof all)[number]): UnitView => {
    const unitPath = pathOf(u.id);
    return {
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentId: u.parentId,
      active: u.active,
      closedAt: u.closedAt,
      memberCount: u.memberCount,
      canUpdate: can(actor, "unit:update", { unitPath, unitId: u.id }),
    };
  };
  const canCreate =
    can(actor, "unit:create", { unitPath: [] }) ||
    all.some((u) => u.active && can(actor, "unit:create", { unitPath: pathOf(u.id), unitId: u.id }));

  if (filter.q) {
    const found = await searchUnits(db(), { q: filter.q, includeClosed });
    const results: SearchResult[] = found.map((f) => {
      const u = byId.get(f.id);
      return {
        ...view(u ?? { ...f, memberCount: 0 }),
        ancestors: pathOf(f.id)
          .slice(1)
          .reverse()
          .map((id) => byId.get(id)!.name),
      };
    });
    return json({ filter, canCreate, mode: "search" as const, results, nodes: [] as UnitView[] });
  }
  const nodes = all
    .filter((u) => includeClosed || u.active)
    .map(view)
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, "vi"));
  return json({ filter, canCreate, mode: "tree" as const, results: [] as SearchResult[], nodes });
}

type Node = UnitView;

const kindTone: Record<UnitKind, "blue" | "green" | "amber" | "neutral"> = {
  city: "blue",
  department: "blue",
  ward: "green",
  commune: "amber",
  division: "neutral",
};

function UnitLine({ unit, t }: { unit: UnitView; t: T }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
      {unit.canUpdate ? (
        <Link to={`/admin/units/${unit.id}`} className="font-semibold">
          {unit.name}
        </Link>
      ) : (
        <span className="font-semibold text-slate-900">{unit.name}</span>
      )}
      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{unit.code}</code>
      <Badge tone={kindTone[unit.kind]}>{t(`unitKind.${unit.kind}`)}</Badge>
      <span className="text-xs text-slate-600">{t("units.members", { count: unit.memberCount })}</span>
      {unit.active ? null : (
        <>
          <Badge tone="red">{t("common.closed")}</Badge>
          {unit.closedAt ? <span className="text-xs text-slate-600">{t("units.closedOn", { date: t.date(unit.closedAt) })}</span> : null}
        </>
      )}
    </div>
  );
}

function TreeBranch({
  nodes,
  childrenOf,
  depth,
  expand,
  t,
}: {
  nodes: Node[];
  childrenOf: Map<number, Node[]>;
  depth: number;
  expand: boolean;
  t: T;
}) {
  return (
    <ul className={depth === 0 ? "space-y-1" : "mt-1 space-y-1 border-l border-slate-200 pl-4 sm:pl-6"}>
      {nodes.map((node) => {
        const children = childrenOf.get(node.id) ?? [];
        return (
          <li key={node.id}>
            <UnitLine unit={node} t={t} />
            {children.length > 0 ? (
              // <details> opens and closes without JavaScript and is keyboard-operable by itself.
              <details open={expand || depth === 0} className="ml-1">
                <summary className="w-fit cursor-pointer rounded text-sm text-brand-700 hover:underline">
                  {t("units.children", { count: children.length })}
                </summary>
                <TreeBranch nodes={children} childrenOf={childrenOf} depth={depth + 1} expand={expand} t={t} />
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export default function UnitsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { filter } = data;

  const ids = new Set(data.nodes.map((n) => n.id));
  const childrenOf = new Map<number, Node[]>();
  const roots: Node[] = [];
  for (const node of data.nodes) {
    if (node.parentId === null || !ids.has(node.parentId)) roots.push(node);
    else childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node]);
  }
  const expandParams = new URLSearchParams();
  if (filter.closed) expandParams.set("closed", "1");
  if (!filter.expand) expandParams.set("expand", "1");
  const expandQuery = expandParams.toString();
  const expandHref = `/admin/units${expandQuery ? `?${expandQuery}` : ""}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("units.title")}</h1>
          <p className="mt-1 text-slate-600">{t("units.intro")}</p>
        </div>
        {data.canCreate ? (
          <ButtonLink to="/admin/units/new">
            <span aria-hidden="true">+</span>
            {t("units.new")}
          </ButtonLink>
        ) : null}
      </div>

      <Form
        method="get"
        role="search"
        className="flex flex-wrap items-end gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <div className="min-w-64 flex-1">
          <TextField
            id="q"
            name="q"
            type="search"
            label={t("units.searchLabel")}
            placeholder={t("units.searchPlaceholder")}
            defaultValue={filter.q}
            maxLength={QUERY_MAX}
          />
        </div>
        <div className="flex items-center gap-2 py-2">
          <input
            id="closed"
            name="closed"
            type="checkbox"
            value="1"
            defaultChecked={filter.closed === "1"}
            className="h-4 w-4 rounded border-slate-400"
          />
          <label htmlFor="closed" className="text-sm font-medium text-slate-800">
            {t("units.showClosed")}
          </label>
        </div>
        {filter.expand ? <input type="hidden" name="expand" value="1" /> : null}
        <div className="flex gap-2">
          <Button type="submit">{t("common.search")}</Button>
          {filter.q || filter.closed ? (
            <ButtonLink to="/admin/units" variant="secondary">
              {t("common.clearFilters")}
            </ButtonLink>
          ) : null}
        </div>
      </Form>

      {data.mode === "search" ? (
        <section aria-labelledby="results-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <h2 id="results-heading" className="text-lg font-semibold text-slate-900" aria-live="polite">
            {t("units.searchResults", { count: data.results.length, q: filter.q })}
          </h2>
          {data.results.length === 0 ? (
            <p className="mt-3 text-slate-600">{t("common.noResults")}</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100">
              {data.results.map((r) => (
                <li key={r.id} className="py-2">
                  <UnitLine unit={r} t={t} />
                  <p className="text-sm text-slate-600">
                    <span className="font-medium">{t("units.path")}:</span>{" "}
                    {r.ancestors.length ? r.ancestors.join(" › ") : t("units.topLevel")}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <section aria-labelledby="tree-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h2 id="tree-heading" className="text-lg font-semibold text-slate-900">
              {t("units.tree")}
            </h2>
            {roots.length ? (
              <Link to={expandHref} className="text-sm font-semibold">
                {filter.expand ? t("units.collapseAll") : t("units.expandAll")}
              </Link>
            ) : null}
          </div>
          {roots.length === 0 ? (
            <p className="text-slate-600">{t("units.empty")}</p>
          ) : (
            <TreeBranch nodes={roots} childrenOf={childrenOf} depth={0} expand={Boolean(filter.expand)} t={t} />
          )}
        </section>
      )}
    </div>
  );
}
