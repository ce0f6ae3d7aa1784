/** The active users of a unit, each linked to their admin page, with how many there are in all. */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { UnitAdminView } from "~/models/unit-admin-page.server";
import { AdminSection } from "./admin-section";

export function UnitMembers({ members }: { members: UnitAdminView["members"] }) {
  const t = useT();
  const title = (
    <>
      {t("units.usersOfUnit")} <span className="text-sm font-normal text-slate-600">({t("units.members", { count: members.total })})</span>
    </>
  );
  return (
    <AdminSection headingId="members-heading" title={title}>
      {members.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("units.noUsers")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("users.fullName")}
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("users.email")}
                </th>
                <th scope="col" className="py-2 font-semibold">
                  {t("users.role")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.items.map((m) => (
                <tr key={m.id}>
                  <td className="py-2 pr-4">
                    <Link to={`/admin/users/${m.id}`} className="font-semibold">
                      {m.fullName}
                    </Link>
                  </td>
                  <td className="py-2 pr-4 break-all">{m.email}</td>
                  <td className="py-2">{t(`role.${m.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminSection>
  );
}
