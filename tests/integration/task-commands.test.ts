/**
 * One path per write, counted: a progress post, a PATCH (edit + progress), an extension request and its
 * decision each read the task row once and run in one transaction. The statements are seen through a
 * Kysely plugin on the connection the commands are given, so the count is of what they really run.
 */
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { patchTask } from "~/api/task-patch.server";
import { addDays } from "~/domain/dates";
import { createTask, decideExtension, postProgress, requestExtension, type TaskContext } from "~/models/task-commands.server";
import { getTask } from "~/models/task.server";
import { actorOf, openTestDb, unitId, userId } from "../support/db";

const today = "2026-11-28";
let t: Awaited<ReturnType<typeof openTestDb>>;
let owner: TaskContext;
let committee: TaskContext;
let admin: TaskContext;
let leadUnitId: number;
let ownerId: number;

/** Records each statement as "select tasks", "update tasks", "insert audit_events", … */
class StatementLog implements KyselyPlugin {
  statements: string[] = [];
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(describeNode(node));
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
  reads(table: string) {
    return this.statements.filter((s) => s === `select ${table}`).length;
  }
}

function tableName(node: unknown): string {
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; node?: unknown };
  if (n?.kind === "AliasNode") return tableName(n.node);
  if (n?.kind === "TableNode") return n.table?.identifier?.name ?? "?";
  return n?.kind ?? "?";
}

function describeNode(node: RootOperationNode): string {
  const n = node as unknown as { kind: string; from?: { froms: unknown[] }; into?: unknown; table?: unknown };
  switch (n.kind) {
    case "SelectQueryNode":
      return `select ${n.from ? tableName(n.from.froms[0]) : "-"}`;
    case "InsertQueryNode":
      return `insert ${tableName(n.into)}`;
    case "UpdateQueryNode":
      return `update ${tableName(n.table)}`;
    case "DeleteQueryNode":
      return `delete ${tableName((n as { from?: { froms: unknown[] } }).from?.froms[0])}`;
    case "RawNode":
      return "raw"; // the rollup version bump (portable upsert written in SQL)
    default:
      return n.kind;
  }
}

function counted() {
  const log = new StatementLog();
  const db = t.db.withPlugin(log);
  const transactions = vi.spyOn(db, "transaction");
  return { db, log, transactions };
}

beforeAll(async () => {
  t = await openTestDb();
  leadUnitId = await unitId(t.db, "SKHCN");
  ownerId = await userId(t.db, "cv.cds@roviec.demo");
  owner = { actor: await actorOf(t.db, "cv.cds@roviec.demo"), today };
  committee = { actor: await actorOf(t.db, "bcd.pho@roviec.demo"), today };
  admin = { actor: await actorOf(t.db, "admin@roviec.demo"), today };
});
afterAll(() => t?.close());

async function issuedTask(title: string) {
  const fields = { title, ownerId, leadUnitId, deadline: addDays(today, 30), deliverable: "Báo cáo", programs: ["CDS" as const] };
  const created = await createTask(t.db, fields, { issue: true }, admin);
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value;
}

describe("each write reads the task once, in one transaction", () => {
  it("a progress post", async () => {
    const task = await issuedTask("Đếm câu lệnh: tiến độ");
    const { db, log, transactions } = counted();
    const posted = await postProgress(db, task.id, task.version, { progress: 40, note: "Đã khảo sát" }, owner);
    expect(posted.ok).toBe(true);
    expect(log.reads("tasks")).toBe(1);
    expect(transactions).toHaveBeenCalledTimes(1);
    // The answer is the task as written, without reading it back.
    expect(posted.ok && posted.value).toMatchObject({ progress: 40, status: "in_progress", version: task.version + 1 });
    expect(await getTask(t.db, task.id, today)).toMatchObject({ progress: 40, status: "in_progress", version: task.version + 1 });
    expect(log.statements.filter((s) => /^(update|insert|raw)/.test(s))).toEqual([
      "update tasks",
      "insert task_updates",
      "insert task_states",
      "raw",
      "insert audit_events",
    ]);
  });

  it("a PATCH with an edit and progress: one read, one transaction, two versions", async () => {
    const task = await issuedTask("Đếm câu lệnh: PATCH");
    const { db, log, transactions } = counted();
    const response = await patchTask(
      db,
      task.id,
      { version: task.version, title: "Đếm câu lệnh: PATCH (sửa)", progress: 20, note: "Bắt đầu" },
      admin,
      "vi",
    );
    expect(response.status).toBe(200);
    expect(log.reads("tasks")).toBe(1);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await response.json()).toMatchObject({ title: "Đếm câu lệnh: PATCH (sửa)", progress: 20, version: task.version + 2 });
  });

  it("a PATCH whose second step is refused changes nothing, not even its first step", async () => {
    const task = await issuedTask("Đếm câu lệnh: PATCH bị từ chối");
    const { db, transactions } = counted();
    // The edit is valid; completing without evidence is not.
    const response = await patchTask(
      db,
      task.id,
      { version: task.version, title: "Không được lưu", status: "done", note: "Xong" },
      admin,
      "vi",
    );
    expect(response.status).toBe(422);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await getTask(t.db, task.id, today)).toMatchObject({ title: "Đếm câu lệnh: PATCH bị từ chối", version: task.version });
  });

  it("an extension request and its decision", async () => {
    const task = await issuedTask("Đếm câu lệnh: gia hạn");
    const asked = counted();
    const requested = await requestExtension(asked.db, task.id, { deadline: addDays(today, 60), reason: "Chờ số liệu" }, owner);
    expect(requested.ok).toBe(true);
    expect(asked.log.reads("tasks")).toBe(1);
    expect(asked.transactions).toHaveBeenCalledTimes(1);

    const decided = counted();
    const result = await decideExtension(decided.db, requested.ok ? requested.value.id : 0, { decision: "approve" }, committee);
    expect(result.ok).toBe(true);
    expect(decided.log.reads("tasks")).toBe(1);
    expect(decided.transactions).toHaveBeenCalledTimes(1);
    expect(await getTask(t.db, task.id, today)).toMatchObject({ deadline: addDays(today, 60), extensionCount: 1 });
  });

  it("a stale version is refused before anything is written", async () => {
    const task = await issuedTask("Đếm câu lệnh: phiên bản cũ");
    const { db, log } = counted();
    const posted = await postProgress(db, task.id, task.version - 1, { progress: 10, note: "Cũ" }, owner);
    expect(posted).toMatchObject({ ok: false, error: "conflict", currentVersion: task.version });
    expect(log.statements.filter((s) => s.startsWith("update") || s.startsWith("insert"))).toEqual([]);
  });
});
