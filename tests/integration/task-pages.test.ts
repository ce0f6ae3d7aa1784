/**
 * Issuing and working on a task over HTTP: the 5-rõ form (draft, issue, every missing item named in
 * both languages), the task page and its actions (progress, done with evidence, reopen, cancel,
 * extensions), the edit form (deadline locked, stale versions), the cascade to many units and the
 * extension queue. Every refused request changes no row; hostile input never gets a 500.
 * The file creates its own tasks, so demo tasks (if any) never disturb it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "../../app/domain/dates";
import { todayIn } from "../../app/i18n/format";
import { snapshot, startApp, type Client, type FormBody, type TestApp } from "../support/app";

const TODAY = todayIn("Asia/Ho_Chi_Minh", clock.now());
const dmy = (iso: string) => iso.split("-").reverse().join("/");
const UPLOADS = fs.mkdtempSync(path.join(os.tmpdir(), "roviec-task-pages-"));

let app: TestApp;
let admin: Client;
let committee: Client;
let head: Client; // gd.skhcn: head of SKHCN
let staff: Client; // cv.cds: staff of SKHCN-CDS, English UI
let wardHead: Client; // ct.hoankiem
const ids = {} as Record<string, number>;

beforeAll(async () => {
  app = await startApp({ env: { UPLOAD_DIR: UPLOADS } });
  [admin, committee, head, staff, wardHead] = await Promise.all([
    app.signedIn("admin@roviec.demo"),
    app.signedIn("bcd.pho@roviec.demo"),
    app.signedIn("gd.skhcn@roviec.demo"),
    app.signedIn("cv.cds@roviec.demo"),
    app.signedIn("ct.hoankiem@roviec.demo"),
  ]);
  const unit = async (code: string) =>
    (await app.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  const user = async (email: string) =>
    (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  Object.assign(ids, {
    VP: await unit("VP-UBND"),
    SKHCN: await unit("SKHCN"),
    CDS: await unit("SKHCN-CDS"),
    SYT: await unit("SYT"),
    HK: await unit("P-HOANKIEM"),
    BD: await unit("P-BADINH"),
    DD: await unit("P-DONGDA"),
    admin: await user("admin@roviec.demo"),
    cvCds: await user("cv.cds@roviec.demo"),
    cvSyt: await user("cv.syt@roviec.demo"),
    gdSkhcn: await user("gd.skhcn@roviec.demo"),
  });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(UPLOADS, { recursive: true, force: true });
});

/** Every table a task action may write. */
const rows = () =>
  snapshot(app.db, [
    "tasks",
    "task_programs",
    "task_coordinating_units",
    "task_updates",
    "task_evidence",
    "task_extensions",
    "audit_events",
  ]);

/** Runs a request that must be refused, and checks that not one row changed. */
async function refused(run: () => Promise<Response>, status: number | ((s: number) => boolean)) {
  const before = await rows();
  const response = await run();
  const html = await response.text();
  if (typeof status === "number") expect(response.status, html.slice(0, 500)).toBe(status);
  else expect(status(response.status), `status ${response.status}`).toBe(true);
  expect(await rows()).toEqual(before);
  return html;
}

function complete(overrides: FormBody = {}): FormBody {
  return {
    intent: "issue",
    title: "Triển khai sổ sức khỏe điện tử tại các trạm y tế",
    description: "Theo kế hoạch của Ban Chỉ đạo",
    ownerId: ids.cvCds,
    leadUnitId: ids.SKHCN,
    coordinatingUnitIds: [String(ids.SYT)],
    deadline: dmy(addDays(TODAY, 30)),
    deliverable: "Báo cáo kết quả triển khai gửi Ban Chỉ đạo",
    programs: ["CDS"],
    priority: "high",
    sourceDocNumber: "125/KH-UBND",
    sourceDocDate: dmy(addDays(TODAY, -3)),
    sourceDocIssuer: "UBND thành phố Hà Nội",
    ...overrides,
  };
}

function idFrom(response: Response) {
  const location = response.headers.get("location") ?? "";
  const m = /^\/tasks\/(\d+)$/.exec(location);
  if (!m) throw new Error(`expected a redirect to a task, got ${response.status} ${location}`);
  return Number(m[1]);
}

async function issue(client: Client = admin, overrides: FormBody = {}) {
  const response = await client.post("/tasks/new", complete(overrides));
  expect(
    response.status,
    await response
      .clone()
      .text()
      .then((h) => h.slice(0, 300)),
  ).toBe(302);
  return idFrom(response);
}

async function taskRow(id: number) {
  return app.db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** Text of the page with tags removed and entities decoded, for "the user reads …" checks. */
function text(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("issuing a task", () => {
  it("shows the form with the five required items tagged as the 5 rõ", async () => {
    const page = await admin.page("/tasks/new");
    expect(page.status).toBe(200);
    const body = text(page.html);
    for (const tag of ["rõ việc", "rõ người", "rõ thời gian", "rõ trách nhiệm", "rõ sản phẩm"]) expect(body).toContain(tag);
    expect(body).toContain("Lưu dự thảo");
    expect(body).toContain("Giao nhiệm vụ");
    expect(page.html).toMatch(/<label[^>]*for="[^"]*title"/);
    // The owner picker is grouped by unit.
    expect(page.html).toContain('<optgroup label="Phòng Chuyển đổi số">');
  });

  it("issues a complete task and shows its 5 rõ, document, programs and status", async () => {
    const response = await admin.post("/tasks/new", complete());
    expect(response.status).toBe(302);
    const id = idFrom(response);
    const row = await taskRow(id);
    expect(row).toMatchObject({
      status: "not_started",
      owner_id: ids.cvCds,
      lead_unit_id: ids.SKHCN,
      deadline: addDays(TODAY, 30),
      original_deadline: addDays(TODAY, 30),
      priority: "high",
    });
    const page = await admin.page(`/tasks/${id}`);
    expect(page.status).toBe(200);
    const body = text(page.html);
    expect(body).toContain("Đã giao nhiệm vụ"); // the toast
    expect(body).toContain("Triển khai sổ sức khỏe điện tử tại các trạm y tế");
    expect(body).toContain("Đinh Công Sơn");
    expect(body).toContain(dmy(addDays(TODAY, 30)));
    expect(body).toContain("Sở Khoa học và Công nghệ");
    expect(body).toContain("Sở Y tế");
    expect(body).toContain("Báo cáo kết quả triển khai gửi Ban Chỉ đạo");
    expect(body).toContain("125/KH-UBND");
    expect(body).toContain("UBND thành phố Hà Nội");
    expect(body).toContain("CĐS");
    expect(body).toContain("Chưa bắt đầu");
    expect(body).toContain("Trong hạn");
    expect(body).toContain("Giao nhiệm vụ"); // history: the issue event
  });

  it("saves a draft with items missing, then names every missing item when issuing it (Vietnamese)", async () => {
    const draft = await admin.post("/tasks/new", { intent: "draft", title: "Rà soát thủ tục hành chính" });
    expect(draft.status).toBe(302);
    const id = idFrom(draft);
    expect((await taskRow(id)).status).toBe("draft");
    const page = await admin.page(`/tasks/${id}`);
    expect(text(page.html)).toContain("Dự thảo: nhiệm vụ chưa được giao.");

    const edit = await admin.page(`/tasks/${id}/edit`);
    expect(edit.status).toBe(200);
    const html = await refused(
      () => admin.post(`/tasks/${id}/edit`, { intent: "issue", version: 1, title: "Rà soát thủ tục hành chính" }),
      422,
    );
    const body = text(html);
    for (const message of [
      "Thiếu rõ người: chọn người chịu trách nhiệm.",
      "Thiếu rõ thời gian: nhập thời hạn.",
      "Thiếu rõ trách nhiệm: chọn đơn vị chủ trì.",
      "Thiếu rõ sản phẩm: nêu kết quả chứng minh hoàn thành.",
      "Chọn ít nhất một chương trình (CCHC, CĐS, ĐA06).",
    ]) {
      // Once in the summary, once next to the field.
      expect(body.split(message).length - 1, message).toBeGreaterThanOrEqual(2);
    }
    expect(body).toContain("Chưa lưu được. Vui lòng sửa 5 lỗi sau:");
    expect(html).toMatch(/aria-invalid="true"/);
    expect((await taskRow(id)).status).toBe("draft");

    // Completing it issues it from the same form.
    const { intent: _intent, ...fields } = complete({ title: "Rà soát thủ tục hành chính" });
    const issued = await admin.post(`/tasks/${id}/edit`, { ...fields, intent: "issue", version: 1 });
    expect(issued.status).toBe(302);
    expect(await taskRow(id)).toMatchObject({ status: "not_started", original_deadline: addDays(TODAY, 30) });
  });

  it("names every missing item in English for an English-speaking user", async () => {
    const secretary = await app.signedIn("thuky@roviec.demo");
    const switched = await secretary.post("/language", { lang: "en", redirectTo: "/tasks/new" });
    expect(switched.status).toBe(302);
    const html = await refused(() => secretary.post("/tasks/new", { intent: "issue", title: "" }), 422);
    const body = text(html);
    expect(html).toContain('lang="en"');
    for (const message of [
      "Missing clear task: enter what must be done.",
      "Missing clear person: choose the owner.",
      "Missing clear deadline: enter the deadline.",
      "Missing clear responsibility: choose the lead unit.",
      "Missing clear deliverable: say what proves the task is done.",
      "Choose at least one program (CCHC, CĐS, ĐA06).",
    ]) {
      expect(body.split(message).length - 1, message).toBeGreaterThanOrEqual(2);
    }
  });

  it("refuses an owner outside the lead unit", async () => {
    const html = await refused(() => admin.post("/tasks/new", complete({ ownerId: ids.cvSyt })), 422);
    expect(text(html)).toContain("Người chịu trách nhiệm phải thuộc đơn vị chủ trì hoặc đơn vị cấp dưới của đơn vị đó.");
  });

  it("lets a head issue only within their own unit, and keeps staff out", async () => {
    const id = await issue(head, { leadUnitId: ids.CDS });
    expect((await taskRow(id)).lead_unit_id).toBe(ids.CDS);
    // A unit outside the head's subtree is not in their picker; posting it anyway is refused outright.
    await refused(() => head.post("/tasks/new", complete({ leadUnitId: ids.SYT, ownerId: ids.cvSyt })), 403);
    // The head's lead-unit picker offers only their subtree.
    const page = await head.page("/tasks/new");
    const select = /<select[^>]*name="leadUnitId"[^>]*>([\s\S]*?)<\/select>/.exec(page.html)![1];
    const offered = [...select.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1])).sort();
    expect(offered).toEqual(
      [
        ids.SKHCN,
        ids.CDS,
        (await app.db.selectFrom("units").select("id").where("code", "=", "SKHCN-TTDL").executeTakeFirstOrThrow()).id,
      ].sort(),
    );

    expect((await staff.page("/tasks/new")).status).toBe(403);
    await refused(() => staff.post("/tasks/new", complete()), 403);
    expect((await staff.page("/tasks/cascade")).status).toBe(403);
  });

  it("renders an XSS title escaped, on the page and in its <title>", async () => {
    const id = await issue(admin, { title: "<script>alert(1)</script>", description: '<img src=x onerror="alert(2)">' });
    const page = await admin.page(`/tasks/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain("<script>alert(1)</script>");
    expect(page.html).not.toContain("<img src=x");
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.html).toMatch(/<title>&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const edit = await admin.page(`/tasks/${id}/edit`);
    expect(edit.html).not.toContain("<script>alert(1)</script>");
  });

  it("stores Vietnamese typed as NFD in NFC", async () => {
    const nfd = "Chuyển đổi số phường Hoàn Kiếm".normalize("NFD");
    const id = await issue(admin, { title: nfd });
    expect((await taskRow(id)).title).toBe("Chuyển đổi số phường Hoàn Kiếm".normalize("NFC"));
  });
});

describe("working on a task", () => {
  it("the owner posts progress; the page shows it with the note", async () => {
    const id = await issue();
    const response = await staff.post(`/tasks/${id}`, { intent: "progress", version: 1, progress: 40, note: "Đã khảo sát 12 trạm y tế" });
    expect(response.status).toBe(302);
    expect(await taskRow(id)).toMatchObject({ progress: 40, status: "in_progress", version: 2 });
    const page = await staff.page(`/tasks/${id}`);
    const body = text(page.html);
    expect(body).toContain("Progress posted.");
    expect(body).toContain("Đã khảo sát 12 trạm y tế");
    expect(body).toContain("posted progress: 40%");
  });

  it("refuses progress out of range, and a note-less update that changes nothing", async () => {
    const id = await issue();
    const html = await refused(() => staff.post(`/tasks/${id}`, { intent: "progress", version: 1, progress: 140, note: "x" }), 422);
    expect(text(html)).toContain("Progress is a whole number from 0 to 100.");
    await refused(() => staff.post(`/tasks/${id}`, { intent: "progress", version: 1, progress: 0 }), 422);
    await refused(
      () => staff.post(`/tasks/${id}`, { intent: "progress", version: 1, progress: 10, evidenceUrl: "javascript:alert(1)" }),
      422,
    );
  });

  it("refuses done without evidence, and accepts it with a note and a link", async () => {
    const id = await issue();
    const noEvidence = await refused(() => staff.post(`/tasks/${id}`, { intent: "done", version: 1, note: "Đã xong" }), 422);
    expect(text(noEvidence)).toContain("Marking done needs a note and evidence (a link or an attached file).");
    const noNote = await refused(
      () => staff.post(`/tasks/${id}`, { intent: "done", version: 1, evidenceUrl: "https://hanoi.gov.vn/bao-cao" }),
      422,
    );
    expect(text(noNote)).toContain("Marking done needs a note and evidence");

    const ok = await staff.post(`/tasks/${id}`, {
      intent: "done",
      version: 1,
      note: "Đã hoàn thành, báo cáo đính kèm",
      evidenceUrl: "https://hanoi.gov.vn/bao-cao",
    });
    expect(ok.status).toBe(302);
    expect(await taskRow(id)).toMatchObject({ status: "done", progress: 100, completed_on: TODAY });
    const evidence = await app.db.selectFrom("task_evidence").selectAll().where("task_id", "=", id).execute();
    expect(evidence).toMatchObject([{ kind: "link", url: "https://hanoi.gov.vn/bao-cao" }]);
    const page = await admin.page(`/tasks/${id}`);
    expect(page.html).toContain('href="https://hanoi.gov.vn/bao-cao"');
    expect(text(page.html)).toContain("Hoàn thành đúng hạn");

    // Reopen: not by the staff owner, yes by the head with a reason.
    await refused(() => staff.post(`/tasks/${id}`, { intent: "reopen", version: 2, reason: "Thiếu số liệu" }), 403);
    await refused(() => head.post(`/tasks/${id}`, { intent: "reopen", version: 2, reason: "   " }), 422);
    const reopened = await head.post(`/tasks/${id}`, { intent: "reopen", version: 2, reason: "Thiếu số liệu quý IV" });
    expect(reopened.status).toBe(302);
    expect(await taskRow(id)).toMatchObject({ status: "in_progress", completed_at: null });
  });

  it("cancels with a reason only for the committee or the secretariat", async () => {
    const id = await issue();
    await refused(() => head.post(`/tasks/${id}`, { intent: "cancel", version: 1, reason: "Không còn phù hợp" }), 403);
    await refused(() => committee.post(`/tasks/${id}`, { intent: "cancel", version: 1 }), 422);
    const ok = await committee.post(`/tasks/${id}`, { intent: "cancel", version: 1, reason: "Không còn phù hợp" });
    expect(ok.status).toBe(302);
    expect(await taskRow(id)).toMatchObject({ status: "cancelled", cancel_reason: "Không còn phù hợp" });
    expect(text((await committee.page(`/tasks/${id}`)).html)).toContain("Nhiệm vụ đã hủy. Lý do: Không còn phù hợp");
    // Nothing more happens to a cancelled task.
    await refused(() => staff.post(`/tasks/${id}`, { intent: "progress", version: 2, progress: 10, note: "x" }), 422);
  });

  it("shows each user only the actions the policy allows", async () => {
    const id = await issue();
    const forStaff = text((await staff.page(`/tasks/${id}`)).html);
    expect(forStaff).toContain("Post progress");
    expect(forStaff).toContain("Report done");
    expect(forStaff).toContain("Request an extension");
    expect(forStaff).not.toContain("Cancel task");
    const forCommittee = text((await committee.page(`/tasks/${id}`)).html);
    expect(forCommittee).toContain("Hủy nhiệm vụ");
    expect(forCommittee).not.toContain("Cập nhật tiến độ");
    const forWardHead = await wardHead.page(`/tasks/${id}`);
    expect(forWardHead.status).toBe(200);
    expect(text(forWardHead.html)).toContain("Bạn chỉ có quyền xem nhiệm vụ này.");
  });

  it("a staff progress form with smuggled fields changes only progress and note", async () => {
    const id = await issue();
    const before = await taskRow(id);
    const response = await staff.post(`/tasks/${id}`, {
      intent: "progress",
      version: 1,
      progress: 25,
      note: "Cập nhật",
      role: "admin",
      leadUnitId: ids.SYT,
      ownerId: ids.cvSyt,
      deadline: dmy(addDays(TODAY, 300)),
      title: "Đã bị sửa",
      status: "done",
      extension_count: 9,
    });
    expect(response.status).toBe(302);
    const after = await taskRow(id);
    const { progress, status, version, updated_at, last_update_at, ...rest } = after;
    const { progress: p0, status: s0, version: v0, updated_at: u0, last_update_at: l0, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect({ progress, status, version }).toEqual({ progress: 25, status: "in_progress", version: 2 });
    expect((await app.db.selectFrom("users").select("role").where("id", "=", ids.cvCds).executeTakeFirstOrThrow()).role).toBe("staff");
    void [p0, s0, v0, u0, l0, updated_at, last_update_at];
  });

  it("a stale version is refused with 409 and nothing is overwritten", async () => {
    const id = await issue();
    expect((await staff.post(`/tasks/${id}`, { intent: "progress", version: 1, progress: 30, note: "Lần 1" })).status).toBe(302);
    const html = await refused(() => staff.post(`/tasks/${id}`, { intent: "progress", version: 1, progress: 60, note: "Bản cũ" }), 409);
    expect(text(html)).toContain("Someone else updated this task just now (version 2).");
    expect(text(html)).toContain("Changed fields: Progress (%), Status.");
    expect((await taskRow(id)).progress).toBe(30);
  });
});

describe("editing a task", () => {
  it("shows an issued task's deadline read-only, and refuses a deadline smuggled into the form", async () => {
    const id = await issue();
    const page = await admin.page(`/tasks/${id}/edit`);
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/name="deadline"/);
    expect(text(page.html)).toContain("thời hạn chỉ thay đổi khi đề nghị gia hạn được Ban Chỉ đạo duyệt");
    const before = await taskRow(id);
    const { intent: _i, ...fields } = complete();
    const html = await refused(
      () => admin.post(`/tasks/${id}/edit`, { ...fields, intent: "save", version: 1, deadline: dmy(addDays(TODAY, 90)) }),
      422,
    );
    expect(text(html)).toContain("Thời hạn của nhiệm vụ đã giao chỉ thay đổi được qua đề nghị gia hạn được duyệt.");
    expect((await taskRow(id)).deadline).toBe(before.deadline);
    await refused(() => admin.post(`/tasks/${id}/edit`, { ...fields, intent: "save", version: 1, deadline: "" }), 422);
  });

  it("saves an edit, and can empty an optional field", async () => {
    const id = await issue();
    const { intent: _i, deadline: _d, ...fields } = complete();
    const response = await admin.post(`/tasks/${id}/edit`, {
      ...fields,
      intent: "save",
      version: 1,
      deliverable: "Báo cáo và số liệu",
      description: "",
      programs: ["CDS", "CCHC"],
    });
    expect(response.status).toBe(302);
    const row = await taskRow(id);
    expect(row).toMatchObject({ deliverable: "Báo cáo và số liệu", description: null, version: 2 });
    const programs = await app.db.selectFrom("task_programs").select("program_code").where("task_id", "=", id).execute();
    expect(programs.map((p) => p.program_code).sort()).toEqual(["CCHC", "CDS"]);
    const page = text((await admin.page(`/tasks/${id}`)).html);
    expect(page).toContain("Báo cáo kết quả triển khai gửi Ban Chỉ đạo"); // history: before …
    expect(page).toContain("Báo cáo và số liệu"); // … → after
  });

  it("a stale edit gets 409 naming the changed fields, with their current values, and overwrites nothing", async () => {
    const id = await issue();
    const { intent: _i, deadline: _d, ...fields } = complete();
    expect(
      (await admin.post(`/tasks/${id}/edit`, { ...fields, intent: "save", version: 1, title: "Tên mới do người khác đặt" })).status,
    ).toBe(302);
    const html = await refused(
      () => committee.post(`/tasks/${id}/edit`, { ...fields, intent: "save", version: 1, deliverable: "Sản phẩm của tôi" }),
      409,
    );
    const body = text(html);
    expect(body).toContain("Người khác vừa cập nhật nhiệm vụ này (phiên bản 2).");
    expect(body).toContain("Các trường đã thay đổi: Nội dung nhiệm vụ (rõ việc).");
    expect(body).toContain("Tên mới do người khác đặt"); // the current value
    expect(html).toContain("Sản phẩm của tôi"); // what was typed stays in the form
    expect(html).toMatch(/name="version" value="2"/);
    expect((await taskRow(id)).deliverable).toBe("Báo cáo kết quả triển khai gửi Ban Chỉ đạo");
  });

  it("keeps staff, and heads of other units, out of the edit form", async () => {
    const sytTask = await issue(admin, { leadUnitId: ids.SYT, ownerId: ids.cvSyt, coordinatingUnitIds: [] });
    expect((await staff.page(`/tasks/${sytTask}/edit`)).status).toBe(403);
    await refused(() => staff.post(`/tasks/${sytTask}/edit`, { intent: "save", version: 1, title: "Bị sửa" }), 403);
    expect((await head.page(`/tasks/${sytTask}/edit`)).status).toBe(403);
    await refused(() => head.post(`/tasks/${sytTask}/edit`, { intent: "save", version: 1, title: "Bị sửa" }), 403);
    // Nor post progress on it: it is neither theirs nor their unit's.
    await refused(
      () => staff.post(`/tasks/${sytTask}`, { intent: "progress", version: 1, progress: 50, note: "Không phải việc của tôi" }),
      403,
    );
  });

  it("warns when the owner is no longer active, on the page and in the edit form", async () => {
    const leaverId = (await app.db.selectFrom("users").select("id").where("email", "=", "cv.ttdl@roviec.demo").executeTakeFirstOrThrow())
      .id;
    const id = await issue(admin, { ownerId: leaverId });
    await app.db.updateTable("users").set({ active: 0 }).where("id", "=", leaverId).execute();
    try {
      const page = text((await admin.page(`/tasks/${id}`)).html);
      expect(page).toContain("Mai Thị Hương");
      expect(page).toContain("Người này đã ngừng hoạt động: cần giao lại");
      const edit = await admin.page(`/tasks/${id}/edit`);
      expect(edit.html).toMatch(new RegExp(`<option value="${leaverId}"[^>]*>Mai Thị Hương — Cán bộ, công chức \\(ngừng hoạt động\\)`));
      // Saving with the inactive owner is refused, naming the owner field.
      const { intent: _i, deadline: _d, ...fields } = complete({ ownerId: leaverId });
      const html = await refused(() => admin.post(`/tasks/${id}/edit`, { ...fields, intent: "save", version: 1 }), 422);
      expect(text(html)).toContain("Người này đã ngừng hoạt động.");
    } finally {
      await app.db.updateTable("users").set({ active: 1 }).where("id", "=", leaverId).execute();
    }
  });
});

describe("extensions", () => {
  it("the owner requests, the committee approves: the deadline moves, the original stays, count 1", async () => {
    const id = await issue();
    const newDeadline = addDays(TODAY, 60);
    const request = await staff.post(`/tasks/${id}`, {
      intent: "extension-request",
      version: 1,
      deadline: dmy(newDeadline),
      reason: "Chờ bố trí kinh phí",
    });
    expect(request.status).toBe(302);
    const ext = await app.db.selectFrom("task_extensions").selectAll().where("task_id", "=", id).executeTakeFirstOrThrow();
    expect(ext).toMatchObject({ status: "pending", requested_deadline: newDeadline, previous_deadline: addDays(TODAY, 30) });
    // A second request while one is pending is refused.
    await refused(
      () => staff.post(`/tasks/${id}`, { intent: "extension-request", version: 1, deadline: dmy(addDays(TODAY, 90)), reason: "Lần nữa" }),
      422,
    );

    // Staff may not decide, neither on the task page nor in the queue.
    await refused(() => staff.post(`/tasks/${id}`, { intent: "extension-decide", extensionId: ext.id, decision: "approve" }), 403);
    expect((await staff.page("/extensions")).status).toBe(403);
    await refused(() => staff.post("/extensions", { intent: "extension-decide", extensionId: ext.id, decision: "approve" }), 403);
    await refused(() => head.post(`/tasks/${id}`, { intent: "extension-decide", extensionId: ext.id, decision: "approve" }), 403);

    const queue = await committee.page("/extensions");
    expect(queue.status).toBe(200);
    const body = text(queue.html);
    expect(body).toContain("Chờ bố trí kinh phí");
    expect(body).toContain(`${dmy(addDays(TODAY, 30))} → đến ${dmy(newDeadline)}`); // the arrow is read as “đến”
    expect(body).toContain("Đinh Công Sơn");
    expect(queue.html).toContain(`href="/tasks/${id}"`);

    const approved = await committee.post("/extensions", {
      intent: "extension-decide",
      extensionId: ext.id,
      decision: "approve",
      note: "Đồng ý, đề nghị khẩn trương",
    });
    expect(approved.status).toBe(302);
    expect(approved.headers.get("location")).toBe("/extensions");
    expect(await taskRow(id)).toMatchObject({ deadline: newDeadline, original_deadline: addDays(TODAY, 30), extension_count: 1 });
    const page = text((await staff.page(`/tasks/${id}`)).html);
    expect(page).toContain(`Extended 1 time(s); original deadline ${dmy(addDays(TODAY, 30))}.`);
    expect(page).toContain("Đồng ý, đề nghị khẩn trương");
    // Deciding again is refused.
    await refused(() => committee.post("/extensions", { intent: "extension-decide", extensionId: ext.id, decision: "reject" }), 422);
  });

  it("a rejected request leaves the deadline as it was", async () => {
    const id = await issue();
    expect(
      (
        await staff.post(`/tasks/${id}`, {
          intent: "extension-request",
          version: 1,
          deadline: dmy(addDays(TODAY, 45)),
          reason: "Thiếu nhân lực",
        })
      ).status,
    ).toBe(302);
    const ext = await app.db.selectFrom("task_extensions").selectAll().where("task_id", "=", id).executeTakeFirstOrThrow();
    const page = text((await admin.page(`/tasks/${id}`)).html);
    expect(page).toContain("Đề nghị gia hạn chờ duyệt");
    const rejected = await admin.post(`/tasks/${id}`, {
      intent: "extension-decide",
      extensionId: ext.id,
      decision: "reject",
      note: "Không đủ căn cứ",
    });
    expect(rejected.status).toBe(302);
    expect(await taskRow(id)).toMatchObject({ deadline: addDays(TODAY, 30), extension_count: 0 });
    expect((await app.db.selectFrom("task_extensions").select("status").where("id", "=", ext.id).executeTakeFirstOrThrow()).status).toBe(
      "rejected",
    );
  });

  it("refuses an earlier date, a bad date and a missing reason", async () => {
    const id = await issue();
    await refused(
      () => staff.post(`/tasks/${id}`, { intent: "extension-request", deadline: dmy(addDays(TODAY, 10)), reason: "Sớm hơn" }),
      422,
    );
    const bad = await refused(
      () => staff.post(`/tasks/${id}`, { intent: "extension-request", deadline: "31/02/2026", reason: "Ngày sai" }),
      422,
    );
    expect(text(bad)).toContain("Not a valid date (dd/mm/yyyy).");
    await refused(() => staff.post(`/tasks/${id}`, { intent: "extension-request", deadline: dmy(addDays(TODAY, 60)), reason: "" }), 422);
  });

  it("an extension that belongs to another task is not found through this one", async () => {
    const a = await issue();
    const b = await issue();
    expect(
      (await staff.post(`/tasks/${a}`, { intent: "extension-request", deadline: dmy(addDays(TODAY, 60)), reason: "Lý do" })).status,
    ).toBe(302);
    const ext = await app.db.selectFrom("task_extensions").select("id").where("task_id", "=", a).executeTakeFirstOrThrow();
    await refused(() => committee.post(`/tasks/${b}`, { intent: "extension-decide", extensionId: ext.id, decision: "approve" }), 404);
  });
});

describe("cascade: one directive to many units", () => {
  it("creates one child per ward, owned by the ward heads, and the parent page counts them", async () => {
    const page = await admin.page("/tasks/cascade");
    expect(page.status).toBe(200);
    expect(text(page.html)).toContain("Chọn tất cả phường, xã");
    expect(text(page.html)).toContain("Chưa có thủ trưởng"); // e.g. Xã Bát Tràng

    const { intent: _i, coordinatingUnitIds: _c, ...fields } = complete({ title: "Mỗi phường: tuyên truyền ứng dụng iHanoi" });
    const response = await admin.post("/tasks/cascade", {
      ...fields,
      intent: "cascade",
      leadUnitId: ids.VP,
      ownerId: ids.admin,
      unitIds: [String(ids.HK), String(ids.BD), String(ids.DD)],
    });
    expect(
      response.status,
      await response
        .clone()
        .text()
        .then((h) => text(h).slice(0, 400)),
    ).toBe(302);
    const parentId = idFrom(response);
    const children = await app.db
      .selectFrom("tasks")
      .innerJoin("users", "users.id", "tasks.owner_id")
      .select(["tasks.id", "tasks.lead_unit_id", "tasks.status", "users.email"])
      .where("parent_id", "=", parentId)
      .orderBy("tasks.id")
      .execute();
    expect(children).toHaveLength(3);
    expect(children.map((c) => c.email).sort()).toEqual(["ct.badinh@roviec.demo", "ct.dongda@roviec.demo", "ct.hoankiem@roviec.demo"]);
    expect(children.every((c) => c.status === "not_started")).toBe(true);
    expect(await taskRow(parentId)).toMatchObject({ lead_unit_id: ids.VP, owner_id: ids.admin, status: "not_started" });

    // A ward finishes its part; the parent page counts it.
    const hk = children.find((c) => c.lead_unit_id === ids.HK)!;
    expect(
      (
        await wardHead.post(`/tasks/${hk.id}`, {
          intent: "done",
          version: 1,
          note: "Đã tuyên truyền tại 18 tổ dân phố",
          evidenceUrl: "https://hoankiem.hanoi.gov.vn/tin-tuc",
        })
      ).status,
    ).toBe(302);
    const parentPage = await admin.page(`/tasks/${parentId}`);
    const body = text(parentPage.html);
    expect(body).toContain("Đã giao nhiệm vụ xuyên suốt đến 3 đơn vị.");
    expect(body).toContain("Nhiệm vụ của các đơn vị (3)");
    expect(body).toContain("Đã hoàn thành 1 / 3");
    expect(body).toContain("Hoàn thành đúng hạn 1 / 3");
    expect(body).toContain("Chưa xong, quá hạn 0 / 3");
    expect(body).toContain("Chưa xong, trong hạn 2 / 3");
    expect(body).toContain("Phường Hoàn Kiếm");
    expect(body).toContain("Hoàng Thị Mai");
    // The child links back to the parent.
    expect((await wardHead.page(`/tasks/${hk.id}`)).html).toContain(`href="/tasks/${parentId}"`);
  });

  it("refuses a unit without a head unless an owner is chosen, and changes nothing", async () => {
    const battrang = (await app.db.selectFrom("units").select("id").where("code", "=", "X-BATTRANG").executeTakeFirstOrThrow()).id;
    const { intent: _i, coordinatingUnitIds: _c, ...fields } = complete();
    const html = await refused(
      () =>
        admin.post("/tasks/cascade", {
          ...fields,
          intent: "cascade",
          leadUnitId: ids.VP,
          ownerId: ids.admin,
          unitIds: [String(ids.HK), String(battrang)],
        }),
      422,
    );
    expect(text(html)).toContain("Xã Bát Tràng");
    await refused(() => admin.post("/tasks/cascade", { ...fields, intent: "cascade", leadUnitId: ids.VP, ownerId: ids.admin }), 422);
    // An owner from another unit is refused for that unit.
    await refused(
      () =>
        admin.post("/tasks/cascade", {
          ...fields,
          intent: "cascade",
          leadUnitId: ids.VP,
          ownerId: ids.admin,
          unitIds: [String(ids.HK)],
          [`owners.${ids.HK}`]: String(ids.cvSyt),
        }),
      422,
    );
  });

  it("the quick picker ticks every ward and commune that has a head, without JavaScript", async () => {
    const response = await admin.post("/tasks/cascade", { intent: "pick-wards", title: "Giữ nguyên nội dung" });
    expect(response.status).toBe(200);
    const html = await response.text();
    const boxes = [...html.matchAll(/<input type="checkbox" name="unitIds"[^>]*>/g)].map((m) => m[0]);
    const checked = boxes.filter((b) => b.includes('checked=""'));
    // Ten wards and communes in the demo; five have a head who would own the task.
    expect(checked.length).toBe(5);
    expect(checked.every((b) => b.includes('data-group="wards"') && b.includes('data-has-owner="1"'))).toBe(true);
    expect(boxes.filter((b) => b.includes('data-group="wards"') && !b.includes('checked=""')).length).toBe(5);
    expect(html).toContain('value="Giữ nguyên nội dung"');
  });
});

describe("hostile input", () => {
  it("never answers 500, and a refused request changes nothing", async () => {
    const id = await issue();
    const long = "Đ".repeat(10_000);
    const sql = "'; DROP TABLE tasks; --";
    const nfd = "Hà Nội".normalize("NFD");
    const bodies: Array<[string, Client, FormBody]> = [
      ["/tasks/new", admin, {}],
      ["/tasks/new", admin, { intent: "issue", title: long, deliverable: long, description: long }],
      ["/tasks/new", admin, { intent: "issue", ...complete({ deadline: "31/02/2026" }) }],
      [
        "/tasks/new",
        admin,
        { intent: "issue", ...complete({ ownerId: "1 OR 1=1", leadUnitId: sql, goalId: "-1", priority: "max", programs: ["XYZ"] }) },
      ],
      ["/tasks/new", admin, { intent: "bogus", title: nfd }],
      ["/tasks/new", admin, { intent: "issue", ...complete({ coordinatingUnitIds: Array.from({ length: 60 }, (_, i) => String(i + 1)) }) }],
      [`/tasks/${id}`, staff, {}],
      [`/tasks/${id}`, staff, { intent: "bogus", version: 1 }],
      [`/tasks/${id}`, staff, { intent: "progress", version: "abc", progress: 10, note: "x" }],
      [`/tasks/${id}`, staff, { intent: "progress", version: 1, progress: "ten", note: long }],
      [`/tasks/${id}`, staff, { intent: "progress", version: 1, progress: 10, note: "x\u0000y" }],
      [`/tasks/${id}`, staff, { intent: "done", version: "1e99", note: sql, evidenceUrl: "data:text/html,<script>alert(1)</script>" }],
      [`/tasks/${id}`, staff, { intent: "extension-request", deadline: "2026-13-45", reason: long }],
      [`/tasks/${id}`, committee, { intent: "extension-decide", extensionId: "abc", decision: "maybe" }],
      [`/tasks/${id}`, committee, { intent: "extension-decide", extensionId: "999999", decision: "approve" }],
      [`/tasks/${id}`, committee, { intent: "cancel", version: 1, reason: long }],
      [`/tasks/${id}/edit`, admin, {}],
      [`/tasks/${id}/edit`, admin, { intent: "save", version: "x" }],
      [`/tasks/${id}/edit`, admin, { intent: "save", version: 1, ownerId: sql, startDate: "31/02/2026" }],
      [`/tasks/${id}/edit`, admin, { intent: "save", version: 99, title: nfd }],
      ["/tasks/cascade", admin, {}],
      ["/tasks/cascade", admin, { intent: "cascade", unitIds: [sql, "0"], title: long }],
      ["/extensions", committee, {}],
      ["/extensions", committee, { intent: "extension-decide", extensionId: "0", decision: "approve" }],
    ];
    for (const [pathname, client, body] of bodies) {
      const before = await rows();
      const response = await client.post(pathname, body);
      const html = await response.text();
      expect(response.status, `${pathname} ${JSON.stringify(body).slice(0, 200)} → ${text(html).slice(0, 300)}`).toBeLessThan(500);
      expect(response.status, `${pathname} ${JSON.stringify(body).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(await rows(), `${pathname} ${JSON.stringify(body).slice(0, 200)}`).toEqual(before);
    }
  });

  it("answers 404 for unknown or non-numeric ids, on pages and actions", async () => {
    for (const p of [
      "/tasks/999999",
      "/tasks/abc",
      "/tasks/1.5",
      "/tasks/-1",
      "/tasks/99999999999999",
      "/tasks/999999/edit",
      "/tasks/abc/edit",
      "/tasks/999999/evidence/1",
    ]) {
      expect((await admin.page(p)).status, p).toBe(404);
    }
    await refused(() => admin.post("/tasks/999999", { intent: "progress", version: 1, progress: 10, note: "x" }), 404);
    await refused(() => admin.post("/tasks/abc/edit", { intent: "save", version: 1 }), 404);
  });

  it("sends the signed-out to sign in, for pages and actions", async () => {
    const anon = app.client();
    for (const p of ["/tasks/new", "/tasks/1", "/tasks/1/edit", "/tasks/cascade", "/extensions"]) {
      const r = await anon.get(p);
      expect(r.status, p).toBe(302);
      expect(r.headers.get("location"), p).toMatch(/^\/login\?redirectTo=/);
    }
    await refused(() => anon.post("/tasks/new", complete()), 302);
  });
});
