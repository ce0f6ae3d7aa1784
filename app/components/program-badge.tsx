/** The three programs of the committee, written as the committee writes them (CCHC, CĐS, ĐA06). */
import type { ProgramCode } from "~/domain/task-rules";
import { useT, type T } from "~/i18n/react";

const KNOWN = new Set<string>(["CCHC", "CDS", "DA06"]);

/** "CĐS" for "CDS"; an unknown code is shown as stored. */
export function programLabel(t: T, code: string): string {
  return KNOWN.has(code) ? t(`lists.program.${code as ProgramCode}`) : code;
}

export function ProgramBadge({ code }: { code: string }) {
  const t = useT();
  const known = KNOWN.has(code);
  return (
    <abbr
      title={known ? t(`lists.programName.${code as ProgramCode}`) : undefined}
      className="inline-flex items-center rounded border border-slate-300 bg-white px-1.5 py-0.5 text-[0.7rem] font-bold tracking-wide text-slate-700 no-underline"
    >
      {programLabel(t, code)}
    </abbr>
  );
}

export function ProgramBadges({ codes }: { codes: readonly string[] }) {
  if (codes.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {codes.map((c) => (
        <ProgramBadge key={c} code={c} />
      ))}
    </span>
  );
}
