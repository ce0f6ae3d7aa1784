/** Arranging reminder scenarios on a test database, and a real SMTP server that keeps what it receives. */
import type { AddressInfo } from "node:net";
import type { Kysely } from "kysely";
import { SMTPServer } from "smtp-server";
import * as clock from "~/clock.server";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

/** Closes every open task and pending extension of the demo data, so a test sees only its own tasks. */
export async function clearOpenWork(db: Db) {
  const now = clock.nowIso();
  await db
    .updateTable("task_extensions")
    .set({ status: "rejected", decided_at: now, decision_note: "test" })
    .where("status", "=", "pending")
    .execute();
  await db
    .updateTable("tasks")
    .set({ status: "cancelled", cancel_reason: "test", cancelled_at: now })
    .where("status", "in", ["draft", "not_started", "in_progress"])
    .execute();
}

export async function idOfUser(db: Db, email: string) {
  return (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

export async function idOfUnit(db: Db, code: string) {
  return (await db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

/** An issued task (or a draft, done, cancelled one) owned by `owner`, led by `unit` (default: the owner's unit). */
export async function addTask(
  db: Db,
  input: {
    owner: string;
    deadline: string;
    unit?: string;
    title?: string;
    status?: "draft" | "not_started" | "in_progress" | "done" | "cancelled";
    deliverable?: string;
  },
) {
  const ownerRow = await db.selectFrom("users").select(["id", "unit_id"]).where("email", "=", input.owner).executeTakeFirstOrThrow();
  const unitId = input.unit ? await idOfUnit(db, input.unit) : ownerRow.unit_id;
  const now = clock.nowIso();
  const status = input.status ?? "in_progress";
  const title = input.title ?? `Nhiệm vụ thử ${Math.random().toString(36).slice(2, 8)}`;
  const row = await db
    .insertInto("tasks")
    .values({
      title,
      search_folded: title.toLowerCase(),
      owner_id: ownerRow.id,
      lead_unit_id: unitId,
      deadline: input.deadline,
      original_deadline: input.deadline,
      deliverable: input.deliverable ?? "Báo cáo kết quả",
      status,
      issued_at: status === "draft" ? null : now,
      completed_at: status === "done" ? now : null,
      completed_on: status === "done" ? input.deadline : null,
      cancelled_at: status === "cancelled" ? now : null,
      cancel_reason: status === "cancelled" ? "test" : null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every dedupe key written, sorted (notifications and outbox). */
export async function writtenKeys(db: Db) {
  const n = await db.selectFrom("notifications").select("dedupe_key").orderBy("dedupe_key").execute();
  const o = await db.selectFrom("email_outbox").select("dedupe_key").orderBy("dedupe_key").execute();
  return { notifications: n.map((r) => r.dedupe_key), outbox: o.map((r) => r.dedupe_key) };
}

export async function rowCounts(db: Db) {
  const tables = (await db.introspection.getTables()).map((t) => ({ name: t.name }));
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    if (name.startsWith("sqlite_")) continue;
    const row = (await db
      .selectFrom(name as never)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()) as { n: number };
    out[name] = Number(row.n);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A real SMTP server

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export async function startSmtpServer(port = 0) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: "test" });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          ...parseMail(raw),
          from: session.envelope.mailFrom ? (session.envelope.mailFrom as { address: string }).address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port with nothing listening (for "SMTP is down"). */
export async function closedPort() {
  const s = await startSmtpServer();
  await s.close();
  return s.port;
}

// A small MIME reader: enough for what nodemailer writes (multipart/alternative, base64 or QP, RFC 2047 subjects).
function headersOf(block: string) {
  const headers: Record<string, string> = {};
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decodeWords(value: string) {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
    );
}

function decodeQp(value: string) {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeBody(body: string, encoding: string | undefined) {
  if (/base64/i.test(encoding ?? "")) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(encoding ?? "")) return decodeQp(body);
  return body;
}

export function parseMail(raw: string): Omit<ReceivedMail, "from" | "to" | "raw"> {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headersOf(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  let text = "";
  let html = "";
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw.slice(split)];
  for (const part of parts) {
    const p = part.replace(/^\r?\n/, "");
    const at = p.search(/\r?\n\r?\n/);
    const h = boundary ? headersOf(p.slice(0, at)) : headers;
    const content = decodeBody(boundary ? p.slice(at).replace(/^\r?\n\r?\n/, "") : body, h["content-transfer-encoding"]);
    if (/text\/html/i.test(h["content-type"] ?? "")) html = content;
    else if (/text\/plain/i.test(h["content-type"] ?? "")) text = content;
  }
  return {
    subject: decodeWords(headers.subject ?? ""),
    text: text.replace(/\r\n/g, "\n"),
    html,
    messageId: headers["message-id"] ?? "",
    headers,
  };
}
