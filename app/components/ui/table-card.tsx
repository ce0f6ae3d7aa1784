import type { ReactNode } from "react";

/** A table on a white card that scrolls sideways on a narrow screen; its caption is for screen readers unless shown. */
export function TableCard({
  caption,
  captionVisible = false,
  children,
}: {
  caption: string;
  captionVisible?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <caption className={captionVisible ? "px-3 pt-3 text-left text-base font-semibold text-slate-900" : "sr-only"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
