import { Link } from "@remix-run/react";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";

type Scope = "city" | "unit" | "me";

/** The overview's scopes a reader may switch between (their unit or their own tasks, and the city). */
export function ScopeSwitch({
  scopes,
  scope,
  ownUnitName,
  asOf,
  today,
}: {
  scopes: Scope[];
  scope: Scope;
  ownUnitName: string;
  asOf: string;
  today: string;
}) {
  const t = useT();
  if (scopes.length < 2) return null;
  const label = (s: Scope) =>
    s === "city" ? t("dash.scope.city") : s === "unit" ? t("dash.scope.unit", { unit: ownUnitName }) : t("dash.scope.me");
  const href = (s: Scope) => {
    const p = new URLSearchParams({ scope: s });
    if (asOf < today) p.set("asOf", formatDate(asOf, "UTC"));
    return `/?${p}`;
  };
  return (
    <nav aria-label={t("dash.scope.label")}>
      <ul className="inline-flex flex-wrap gap-1 rounded-lg border border-slate-200 bg-white p-1 shadow-sm">
        {scopes.map((s) => (
          <li key={s}>
            <Link
              to={href(s)}
              aria-current={s === scope ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm font-semibold no-underline ${s === scope ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {label(s)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
