import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/policy";
import { forbidden, requireUser, toActor } from "~/auth/request.server";

/** /admin goes to the first section this user may open. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = toActor(user);
  if (can(actor, "admin:access")) return redirect("/admin/units");
  if (can(actor, "user:list")) return redirect("/admin/users");
  forbidden();
}
