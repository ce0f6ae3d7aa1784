/**
 * Over 300 lines for now: the upload form and the preview table are still here (to move to components/task-import next).
 * /tasks/import — tasks in bulk from a plan's appendix (.xlsx).
 *   1. upload: the file is read and every row checked (nothing written); the checked rows are kept
 *      server-side as an import batch bound to the user, and the browser goes to ?batch=<id>;
 *   2. preview (?batch=<id>): every row as ready / draft / error, with what is wrong in the user's language;
 *   3. confirm (batch id + version): all ready and draft rows are written in one transaction, or none;
 *      the batch is claimed in the same transaction, so a second submit imports nothing.
 * Permission: task:create (admin, committee anywhere; unit heads within their subtree, row by row).
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { toastCookie } from "~/auth/cookies.server";
import { forbidden, taskContext } from "~/auth/request.server";
import * as clock from "~/clock.server";
import { Badge } from "~/components/ui/badge";
import { Button, buttonClass } from "~/components/ui/button";
import { DateField } from "~/components/ui/date-field";
import { ErrorSummary, Notice } from "~/components/ui/error-summary";
import { TextField } from "~/components/ui/field";
import { Pagination } from "~/components/ui/pagination";
import { db } from "~/db.server";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  IMPORT_PREVIEW_HOURS,
  ImportSettingsSchema,
  countByStatus,
  importMessage,
  type ImportSettings,
  type PreviewRow,
  type RowStatus,
} from "~/domain/task-import";
import { PROGRAM_CODES } from "~/domain/task-rules";
import { readUploadForm } from "~/evidence-storage.server";
import { previewTaskImport, requireImporter } from "~/excel/task-import.server";
import { errorKey, type MessageKey } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { claimImportBatch, createImportBatch, getImportBatch, recordImportResult } from "~/models/import-batch.server";
import { importTasks } from "~/models/task-import.server";

export const meta: MetaFunction = (args) => pageTitle(args, "excel.import.title");

const KIND = "tasks";
const PAGE_SIZE = 100;
const SHOWS = ["all", "error", "draft", "ready", "skipped"] as const;
type Show = (typeof SHOWS)[number];
const MB = 1024 * 1024;

/** What an import batch keeps (import_batches.payload). */
interface StoredPreview {
  sheetName: string;
  settings: ImportSettings;
  rows: PreviewRow[];
}

interface ImportResultSummary {
  count: number;
  issued: number;
  drafts: number;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireImporter(request);
  const url = new URL(request.url);
  const limits = { mb: IMPORT_MAX_BYTES / MB, rows: IMPORT_MAX_ROWS, hours: IMPORT_PREVIEW_HOURS };
  const batchId = url.searchParams.get("batch");
  if (!batchId) return json({ mode: "upload" as const, limits, preview: null });
  const batch = /^[A-Za-z0-9_-]{16,64}$/.test(batchId)
    ? await getImportBatch(db(), { id: batchId, userId: user.id, kind: KIND, now: clock.now() })
    : undefined;
  if (!batch) return json({ mode: "expired" as const, limits, preview: null }, { status: 404 });

  const stored = JSON.parse(batch.payload) as StoredPreview;
  const counts = countByStatus(stored.rows);
  const requested = url.searchParams.get("show");
  const show: Show = (SHOWS as readonly string[]).includes(requested ?? "") ? (requested as Show) : counts.error > 0 ? "error" : "all";
  const rows = show === "all" ? stored.rows : stored.rows.filter((r) => r.status === show);
  const page = Math.max(
    1,
    Math.min(Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1, Math.max(1, Math.ceil(rows.length / PAGE_SIZE))),
  );
  const offset = (page - 1) * PAGE_SIZE;
  return json({
    mode: "preview" as const,
    limits,
    preview: {
      id: batch.id,
      version: batch.version,
      status: batch.status,
      fileName: batch.fileName,
      sheetName: stored.sheetName,
      importedAt: batch.importedAt,
      result: batch.result ? (JSON.parse(batch.result) as ImportResultSummary) : null,
      settings: stored.settings,
      counts,
      total: stored.rows.length,
      show,
      shown: rows.length,
      offset,
      limit: PAGE_SIZE,
      // Only what the table shows: the resolved ids stay on the server.
      rows: rows.slice(offset, offset + PAGE_SIZE).map(({ fields: _fields, ...row }) => row),
    },
  });
}

type ActionReply =
  | { intent: "upload"; fieldErrors: Record<string, string[]>; values: Record<string, string | string[]> }
  | { intent: "confirm"; refused: string; changed?: Array<{ row: number; messages: string[] }> };

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, actor } = await requireImporter(request);
  const upload = await readUploadForm(request);
  if (!upload) throw new Response("Bad Request", { status: 400 });
  const { formData } = upload;
  const intent = formData.get("intent");
  const ctx = taskContext(user, context);

  if (intent === "upload") {
    const values = {
      programs: formData.getAll("programs").filter((v): v is string => typeof v === "string"),
      sourceDocNumber: text(formData, "sourceDocNumber"),
      sourceDocDate: text(formData, "sourceDocDate"),
      sourceDocIssuer: text(formData, "sourceDocIssuer"),
    };
    const fieldErrors: Record<string, string[]> = {};
    const settings = ImportSettingsSchema.safeParse(values);
    if (!settings.success)
      for (const issue of settings.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    const file = formData.get("file");
    if (upload.tooLarge || (file instanceof File && file.size > IMPORT_MAX_BYTES))
      fieldErrors.file = [errorKey("excel.error.fileTooLarge", { max: IMPORT_MAX_BYTES / MB })];
    else if (!(file instanceof File) || file.size === 0) fieldErrors.file = [errorKey("excel.error.fileRequired")];
    else if (!/\.xlsx$/i.test(file.name)) fieldErrors.file = [errorKey("excel.error.notXlsx")];
    const reply = (status: number) => json<ActionReply>({ intent: "upload", fieldErrors, values }, { status });
    if (Object.keys(fieldErrors).length || !settings.success || !(file instanceof File)) return reply(upload.tooLarge ? 413 : 422);

    const preview = await previewTaskImport(db(), {
      bytes: new Uint8Array(await file.arrayBuffer()),
      settings: settings.data,
      actor,
      today: ctx.today,
    });
    if (!preview.ok) {
      fieldErrors.file = [preview.error];
      return reply(422);
    }
    const stored: StoredPreview = { sheetName: preview.sheetName, settings: settings.data, rows: preview.rows };
    const id = await createImportBatch(db(), {
      userId: user.id,
      kind: KIND,
      fileName: file.name.slice(0, 200),
      rowCount: preview.rows.length,
      errorCount: countByStatus(preview.rows).error,
      payload: JSON.stringify(stored),
      now: clock.now(),
      ttlHours: IMPORT_PREVIEW_HOURS,
    });
    return redirect(`/tasks/import?batch=${id}`);
  }

  if (intent === "confirm") {
    const id = text(formData, "batch");
    const version = Number.parseInt(text(formData, "version"), 10);
    const here = `/tasks/import?batch=${encodeURIComponent(id)}`;
    const batch = /^[A-Za-z0-9_-]{16,64}$/.test(id)
      ? await getImportBatch(db(), { id, userId: user.id, kind: KIND, now: clock.now() })
      : undefined;
    if (!batch) return redirect(here);
    const alreadyImported = () =>
      redirect(here, { headers: { "Set-Cookie": toastCookie({ key: "excel.toast.alreadyImported", kind: "error" }) } });
    if (batch.status !== "pending" || batch.version !== version) return alreadyImported();
    // A preview with errors is never imported, not even its good rows: fix the file and upload again.
    if (batch.errorCount > 0)
      return json<ActionReply>(
        { intent: "confirm", refused: errorKey("excel.preview.hasErrors", { count: batch.errorCount }) },
        { status: 422 },
      );
    const stored = JSON.parse(batch.payload) as StoredPreview;
    const importable = stored.rows.filter((r) => (r.status === "ready" || r.status === "draft") && r.fields);
    if (importable.length === 0)
      return json<ActionReply>({ intent: "confirm", refused: errorKey("excel.preview.nothingToImport") }, { status: 422 });

    const now = clock.now();
    const result = await importTasks(
      db(),
      importable.map((r) => ({
        fields: r.fields!,
        issue: r.status === "ready",
        audit: { import: { file: batch.fileName, row: r.rowNumber } },
      })),
      { ...ctx, now },
      {
        claim: (trx) => claimImportBatch(trx, { id: batch.id, userId: user.id, version: batch.version, now }),
        finish: (trx, ids) =>
          recordImportResult(trx, batch.id, {
            count: ids.length,
            issued: importable.filter((r) => r.status === "ready").length,
            drafts: importable.filter((r) => r.status === "draft").length,
          }),
      },
    );
    if (result.ok) {
      return redirect(here, {
        headers: { "Set-Cookie": toastCookie({ key: "excel.toast.imported", params: { count: result.value.ids.length } }) },
      });
    }
    if (result.error === "claimed") return alreadyImported();
    if (result.error === "forbidden") forbidden();
    // Units or people changed since the preview: say which rows, write nothing.
    const changed =
      result.error === "invalid"
        ? result.rowErrors.map((e) => ({ row: importable[e.index].rowNumber, messages: Object.values(e.fieldErrors).flat() }))
        : [];
    return json<ActionReply>(
      { intent: "confirm", refused: errorKey("excel.preview.changed", { count: changed.length }), changed },
      { status: 422 },
    );
  }
  return json<ActionReply>({ intent: "confirm", refused: errorKey("error.unknownAction") }, { status: 400 });
}

export default function ImportPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <nav aria-label={t("task.breadcrumb")} className="text-sm">
        <Link to="/tasks">{t("nav.tasks")}</Link> <span aria-hidden="true">›</span>{" "}
        {data.preview ? (
          <>
            <Link to="/tasks/import">{t("excel.import.title")}</Link> <span aria-hidden="true">›</span>{" "}
            <span>{t(data.preview.status === "imported" ? "excel.preview.titleImported" : "excel.preview.title")}</span>
          </>
        ) : (
          <span>{t("excel.import.title")}</span>
        )}
      </nav>
      {data.preview ? <Preview preview={data.preview} /> : <UploadForm limits={data.limits} expired={data.mode === "expired"} />}
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function UploadForm({ limits, expired }: { limits: LoaderData["limits"]; expired: boolean }) {
  const t = useT();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const reply = actionData?.intent === "upload" ? actionData : undefined;
  const errors = reply?.fieldErrors ?? {};
  const values = reply?.values ?? {};
  const chosenPrograms = new Set(Array.isArray(values.programs) ? values.programs : []);
  const labels: Record<string, string> = {
    file: t("excel.import.file"),
    programs: t("excel.import.programs"),
    sourceDocNumber: t("field.sourceDocNumber"),
    sourceDocDate: t("field.sourceDocDate"),
    sourceDocIssuer: t("field.sourceDocIssuer"),
  };
  const ids: Record<string, string> = {
    file: "import-file",
    programs: "import-programs",
    sourceDocNumber: "import-doc-number",
    sourceDocDate: "import-doc-date",
    sourceDocIssuer: "import-doc-issuer",
  };
  const summary = Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ fieldId: ids[field], label: labels[field], message })),
  );
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("excel.import.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-600">{t("excel.import.intro")}</p>
      </div>
      {expired ? <Notice kind="warning">{t("excel.preview.expired", { hours: limits.hours })}</Notice> : null}
      <ErrorSummary items={summary} />

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <section aria-labelledby="step1" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="step1" className="text-base font-semibold text-slate-900">
              {t("excel.import.step1")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("excel.import.step1Text")}</p>
            <p className="mt-3">
              <a href="/tasks/import/template.xlsx" download className={buttonClass("secondary")}>
                {t("excel.import.template")}
              </a>
            </p>
          </section>

          <Form
            method="post"
            encType="multipart/form-data"
            className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
            aria-labelledby="step2"
          >
            <h2 id="step2" className="text-base font-semibold text-slate-900">
              {t("excel.import.step2")}
            </h2>
            <TextField
              id="import-file"
              name="file"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              label={labels.file}
              required
              help={t("excel.import.fileHelp", { mb: limits.mb, rows: formatNumber(limits.rows, t.lang) })}
              errors={errors.file}
            />
            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold text-slate-800">{t("excel.import.document")}</legend>
              <p className="text-sm text-slate-600">{t("excel.import.documentHelp")}</p>
              <div className="grid gap-4 sm:grid-cols-3">
                <TextField
                  id={ids.sourceDocNumber}
                  name="sourceDocNumber"
                  label={labels.sourceDocNumber}
                  maxLength={100}
                  defaultValue={String(values.sourceDocNumber ?? "")}
                  errors={errors.sourceDocNumber}
                />
                <DateField
                  id={ids.sourceDocDate}
                  name="sourceDocDate"
                  label={labels.sourceDocDate}
                  typed={String(values.sourceDocDate ?? "")}
                  errors={errors.sourceDocDate}
                />
                <TextField
                  id={ids.sourceDocIssuer}
                  name="sourceDocIssuer"
                  label={labels.sourceDocIssuer}
                  maxLength={300}
                  defaultValue={String(values.sourceDocIssuer ?? "")}
                  errors={errors.sourceDocIssuer}
                />
              </div>
            </fieldset>
            <fieldset id="import-programs" tabIndex={-1} className="space-y-2">
              <legend className="text-sm font-semibold text-slate-800">{labels.programs}</legend>
              <p className="text-sm text-slate-600">{t("excel.import.programsHelp")}</p>
              <div className="flex flex-wrap gap-x-5 gap-y-2">
                {PROGRAM_CODES.map((p) => (
                  <label key={p} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      name="programs"
                      value={p}
                      defaultChecked={chosenPrograms.has(p)}
                      className="h-4 w-4 rounded border-slate-300"
                    />
                    {t(`lists.program.${p}`)} — {t(`lists.programName.${p}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-center sm:justify-end">
              <Link to="/tasks" className="text-center text-sm font-semibold sm:mr-auto">
                {t("common.cancel")}
              </Link>
              <Button type="submit" name="intent" value="upload" disabled={busy}>
                {busy ? t("excel.import.checking") : t("excel.import.submit")}
              </Button>
            </div>
          </Form>
        </div>

        <aside aria-labelledby="rules" className="h-fit rounded-lg border border-slate-200 bg-slate-50 p-5 text-sm text-slate-700">
          <h2 id="rules" className="text-base font-semibold text-slate-900">
            {t("excel.import.rulesTitle")}
          </h2>
          <ul className="mt-3 space-y-3">
            {(["ready", "draft", "error"] as const).map((s) => (
              <li key={s}>
                <StatusBadge status={s} />{" "}
                <span className="ml-1">
                  {t(s === "ready" ? "excel.import.ruleReady" : s === "draft" ? "excel.import.ruleDraft" : "excel.import.ruleError")}
                </span>
              </li>
            ))}
            <li>{t("excel.import.ruleOwner")}</li>
          </ul>
        </aside>
      </div>
    </>
  );
}

const STATUS_TONE: Record<RowStatus, "green" | "amber" | "red" | "neutral"> = {
  ready: "green",
  draft: "amber",
  error: "red",
  skipped: "neutral",
};

function StatusBadge({ status, imported = false }: { status: RowStatus; imported?: boolean }) {
  const t = useT();
  const label = imported && (status === "ready" || status === "draft") ? t(`excel.status.imported.${status}`) : t(`excel.status.${status}`);
  return <Badge tone={STATUS_TONE[status]}>{label}</Badge>;
}

function Preview({ preview }: { preview: NonNullable<LoaderData["preview"]> }) {
  const t = useT();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const refused = actionData?.intent === "confirm" ? actionData : undefined;
  const { counts, settings } = preview;
  const importable = counts.ready + counts.draft;
  const document = [settings.sourceDocNumber, settings.sourceDocDate ? t.date(settings.sourceDocDate) : null, settings.sourceDocIssuer]
    .filter(Boolean)
    .join(" — ");
  const tabs = SHOWS.filter((s) => s === "all" || counts[s] > 0);
  const imported = preview.status === "imported";
  const showHref = (s: Show) => `/tasks/import?batch=${encodeURIComponent(preview.id)}&show=${s}`;

  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t(imported ? "excel.preview.titleImported" : "excel.preview.title")}</h1>
        <p className="mt-1 text-slate-600">
          {t("excel.preview.file", { file: preview.fileName, sheet: preview.sheetName, count: formatNumber(preview.total, t.lang) })}
        </p>
      </div>

      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
          <dt className="font-semibold text-slate-800">{t("excel.preview.document")}</dt>
          <dd className="mt-0.5 text-slate-700">{document || t("excel.preview.noDocument")}</dd>
        </div>
        <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
          <dt className="font-semibold text-slate-800">{t("excel.preview.defaultPrograms")}</dt>
          <dd className="mt-0.5 text-slate-700">
            {settings.programs.length ? settings.programs.map((p) => t(`lists.program.${p}`)).join(", ") : t("excel.preview.noPrograms")}
          </dd>
        </div>
      </dl>

      {preview.status === "imported" && preview.result ? (
        <Notice kind="success">
          <p className="font-semibold">
            {t("excel.preview.imported", {
              time: t.dateTime(preview.importedAt),
              issued: formatNumber(preview.result.issued, t.lang),
              drafts: formatNumber(preview.result.drafts, t.lang),
            })}
          </p>
          <p className="mt-2 flex flex-wrap gap-4">
            <Link to="/tasks?sort=-updated" className="font-semibold">
              {t("excel.preview.viewTasks")}
            </Link>
            <Link to="/tasks/import" className="font-semibold">
              {t("excel.preview.uploadAgain")}
            </Link>
          </p>
        </Notice>
      ) : counts.error > 0 ? (
        <Notice kind="error">
          <p className="font-semibold">{t("excel.preview.hasErrors", { count: formatNumber(counts.error, t.lang) })}</p>
          <p className="mt-2">
            <Link to="/tasks/import" className="font-semibold text-red-900 underline">
              {t("excel.preview.uploadAgain")}
            </Link>
          </p>
        </Notice>
      ) : importable === 0 ? (
        <Notice kind="warning">
          <p>{t("excel.preview.nothingToImport")}</p>
          <p className="mt-2">
            <Link to="/tasks/import" className="font-semibold">
              {t("excel.preview.uploadAgain")}
            </Link>
          </p>
        </Notice>
      ) : (
        <section
          aria-labelledby="confirm-heading"
          className="space-y-3 rounded-lg border-l-4 border-brand-600 bg-brand-50 p-4 text-sm text-brand-900"
        >
          <h2 id="confirm-heading" className="font-semibold">
            {t("excel.preview.confirmText", { issued: formatNumber(counts.ready, t.lang), drafts: formatNumber(counts.draft, t.lang) })}
          </h2>
          {refused ? (
            <div role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
              <p className="font-semibold">{importMessage(t.lang, refused.refused)}</p>
              {refused.changed?.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {refused.changed.slice(0, 20).map((c) => (
                    <li key={c.row}>
                      {t("excel.preview.changedRow", { row: c.row, message: c.messages.map((m) => t.error(m)).join(" ") })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <Form
            method="post"
            action={`/tasks/import?batch=${encodeURIComponent(preview.id)}`}
            className="flex flex-wrap items-center gap-4"
          >
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="batch" value={preview.id} />
            <input type="hidden" name="version" value={preview.version} />
            <Button type="submit" disabled={busy}>
              {busy ? t("excel.preview.confirming") : t("excel.preview.confirm", { count: formatNumber(importable, t.lang) })}
            </Button>
            <Link to="/tasks/import" className="font-semibold">
              {t("excel.preview.uploadAgain")}
            </Link>
          </Form>
        </section>
      )}

      <section aria-labelledby="rows-heading" className="space-y-3">
        <h2 id="rows-heading" className="sr-only">
          {t("excel.preview.tableCaption")}
        </h2>
        <nav aria-label={t("excel.preview.filter")} className="flex flex-wrap gap-2 text-sm">
          {tabs.map((s) => (
            <Link
              key={s}
              to={showHref(s)}
              aria-current={preview.show === s ? "page" : undefined}
              className={`rounded-full border px-3 py-1 font-semibold no-underline ${preview.show === s ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
            >
              {t(`excel.preview.show.${s}`, { count: formatNumber(s === "all" ? preview.total : counts[s], t.lang) })}
            </Link>
          ))}
        </nav>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("excel.preview.tableCaption")}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("excel.preview.col.row")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("excel.preview.col.status")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("excel.preview.col.task")}
                </th>
                {/* On a phone these are shown inside the task's cell instead (a row stays readable without scrolling sideways). */}
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  {t("excel.preview.col.units")}
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  {t("excel.preview.col.owner")}
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  {t("excel.preview.col.deadline")}
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  {t("excel.preview.col.problems")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {preview.rows.map((row) => (
                <tr key={row.rowNumber} className={row.status === "error" ? "bg-red-50/40" : undefined}>
                  <th scope="row" className="px-3 py-2 text-right font-mono text-slate-600">
                    {row.rowNumber}
                  </th>
                  <td className="whitespace-nowrap px-3 py-2">
                    <StatusBadge status={row.status} imported={imported} />
                  </td>
                  <td className="max-w-md px-3 py-2">
                    <p className="font-medium text-slate-900">
                      <CellText row={row} column="title" />
                    </p>
                    {row.status !== "skipped" ? (
                      <p className="mt-1 text-slate-600">
                        <span className="font-semibold">{t("excel.preview.deliverable")}</span> <CellText row={row} column="deliverable" />
                      </p>
                    ) : null}
                    {row.shown.note ? (
                      <p className="mt-1 line-clamp-3 text-slate-600">
                        <span className="font-semibold">{t("excel.preview.note")}</span> {row.shown.note}
                      </p>
                    ) : null}
                    {row.shown.programs.length && row.status !== "skipped" ? (
                      <p className="mt-1 text-xs text-slate-500">{row.shown.programs.map((p) => t(`lists.program.${p}`)).join(", ")}</p>
                    ) : null}
                    <div className="mt-2 space-y-1 border-t border-slate-100 pt-2 md:hidden">
                      {row.status !== "skipped" ? (
                        <>
                          <RowUnits row={row} />
                          {row.shown.owner ? <RowOwner row={row} /> : null}
                          {row.shown.deadline ? (
                            <p>
                              <span className="font-semibold">{t("excel.preview.col.deadline")}:</span> {t.date(row.shown.deadline)}
                            </p>
                          ) : null}
                        </>
                      ) : null}
                      <RowProblems row={row} />
                    </div>
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">
                    <RowUnits row={row} />
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">
                    <RowOwner row={row} />
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-2 md:table-cell">
                    {row.shown.deadline ? t.date(row.shown.deadline) : null}
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">
                    <RowProblems row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination total={preview.shown} limit={preview.limit} offset={preview.offset} />
      </section>
    </>
  );
}

type ShownRow = NonNullable<LoaderData["preview"]>["rows"][number];

/** A text cell as read: its text, or that it was empty or a formula. */
function CellText({ row, column }: { row: ShownRow; column: "title" | "deliverable" }) {
  const t = useT();
  if ((row.shown.formulas as string[]).includes(column)) return <span className="italic text-red-800">{t("excel.preview.formula")}</span>;
  return row.shown[column] ? <>{row.shown[column]}</> : <Empty />;
}

function Unit({ name, unmatched }: { name: string; unmatched: boolean }) {
  // A name that matches no unit is struck through, so the eye finds it before reading the message.
  return unmatched ? <span className="text-red-800 line-through decoration-red-400">{name}</span> : <>{name}</>;
}

function RowUnits({ row }: { row: ShownRow }) {
  const t = useT();
  if (row.status === "skipped") return null;
  return (
    <>
      <p>
        {row.shown.leadUnit ? <Unit name={row.shown.leadUnit} unmatched={row.shown.unmatched.includes(row.shown.leadUnit)} /> : <Empty />}
      </p>
      {row.shown.coordinatingUnits.length ? (
        <p className="mt-1 text-slate-600">
          <span className="font-semibold">{t("excel.preview.coordinating")}</span>{" "}
          {row.shown.coordinatingUnits.map((name, i) => (
            <span key={name}>
              {i > 0 ? "; " : null}
              <Unit name={name} unmatched={row.shown.unmatched.includes(name)} />
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

function RowOwner({ row }: { row: ShownRow }) {
  const t = useT();
  return (
    <>
      <p>{row.shown.owner}</p>
      {row.shown.ownerIsHead ? <p className="text-xs text-slate-500">{t("excel.preview.ownerIsHead")}</p> : null}
    </>
  );
}

function RowProblems({ row }: { row: ShownRow }) {
  const t = useT();
  return (
    <>
      {row.errors.length ? (
        <ul className="list-disc space-y-0.5 pl-4 text-red-800">
          {row.errors.map((e) => (
            <li key={e}>{importMessage(t.lang, e)}</li>
          ))}
        </ul>
      ) : null}
      {row.missing.length ? (
        <p className="text-amber-900">{t("excel.preview.missing", { items: row.missing.map((m) => t(m as MessageKey)).join(", ") })}</p>
      ) : null}
      {row.notes.map((n) => (
        <p key={n} className="text-slate-600">
          {importMessage(t.lang, n)}
        </p>
      ))}
    </>
  );
}

function Empty() {
  const t = useT();
  return <span className="italic text-slate-400">{t("excel.preview.empty")}</span>;
}
