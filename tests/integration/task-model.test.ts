import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/domain/dates";
import { isCheckViolation } from "~/models/db-errors.server";
import {
  cascadeTask,
  changeStatusWithReason,
  createTask,
  decideExtension,
  postProgress,
  requestExtension,
  updateTask,
} from "~/models/task-commands.server";
import { getTask, listTasks } from "~/models/task.server";
import { actorOf, openTestDb, unitId, userId } from "../support/db";

const today = "2026-11-28";
let t: Awaited<ReturnType<typeof openTestDb>>;
let ids: Record<string, number>;

beforeAll(async () => {
  t = await openTestDb();
  ids = {
    SKHCN: await unitId(t.db, "SKHCN"),
    CDS: await unitId(t.db, "SKHCN-CDS"),
    SYT: await unitId(t.db, "SYT"),
    HK: await unitId(t.db, "P-HOANKIEM"),
    BD: await unitId(t.db, "P-BADINH"),
    XSS: await unitId(t.db, "X-SOCSON"),
    cvCds: await userId(t.db, "cv.cds@roviec.demo"),
    cvSyt: await userId(t.db, "cv.syt@roviec.demo"),
  };
});
afterAll(() => t?.close());

const complete = () => ({
  title: "Triển khai Hồ sơ sức khỏe điện tử",
  ownerId: ids.cvCds,
  leadUnitId: ids.SKHCN,
  deadline: addDays(today, 30),
  deliverable: "Báo cáo kết quả triển khai",
  programs: ["CDS" as const],
  coordinatingUnitIds: [ids.SYT],
});

describe("the 5-rõ gate", () => {
  it("saves a draft with items missing, and refuses to issue it, naming each", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const draft = await createTask(
      t.db,
      { title: "Chưa đủ thông tin", programs: [], coordinatingUnitIds: [] },
      { issue: false },
      { actor: admin, today },
    );
    expect(draft.ok).toBe(true);
    const issued = await createTask(
      t.db,
      { title: "Chưa đủ thông tin", programs: [], coordinatingUnitIds: [] },
      { issue: true },
      { actor: admin, today },
    );
    expect(issued.ok).toBe(false);
    if (!issued.ok && issued.error === "invalid") {
      expect(Object.keys(issued.fieldErrors).sort()).toEqual(["deadline", "deliverable", "leadUnitId", "ownerId", "programs"]);
    }
  });

  it("refuses an owner outside the lead unit", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const r = await createTask(t.db, { ...complete(), ownerId: ids.cvSyt }, { issue: true }, { actor: admin, today });
    expect(r.ok || r.error).toBe("invalid");
    if (!r.ok && r.error === "invalid") expect(r.fieldErrors.ownerId).toEqual(["task.ownerNotInLeadUnit"]);
  });

  it("the database itself refuses an issued task without the five", async () => {
    const error =
      await sql`insert into tasks (title, search_folded, status, created_at, updated_at) values ('x', 'x', 'not_started', '', '')`
        .execute(t.db)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
    expect(isCheckViolation(error), String(error)).toBe(true);
  });
});

describe("a task's life", () => {
  it("issues, posts progress, refuses done without evidence, completes, reopens", async () => {
    const head = await actorOf(t.db, "gd.skhcn@roviec.demo");
    const staff = await actorOf(t.db, "cv.cds@roviec.demo");
    const created = await createTask(t.db, complete(), { issue: true }, { actor: head, today });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const task = created.value;
    expect(task.status).toBe("not_started");
    expect(task.originalDeadline).toBe(task.deadline);

    const p1 = await postProgress(t.db, task.id, task.version, { progress: 40, note: "Đã khảo sát 12 bệnh viện" }, { actor: staff, today });
    expect(p1.ok && p1.value.status).toBe("in_progress");
    if (!p1.ok) return;

    const noEvidence = await postProgress(
      t.db,
      task.id,
      p1.value.version,
      { progress: 100, note: "Xong", complete: true },
      { actor: staff, today },
    );
    expect(!noEvidence.ok && noEvidence.error).toBe("invalid");

    const done = await postProgress(
      t.db,
      task.id,
      p1.value.version,
      { progress: 100, note: "Xong", complete: true, evidence: { url: "https://hanoi.gov.vn/bao-cao" } },
      { actor: staff, today },
    );
    expect(done.ok && done.value.standing).toBe("done_on_time");
    if (!done.ok) return;

    const reopenByStaff = await changeStatusWithReason(
      t.db,
      task.id,
      done.value.version,
      { to: "in_progress", reason: "Thiếu số liệu" },
      { actor: staff, today },
    );
    expect(!reopenByStaff.ok && reopenByStaff.error).toBe("forbidden");
    const reopened = await changeStatusWithReason(
      t.db,
      task.id,
      done.value.version,
      { to: "in_progress", reason: "Thiếu số liệu" },
      { actor: head, today },
    );
    expect(reopened.ok && reopened.value.status).toBe("in_progress");
    if (reopened.ok) expect(reopened.value.completedAt).toBeNull();

    const history = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "task")
      .where("entity_id", "=", String(task.id))
      .orderBy("id")
      .execute();
    expect(history.map((h) => h.action)).toEqual(["task.issue", "task.progress", "task.complete", "task.reopen"]);
  });

  it("refuses a stale version and says which fields changed", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const created = await createTask(t.db, complete(), { issue: true }, { actor: admin, today });
    if (!created.ok) throw new Error("setup");
    const v1 = created.value.version;
    const first = await updateTask(t.db, created.value.id, v1, { title: "Tiêu đề mới" }, {}, { actor: admin, today });
    expect(first.ok).toBe(true);
    const second = await updateTask(t.db, created.value.id, v1, { deliverable: "Khác" }, {}, { actor: admin, today });
    expect(second.ok).toBe(false);
    if (!second.ok && second.error === "conflict") expect(second.changedFields).toEqual(["title"]);
    expect((await getTask(t.db, created.value.id, today))!.deliverable).toBe("Báo cáo kết quả triển khai");
  });

  it("never moves an issued deadline by editing", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const created = await createTask(t.db, complete(), { issue: true }, { actor: admin, today });
    if (!created.ok) throw new Error("setup");
    const r = await updateTask(
      t.db,
      created.value.id,
      created.value.version,
      { deadline: addDays(today, 90) },
      {},
      { actor: admin, today },
    );
    expect(!r.ok && r.error === "invalid" && r.fieldErrors.deadline).toEqual(["task.deadlineLocked"]);
  });
});

describe("extensions", () => {
  it("owner requests, committee approves: deadline moves, original stays, count rises", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const staff = await actorOf(t.db, "cv.cds@roviec.demo");
    const committee = await actorOf(t.db, "bcd.pho@roviec.demo");
    const created = await createTask(t.db, complete(), { issue: true }, { actor: admin, today });
    if (!created.ok) throw new Error("setup");
    const newDeadline = addDays(today, 60);
    const req = await requestExtension(t.db, created.value.id, { deadline: newDeadline, reason: "Chờ kinh phí" }, { actor: staff, today });
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    const byStaff = await decideExtension(t.db, req.value.id, { decision: "approve" }, { actor: staff, today });
    expect(!byStaff.ok && byStaff.error).toBe("forbidden");
    const decided = await decideExtension(t.db, req.value.id, { decision: "approve", note: "Đồng ý" }, { actor: committee, today });
    expect(decided.ok).toBe(true);
    const after = (await getTask(t.db, created.value.id, today))!;
    expect(after.deadline).toBe(newDeadline);
    expect(after.originalDeadline).toBe(complete().deadline);
    expect(after.extensionCount).toBe(1);
    const again = await decideExtension(t.db, req.value.id, { decision: "reject" }, { actor: committee, today });
    expect(!again.ok && again.error).toBe("invalid");
    const list = await listTasks(t.db, { extended: true, limit: 50, offset: 0 }, today);
    expect(list.items.map((i) => i.id)).toContain(created.value.id);
  });
});

describe("cascade", () => {
  it("creates a parent and one child per ward owned by the ward's head, or refuses when a ward has no head", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const fields = {
      ...complete(),
      ownerId: await userId(t.db, "admin@roviec.demo"),
      leadUnitId: await unitId(t.db, "VP-UBND"),
      coordinatingUnitIds: [],
    };
    const ok = await cascadeTask(t.db, fields, { unitIds: [ids.HK, ids.BD, ids.XSS] }, { actor: admin, today });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.value.childIds).toHaveLength(3);
    const children = await listTasks(t.db, { parentId: ok.value.parent.id, limit: 10, offset: 0 }, today);
    expect(children.items.map((c) => c.ownerName).sort()).toEqual(["Hoàng Thị Mai", "Nguyễn Văn Thắng", "Phan Văn Dũng"]);

    const noHead = await unitId(t.db, "X-BATTRANG");
    const before = await t.db
      .selectFrom("tasks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const refused = await cascadeTask(t.db, fields, { unitIds: [ids.HK, noHead] }, { actor: admin, today });
    expect(!refused.ok && refused.error).toBe("invalid");
    const after = await t.db
      .selectFrom("tasks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe("search", () => {
  it("ignores Vietnamese diacritics and case", async () => {
    const found = await listTasks(t.db, { q: "HO SO SUC KHOE", limit: 5, offset: 0 }, today);
    expect(found.total).toBeGreaterThan(0);
    expect(found.items[0].title).toContain("Hồ sơ sức khỏe");
  });
});

describe("cancelling a draft", () => {
  it("works even when the draft never had all five items", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const draft = await createTask(
      t.db,
      { title: "Ý tưởng chưa rõ", programs: [], coordinatingUnitIds: [] },
      { issue: false },
      { actor: admin, today },
    );
    if (!draft.ok) throw new Error("setup");
    const cancelled = await changeStatusWithReason(
      t.db,
      draft.value.id,
      draft.value.version,
      { to: "cancelled", reason: "Không giao nữa" },
      { actor: admin, today },
    );
    expect(cancelled.ok && cancelled.value.status).toBe("cancelled");
  });
});

describe("one pending extension request per task", () => {
  it("two requests racing on the same task: one is recorded, the other gets 'a request is already waiting'", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const created = await createTask(t.db, complete(), { issue: true }, { actor: admin, today });
    if (!created.ok) throw new Error("setup: task not created");
    const owner = await actorOf(t.db, "cv.cds@roviec.demo");
    const ask = (days: number) =>
      requestExtension(
        t.db,
        created.value.id,
        { deadline: addDays(today, days), reason: "Chờ số liệu từ Sở Y tế" },
        { actor: owner, today },
      );
    // Both pass the model's pre-check before either inserts; the database refuses the second.
    const results = await Promise.all([ask(45), ask(50)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error === "invalid" ? refused.fieldErrors.deadline?.[0] : null).toContain(
      "extension.pendingExists",
    );
    const rows = await t.db.selectFrom("task_extensions").select("status").where("task_id", "=", created.value.id).execute();
    expect(rows).toEqual([{ status: "pending" }]);
  });
});

describe("committee members' own tasks", () => {
  it("the committee member who owns a task reports progress on it; another member cannot", async () => {
    const admin = await actorOf(t.db, "admin@roviec.demo");
    const owner = await actorOf(t.db, "bcd.pho@roviec.demo");
    const other = await actorOf(t.db, "bcd.thanhvien@roviec.demo");
    const input = { ...complete(), ownerId: owner.id, leadUnitId: await unitId(t.db, "HN"), coordinatingUnitIds: [] };
    const created = await createTask(t.db, input, { issue: true }, { actor: admin, today });
    if (!created.ok) throw new Error("setup: task not created");
    const byOther = await postProgress(
      t.db,
      created.value.id,
      created.value.version,
      { progress: 30, note: "Đã họp" },
      { actor: other, today },
    );
    expect(!byOther.ok && byOther.error).toBe("forbidden");
    const byOwner = await postProgress(
      t.db,
      created.value.id,
      created.value.version,
      { progress: 30, note: "Đã chủ trì họp giao ban" },
      { actor: owner, today },
    );
    expect(byOwner.ok).toBe(true);
  });
});
