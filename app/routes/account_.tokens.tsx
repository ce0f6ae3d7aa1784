/**
 * /account/tokens — the user's personal API tokens: list (name, prefix, created, last used, expiry),
 * create one valid for 1–365 days (its plaintext is shown once, in the action's answer, never stored),
 * revoke one.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { toastCookie } from "~/auth/cookies.server";
import { requirePermission, requireUser } from "~/auth/request.server";
import * as clock from "~/clock.server";
import { ShownOnce } from "~/components/one-time-password";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ErrorSummary } from "~/components/ui/error-summary";
import { TextField } from "~/components/ui/field";
import { db } from "~/db.server";
import { idField, requiredText } from "~/domain/form-fields";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_MIN_DAYS } from "~/domain/token-lifetime";
import { errorKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { MAX_ACTIVE_TOKENS, countActiveTokens, createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server";

export const meta: MetaFunction = (args) => pageTitle(args, "tokens.title");

const daysError = errorKey("tokens.daysRange", { min: TOKEN_MIN_DAYS, max: TOKEN_MAX_DAYS });
const CreateTokenSchema = z.object({
  intent: z.literal("create"),
  name: requiredText(100),
  /** Left empty: the default (a year). */
  days: z.coerce
    .number({ error: daysError })
    .int({ error: daysError })
    .min(TOKEN_MIN_DAYS, { error: daysError })
    .max(TOKEN_MAX_DAYS, { error: daysError })
    .default(TOKEN_DEFAULT_DAYS),
});
const RevokeTokenSchema = z.object({ intent: z.literal("revoke"), tokenId: idField });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "token:manage", { userId: user.id });
  const now = clock.nowIso();
  const tokens = (await listApiTokens(db(), user.id)).map((token) => ({
    ...token,
    expired: token.revokedAt === null && (token.expiresAt === null || token.expiresAt <= now),
  }));
  return json({ tokens, defaultDays: TOKEN_DEFAULT_DAYS, minDays: TOKEN_MIN_DAYS, maxDays: TOKEN_MAX_DAYS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "token:manage", { userId: user.id });
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ctx = { actorUserId: user.id, ip: context.clientIp };

  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: CreateTokenSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply(), created: null }, { status: 400 });
    if ((await countActiveTokens(db(), user.id)) >= MAX_ACTIVE_TOKENS) {
      return json(
        {
          intent,
          result: submission.reply({ fieldErrors: { name: [errorKey("tokens.limit", { max: MAX_ACTIVE_TOKENS })] } }),
          created: null,
        },
        { status: 400 },
      );
    }
    const created = await createApiToken(db(), { userId: user.id, name: submission.value.name, days: submission.value.days }, ctx);
    // The only time the plaintext leaves the server; the answer must not be cached anywhere.
    return json(
      {
        intent,
        result: submission.reply({ resetForm: true }),
        created: { token: created.token, name: created.name, expiresAt: created.expiresAt },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  }

  if (intent === "revoke") {
    const submission = parseWithZod(formData, { schema: RevokeTokenSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply(), created: null }, { status: 400 });
    const revoked = await revokeApiToken(db(), { userId: user.id, tokenId: submission.value.tokenId }, ctx);
    if (!revoked) throw new Response("Not Found", { status: 404 });
    return redirect("/account/tokens", { headers: { "Set-Cookie": toastCookie({ key: "tokens.revoked" }) } });
  }

  return json({ intent: null, result: null, created: null }, { status: 400 });
}

function NewToken({ token, name, expiresAt }: { token: string; name: string; expiresAt: string }) {
  const t = useT();
  return (
    <ShownOnce
      role="status"
      labelId="new-token-label"
      label={t("tokens.createdHeading", { name })}
      value={token}
      valueClassName="select-all break-all rounded bg-white px-3 py-2 font-mono text-base font-bold text-slate-900 ring-1 ring-amber-300"
      copyLabel={t("tokens.copy")}
      copiedLabel={t("tokens.copied")}
    >
      <p className="mt-2 text-sm text-amber-900">{t("tokens.createdHelp")}</p>
      <p className="mt-1 text-sm text-amber-900">{t("tokens.expiresOn", { date: t.date(expiresAt) })}</p>
    </ShownOnce>
  );
}

export default function AccountTokens() {
  const { tokens, defaultDays, minDays, maxDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "token-form",
    defaultValue: { days: String(defaultDays) },
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateTokenSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errorItems = [
    ...(fields.name.errors ?? []).map((message) => ({ fieldId: fields.name.id, label: t("tokens.name"), message })),
    ...(fields.days.errors ?? []).map((message) => ({ fieldId: fields.days.id, label: t("tokens.days"), message })),
  ];

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/account" className="text-sm font-semibold">
          ← {t("account.title")}
        </Link>
      </p>
      <section aria-labelledby="tokens-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h1 id="tokens-heading" className="text-2xl font-bold text-slate-900">
          {t("tokens.title")}
        </h1>
        <p className="mt-1 text-sm text-slate-600">{t("tokens.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">
          <code>{t("tokens.usage")}</code>
        </p>

        {actionData?.created ? (
          <NewToken token={actionData.created.token} name={actionData.created.name} expiresAt={actionData.created.expiresAt} />
        ) : null}

        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <ErrorSummary items={errorItems} />
          <input type="hidden" name="intent" value="create" />
          <TextField
            {...getInputProps(fields.name, { type: "text" })}
            key={fields.name.key}
            id={fields.name.id}
            label={t("tokens.name")}
            help={t("tokens.nameHelp")}
            maxLength={100}
            required
            errors={fields.name.errors}
          />
          <TextField
            {...getInputProps(fields.days, { type: "number" })}
            key={fields.days.key}
            id={fields.days.id}
            label={t("tokens.days")}
            help={t("tokens.daysHelp", { min: minDays, max: maxDays })}
            min={minDays}
            max={maxDays}
            step={1}
            inputMode="numeric"
            errors={fields.days.errors}
          />
          <Button type="submit">{t("tokens.create")}</Button>
        </Form>

        <h3 className="mt-6 text-base font-semibold">{t("tokens.list")}</h3>
        {tokens.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("tokens.none")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("tokens.name")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("tokens.prefix")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("tokens.createdAt")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("tokens.lastUsed")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("tokens.expiresAt")}
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    {t("common.status")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id} className="border-b border-slate-100 align-middle">
                    <td className="py-2 pr-4">{token.name}</td>
                    <td className="py-2 pr-4">
                      <code>{token.prefix}…</code>
                    </td>
                    <td className="py-2 pr-4">{t.dateTime(token.createdAt)}</td>
                    <td className="py-2 pr-4">{token.lastUsedAt ? t.dateTime(token.lastUsedAt) : t("tokens.never")}</td>
                    <td className="py-2 pr-4">{token.expiresAt ? t.date(token.expiresAt) : t("common.none")}</td>
                    <td className="py-2">
                      {token.revokedAt ? (
                        <Badge tone="neutral">{t("tokens.revokedAt", { date: t.dateTime(token.revokedAt) })}</Badge>
                      ) : token.expired ? (
                        <Badge tone="neutral">{t("tokens.expired")}</Badge>
                      ) : (
                        <Form method="post" className="flex flex-wrap items-center gap-2">
                          <Badge tone="green">{t("tokens.active")}</Badge>
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={token.id} />
                          <Button type="submit" variant="danger" aria-label={t("tokens.revokeLabel", { name: token.name })}>
                            {t("tokens.revoke")}
                          </Button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
