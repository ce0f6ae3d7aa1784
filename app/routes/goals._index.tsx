import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/auth/policy";
import { requireUser, toActor } from "~/auth/request.server";
import { GoalIndicator } from "~/components/goal-indicator";
import { programLabel } from "~/components/program-badge";
import { ProgressMeter } from "~/components/progress-meter";
import { ButtonLink } from "~/components/ui/button";
import { db } from "~/db.server";
import { PROGRAM_CODES } from "~/domain/task-rules";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { goalTasksHref, listGoals } from "~/models/goal.server";

export const meta: MetaFunction = (args) => pageTitle(args, "goals.title");

const Params = z.object({ program: z.enum(PROGRAM_CODES).optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const { program } = Params.parse({ program: url.searchParams.get("program") ?? undefined });
  const goals = await listGoals(db(), { program });
  return json({
    program: program ?? null,
    goals: goals.map((g) => ({
      id: g.id,
      programCode: g.programCode,
      title: g.title,
      leadUnitId: g.leadUnitId,
      leadUnitName: g.leadUnitName,
      dueDate: g.dueDate,
      indicatorName: g.indicatorName,
      indicatorUnit: g.indicatorUnit,
      indicatorTarget: g.indicatorTarget,
      indicatorBaseline: g.indicatorBaseline,
      current: g.current,
      taskTotal: g.taskTotal,
      taskDone: g.taskDone,
      tasksHref: goalTasksHref(g.id),
      doneHref: goalTasksHref(g.id, true),
    })),
    canManage: can(toActor(user), "goal:manage"),
  });
}

export default function GoalsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const programs = data.program ? [data.program] : PROGRAM_CODES;
  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-semibold no-underline ${active ? "bg-brand-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100"}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("goals.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("goals.intro")}</p>
        </div>
        {data.canManage ? (
          <ButtonLink to="/goals/new">
            <span aria-hidden="true">+</span>
            {t("goals.new")}
          </ButtonLink>
        ) : null}
      </div>

      <nav aria-label={t("goals.programFilter")}>
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link to="/goals" className={tabClass(!data.program)} aria-current={!data.program ? "page" : undefined}>
              {t("goals.allPrograms")}
            </Link>
          </li>
          {PROGRAM_CODES.map((p) => (
            <li key={p}>
              <Link
                to={`/goals?program=${p}`}
                className={tabClass(data.program === p)}
                aria-current={data.program === p ? "page" : undefined}
              >
                {programLabel(t, p)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {programs.map((p) => {
        const goals = data.goals.filter((g) => g.programCode === p);
        return (
          <section key={p} aria-labelledby={`program-${p}`} className="space-y-3">
            <h2
              id={`program-${p}`}
              className="flex flex-wrap items-baseline gap-2 border-b border-slate-200 pb-1 text-lg font-semibold text-slate-900"
            >
              <span className="text-brand-700">{programLabel(t, p)}</span>
              <span>{t(`lists.programName.${p}`)}</span>
              <span className="text-sm font-normal text-slate-500">({t("goals.count", { count: goals.length })})</span>
            </h2>
            {goals.length === 0 ? (
              <p className="text-sm text-slate-600">{t("goals.emptyProgram")}</p>
            ) : (
              <ul className="grid gap-4 lg:grid-cols-2">
                {goals.map((g) => (
                  <li key={g.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                    <div>
                      <h3 className="text-base font-semibold leading-snug">
                        <Link to={`/goals/${g.id}`}>{g.title}</Link>
                      </h3>
                      <p className="mt-1 text-sm text-slate-600">
                        <Link to={`/units/${g.leadUnitId}`} className="text-slate-700">
                          {g.leadUnitName}
                        </Link>
                        {" · "}
                        {t("goals.due", { date: t.date(g.dueDate) })}
                      </p>
                    </div>
                    <GoalIndicator goal={g} />
                    <p className="mt-auto flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-100 pt-3 text-sm text-slate-700">
                      <span>
                        <Link to={g.doneHref} className="font-semibold" aria-label={t("goals.tasksDoneLink", { count: g.taskDone })}>
                          {g.taskDone}
                        </Link>
                        {"/"}
                        <Link to={g.tasksHref} className="font-semibold" aria-label={t("goals.tasksTotalLink", { count: g.taskTotal })}>
                          {g.taskTotal}
                        </Link>{" "}
                        {t("goals.tasksDone")}
                      </span>
                      {g.taskTotal > 0 ? (
                        <ProgressMeter value={(g.taskDone / g.taskTotal) * 100} label={t("goals.tasksDoneShare")} tone="green" />
                      ) : null}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
