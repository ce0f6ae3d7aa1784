/** The goal's head: its program, due date, title, lead unit and description. */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { ProgramBadge } from "../program-badge";

export function GoalFacts({
  goal,
}: {
  goal: { programCode: string; dueDate: string; title: string; leadUnitId: number; leadUnitName: string; description: string | null };
}) {
  const t = useT();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <ProgramBadge code={goal.programCode} />
        <span className="text-sm text-slate-600">{t("goals.due", { date: t.date(goal.dueDate) })}</span>
      </div>
      <h1 className="text-2xl font-bold text-slate-900">{goal.title}</h1>
      <p className="text-sm text-slate-700">
        {t("goals.leadUnit")}:{" "}
        <Link to={`/units/${goal.leadUnitId}`} className="font-semibold">
          {goal.leadUnitName}
        </Link>
      </p>
      {goal.description ? <p className="max-w-3xl whitespace-pre-line text-slate-800">{goal.description}</p> : null}
    </div>
  );
}
