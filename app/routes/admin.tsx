import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy";
import { requireUser, toActor } from "~/auth/request.server";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";

/** The administration section's tabs. Each child route still checks its own permission. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = toActor(user);
  return json({
    tabs: {
      units: can(actor, "admin:access"),
      users: can(actor, "user:list"),
      audit: can(actor, "audit:read"),
      reminders: can(actor, "settings:manage"),
      outbox: can(actor, "outbox:manage"),
    },
  });
}

export default function AdminLayout() {
  const { tabs } = useLoaderData<typeof loader>();
  const t = useT();
  const items: Array<{ to: string; label: MessageKey; show: boolean }> = [
    { to: "/admin/units", label: "nav.units", show: tabs.units },
    { to: "/admin/users", label: "nav.users", show: tabs.users },
    { to: "/admin/audit", label: "nav.audit", show: tabs.audit },
    { to: "/admin/reminders", label: "nav.reminders", show: tabs.reminders },
    { to: "/admin/outbox", label: "nav.outbox", show: tabs.outbox },
  ];
  return (
    <div className="space-y-6">
      <nav aria-label={t("nav.admin")} className="border-b border-slate-200">
        <ul className="-mb-px flex flex-wrap gap-4">
          {items
            .filter((i) => i.show)
            .map((i) => (
              <li key={i.to}>
                <NavLink
                  to={i.to}
                  prefetch="intent"
                  className={({ isActive }) =>
                    `inline-block border-b-2 px-1 pb-2 text-sm font-semibold no-underline ${isActive ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`
                  }
                >
                  {t(i.label)}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
