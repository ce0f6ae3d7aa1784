/**
 * The forms that move a task along: progress, completion with evidence, reopen, cancel, extension
 * request and decision. Each posts an `intent` (and the version it was shown) to the task page's action,
 * works without JavaScript, and shows its own errors next to its fields and in a summary.
 */
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";
import { ChangedFieldsNotice } from "./task-conflict";
import { TaskField, controlClass, describedBy, errorsOf, summaryItems } from "./task-form";
import { Button } from "./ui/button";
import { DateField } from "./ui/date-field";
import { ErrorSummary } from "./ui/error-summary";

export interface ActionReply {
  intent: string | null;
  extensionId?: number | null;
  result: SubmissionResult<string[]> | null;
  conflict: { currentVersion: number; changedFields: string[] } | null;
}

/** What was sent in a refused post, so the form shows it again (files cannot be refilled). */
function sent(reply: ActionReply | undefined, name: string): string | undefined {
  const v = reply?.result?.initialValue?.[name];
  return typeof v === "string" ? v : undefined;
}

/** The reply if it belongs to this form. */
function replyFor(reply: ActionReply | undefined, intent: string, extensionId?: number) {
  if (!reply || reply.intent !== intent) return undefined;
  if (extensionId !== undefined && reply.extensionId !== extensionId) return undefined;
  return reply;
}

function FormShell({
  intent,
  title,
  help,
  reply,
  ids,
  order,
  version,
  multipart,
  collapsed,
  danger,
  children,
}: {
  intent: string;
  title: string;
  help?: string;
  reply: ActionReply | undefined;
  ids: Record<string, string>;
  order: string[];
  version: number;
  multipart?: boolean;
  /** Shown closed (one line) until opened, or until it has something to say. */
  collapsed?: boolean;
  danger?: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const items = summaryItems(t, reply?.result, ids, order);
  const body = (
    <>
      {help ? <p className="mt-1 text-sm text-slate-600">{help}</p> : null}
      {/* A new version re-renders the form empty after a successful post. */}
      <Form key={version} method="post" encType={multipart ? "multipart/form-data" : undefined} className="mt-3 space-y-3" noValidate>
        {reply?.conflict ? (
          <ChangedFieldsNotice version={reply.conflict.currentVersion} changedFields={reply.conflict.changedFields} current={[]} />
        ) : null}
        <ErrorSummary items={items} />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="version" value={version} />
        {children}
        <BusyButton busy={busy} variant={danger ? "danger" : undefined}>
          {title}
        </BusyButton>
      </Form>
    </>
  );
  const box = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  if (collapsed) {
    return (
      <details className={`${box} group`} open={Boolean(reply) || undefined}>
        <summary className="flex cursor-pointer list-none items-center justify-between gap-2 font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
          <h3 id={`${intent}-heading`}>{title}</h3>
          <span aria-hidden="true" className="text-slate-500 transition-transform group-open:rotate-90">
            ›
          </span>
        </summary>
        {body}
      </details>
    );
  }
  return (
    <section aria-labelledby={`${intent}-heading`} className={box}>
      <h3 id={`${intent}-heading`} className="font-semibold text-slate-900">
        {title}
      </h3>
      {body}
    </section>
  );
}

function BusyButton({ busy, children, variant }: { busy: boolean; children: ReactNode; variant?: "primary" | "secondary" | "danger" }) {
  const t = useT();
  return (
    <Button type="submit" variant={variant} disabled={busy} className="w-full sm:w-auto">
      {busy ? t("common.loading") : children}
    </Button>
  );
}

function EvidenceInputs({
  prefix,
  reply,
  accept,
  maxMb,
  required,
}: {
  prefix: string;
  reply: ActionReply | undefined;
  accept: string;
  maxMb: number;
  required?: boolean;
}) {
  const t = useT();
  const urlErrors = errorsOf(reply?.result, "evidenceUrl");
  const fileErrors = [...errorsOf(reply?.result, "evidenceFile"), ...errorsOf(reply?.result, "evidence")];
  return (
    <fieldset className="space-y-3 rounded-md border border-dashed border-slate-300 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">
        {t("field.evidence")}
        {required ? (
          <span className="ml-1 text-red-700" aria-hidden="true">
            *
          </span>
        ) : null}
        {required ? <span className="sr-only"> ({t("common.required")})</span> : null}
      </legend>
      <TaskField id={`${prefix}-evidenceUrl`} label={t("field.evidenceUrl")} errors={urlErrors} help={t("evidence.urlHelp")}>
        <input
          id={`${prefix}-evidenceUrl`}
          name="evidenceUrl"
          defaultValue={sent(reply, "evidenceUrl")}
          type="url"
          inputMode="url"
          maxLength={2000}
          placeholder="https://"
          className={controlClass}
          aria-invalid={urlErrors.length ? true : undefined}
          aria-describedby={describedBy(`${prefix}-evidenceUrl`, true, urlErrors)}
        />
      </TaskField>
      <TaskField
        id={`${prefix}-evidenceFile`}
        label={t("field.evidenceFile")}
        errors={fileErrors}
        help={t("evidence.fileHelp", { max: maxMb })}
      >
        <input
          id={`${prefix}-evidenceFile`}
          name="evidenceFile"
          type="file"
          accept={accept}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-semibold hover:file:bg-slate-100"
          aria-invalid={fileErrors.length ? true : undefined}
          aria-describedby={describedBy(`${prefix}-evidenceFile`, true, fileErrors)}
        />
      </TaskField>
    </fieldset>
  );
}

function NoteField({
  id,
  name,
  label,
  errors,
  required,
  rows = 3,
  help,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  errors: string[];
  required?: boolean;
  rows?: number;
  help?: string;
  defaultValue?: string;
}) {
  return (
    <TaskField id={id} label={label} errors={errors} required={required} help={help}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={4000}
        className={controlClass}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(id, Boolean(help), errors)}
      />
    </TaskField>
  );
}

export function ProgressForm({
  version,
  progress,
  reply,
  accept,
  maxMb,
}: {
  version: number;
  progress: number;
  reply?: ActionReply;
  accept: string;
  maxMb: number;
}) {
  const t = useT();
  const r = replyFor(reply, "progress");
  const progressErrors = errorsOf(r?.result, "progress");
  return (
    <FormShell
      intent="progress"
      title={t("task.action.progress")}
      reply={r}
      version={version}
      multipart
      ids={{
        progress: "progress-progress",
        note: "progress-note",
        evidenceUrl: "progress-evidenceUrl",
        evidenceFile: "progress-evidenceFile",
        evidence: "progress-evidenceFile",
      }}
      order={["progress", "note", "evidenceUrl", "evidenceFile"]}
    >
      <TaskField id="progress-progress" label={t("field.progress")} errors={progressErrors} help={t("task.progressHelp")}>
        <input
          id="progress-progress"
          name="progress"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          defaultValue={sent(r, "progress") ?? progress}
          className={`${controlClass} max-w-32`}
          aria-invalid={progressErrors.length ? true : undefined}
          aria-describedby={describedBy("progress-progress", true, progressErrors)}
        />
      </TaskField>
      <NoteField
        id="progress-note"
        name="note"
        label={t("field.note")}
        errors={errorsOf(r?.result, "note")}
        defaultValue={sent(r, "note")}
      />
      <EvidenceInputs prefix="progress" reply={r} accept={accept} maxMb={maxMb} />
    </FormShell>
  );
}

export function DoneForm({
  version,
  reply,
  accept,
  maxMb,
  deliverable,
}: {
  version: number;
  reply?: ActionReply;
  accept: string;
  maxMb: number;
  deliverable: string | null;
}) {
  const t = useT();
  const r = replyFor(reply, "done");
  return (
    <FormShell
      intent="done"
      collapsed
      title={t("task.action.done")}
      help={deliverable ? t("task.doneHelpDeliverable", { deliverable }) : t("task.doneHelp")}
      reply={r}
      version={version}
      multipart
      ids={{ note: "done-note", evidenceUrl: "done-evidenceUrl", evidenceFile: "done-evidenceFile", evidence: "done-evidenceFile" }}
      order={["note", "evidence", "evidenceUrl", "evidenceFile"]}
    >
      <NoteField
        id="done-note"
        name="note"
        label={t("task.doneNote")}
        errors={errorsOf(r?.result, "note")}
        defaultValue={sent(r, "note")}
        required
      />
      <EvidenceInputs prefix="done" reply={r} accept={accept} maxMb={maxMb} required />
    </FormShell>
  );
}

export function ReasonForm({
  intent,
  version,
  reply,
  title,
  help,
}: {
  intent: "reopen" | "cancel";
  version: number;
  reply?: ActionReply;
  title: string;
  help: string;
}) {
  const r = replyFor(reply, intent);
  return (
    <FormShell
      intent={intent}
      title={title}
      help={help}
      reply={r}
      version={version}
      ids={{ reason: `${intent}-reason` }}
      order={["reason"]}
      collapsed
      danger={intent === "cancel"}
    >
      <ReasonField id={`${intent}-reason`} reply={r} />
    </FormShell>
  );
}

/** The reason a reopening, a cancellation or an extension request must give. */
function ReasonField({ id, reply }: { id: string; reply?: ActionReply }) {
  const t = useT();
  return (
    <NoteField
      id={id}
      name="reason"
      label={t("field.reason")}
      errors={errorsOf(reply?.result, "reason")}
      defaultValue={sent(reply, "reason")}
      required
      rows={2}
    />
  );
}

export function ExtensionRequestForm({ version, reply, deadline }: { version: number; reply?: ActionReply; deadline: string | null }) {
  const t = useT();
  const r = replyFor(reply, "extension-request");
  const dateErrors = errorsOf(r?.result, "deadline");
  return (
    <FormShell
      intent="extension-request"
      collapsed
      title={t("task.action.requestExtension")}
      help={t("extension.requestHelp", { deadline: t.date(deadline) })}
      reply={r}
      version={version}
      ids={{ deadline: "ext-deadline", reason: "ext-reason" }}
      order={["deadline", "reason"]}
    >
      <DateField
        id="ext-deadline"
        name="deadline"
        label={t("field.newDeadline")}
        typed={sent(r, "deadline")}
        help={t("taskForm.help.date")}
        errors={dateErrors}
        required
        className="max-w-48"
      />
      <ReasonField id="ext-reason" reply={r} />
    </FormShell>
  );
}

/** Approve or reject one pending request, with an optional note (used on the task page and the queue). */
export function ExtensionDecisionForm({
  extensionId,
  version,
  reply,
  compact,
}: {
  extensionId: number;
  version?: number;
  reply?: ActionReply;
  compact?: boolean;
}) {
  const t = useT();
  const navigation = useNavigation();
  const r = replyFor(reply, "extension-decide", extensionId);
  const busy = navigation.state === "submitting" && navigation.formData?.get("extensionId") === String(extensionId);
  const noteId = `decide-note-${extensionId}`;
  const items = summaryItems(t, r?.result, { note: noteId, decision: noteId }, ["decision", "note"]);
  const noteErrors = errorsOf(r?.result, "note");
  return (
    <Form method="post" className="space-y-2" noValidate>
      <ErrorSummary items={items} />
      <input type="hidden" name="intent" value="extension-decide" />
      <input type="hidden" name="extensionId" value={extensionId} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <TaskField id={noteId} label={t("field.decisionNote")} errors={noteErrors}>
        <textarea
          id={noteId}
          name="note"
          rows={compact ? 1 : 2}
          maxLength={2000}
          className={controlClass}
          aria-invalid={noteErrors.length ? true : undefined}
          aria-describedby={describedBy(noteId, false, noteErrors)}
        />
      </TaskField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" disabled={busy}>
          {t("extension.approve")}
        </Button>
        <Button type="submit" name="decision" value="reject" variant="danger" disabled={busy}>
          {t("extension.reject")}
        </Button>
      </div>
    </Form>
  );
}
