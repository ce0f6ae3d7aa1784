import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { CountLink } from "../rollup-table";

/** "N tasks issued" for one program or goal, N linking to the list of them. */
export function IssuedFigure({
  to,
  count,
  item,
  className,
  wordClassName,
}: {
  to: string;
  count: number;
  /** The program or goal counted (named in the link's label). */
  item: string;
  className: string;
  wordClassName?: string;
}) {
  const t = useT();
  const word = t("dash.programs.issued");
  return (
    <>
      <CountLink
        to={to}
        count={count}
        label={t("dash.cellLink", { count: formatNumber(count, t.lang), what: t("dash.col.total"), item })}
        className={className}
      />{" "}
      {wordClassName ? <span className={wordClassName}>{word}</span> : word}
    </>
  );
}
