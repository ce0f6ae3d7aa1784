import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { languageCookie } from "~/auth/cookies.server";
import { getUser, safeRedirect } from "~/auth/request.server";
import { db } from "~/db.server";
import { isLanguage } from "~/i18n";
import { setLanguage } from "~/models/user.server";

export async function loader(_: LoaderFunctionArgs) {
  return redirect("/");
}

/** The language switch: remembered on the user's record, and in a cookie for signed-out visitors. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const redirectTo = safeRedirect(form.get("redirectTo"));
  if (!isLanguage(lang)) return redirect(redirectTo);
  const user = await getUser(request);
  if (user) await setLanguage(db(), user.id, lang);
  return redirect(redirectTo, { headers: { "Set-Cookie": languageCookie(lang) } });
}
