import { useT } from "~/i18n/react";

/** The header cells every task table starts with: the task, its lead unit and (unless every row is the reader's own) its owner. */
export function TaskHeadCells({ showOwner, th }: { showOwner: boolean; th: string }) {
  const t = useT();
  return (
    <>
      <th scope="col" className={th}>
        {t("lists.col.task")}
      </th>
      <th scope="col" className={`${th} hidden md:table-cell`}>
        {t("lists.col.leadUnit")}
      </th>
      {showOwner ? (
        <th scope="col" className={`${th} hidden md:table-cell`}>
          {t("lists.col.owner")}
        </th>
      ) : null}
    </>
  );
}
