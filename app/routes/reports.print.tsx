/**
 * The printable report, A4 portrait, in the administrative layout of the committee's reports: who
 * issues it, the national heading, the title, "as of" date and scope; I. the headline figures;
 * II. the figures by unit, ranked by share overdue; III. the overdue tasks, longest overdue first.
 *
 * Every figure is read from each task's state on the date (task_states), so the report for a past
 * date is the same whenever it is produced again. Unit and city figures come from computeRollup (the
 * same as the API and the unit page); a program's breakdown by unit, and the overdue list, classify the
 * same states with the same rules (app/domain/rollup.ts).
 *
 * URL: ?asOf=YYYY-MM-DD [&unit=ID&sub=1|0&role=lead|coordinating | &program=CDS]; without unit or
 * program the scope is the whole city. Built by /reports.
 */
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { appToday, notFound, requestLanguage, requirePermission, requireUser } from "~/auth/request.server";
import * as clock from "~/clock.server";
import { PrintReport } from "~/components/report-print/print-report";
import { db } from "~/db.server";
import { readPrintReportParams } from "~/domain/report-params";
import { env } from "~/env.server";
import { translate } from "~/i18n";
import { printReportView } from "~/models/print-report.server";
import printStyles from "~/styles/print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export const meta: MetaFunction<typeof loader> = (args) => {
  const root = args.matches.find((m) => m?.id === "root")?.data as { lang?: "vi" | "en" } | undefined;
  const lang = root?.lang ?? "vi";
  const date = args.data ? args.data.asOf.split("-").reverse().join("/") : "";
  return [{ title: `${translate(lang, "reports.print.pageTitle", { date })} — ${translate(lang, "app.name")}` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const today = appToday();
  const lang = requestLanguage(request, user);
  // Anything malformed is a 400: the builder at /reports never sends it.
  const params = readPrintReportParams(new URL(request.url).searchParams, today);
  if (!params) throw new Response("Bad Request", { status: 400 });
  const view = await printReportView(db(), { ...params, lang }, today, env().APP_TZ);
  if (!view) notFound();
  return json({ asOf: params.asOf, today, producedAt: clock.nowIso(), ...view });
}

export default function PrintReportPage() {
  return <PrintReport data={useLoaderData<typeof loader>()} />;
}
