/**
 * The daily reminder job: for one day (YYYY-MM-DD in APP_TZ) it reads every open task once, asks the
 * pure rules (app/domain/reminders.ts) what is due, and writes the in-app notifications and their
 * e-mails. Exactly once: every notification has a unique key (task, rule, deadline in force,
 * recipient), inserted with `on conflict (dedupe_key) do nothing`, and its e-mail is written in the
 * same transaction — so running a day twice, rerunning after a crash, or two servers at once never
 * duplicates and never skips.
 *
 * Fast at scale: users, units, heads and deciders are loaded once per run; tasks are read in pages by
 * id (keyset) with only the columns needed; writes go in batches of ~500 per transaction; between
 * pages and batches the job yields to the event loop so the web server keeps answering.
 *
 * Digests (e-mail only, keys like `digest:daily:2026-11-28|user:5`): daily per user, and on Mondays
 * weekly per head and a committee summary.
 */
import { sql } from "kysely";
import { PERMISSIONS, can, type Actor, type Role } from "~/auth/policy";
import * as clock from "~/clock.server";
import type { Db } from "~/db.server";
import { addDays } from "~/domain/dates";
import { DEFAULT_REMINDER_SCHEDULE, type ReminderSchedule } from "~/domain/reminder-schedule";
import {
  committeeDigestKey,
  dailyDigestKey,
  daysPast,
  digestBucket,
  extensionRemindersDue,
  headDigestKey,
  isMonday,
  remindersDue,
  type DueReminder,
  type NotificationKind,
} from "~/domain/reminders";
import { OPEN_STATUSES, type TaskStatus } from "~/domain/task-rules";
import { env } from "~/env.server";
import { todayIn } from "~/i18n/format";
import {
  renderCommitteeSummary,
  renderDailyDigest,
  renderHeadDigest,
  renderReminderMail,
  type DigestLine,
  type RenderedMail,
} from "~/mail/templates";
import { getReminderSchedule } from "./reminder-schedule.server";

export type DigestKind = "digest_daily" | "digest_weekly_head" | "digest_weekly_committee";

export interface ReminderRunCounts {
  date: string;
  dryRun: boolean;
  tasksScanned: number;
  pendingExtensions: number;
  /** Notifications written by this run (in a dry run: that would be written). */
  notificationsCreated: number;
  /** Due, but already present (an earlier or concurrent run wrote them): skipped. */
  notificationsExisting: number;
  /** E-mails for those notifications put in the outbox (recipients with e-mail on and an address). */
  emailsQueued: number;
  digestsQueued: number;
  digestsExisting: number;
  byKind: Partial<Record<NotificationKind | DigestKind, number>>;
  /** Dry run: a few of each kind that would be sent. */
  sample: Array<{ kind: string; rule: string; taskId: number | null; to: string; key: string }>;
  ms: number;
}

export interface RunOptions {
  /** The day processed, YYYY-MM-DD in APP_TZ. */
  date: string;
  /** Compute and report, write nothing. */
  dryRun?: boolean;
  /** The clock (created_at of the rows). */
  now?: Date;
  /** Called after every page of tasks; throwing stops the run (what was committed stays). */
  onProgress?: (progress: { scanned: number; created: number }) => void | Promise<void>;
  /** Rows per write transaction (default 500). */
  batchSize?: number;
  /** Tasks read per query (default 2000). */
  pageSize?: number;
  /** Send digests (default true; catch-up runs of past days skip them: a stale digest is noise). */
  digests?: boolean;
  schedule?: ReminderSchedule;
  timeZone?: string;
  /** Origin for links in e-mails (default APP_ORIGIN, else http://localhost:PORT). */
  origin?: string;
}

/** Dry run: how many of each kind are listed as a sample. */
const SAMPLE_PER_KIND = 5;

function addSample(counts: ReminderRunCounts, entry: ReminderRunCounts["sample"][number]) {
  if (counts.sample.filter((s) => s.kind === entry.kind).length < SAMPLE_PER_KIND) counts.sample.push(entry);
}
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface UserInfo {
  id: number;
  email: string;
  name: string;
  role: Role;
  unitId: number;
  active: boolean;
  language: "vi" | "en";
  emailEnabled: boolean;
}

interface TaskRow {
  id: number;
  title: string;
  status: TaskStatus;
  deadline: string | null;
  ownerId: number | null;
  leadUnitId: number | null;
  deliverable: string | null;
}

export function appOrigin() {
  const config = env();
  return config.APP_ORIGIN ?? `http://localhost:${config.PORT}`;
}

/** Everything the rules need about people and units, loaded once per run. */
async function loadDirectory(db: Db) {
  const [userRows, unitRows] = await Promise.all([
    db.selectFrom("users").select(["id", "email", "full_name", "role", "unit_id", "active", "language", "email_enabled"]).execute(),
    db.selectFrom("units").select(["id", "name", "parent_id"]).execute(),
  ]);
  const users = new Map<number, UserInfo>();
  for (const u of userRows) {
    users.set(u.id, {
      id: u.id,
      email: u.email,
      name: u.full_name,
      role: u.role,
      unitId: u.unit_id,
      active: u.active === 1,
      language: u.language,
      emailEnabled: u.email_enabled === 1,
    });
  }
  const units = new Map(unitRows.map((u) => [u.id, { id: u.id, name: u.name, parentId: u.parent_id }]));
  const activeHeadsByUnit = new Map<number, number[]>();
  for (const u of users.values()) {
    if (!u.active || u.role !== "head") continue;
    const list = activeHeadsByUnit.get(u.unitId) ?? [];
    list.push(u.id);
    activeHeadsByUnit.set(u.unitId, list);
  }
  const committeeIds = [...users.values()].filter((u) => u.active && (u.role === "committee" || u.role === "admin")).map((u) => u.id);

  const unitPath = (unitId: number) => {
    const path: number[] = [];
    for (let id: number | null = unitId, guard = 0; id !== null && guard < 64; guard++) {
      path.push(id);
      id = units.get(id)?.parentId ?? null;
    }
    return path;
  };

  // The heads who answer for a unit's tasks: its own, or those of the nearest unit above that has one.
  const headsCache = new Map<number, number[]>();
  const leadHeads = (unitId: number | null): number[] => {
    if (unitId === null) return [];
    let heads = headsCache.get(unitId);
    if (!heads) {
      heads = [];
      for (const id of unitPath(unitId)) {
        const found = activeHeadsByUnit.get(id);
        if (found?.length) {
          heads = found;
          break;
        }
      }
      headsCache.set(unitId, heads);
    }
    return heads;
  };

  // Who may decide an extension on a task of this unit, by the same policy the pages use.
  const mayDecide = (role: Role) => PERMISSIONS["extension:decide"][role] !== "none";
  const deciderCandidates = [...users.values()].filter((u) => u.active && mayDecide(u.role));
  const decidersCache = new Map<number, number[]>();
  const deciders = (unitId: number | null): number[] => {
    const key = unitId ?? -1;
    let list = decidersCache.get(key);
    if (!list) {
      const resource = unitId === null ? {} : { unitPath: unitPath(unitId), unitId };
      list = deciderCandidates
        .filter((u) => can({ id: u.id, role: u.role, unitId: u.unitId, active: true } satisfies Actor, "extension:decide", resource))
        .map((u) => u.id);
      decidersCache.set(key, list);
    }
    return list;
  };

  return { users, units, committeeIds, leadHeads, deciders };
}

type Directory = Awaited<ReturnType<typeof loadDirectory>>;

function mailable(user: UserInfo | undefined): user is UserInfo {
  return !!user && user.active && user.emailEnabled && user.email.trim() !== "";
}

interface Pending {
  reminder: DueReminder;
  task: TaskRow;
}

function emptyCounts(date: string, dryRun: boolean): ReminderRunCounts {
  return {
    date,
    dryRun,
    tasksScanned: 0,
    pendingExtensions: 0,
    notificationsCreated: 0,
    notificationsExisting: 0,
    emailsQueued: 0,
    digestsQueued: 0,
    digestsExisting: 0,
    byKind: {},
    sample: [],
    ms: 0,
  };
}

export async function runReminderJob(db: Db, options: RunOptions): Promise<ReminderRunCounts> {
  const started = performance.now();
  const { date } = options;
  const dryRun = options.dryRun ?? false;
  const now = options.now ?? clock.now();
  const nowIso = now.toISOString();
  const batchSize = options.batchSize ?? 500;
  const pageSize = options.pageSize ?? 2000;
  const timeZone = options.timeZone ?? env().APP_TZ;
  const origin = options.origin ?? appOrigin();
  const schedule = options.schedule ?? (await getReminderSchedule(db)).schedule ?? DEFAULT_REMINDER_SCHEDULE;
  const withDigests = options.digests ?? true;
  const monday = isMonday(date);
  const weekEnd = addDays(date, 7);
  const weekAgo = addDays(date, -7);
  const counts = emptyCounts(date, dryRun);
  const bump = (kind: NotificationKind | DigestKind, n = 1) => (counts.byKind[kind] = (counts.byKind[kind] ?? 0) + n);

  if (!dryRun) {
    await db
      .insertInto("reminder_runs")
      .values({ run_date: date, status: "running", started_at: nowIso, finished_at: null, counts: "{}" })
      .onConflict((oc) => oc.column("run_date").doNothing())
      .execute();
  }

  const dir = await loadDirectory(db);

  // --- notifications, in batches -------------------------------------------------------------
  let buffer: Pending[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    if (dryRun) await previewBatch(db, batch, dir, counts, bump);
    else await writeBatch(db, batch, { date, nowIso, origin, dir, counts, bump });
    await yieldToEventLoop();
  };

  // Pending extension requests (few): one query with their task.
  const extensions = await db
    .selectFrom("task_extensions as e")
    .innerJoin("tasks as t", "t.id", "e.task_id")
    .select([
      "e.id",
      "e.task_id",
      "e.requested_at",
      "e.requested_by",
      "e.requested_deadline",
      "t.title",
      "t.status",
      "t.deadline",
      "t.owner_id",
      "t.lead_unit_id",
      "t.deliverable",
    ])
    .where("e.status", "=", "pending")
    .where("t.status", "in", OPEN_STATUSES)
    .orderBy("e.id")
    .execute();
  counts.pendingExtensions = extensions.length;
  for (const e of extensions) {
    if (!e.deadline) continue;
    const task: TaskRow = {
      id: e.task_id,
      title: e.title,
      status: e.status,
      deadline: e.deadline,
      ownerId: e.owner_id,
      leadUnitId: e.lead_unit_id,
      deliverable: e.deliverable,
    };
    const due = extensionRemindersDue(
      {
        extensionId: e.id,
        taskId: e.task_id,
        taskStatus: e.status,
        deadline: e.deadline,
        requestedDeadline: e.requested_deadline,
        requestedOn: todayIn(timeZone, new Date(e.requested_at)),
        // Whoever asked never decides (the policy refuses it), so they are not chased to.
        deciderIds: dir.deciders(e.lead_unit_id).filter((id) => id !== e.requested_by),
      },
      date,
      schedule,
    );
    for (const reminder of due) buffer.push({ reminder, task });
  }

  // Digest material, gathered during the same scan.
  const daily = new Map<number, { overdue: DigestLine[]; today: DigestLine[]; week: DigestLine[] }>();
  const headWeekly = new Map<number, { overdue: DigestLine[]; week: DigestLine[]; ownerInactive: DigestLine[] }>();
  const summary = { open: 0, overdue: 0, slipped: new Map<number, number>() };

  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom("tasks")
      .select(["id", "title", "status", "deadline", "owner_id as ownerId", "lead_unit_id as leadUnitId", "deliverable"])
      // `status || ''` keeps SQLite from the (status, deadline) index: with a bound `id > ?` it would read
      // every open task through that index and sort them, for each page (measured: 6 s instead of 1 s at
      // 100k). This way each page is a primary-key range. Portable: PostgreSQL concatenates text too.
      .where(sql<string>`${sql.ref("status")} || ''`, "in", OPEN_STATUSES)
      .where("id", ">", lastId)
      .orderBy("id")
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1].id;

    for (const task of rows as TaskRow[]) {
      const owner = task.ownerId !== null ? dir.users.get(task.ownerId) : undefined;
      const ownerActive = !!owner?.active;
      const heads = dir.leadHeads(task.leadUnitId);
      const due = remindersDue(
        {
          taskId: task.id,
          status: task.status,
          deadline: task.deadline,
          ownerId: task.ownerId,
          ownerActive,
          leadHeadIds: heads,
          committeeIds: dir.committeeIds,
        },
        date,
        schedule,
      );
      for (const reminder of due) buffer.push({ reminder, task });

      if (withDigests && task.deadline) {
        const bucket = digestBucket(task.deadline, date, weekEnd);
        // (No closures here: this runs for every task.)
        const days = bucket === "overdue" ? daysPast(task.deadline, date) : undefined;
        if (bucket && ownerActive && mailable(owner)) {
          let d = daily.get(owner.id);
          if (!d) daily.set(owner.id, (d = { overdue: [], today: [], week: [] }));
          d[bucket].push(digestLine(task, days));
        }
        if (monday) {
          summary.open++;
          if (bucket === "overdue") {
            summary.overdue++;
            // Slipped this week: the deadline passed in the last 7 days and the task is still open.
            if (task.deadline >= weekAgo && task.leadUnitId !== null)
              summary.slipped.set(task.leadUnitId, (summary.slipped.get(task.leadUnitId) ?? 0) + 1);
          }
          const inactive = !ownerActive;
          if (bucket === "overdue" || bucket === "today" || bucket === "week" || inactive) {
            for (const headId of heads) {
              if (!mailable(dir.users.get(headId))) continue;
              let h = headWeekly.get(headId);
              if (!h) headWeekly.set(headId, (h = { overdue: [], week: [], ownerInactive: [] }));
              if (bucket === "overdue") h.overdue.push(digestLine(task, days));
              else if (bucket) h.week.push(digestLine(task, days));
              if (inactive) h.ownerInactive.push(digestLine(task, days));
            }
          }
        }
      }
      if (buffer.length >= batchSize) await flush();
    }
    counts.tasksScanned += rows.length;
    await options.onProgress?.({ scanned: counts.tasksScanned, created: counts.notificationsCreated });
    await yieldToEventLoop();
  }
  await flush();

  // --- digests -------------------------------------------------------------------------------
  if (withDigests) {
    const mails: Array<{ key: string; kind: DigestKind; user: UserInfo; render: () => RenderedMail }> = [];
    const byDeadline = (a: DigestLine, b: DigestLine) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.taskId - b.taskId);
    for (const [userId, d] of daily) {
      const user = dir.users.get(userId) as UserInfo;
      mails.push({
        key: dailyDigestKey(date, userId),
        kind: "digest_daily",
        user,
        render: () =>
          renderDailyDigest({
            lang: user.language,
            recipientName: user.name,
            date,
            overdue: d.overdue.sort(byDeadline),
            today: d.today.sort(byDeadline),
            week: d.week.sort(byDeadline),
            origin,
          }),
      });
    }
    if (monday) {
      for (const [userId, h] of headWeekly) {
        const user = dir.users.get(userId) as UserInfo;
        const unitName = dir.units.get(user.unitId)?.name ?? "";
        mails.push({
          key: headDigestKey(date, userId),
          kind: "digest_weekly_head",
          user,
          render: () =>
            renderHeadDigest({
              lang: user.language,
              recipientName: user.name,
              unitName,
              date,
              overdue: h.overdue.sort(byDeadline),
              week: h.week.sort(byDeadline),
              ownerInactive: h.ownerInactive.sort(byDeadline),
              origin,
            }),
        });
      }
      const done = await db
        .selectFrom("tasks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "done")
        .where("completed_on", ">=", weekAgo)
        .where("completed_on", "<", date)
        .executeTakeFirstOrThrow();
      const slipped = [...summary.slipped.entries()]
        .map(([unitId, count]) => ({ unitName: dir.units.get(unitId)?.name ?? `#${unitId}`, count }))
        .sort((a, b) => b.count - a.count || a.unitName.localeCompare(b.unitName, "vi"))
        .slice(0, 20);
      for (const userId of dir.committeeIds) {
        const user = dir.users.get(userId) as UserInfo;
        if (!mailable(user)) continue;
        mails.push({
          key: committeeDigestKey(date, userId),
          kind: "digest_weekly_committee",
          user,
          render: () =>
            renderCommitteeSummary({
              lang: user.language,
              recipientName: user.name,
              date,
              open: summary.open,
              overdue: summary.overdue,
              doneThisWeek: Number(done.n),
              slipped,
              origin,
            }),
        });
      }
    }
    // Digests are long: smaller batches keep each synchronous stretch short.
    const digestBatch = Math.max(1, Math.min(batchSize, 100));
    for (let i = 0; i < mails.length; i += digestBatch) {
      const chunk = mails.slice(i, i + digestBatch);
      const existing = new Set(
        (
          await db
            .selectFrom("email_outbox")
            .select("dedupe_key")
            .where(
              "dedupe_key",
              "in",
              chunk.map((m) => m.key),
            )
            .execute()
        ).map((r) => r.dedupe_key),
      );
      const fresh = chunk.filter((m) => !existing.has(m.key));
      counts.digestsExisting += chunk.length - fresh.length;
      if (dryRun) {
        counts.digestsQueued += fresh.length;
        for (const m of fresh) {
          bump(m.kind);
          addSample(counts, { kind: m.kind, rule: "digest", taskId: null, to: m.user.email, key: m.key });
        }
      } else if (fresh.length) {
        const rows = fresh.map((m) => {
          const mail = m.render();
          return outboxRow({ key: m.key, notificationId: null, user: m.user, kind: m.kind, mail, nowIso });
        });
        const inserted = await db
          .insertInto("email_outbox")
          .values(rows)
          .onConflict((oc) => oc.column("dedupe_key").doNothing())
          .returning(["dedupe_key", "kind"])
          .execute();
        counts.digestsQueued += inserted.length;
        counts.digestsExisting += fresh.length - inserted.length;
        for (const r of inserted) bump(r.kind as DigestKind);
      }
      await yieldToEventLoop();
    }
  }

  counts.ms = Math.round(performance.now() - started);
  if (!dryRun) {
    // A rerun of the day (or a concurrent run) adds what it wrote to what the day's runs wrote before.
    const previous = await db.selectFrom("reminder_runs").select(["status", "counts"]).where("run_date", "=", date).executeTakeFirst();
    const { sample: _sample, ...stored } = counts;
    const before = previous?.counts ? (JSON.parse(previous.counts) as Partial<ReminderRunCounts>) : {};
    const total = {
      ...stored,
      notificationsCreated: stored.notificationsCreated + (before.notificationsCreated ?? 0),
      emailsQueued: stored.emailsQueued + (before.emailsQueued ?? 0),
      digestsQueued: stored.digestsQueued + (before.digestsQueued ?? 0),
      byKind: { ...before.byKind } as ReminderRunCounts["byKind"],
      runs: ((before as { runs?: number }).runs ?? 0) + 1,
    };
    for (const [kind, n] of Object.entries(stored.byKind))
      total.byKind[kind as DigestKind] = (total.byKind[kind as DigestKind] ?? 0) + (n ?? 0);
    await db
      .updateTable("reminder_runs")
      .set({ status: "done", finished_at: clock.nowIso(), counts: JSON.stringify(total) })
      .where("run_date", "=", date)
      .execute();
  }
  return counts;
}

function digestLine(task: TaskRow, days: number | undefined): DigestLine {
  return { taskId: task.id, title: task.title, deadline: task.deadline as string, days };
}

function outboxRow(input: {
  key: string;
  notificationId: number | null;
  user: UserInfo;
  kind: string;
  mail: RenderedMail;
  nowIso: string;
}) {
  return {
    dedupe_key: input.key,
    notification_id: input.notificationId,
    user_id: input.user.id,
    kind: input.kind,
    to_address: input.user.email,
    language: input.user.language,
    subject: input.mail.subject,
    text_body: input.mail.text,
    html_body: input.mail.html,
    status: "pending" as const,
    attempts: 0,
    next_attempt_at: input.nowIso,
    created_at: input.nowIso,
  };
}

function renderFor(item: Pending, user: UserInfo, dir: Directory, origin: string): RenderedMail {
  const { task, reminder } = item;
  return renderReminderMail({
    lang: user.language,
    kind: reminder.kind,
    recipientName: user.name,
    task: {
      taskId: task.id,
      title: task.title,
      ownerName: task.ownerId !== null ? (dir.users.get(task.ownerId)?.name ?? null) : null,
      deadline: reminder.deadline,
      leadUnitName: task.leadUnitId !== null ? (dir.units.get(task.leadUnitId)?.name ?? null) : null,
      deliverable: task.deliverable,
    },
    data: reminder.data,
    origin,
  });
}

/**
 * One transaction: the batch's notifications (duplicates skipped by their unique key), then the
 * e-mails of exactly those that were inserted. Rendering is synchronous work between the two inserts;
 * nothing else is awaited inside.
 */
async function writeBatch(
  db: Db,
  batch: Pending[],
  ctx: { date: string; nowIso: string; origin: string; dir: Directory; counts: ReminderRunCounts; bump: (kind: NotificationKind) => void },
) {
  const { date, nowIso, origin, dir, counts, bump } = ctx;
  const rows = batch.map(({ reminder: r }) => ({
    user_id: r.userId,
    kind: r.kind,
    task_id: r.taskId,
    extension_id: r.extensionId,
    rule: r.rule,
    deadline: r.deadline,
    run_date: date,
    dedupe_key: r.dedupeKey,
    data: JSON.stringify(r.data),
    created_at: nowIso,
    read_at: null,
  }));
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("notifications")
      .values(rows)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning(["id", "dedupe_key"])
      .execute();
    const idByKey = new Map(inserted.map((r) => [r.dedupe_key, r.id]));
    const outbox = [];
    for (const item of batch) {
      const id = idByKey.get(item.reminder.dedupeKey);
      if (id === undefined) continue;
      idByKey.delete(item.reminder.dedupeKey); // a key twice in one batch is written once
      bump(item.reminder.kind);
      const user = dir.users.get(item.reminder.userId);
      if (!mailable(user)) continue;
      outbox.push(
        outboxRow({
          key: item.reminder.dedupeKey,
          notificationId: id,
          user,
          kind: item.reminder.kind,
          mail: renderFor(item, user, dir, origin),
          nowIso,
        }),
      );
    }
    if (outbox.length) {
      const queued = await trx
        .insertInto("email_outbox")
        .values(outbox)
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .returning("id")
        .execute();
      counts.emailsQueued += queued.length;
    }
    counts.notificationsCreated += inserted.length;
    counts.notificationsExisting += batch.length - inserted.length;
  });
}

/** Dry run: which of the batch would be new (a read, no write). */
async function previewBatch(db: Db, batch: Pending[], dir: Directory, counts: ReminderRunCounts, bump: (kind: NotificationKind) => void) {
  const existing = new Set(
    (
      await db
        .selectFrom("notifications")
        .select("dedupe_key")
        .where(
          "dedupe_key",
          "in",
          batch.map((b) => b.reminder.dedupeKey),
        )
        .execute()
    ).map((r) => r.dedupe_key),
  );
  for (const { reminder } of batch) {
    if (existing.has(reminder.dedupeKey)) {
      counts.notificationsExisting++;
      continue;
    }
    existing.add(reminder.dedupeKey);
    counts.notificationsCreated++;
    bump(reminder.kind);
    const user = dir.users.get(reminder.userId);
    if (mailable(user)) counts.emailsQueued++;
    addSample(counts, {
      kind: reminder.kind,
      rule: reminder.rule,
      taskId: reminder.taskId,
      to: user?.email ?? `user:${reminder.userId}`,
      key: reminder.dedupeKey,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Catch-up

/** How far back a server coming back after downtime still processes missed days. */
export const CATCH_UP_DAYS = 31;

/**
 * Processes, in order, every day up to `today` that has no finished run: the days missed while the
 * server was down (at most CATCH_UP_DAYS back, and never before the first day ever run), a day whose
 * run crashed, and today. Digests go out for `today` only. Without any earlier run, only today.
 */
export async function runDueDays(
  db: Db,
  today: string,
  options: Omit<RunOptions, "date" | "digests" | "dryRun"> & {
    /** Run `today` even if it is done (an operator's rerun). */ rerunToday?: boolean;
  } = {},
): Promise<ReminderRunCounts[]> {
  const windowStart = addDays(today, -(CATCH_UP_DAYS - 1));
  const runs = await db
    .selectFrom("reminder_runs")
    .select(["run_date", "status"])
    .where("run_date", ">=", windowStart)
    .where("run_date", "<=", today)
    .execute();
  const first = await db
    .selectFrom("reminder_runs")
    .select((eb) => eb.fn.min("run_date").as("first"))
    .executeTakeFirst();
  const done = new Set(runs.filter((r) => r.status === "done").map((r) => r.run_date));
  let start = first?.first ? (first.first > windowStart ? first.first : windowStart) : today;
  if (start > today) start = today;
  const results: ReminderRunCounts[] = [];
  for (let day = start; day <= today; day = addDays(day, 1)) {
    if (done.has(day) && !(options.rerunToday && day === today)) continue;
    results.push(await runReminderJob(db, { ...options, date: day, digests: day === today }));
  }
  return results;
}
