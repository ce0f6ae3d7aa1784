/**
 * GET /reports/rollup.xlsx?by=unit|program|goal&asOf=YYYY-MM-DD&unit=&sub=1 — a rollup as an Excel
 * sheet with the same numbers as the pages and the API (computeRollup).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { appToday, requestLanguage, requirePermission, requireUser } from "~/auth/request.server";
import { db } from "~/db.server";
import { parseUserDate } from "~/domain/dates";
import { env } from "~/env.server";
import { contentDisposition } from "~/evidence-storage.server";
import { rollupWorkbook } from "~/excel/rollup-export.server";
import { xlsxHeaders } from "~/excel/task-export.server";
import { computeRollup } from "~/models/rollup.server";
import { getUnit } from "~/models/unit.server";

const Params = z.object({
  by: z.enum(["unit", "program", "goal"]).catch("unit"),
  asOf: z.string().optional(),
  unit: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  sub: z.enum(["0", "1"]).catch("1"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "task:read");
  const today = appToday();
  const url = new URL(request.url);
  const params = Params.parse(Object.fromEntries(url.searchParams));
  const asOf = params.asOf ? parseUserDate(params.asOf) : today;
  if (!asOf || asOf > today) throw new Response("asOf must be a date no later than today", { status: 400 });
  const unit = params.unit !== undefined ? await getUnit(db(), params.unit) : undefined;
  if (params.unit !== undefined && !unit) throw new Response("Not Found", { status: 404 });

  const includeSubunits = params.sub === "1";
  const rollup = await computeRollup(
    db(),
    { by: params.by, asOf, unitId: params.by === "unit" ? unit?.id : undefined, includeSubunits, lang: requestLanguage(request, user) },
    today,
    env().APP_TZ,
  );
  const scopeWords =
    params.by === "unit"
      ? `${unit?.name ?? "Toàn thành phố"}${includeSubunits ? " (gồm đơn vị cấp dưới)" : " (chỉ nhiệm vụ của từng đơn vị)"}`
      : params.by === "program"
        ? "Theo chương trình"
        : "Theo mục tiêu";
  const body = await rollupWorkbook(rollup, { by: params.by, scopeWords, timeZone: env().APP_TZ });
  return new Response(body, { status: 200, headers: xlsxHeaders(contentDisposition(`tong-hop-${params.by}-${asOf}.xlsx`)) });
}
