import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy";
import { requireUser, toActor } from "~/auth/request.server";
import { db } from "~/db.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPrograms } from "~/models/program.server";
import { getUnit } from "~/models/unit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const unit = await getUnit(db(), user.unitId);
  const programs = await listPrograms(db());
  const actor = toActor(user);
  return json({
    user: { fullName: user.fullName, role: user.role },
    unitName: unit?.name ?? "",
    programs,
    links: { units: can(actor, "admin:access"), users: can(actor, "user:list"), audit: can(actor, "audit:read") },
  });
}

export default function HomePage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("home.greeting", { name: data.user.fullName })}</h1>
        <p className="mt-1 text-slate-600">{t("home.yourRole", { role: t(`role.${data.user.role}`), unit: data.unitName })}</p>
      </div>

      <section aria-labelledby="programs-heading">
        <h2 id="programs-heading" className="text-lg font-semibold text-slate-900">
          {t("home.programs")}
        </h2>
        <ul className="mt-3 grid gap-4 sm:grid-cols-3">
          {data.programs.map((p) => (
            <li key={p.code} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <p className="text-xs font-bold uppercase tracking-wide text-brand-700">{p.code === "CDS" ? "CĐS" : p.code === "DA06" ? "ĐA06" : p.code}</p>
              <p className="mt-1 font-semibold text-slate-900">{t.lang === "vi" ? p.nameVi : p.nameEn}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="motto-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="motto-heading" className="text-lg font-semibold text-slate-900">
          {t("home.motto")}
        </h2>
        <ul className="mt-3 grid gap-2 text-sm text-slate-700 sm:grid-cols-2">
          {(["home.rule.person", "home.rule.task", "home.rule.time", "home.rule.responsibility", "home.rule.product", "home.rule.through"] as const).map((k) => (
            <li key={k} className="flex gap-2">
              <span aria-hidden="true" className="text-emerald-700">✓</span>
              {t(k)}
            </li>
          ))}
        </ul>
      </section>

      {data.links.units || data.links.users || data.links.audit ? (
        <section aria-labelledby="admin-heading">
          <h2 id="admin-heading" className="text-lg font-semibold text-slate-900">
            {t("home.adminLinks")}
          </h2>
          <ul className="mt-3 flex flex-wrap gap-3">
            {data.links.units ? (
              <li>
                <Link to="/admin/units" className="block rounded-lg border border-slate-200 bg-white px-4 py-3 font-semibold shadow-sm hover:border-brand-600">
                  {t("nav.units")} →
                </Link>
              </li>
            ) : null}
            {data.links.users ? (
              <li>
                <Link to="/admin/users" className="block rounded-lg border border-slate-200 bg-white px-4 py-3 font-semibold shadow-sm hover:border-brand-600">
                  {t("nav.users")} →
                </Link>
              </li>
            ) : null}
            {data.links.audit ? (
              <li>
                <Link to="/admin/audit" className="block rounded-lg border border-slate-200 bg-white px-4 py-3 font-semibold shadow-sm hover:border-brand-600">
                  {t("nav.audit")} →
                </Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
