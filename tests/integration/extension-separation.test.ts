/**
 * Separation of duties on extensions: whoever requested an extension never decides it, whatever their
 * role. An admin who asks for more time on a task cannot approve it themself — not on the task page, not
 * in the committee's queue, not through the API — and the page shows them no decide buttons; another
 * admin or a committee member decides it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "~/domain/dates";
import { createApiToken } from "~/models/api-token.server";
import { createTask, requestExtension, type TaskContext } from "~/models/task-commands.server";
import { snapshot, startApp, type Client, type TestApp } from "../support/app";
import { actorOf, unitId, userId } from "../support/db";

let app: TestApp;
let admin: Client;
let otherAdmin: Client;
let adminToken: string;
let committeeToken: string;
const today = clock.appToday();

beforeAll(async () => {
  app = await startApp();
  admin = await app.signedIn("admin@roviec.demo");
  otherAdmin = await app.signedIn("thuky@roviec.demo");
  const adminId = await userId(app.db, "admin@roviec.demo");
  const committeeId = await userId(app.db, "bcd.pho@roviec.demo");
  adminToken = (await createApiToken(app.db, { userId: adminId, name: "self-approval" }, { actorUserId: adminId })).token;
  committeeToken = (await createApiToken(app.db, { userId: committeeId, name: "self-approval" }, { actorUserId: committeeId })).token;
});

afterAll(async () => {
  await app?.close();
});

/** An issued task with an extension request pending, requested by the first admin. */
async function taskWithAdminRequest(title: string) {
  const ctx: TaskContext = { actor: await actorOf(app.db, "admin@roviec.demo"), today };
  const fields = {
    title,
    ownerId: await userId(app.db, "cv.cds@roviec.demo"),
    leadUnitId: await unitId(app.db, "SKHCN-CDS"),
    deadline: addDays(today, 30),
    deliverable: "Báo cáo",
    programs: ["CDS" as const],
  };
  const task = await createTask(app.db, fields, { issue: true }, ctx);
  if (!task.ok) throw new Error(JSON.stringify(task));
  const ext = await requestExtension(app.db, task.value.id, { deadline: addDays(today, 60), reason: "Chờ kinh phí" }, ctx);
  if (!ext.ok) throw new Error(JSON.stringify(ext));
  return { taskId: task.value.id, extensionId: ext.value.id };
}

async function api(method: string, pathname: string, token: string, body?: unknown) {
  const response = await fetch(new URL(pathname, app.url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const rows = () => snapshot(app.db, ["tasks", "task_states", "task_extensions", "audit_events"]);

describe("whoever requested an extension never decides it", () => {
  it("refuses the requesting admin on the task page, in the queue and through the API, and changes nothing", async () => {
    const { taskId, extensionId } = await taskWithAdminRequest("Tự gia hạn — kiểm tra");
    const before = await rows();

    const onTask = await admin.post(`/tasks/${taskId}`, { intent: "extension-decide", extensionId, decision: "approve", note: "Tự duyệt" });
    expect(onTask.status).toBe(403);
    const inQueue = await admin.post("/extensions", { intent: "extension-decide", extensionId, decision: "approve", note: "Tự duyệt" });
    expect(inQueue.status).toBe(403);
    const viaApi = await api("POST", `/api/v1/extensions/${extensionId}/decision`, adminToken, { decision: "approve", note: "Tự duyệt" });
    expect(viaApi.status).toBe(403);
    expect(viaApi.body).toMatchObject({ code: "forbidden" });
    // Rejecting one's own request is deciding it too.
    expect((await api("POST", `/api/v1/extensions/${extensionId}/decision`, adminToken, { decision: "reject" })).status).toBe(403);

    expect(await rows()).toEqual(before);
    const ext = await app.db.selectFrom("task_extensions").selectAll().where("id", "=", extensionId).executeTakeFirstOrThrow();
    expect(ext).toMatchObject({ status: "pending", decided_by: null });
  });

  it("shows the requester no decide buttons, and says another member decides", async () => {
    const { taskId, extensionId } = await taskWithAdminRequest("Tự gia hạn — nút duyệt");
    const data = (await (await admin.get(`/tasks/${taskId}?_data=routes%2Ftasks.%24taskId`)).json()) as {
      actions: { decideExtension: boolean };
    };
    expect(data.actions.decideExtension).toBe(false);
    const page = await admin.page(`/tasks/${taskId}`);
    expect(page.html).not.toContain('name="decision"');

    const queue = await admin.page("/extensions");
    expect(queue.status).toBe(200);
    const item = queue.html.slice(queue.html.indexOf(`href="/tasks/${taskId}"`));
    const nextItem = item.indexOf("<li", 1);
    const own = nextItem === -1 ? item : item.slice(0, nextItem);
    expect(own).toContain("Đây là đề nghị của bạn");
    expect(own).not.toContain(`value="${extensionId}"`);

    // Another admin sees the buttons for it.
    const forOther = (await (await otherAdmin.get(`/tasks/${taskId}?_data=routes%2Ftasks.%24taskId`)).json()) as {
      actions: { decideExtension: boolean };
    };
    expect(forOther.actions.decideExtension).toBe(true);
  });

  it("lets another admin decide on the page, and a committee member through the API", async () => {
    const first = await taskWithAdminRequest("Gia hạn — admin khác duyệt");
    const approved = await otherAdmin.post(`/tasks/${first.taskId}`, {
      intent: "extension-decide",
      extensionId: first.extensionId,
      decision: "approve",
      note: "Đồng ý",
    });
    expect(approved.status).toBe(302);
    expect(
      await app.db
        .selectFrom("task_extensions")
        .select(["status", "decided_by"])
        .where("id", "=", first.extensionId)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: "approved",
      decided_by: await userId(app.db, "thuky@roviec.demo"),
    });
    expect((await app.db.selectFrom("tasks").select("deadline").where("id", "=", first.taskId).executeTakeFirstOrThrow()).deadline).toBe(
      addDays(today, 60),
    );

    const second = await taskWithAdminRequest("Gia hạn — Ban Chỉ đạo duyệt qua API");
    const viaApi = await api("POST", `/api/v1/extensions/${second.extensionId}/decision`, committeeToken, {
      decision: "reject",
      note: "Chưa đủ căn cứ",
    });
    expect(viaApi.status).toBe(200);
    expect(viaApi.body).toMatchObject({ id: second.extensionId, status: "rejected" });
  });
});
