import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { clearSessionCookie } from "~/auth/cookies.server";
import { getUser } from "~/auth/request.server";
import { invalidateSession, invalidateUserSessions } from "~/auth/session.server";
import { db } from "~/db.server";
import { recordAudit } from "~/models/audit.server";

// Signing out changes state, so it is POST only; a GET just goes home.
export async function loader(_: LoaderFunctionArgs) {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) {
    const form = await request.formData();
    const everywhere = form.get("scope") === "all";
    if (everywhere) await invalidateUserSessions(db(), user.id);
    else await invalidateSession(db(), user.sessionId);
    await recordAudit(db(), {
      actorUserId: user.id,
      action: everywhere ? "auth.sign_out_all" : "auth.sign_out",
      entityType: "session",
      entityId: String(user.id),
      ip: context.clientIp,
    });
  }
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": clearSessionCookie() } });
}
