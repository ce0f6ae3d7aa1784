/**
 * /assistant?scope=city|unit|program&unit=…&program=… — "Trợ lý đánh giá": the assessment assistant's
 * findings for the city, a unit (with the units below it) or a program, as cards: the sentence, its
 * numbers (each task count links to the list behind it), why it was raised, and the tasks concerned.
 * The rules live in app/domain/assistant.ts; the data is gathered by app/models/assistant.server.ts.
 */
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { appToday, notFound, requireUser } from "~/auth/request.server";
import { AssistantReport } from "~/components/assistant/assistant-report";
import { db } from "~/db.server";
import { pickedHref, readAssistantScope } from "~/domain/assistant-scope";
import { env } from "~/env.server";
import { pageTitle } from "~/i18n/meta";
import { assistantView } from "~/models/assistant.server";

export const meta: MetaFunction = (args) => pageTitle(args, "assistant.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const search = new URL(request.url).searchParams;
  const picked = search.get("for");
  if (picked !== null) throw redirect(pickedHref(picked) ?? "/assistant");
  const query = readAssistantScope(search);
  if (!query) notFound();
  const today = appToday();
  const view = await assistantView(db(), query, search.get("all"), today, env().APP_TZ);
  if (!view) notFound();
  return json(view);
}

export default function AssistantPage() {
  return <AssistantReport data={useLoaderData<typeof loader>()} />;
}
