/** A unit's fixed facts: its code, its place in the tree, and its status with when it was created and closed. */
import { useT } from "~/i18n/react";
import type { UnitSnapshot } from "~/models/unit-admin-page.server";
import { AdminSection } from "./admin-section";
import { ProfileFact } from "./profile-card";

export function UnitInfo({ unit, ancestors }: { unit: UnitSnapshot; ancestors: ReadonlyArray<{ id: number; name: string }> }) {
  const t = useT();
  const status = [
    unit.active ? t("common.active") : t("common.closed"),
    unit.closedAt ? t("units.closedOn", { date: t.date(unit.closedAt) }) : null,
    t("units.createdOn", { date: t.date(unit.createdAt) }),
  ];
  return (
    <AdminSection headingId="info-heading" title={t("units.info")}>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        <ProfileFact label={t("units.code")}>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">{unit.code}</code>
          <span className="ml-2 text-slate-500">{t("units.codeFixed")}</span>
        </ProfileFact>
        <ProfileFact label={t("units.parent")}>
          {ancestors.length ? ancestors.map((a) => a.name).join(" › ") : t("units.topLevel")}
        </ProfileFact>
        <ProfileFact label={t("common.status")}>{status.filter(Boolean).join(" · ")}</ProfileFact>
      </dl>
    </AdminSection>
  );
}
