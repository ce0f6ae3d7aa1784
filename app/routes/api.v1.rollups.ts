/**
 * GET /api/v1/rollups?by=unit|program|goal&asOf=YYYY-MM-DD&unitId=&includeSubunits=true|false
 *
 * The figures of the committee's reports as of a date (default today in APP_TZ), by unit, program or
 * goal: the same computation as the unit page and the printable report (computeRollup, read from each
 * task's state on that date), so a past date gives the same numbers whenever it is asked again.
 * by=unit: every unit with tasks (or, with unitId, that unit and the units below it); each unit counts
 * the tasks of the units below it unless includeSubunits=false.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiActor, apiLanguage, requireApiUser } from "~/api/auth.server";
import { apiHandler, forbiddenResponse, invalidResponse, jsonResponse, methodNotAllowed, zodFieldErrors } from "~/api/json.server";
import { queryObject } from "~/api/task-input.server";
import { can } from "~/auth/policy";
import { appToday } from "~/auth/request.server";
import { db } from "~/db.server";
import { isIsoDate } from "~/domain/dates";
import { env } from "~/env.server";
import { errorKey } from "~/i18n";
import { computeRollup, type RollupItem } from "~/models/rollup.server";
import { getUnit } from "~/models/unit.server";

const ROLLUP_DIMENSIONS = ["unit", "program", "goal"] as const;

const RollupQuery = z.object({
  by: z.enum(ROLLUP_DIMENSIONS, { error: errorKey("reports.api.by") }).default("unit"),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: errorKey("api.dateFormat") })
    .refine(isIsoDate, { error: errorKey("api.invalidDate") })
    .optional(),
  unitId: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { error: errorKey("reports.api.id") })
    .transform(Number)
    .pipe(z.number().max(2_147_483_647, { error: errorKey("reports.api.id") }))
    .optional(),
  includeSubunits: z.enum(["true", "false"], { error: errorKey("reports.api.boolean") }).optional(),
});

/** One row of the answer: the contract's fields only, in its order. */
function itemJson(item: RollupItem) {
  return {
    key: item.key,
    name: item.name,
    total: item.total,
    doneOnTime: item.doneOnTime,
    doneLate: item.doneLate,
    openOnTime: item.openOnTime,
    dueSoon: item.dueSoon,
    overdue: item.overdue,
    overdueByAge: {
      "1-30": item.overdueByAge["1-30"],
      "31-60": item.overdueByAge["31-60"],
      "61-120": item.overdueByAge["61-120"],
      "120+": item.overdueByAge["120+"],
    },
    extended: item.extended,
    drafts: item.drafts,
    cancelled: item.cancelled,
    shareOverdue: item.shareOverdue,
    shareDoneOnTime: item.shareDoneOnTime,
  };
}

export const loader = apiHandler(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request);
  const lang = apiLanguage(user);
  if (!can(apiActor(user), "task:read")) return forbiddenResponse(lang);
  const parsed = RollupQuery.safeParse(queryObject(new URL(request.url)));
  if (!parsed.success) return invalidResponse(lang, zodFieldErrors(parsed.error));
  const query = parsed.data;
  const today = appToday();
  const asOf = query.asOf ?? today;
  if (asOf > today) return invalidResponse(lang, { asOf: ["reports.api.futureDate"] });
  if (query.unitId !== undefined) {
    if (query.by !== "unit") return invalidResponse(lang, { unitId: ["reports.api.unitOnlyByUnit"] });
    if (!(await getUnit(db(), query.unitId))) return invalidResponse(lang, { unitId: ["reports.api.unknownUnit"] });
  }
  const rollup = await computeRollup(
    db(),
    { by: query.by, asOf, unitId: query.unitId, includeSubunits: query.includeSubunits !== "false", lang },
    today,
    env().APP_TZ,
  );
  return jsonResponse({ asOf: rollup.asOf, items: rollup.items.map(itemJson) }, { lang });
});

export const action = apiHandler(async ({ request }: ActionFunctionArgs) =>
  methodNotAllowed(apiLanguage(await requireApiUser(request)), ["GET"]),
);
