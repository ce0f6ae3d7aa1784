/**
 * E-mail bodies, in the recipient's language: a subject, plain text and HTML (every value escaped).
 * Pure: the caller passes the facts, the recipient's language and the app's public origin for links.
 * Reminders carry the task's 5-rõ facts (task, owner, deadline dd/mm/yyyy, lead unit, deliverable).
 */
import type { NotificationKind } from "~/domain/reminders";
import { translate, type Language, type MessageKey, type Params } from "~/i18n";
import { formatDate } from "~/i18n/format";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface TaskMailFacts {
  taskId: number;
  title: string;
  ownerName: string | null;
  /** YYYY-MM-DD */
  deadline: string;
  leadUnitName: string | null;
  deliverable: string | null;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** Subjects are one line and not endless. */
function subjectLine(value: string): string {
  const line = value.replace(/[\r\n\t]+/g, " ").trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function shortTitle(title: string) {
  const one = title.replace(/\s+/g, " ").trim();
  return one.length > 90 ? `${one.slice(0, 89)}…` : one;
}

export function taskUrl(origin: string, taskId: number) {
  return `${origin.replace(/\/+$/, "")}/tasks/${taskId}`;
}

/** YYYY-MM-DD → dd/mm/yyyy. */
const dmy = (date: string) =>
  date.length === 10 ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : formatDate(date, "UTC");

// Digest lines are rendered by the thousand: their templates are split once into text and placeholders.
const compiledTemplates = new Map<string, (params: Params) => string>();
function compiled(lang: Language, key: MessageKey): (params: Params) => string {
  const id = `${lang}|${key}`;
  let fn = compiledTemplates.get(id);
  if (!fn) {
    const pieces = translate(lang, key).split(/\{(\w+)\}/);
    fn = (params) => {
      let out = pieces[0];
      for (let i = 1; i < pieces.length; i += 2) out += String(params[pieces[i]] ?? `{${pieces[i]}}`) + pieces[i + 1];
      return out;
    };
    compiledTemplates.set(id, fn);
  }
  return fn;
}

function layout(lang: Language, paragraphsHtml: string, footerHtml: string) {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Rõ Việc</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2937;max-width:640px;margin:0 auto;padding:16px">` +
    paragraphsHtml +
    `<p style="font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb;padding-top:8px;margin-top:24px">${footerHtml}</p>` +
    `</body></html>`
  );
}

// The fixed parts of a reminder per language and origin, built once (the job renders thousands).
const fixedParts = new Map<string, ReturnType<typeof buildFixedParts>>();
function buildFixedParts(lang: Language, origin: string) {
  const t = (key: MessageKey) => translate(lang, key);
  const labels = [t("mail.fact.task"), t("mail.fact.owner"), t("mail.fact.deadline"), t("mail.fact.leadUnit"), t("mail.fact.deliverable")];
  return {
    labels,
    labelsHtml: labels.map(
      (l) =>
        `<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;color:#4b5563;font-weight:600">${escapeHtml(l)}</th><td style="padding:4px 0">`,
    ),
    open: t("mail.open"),
    openHtml: escapeHtml(t("mail.open")),
    noOwner: t("mail.noOwner"),
    footer: footer(lang, origin),
  };
}
function fixed(lang: Language, origin: string) {
  const key = `${lang}|${origin}`;
  let parts = fixedParts.get(key);
  if (!parts) {
    if (fixedParts.size > 16) fixedParts.clear();
    fixedParts.set(key, (parts = buildFixedParts(lang, origin)));
  }
  return parts;
}

function footer(lang: Language, origin: string) {
  const url = `${origin.replace(/\/+$/, "")}/account`;
  const text = translate(lang, "mail.footer", { url });
  const html = escapeHtml(translate(lang, "mail.footer", { url: "\u0000" })).replace(
    "\u0000",
    `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`,
  );
  return { text, html };
}

/** One reminder about one task. */
export function renderReminderMail(input: {
  lang: Language;
  kind: NotificationKind;
  recipientName: string;
  task: TaskMailFacts;
  data: Record<string, unknown>;
  origin: string;
}): RenderedMail {
  const { lang, kind, task, origin } = input;
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const params: Params = {
    title: shortTitle(task.title),
    deadline: dmy(task.deadline),
    days: typeof input.data.days === "number" ? input.data.days : 0,
    requestedDeadline: typeof input.data.requestedDeadline === "string" ? dmy(input.data.requestedDeadline) : "",
  };
  const subject = subjectLine(t(`mail.subject.${kind}` as MessageKey, params));
  const greeting = t("mail.greeting", { name: input.recipientName });
  const intro = t(`mail.intro.${kind}` as MessageKey, params);
  const url = taskUrl(origin, task.taskId);
  const parts = fixed(lang, origin);
  const values = [task.title, task.ownerName ?? parts.noOwner, dmy(task.deadline), task.leadUnitName ?? "", task.deliverable ?? ""];

  const text = [
    greeting,
    "",
    intro,
    "",
    ...values.map((v, i) => `${parts.labels[i]}: ${v}`),
    "",
    `${parts.open}: ${url}`,
    "",
    "--",
    parts.footer.text,
    "",
  ].join("\n");
  const html = layout(
    lang,
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>` +
      `<table style="border-collapse:collapse;margin:12px 0">` +
      values.map((v, i) => `${parts.labelsHtml[i]}${escapeHtml(v)}</td></tr>`).join("") +
      `</table>` +
      `<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:8px 14px;border-radius:6px;text-decoration:none">${parts.openHtml}</a></p>` +
      `<p style="font-size:13px;color:#4b5563">${escapeHtml(url)}</p>`,
    parts.footer.html,
  );
  return { subject, text, html };
}

export interface DigestLine {
  taskId: number;
  title: string;
  deadline: string;
  /** Days overdue (for overdue lines). */
  days?: number;
}

/** Longest list printed per section; the rest is counted ("… and 12 more"). */
export const DIGEST_SECTION_LIMIT = 50;

interface Section {
  heading: MessageKey;
  lines: DigestLine[];
}

function renderSections(lang: Language, origin: string, sections: Section[]) {
  const text: string[] = [];
  let html = "";
  for (const section of sections) {
    if (section.lines.length === 0) continue;
    const heading = translate(lang, section.heading, { count: section.lines.length });
    const shown = section.lines.slice(0, DIGEST_SECTION_LIMIT);
    const rest = section.lines.length - shown.length;
    const lineText = (l: DigestLine) =>
      l.days !== undefined
        ? compiled(lang, "mail.digest.lineOverdue")({ title: shortTitle(l.title), deadline: dmy(l.deadline), days: l.days })
        : compiled(lang, "mail.digest.line")({ title: shortTitle(l.title), deadline: dmy(l.deadline) });
    text.push(heading, ...shown.map((l) => `- ${lineText(l)}\n  ${taskUrl(origin, l.taskId)}`));
    if (rest > 0) text.push(translate(lang, "mail.digest.more", { count: rest }));
    text.push("");
    html +=
      `<h2 style="font-size:16px;margin:20px 0 6px">${escapeHtml(heading)}</h2><ul style="padding-left:20px;margin:0">` +
      shown
        .map((l) => `<li style="margin:4px 0"><a href="${escapeHtml(taskUrl(origin, l.taskId))}">${escapeHtml(lineText(l))}</a></li>`)
        .join("") +
      (rest > 0
        ? `<li style="list-style:none;color:#6b7280">${escapeHtml(translate(lang, "mail.digest.more", { count: rest }))}</li>`
        : "") +
      `</ul>`;
  }
  return { text, html };
}

function digest(
  lang: Language,
  origin: string,
  subject: string,
  greetingName: string,
  intro: string,
  sections: Section[],
  extra?: { text: string[]; html: string },
): RenderedMail {
  const greeting = translate(lang, "mail.greeting", { name: greetingName });
  const body = renderSections(lang, origin, sections);
  const foot = footer(lang, origin);
  const home = origin.replace(/\/+$/, "") + "/";
  const text = [
    greeting,
    "",
    intro,
    "",
    ...(extra?.text ?? []),
    ...body.text,
    `${translate(lang, "mail.digest.openApp")}: ${home}`,
    "",
    "--",
    foot.text,
    "",
  ].join("\n");
  const html = layout(
    lang,
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>` +
      (extra?.html ?? "") +
      body.html +
      `<p style="margin-top:20px"><a href="${escapeHtml(home)}">${escapeHtml(translate(lang, "mail.digest.openApp"))}</a></p>`,
    foot.html,
  );
  return { subject: subjectLine(subject), text, html };
}

/** A user's daily digest: their overdue, due-today and due-this-week tasks. */
export function renderDailyDigest(input: {
  lang: Language;
  recipientName: string;
  date: string;
  overdue: DigestLine[];
  today: DigestLine[];
  week: DigestLine[];
  origin: string;
}): RenderedMail {
  const { lang, date } = input;
  return digest(
    lang,
    input.origin,
    translate(lang, "mail.digest.daily.subject", {
      date: dmy(date),
      overdue: input.overdue.length,
      today: input.today.length,
      week: input.week.length,
    }),
    input.recipientName,
    translate(lang, "mail.digest.daily.intro", { date: dmy(date) }),
    [
      { heading: "mail.digest.overdue", lines: input.overdue },
      { heading: "mail.digest.today", lines: input.today },
      { heading: "mail.digest.week", lines: input.week },
    ],
  );
}

/** A head's weekly digest for their unit. */
export function renderHeadDigest(input: {
  lang: Language;
  recipientName: string;
  unitName: string;
  date: string;
  overdue: DigestLine[];
  week: DigestLine[];
  ownerInactive: DigestLine[];
  origin: string;
}): RenderedMail {
  const { lang, date } = input;
  return digest(
    lang,
    input.origin,
    translate(lang, "mail.digest.head.subject", { unit: input.unitName, overdue: input.overdue.length, week: input.week.length }),
    input.recipientName,
    translate(lang, "mail.digest.head.intro", { unit: input.unitName, date: dmy(date) }),
    [
      { heading: "mail.digest.overdue", lines: input.overdue },
      { heading: "mail.digest.week", lines: input.week },
      { heading: "mail.digest.ownerInactive", lines: input.ownerInactive },
    ],
  );
}

/** The committee's weekly summary: headline figures and the units that slipped. */
export function renderCommitteeSummary(input: {
  lang: Language;
  recipientName: string;
  date: string;
  open: number;
  overdue: number;
  doneThisWeek: number;
  slipped: Array<{ unitName: string; count: number }>;
  origin: string;
}): RenderedMail {
  const { lang, date } = input;
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const figures: Array<[string, number]> = [
    [t("mail.digest.committee.open"), input.open],
    [t("mail.digest.committee.overdue"), input.overdue],
    [t("mail.digest.committee.doneWeek"), input.doneThisWeek],
  ];
  const slippedLines = input.slipped.map((s) => t("mail.digest.committee.slippedLine", { unit: s.unitName, count: s.count }));
  const text = [
    ...figures.map(([k, v]) => `${k}: ${v}`),
    "",
    t("mail.digest.committee.slipped"),
    ...(slippedLines.length ? slippedLines.map((l) => `- ${l}`) : [t("mail.digest.committee.noneSlipped")]),
    "",
  ];
  const html =
    `<table style="border-collapse:collapse;margin:12px 0">` +
    figures
      .map(
        ([k, v]) =>
          `<tr><th style="text-align:left;padding:4px 16px 4px 0">${escapeHtml(k)}</th><td style="padding:4px 0;font-weight:700">${v}</td></tr>`,
      )
      .join("") +
    `</table><h2 style="font-size:16px;margin:20px 0 6px">${escapeHtml(t("mail.digest.committee.slipped"))}</h2>` +
    (slippedLines.length
      ? `<ul style="padding-left:20px;margin:0">${slippedLines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`
      : `<p>${escapeHtml(t("mail.digest.committee.noneSlipped"))}</p>`);
  return digest(
    lang,
    input.origin,
    t("mail.digest.committee.subject", { date: dmy(date), overdue: input.overdue }),
    input.recipientName,
    t("mail.digest.committee.intro", { date: dmy(date) }),
    [],
    { text, html },
  );
}

/**
 * To the owner of an account someone is guessing the password of (many failed sign-ins from addresses
 * the account never signed in from). Says what happened and what to do; no link to click but the
 * app's own account page.
 */
export function renderSignInAlertMail(input: {
  lang: Language;
  recipientName: string;
  failures: number;
  since: string;
  origin: string;
}): RenderedMail {
  const { lang } = input;
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const url = `${input.origin.replace(/\/+$/, "")}/account`;
  const greeting = t("mail.greeting", { name: input.recipientName });
  const paragraphs = [
    t("mail.security.signInFailures.intro", { count: input.failures, since: input.since }),
    t("mail.security.signInFailures.safe"),
    t("mail.security.signInFailures.act"),
  ];
  const footerText = t("mail.security.footer");
  const text = [
    greeting,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    `${t("mail.security.openAccount")}: ${url}`,
    "",
    "--",
    footerText,
    "",
  ].join("\n");
  const html = layout(
    lang,
    `<p>${escapeHtml(greeting)}</p>` +
      paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("") +
      `<p><a href="${escapeHtml(url)}">${escapeHtml(t("mail.security.openAccount"))}</a></p>`,
    escapeHtml(footerText),
  );
  return { subject: subjectLine(t("mail.security.signInFailures.subject")), text, html };
}
