import { useT } from "~/i18n/react";

/** "As of …" under a rollup page's title: today's figures or a past date's. */
export function AsOfLine({ asOf, today }: { asOf: string; today: string }) {
  const t = useT();
  return (
    <p className="mt-1 text-slate-600">
      {asOf < today ? t("dash.asOfPast", { date: t.date(asOf) }) : t("dash.asOfToday", { date: t.date(asOf) })}
    </p>
  );
}

/** The note a past date's page carries: its numbers are those recorded then and will not change. */
export function PastDateNote({ asOf, today }: { asOf: string; today: string }) {
  const t = useT();
  if (asOf >= today) return null;
  return (
    <p role="note" className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
      {t("dash.pastNote", { date: t.date(asOf) })}
    </p>
  );
}
