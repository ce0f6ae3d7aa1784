/** The task decisions, case by case, without a database: each row is an input and the answer a user would see. */
import { describe, expect, it } from "vitest";
import { errorKey } from "~/i18n";
import {
  decideEdit,
  decideExtensionDecision,
  decideExtensionRequest,
  decideProgress,
  decideStatusChange,
  taskContent,
  type ReferenceFacts,
  type TaskContent,
} from "./task-decisions";
import type { TaskStatus } from "./task-rules";

const today = "2027-03-10";

describe("decideProgress", () => {
  const cases: Array<{
    name: string;
    status: TaskStatus;
    progress: number;
    input: Parameters<typeof decideProgress>[1];
    refused?: Record<string, string[]>;
    result?: { status: TaskStatus; progress: number; completedOn: string | null; kind: "progress" | "done" };
  }> = [
    {
      name: "any progress starts a task",
      status: "not_started",
      progress: 0,
      input: { progress: 10 },
      result: { status: "in_progress", progress: 10, completedOn: null, kind: "progress" },
    },
    {
      name: "a note alone keeps the status",
      status: "in_progress",
      progress: 30,
      input: { progress: 30, note: "Đang làm" },
      result: { status: "in_progress", progress: 30, completedOn: null, kind: "progress" },
    },
    {
      name: "a post that changes nothing needs a note",
      status: "in_progress",
      progress: 30,
      input: { progress: 30, note: "   " },
      refused: { note: [errorKey("task.noteRequired")] },
    },
    {
      name: "done with a note and a link",
      status: "in_progress",
      progress: 60,
      input: { progress: 60, complete: true, note: "Xong", evidenceUrl: "https://a.vn/x" },
      result: { status: "done", progress: 100, completedOn: today, kind: "done" },
    },
    {
      name: "done with a file counts as evidence",
      status: "not_started",
      progress: 0,
      input: { progress: 0, complete: true, note: "Xong", hasFile: true },
      result: { status: "done", progress: 100, completedOn: today, kind: "done" },
    },
    {
      name: "done without evidence is refused",
      status: "in_progress",
      progress: 60,
      input: { progress: 60, complete: true, note: "Xong" },
      refused: { evidence: [errorKey("task.evidenceRequired")] },
    },
    {
      name: "done without a note is refused",
      status: "in_progress",
      progress: 60,
      input: { progress: 60, complete: true, evidenceUrl: "https://a.vn/x" },
      refused: { evidence: [errorKey("task.evidenceRequired")] },
    },
    {
      name: "a link that is not one",
      status: "in_progress",
      progress: 60,
      input: { progress: 70, evidenceUrl: "javascript:alert(1)" },
      refused: { evidenceUrl: [errorKey("error.link")] },
    },
    {
      name: "a draft takes no progress",
      status: "draft",
      progress: 0,
      input: { progress: 10, note: "x" },
      refused: { status: [errorKey("task.badTransition", { from: "draft", to: "draft" })] },
    },
    {
      name: "a done task takes no progress",
      status: "done",
      progress: 100,
      input: { progress: 50, note: "x" },
      refused: { status: [errorKey("task.badTransition", { from: "done", to: "done" })] },
    },
  ];
  it.each(cases)("$name", ({ status, progress, input, refused, result }) => {
    const decision = decideProgress({ status, progress }, input, today);
    if (refused) expect(decision).toEqual({ ok: false, fieldErrors: refused });
    else expect(decision).toMatchObject({ ok: true, change: result });
  });

  it("records only what changed", () => {
    expect(decideProgress({ status: "in_progress", progress: 30 }, { progress: 50, note: "x" }, today)).toMatchObject({
      ok: true,
      change: { changes: { progress: { before: 30, after: 50 } } },
    });
  });
});

describe("decideStatusChange", () => {
  it.each([
    {
      name: "reopens a done task below 100 %",
      status: "done" as TaskStatus,
      to: "in_progress" as const,
      reason: "Thiếu số liệu",
      ok: true,
      progress: 99,
    },
    {
      name: "cancels an open task and keeps its progress",
      status: "in_progress" as TaskStatus,
      to: "cancelled" as const,
      reason: "Trùng",
      ok: true,
      progress: 40,
    },
    { name: "needs a reason", status: "done" as TaskStatus, to: "in_progress" as const, reason: " ", ok: false, field: "reason" },
    { name: "cannot cancel twice", status: "cancelled" as TaskStatus, to: "cancelled" as const, reason: "x", ok: false, field: "status" },
    {
      name: "cannot reopen an open task",
      status: "in_progress" as TaskStatus,
      to: "in_progress" as const,
      reason: "x",
      ok: false,
      field: "status",
    },
  ])("$name", ({ status, to, reason, ok, progress, field }) => {
    const decision = decideStatusChange({ status, progress: status === "done" ? 100 : 40 }, { to, reason });
    expect(decision.ok).toBe(ok);
    if (decision.ok) expect(decision.change.progress).toBe(progress);
    else expect(Object.keys(decision.fieldErrors)).toEqual([field]);
  });
});

describe("decideEdit", () => {
  const content: TaskContent = taskContent({
    title: "Số hóa hồ sơ",
    ownerId: 7,
    leadUnitId: 3,
    deadline: "2027-04-30",
    deliverable: "Báo cáo",
    programs: ["CDS"],
  });
  const facts: ReferenceFacts = {
    units: new Map([
      [3, { active: true }],
      [4, { active: false }],
    ]),
    owner: { active: true, inLeadUnit: true },
    goalExists: true,
  };
  const edit = (status: TaskStatus, fields: Parameters<typeof decideEdit>[1], extra: Partial<Parameters<typeof decideEdit>[2]> = {}) =>
    decideEdit({ status, content }, fields, { leadUnit: "allowed", facts, ...extra }, today);

  it.each([
    {
      name: "an issued task's deadline is locked",
      status: "in_progress" as TaskStatus,
      fields: { deadline: "2027-05-30" },
      errors: { deadline: [errorKey("task.deadlineLocked")] },
    },
    { name: "a draft's deadline may move", status: "draft" as TaskStatus, fields: { deadline: "2027-05-30" }, errors: null },
    {
      name: "an issued task cannot lose its deliverable",
      status: "not_started" as TaskStatus,
      fields: { deliverable: "" },
      errors: { deliverable: [errorKey("task.missing.deliverable")] },
    },
    {
      name: "a closed coordinating unit",
      status: "not_started" as TaskStatus,
      fields: { coordinatingUnitIds: [4] },
      errors: { coordinatingUnitIds: [errorKey("task.unitInactive")] },
    },
    {
      name: "a cancelled task is not edited",
      status: "cancelled" as TaskStatus,
      fields: { title: "x" },
      errors: { status: [errorKey("task.badTransition", { from: "cancelled", to: "cancelled" })] },
    },
  ])("$name", ({ status, fields, errors }) => {
    const decision = edit(status, fields);
    if (errors) expect(decision).toEqual({ ok: false, fieldErrors: errors });
    else expect(decision.ok).toBe(true);
  });

  it("moving the lead unit where the actor may not is refused with that reason", () => {
    expect(edit("in_progress", { leadUnitId: 3 }, { leadUnit: "forbidden" }).ok).toBe(true); // unchanged: no move
    const moved = decideEdit(
      { status: "in_progress", content: { ...content, leadUnitId: 9 } },
      { leadUnitId: 3 },
      { leadUnit: "forbidden", facts },
      today,
    );
    expect(moved).toMatchObject({ ok: false, fieldErrors: { leadUnitId: [errorKey("error.forbiddenUnit")] } });
  });

  it("issuing a draft applies the gate and refuses a past deadline", () => {
    const past = decideEdit(
      { status: "draft", content: { ...content, deadline: "2027-03-01" } },
      {},
      { issue: true, leadUnit: "allowed", facts },
      today,
    );
    expect(past).toEqual({ ok: false, fieldErrors: { deadline: [errorKey("task.deadlinePast")] } });
    const issued = edit("draft", {}, { issue: true });
    expect(issued).toMatchObject({ ok: true, change: { issuing: true, changes: { status: { before: "draft", after: "not_started" } } } });
  });

  it("an edit that changes nothing has no changes to write", () => {
    expect(edit("in_progress", { title: "Số hóa hồ sơ" })).toMatchObject({ ok: true, change: { changes: {} } });
  });
});

describe("extensions", () => {
  it.each([
    {
      name: "a later date on an open task",
      task: { status: "in_progress" as TaskStatus, deadline: "2027-03-31" },
      deadline: "2027-04-30",
      pending: false,
      problem: null,
    },
    {
      name: "not later than the deadline",
      task: { status: "in_progress" as TaskStatus, deadline: "2027-03-31" },
      deadline: "2027-03-31",
      pending: false,
      problem: "extension.notLater",
    },
    {
      name: "after the deadline passed",
      task: { status: "in_progress" as TaskStatus, deadline: "2027-03-01" },
      deadline: "2027-04-30",
      pending: false,
      problem: "extension.afterDeadline",
    },
    {
      name: "one at a time",
      task: { status: "in_progress" as TaskStatus, deadline: "2027-03-31" },
      deadline: "2027-04-30",
      pending: true,
      problem: "extension.pendingExists",
    },
    {
      name: "not on a done task",
      task: { status: "done" as TaskStatus, deadline: "2027-03-31" },
      deadline: "2027-04-30",
      pending: false,
      problem: "extension.notOpen",
    },
  ] as const)("request: $name", ({ task, deadline, pending, problem }) => {
    const decision = decideExtensionRequest(task, { deadline }, today, pending);
    if (problem) expect(decision).toEqual({ ok: false, fieldErrors: { deadline: [errorKey(problem)] } });
    else expect(decision).toEqual({ ok: true, change: { previousDeadline: task.deadline, requestedDeadline: deadline } });
  });

  it.each([
    { request: "pending", task: "in_progress" as TaskStatus, decision: "approve" as const, answer: "approved" },
    { request: "pending", task: "done" as TaskStatus, decision: "reject" as const, answer: "rejected" },
    { request: "pending", task: "done" as TaskStatus, decision: "approve" as const, answer: errorKey("extension.notOpen") },
    { request: "approved", task: "in_progress" as TaskStatus, decision: "reject" as const, answer: errorKey("extension.alreadyDecided") },
  ])("decision: $decision a $request request on a $task task → $answer", ({ request, task, decision, answer }) => {
    const result = decideExtensionDecision({ status: request }, { status: task }, decision);
    expect(result.ok ? result.change.status : result.fieldErrors.decision[0]).toBe(answer);
  });
});
