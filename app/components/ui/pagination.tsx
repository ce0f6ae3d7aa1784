import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/react";

/** Previous/next links that keep every other search param (filters live in the URL). */
export function Pagination({ total, limit, offset }: { total: number; limit: number; offset: number }) {
  const t = useT();
  const location = useLocation();
  if (total === 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p <= 1) params.delete("page");
    else params.set("page", String(p));
    const qs = params.toString();
    return qs ? `?${qs}` : location.pathname;
  };
  return (
    <nav aria-label={t("common.pageOf", { page, pages })} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <p className="text-slate-600">{t("common.showing", { from: offset + 1, to: Math.min(offset + limit, total), total })}</p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link
            to={hrefFor(page - 1)}
            rel="prev"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 no-underline hover:bg-slate-100"
          >
            ← {t("common.previous")}
          </Link>
        ) : null}
        <span aria-current="page" className="px-2 text-slate-700">
          {t("common.pageOf", { page, pages })}
        </span>
        {page < pages ? (
          <Link
            to={hrefFor(page + 1)}
            rel="next"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 no-underline hover:bg-slate-100"
          >
            {t("common.next")} →
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
