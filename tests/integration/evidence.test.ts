/**
 * Evidence files over HTTP: multipart upload with a progress update or completion, only accepted
 * types whose content matches their extension, stored on disk by SHA-256 (outside the database), and
 * downloaded only by signed-in users as an attachment with the same bytes. Refused uploads store
 * nothing and change no row.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clock from "~/clock.server";
import { addDays } from "../../app/domain/dates";
import { todayIn } from "../../app/i18n/format";
import { snapshot, startApp, type Client, type TestApp } from "../support/app";
import { takeConsoleCalls } from "../support/fail-on-console";

const TODAY = todayIn("Asia/Ho_Chi_Minh", clock.now());
const dmy = (iso: string) => iso.split("-").reverse().join("/");
const UPLOADS = fs.mkdtempSync(path.join(os.tmpdir(), "roviec-evidence-"));

let app: TestApp;
let admin: Client;
let committee: Client;
let staff: Client; // cv.cds, English UI
const ids = {} as Record<string, number>;

beforeAll(async () => {
  // A small limit so "too large" is cheap to test.
  app = await startApp({ env: { UPLOAD_DIR: UPLOADS, MAX_UPLOAD_MB: "1" } });
  [admin, committee, staff] = await Promise.all([
    app.signedIn("admin@roviec.demo"),
    app.signedIn("bcd.pho@roviec.demo"),
    app.signedIn("cv.cds@roviec.demo"),
  ]);
  const unit = async (code: string) =>
    (await app.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  const user = async (email: string) =>
    (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  ids.SKHCN = await unit("SKHCN");
  ids.cvCds = await user("cv.cds@roviec.demo");
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(UPLOADS, { recursive: true, force: true });
});

/** Every file under the upload directory (relative paths). */
function storedFiles(): string[] {
  if (!fs.existsSync(UPLOADS)) return [];
  return (fs.readdirSync(UPLOADS, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(UPLOADS, f)).isFile()).sort();
}

const rows = () => snapshot(app.db, ["tasks", "task_updates", "task_evidence", "task_extensions", "audit_events"]);

async function issue() {
  const response = await admin.post("/tasks/new", {
    intent: "issue",
    title: "Số hóa hồ sơ thủ tục hành chính",
    ownerId: ids.cvCds,
    leadUnitId: ids.SKHCN,
    deadline: dmy(addDays(TODAY, 30)),
    deliverable: "Báo cáo kết quả số hóa",
    programs: ["CCHC"],
  });
  expect(response.status).toBe(302);
  return Number(/\/tasks\/(\d+)$/.exec(response.headers.get("location")!)![1]);
}

function pdf(label: string) {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, "latin1");
}
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea73581e40000000049454e44ae426082",
  "hex",
);

function form(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file)
    body.append("evidenceFile", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  return body;
}

function upload(client: Client, taskId: number, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }) {
  return client.request(`/tasks/${taskId}`, { method: "POST", body: form(fields, file) });
}

async function refusedUpload(run: () => Promise<Response>, status: number) {
  const before = await rows();
  const files = storedFiles();
  const response = await run();
  const html = await response.text();
  expect(response.status, html.slice(0, 300)).toBe(status);
  expect(await rows()).toEqual(before);
  expect(storedFiles()).toEqual(files);
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/&#x27;/g, "'");
}

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

describe("uploading evidence", () => {
  it("completes a task with an uploaded PDF, stored by its checksum outside the database", async () => {
    const id = await issue();
    const bytes = pdf("bao cao");
    // The name typed NFD, as some systems send it: stored NFC.
    const name = "Báo cáo kết quả số hóa.pdf".normalize("NFD");
    const response = await upload(
      staff,
      id,
      { intent: "done", version: "1", note: "Đã số hóa 1.200 hồ sơ" },
      { name, bytes, type: "application/pdf" },
    );
    expect(
      response.status,
      await response
        .clone()
        .text()
        .then((t) => t.slice(0, 300)),
    ).toBe(302);
    const task = await app.db.selectFrom("tasks").select(["status", "progress"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(task).toEqual({ status: "done", progress: 100 });
    const evidence = await app.db.selectFrom("task_evidence").selectAll().where("task_id", "=", id).executeTakeFirstOrThrow();
    const hash = sha256(bytes);
    expect(evidence).toMatchObject({
      kind: "file",
      file_name: "Báo cáo kết quả số hóa.pdf".normalize("NFC"),
      mime_type: "application/pdf",
      size_bytes: bytes.byteLength,
      sha256: hash,
      storage_key: `${hash.slice(0, 2)}/${hash}`,
    });
    expect(fs.readFileSync(path.join(UPLOADS, hash.slice(0, 2), hash))).toEqual(bytes);
    const page = await admin.page(`/tasks/${id}`);
    expect(page.html).toContain(`href="/tasks/${id}/evidence/${evidence.id}"`);
    expect(page.html).toContain("Báo cáo kết quả số hóa.pdf".normalize("NFC"));
  });

  it("posts progress with a PNG image, and stores an identical file only once", async () => {
    const id = await issue();
    expect(
      (
        await upload(
          staff,
          id,
          { intent: "progress", version: "1", progress: "30", note: "Ảnh hiện trường" },
          { name: "hien-truong.png", bytes: PNG },
        )
      ).status,
    ).toBe(302);
    const files = storedFiles();
    expect(
      (
        await upload(
          staff,
          id,
          { intent: "progress", version: "2", progress: "40", note: "Ảnh lần hai" },
          { name: "lan-hai.PNG", bytes: PNG },
        )
      ).status,
    ).toBe(302);
    expect(storedFiles()).toEqual(files);
    const evidence = await app.db
      .selectFrom("task_evidence")
      .select(["file_name", "mime_type", "sha256"])
      .where("task_id", "=", id)
      .orderBy("id")
      .execute();
    expect(evidence.map((e) => e.mime_type)).toEqual(["image/png", "image/png"]);
    expect(evidence[0].sha256).toBe(evidence[1].sha256);
  });

  it("an empty file input is no file: progress without evidence is accepted", async () => {
    const id = await issue();
    const body = form({ intent: "progress", version: "1", progress: "10", note: "Bắt đầu" });
    body.append("evidenceFile", new File([], "", { type: "application/octet-stream" }));
    const response = await staff.request(`/tasks/${id}`, { method: "POST", body });
    expect(response.status).toBe(302);
    expect(await app.db.selectFrom("task_evidence").select("id").where("task_id", "=", id).execute()).toEqual([]);
  });

  it("refuses a disguised file: a .pdf that is really HTML", async () => {
    const id = await issue();
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    const message = await refusedUpload(
      () =>
        upload(staff, id, { intent: "done", version: "1", note: "Xong" }, { name: "bao-cao.pdf", bytes: html, type: "application/pdf" }),
      422,
    );
    expect(message).toContain("Only PDF, Word, Excel, PowerPoint or image (JPG, PNG) files.");
  });

  it("refuses types that are not accepted, and content that does not match the extension", async () => {
    const id = await issue();
    const cases: Array<{ name: string; bytes: Uint8Array }> = [
      { name: "trang.html", bytes: Buffer.from("<html></html>") },
      { name: "setup.exe", bytes: Buffer.from("MZ\x90\x00\x03", "latin1") },
      { name: "anh.svg", bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
      { name: "anh.png", bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) }, // a JPEG named .png
      { name: "bang-tinh.xlsx", bytes: Buffer.from("PK\x03\x04 not an office file", "latin1") },
      { name: "van-ban.docx", bytes: pdf("a pdf named docx") },
      { name: "khong-duoi", bytes: pdf("no extension") },
    ];
    for (const file of cases) {
      await refusedUpload(() => upload(staff, id, { intent: "progress", version: "1", progress: "20", note: file.name }, file), 422);
    }
  });

  it("refuses a file over MAX_UPLOAD_MB with a clear message, keeping nothing", async () => {
    const id = await issue();
    const big = Buffer.concat([pdf("big"), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const message = await refusedUpload(
      () => upload(staff, id, { intent: "done", version: "1", note: "Tệp lớn" }, { name: "lon.pdf", bytes: big }),
      413,
    );
    expect(message).toContain("The file is too large: at most 1 MB.");
  });

  it("stores nothing for someone who may not post progress, or for a stale form", async () => {
    const id = await issue();
    await refusedUpload(
      () =>
        upload(committee, id, { intent: "progress", version: "1", progress: "20", note: "x" }, { name: "a.pdf", bytes: pdf("committee") }),
      403,
    );
    expect((await staff.post(`/tasks/${id}`, { intent: "progress", version: 1, progress: 10, note: "Lần đầu" })).status).toBe(302);
    await refusedUpload(
      () => upload(staff, id, { intent: "progress", version: "1", progress: "20", note: "cũ" }, { name: "b.pdf", bytes: pdf("stale") }),
      409,
    );
    // Completion refused by the model (no note): the file written for it is removed again.
    await refusedUpload(() => upload(staff, id, { intent: "done", version: "2" }, { name: "c.pdf", bytes: pdf("no note") }), 422);
  });

  it("never answers 500 to a broken multipart body", async () => {
    const id = await issue();
    const before = await rows();
    const response = await staff.request(`/tasks/${id}`, {
      method: "POST",
      body: '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nprogress\r\n--xyz', // never closed
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await rows()).toEqual(before);
  });
});

describe("downloading evidence", () => {
  async function withFile(name: string, bytes: Uint8Array) {
    const id = await issue();
    expect(
      (await upload(staff, id, { intent: "progress", version: "1", progress: "50", note: "Minh chứng" }, { name, bytes })).status,
    ).toBe(302);
    const evidence = await app.db.selectFrom("task_evidence").selectAll().where("task_id", "=", id).executeTakeFirstOrThrow();
    return { id, evidence };
  }

  it("returns the same bytes as an attachment, with the stored type, nosniff and the checksum", async () => {
    const bytes = pdf("tai ve");
    const { id, evidence } = await withFile('Kế hoạch số 125 "Hà Nội".pdf', bytes);
    const response = await committee.get(`/tasks/${id}/evidence/${evidence.id}`);
    expect(response.status).toBe(200);
    const body = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(body)).toEqual(bytes);
    expect(sha256(body)).toBe(evidence.sha256);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    // Set by the route itself and by the server for every response: every value says nosniff.
    expect(
      response.headers
        .get("x-content-type-options")!
        .split(/,\s*/)
        .every((v) => v === "nosniff"),
    ).toBe(true);
    expect(response.headers.get("etag")).toBe(`"sha256-${evidence.sha256}"`);
    expect(response.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(evidence.sha256!, "hex").toString("base64")}:`);
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).toContain("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%20125%20H%C3%A0%20N%E1%BB%99i.pdf");
    expect(disposition).toContain('filename="Ke hoach so 125 Ha Noi.pdf"');
  });

  it("sends the signed-out to sign in", async () => {
    const { id, evidence } = await withFile("ban-do.png", PNG);
    const response = await app.client().get(`/tasks/${id}/evidence/${evidence.id}`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("answers 404 for an unknown id, another task's evidence, a link, or a non-numeric id", async () => {
    const { id, evidence } = await withFile("khac.pdf", pdf("other"));
    const other = await issue();
    expect(
      (
        await staff.post(`/tasks/${other}`, {
          intent: "progress",
          version: 1,
          progress: 5,
          note: "Liên kết",
          evidenceUrl: "https://hanoi.gov.vn",
        })
      ).status,
    ).toBe(302);
    const link = await app.db.selectFrom("task_evidence").select("id").where("task_id", "=", other).executeTakeFirstOrThrow();
    for (const p of [
      `/tasks/${other}/evidence/${evidence.id}`,
      `/tasks/${id}/evidence/999999`,
      `/tasks/${other}/evidence/${link.id}`,
      `/tasks/${id}/evidence/abc`,
      `/tasks/${id}/evidence/../../etc/passwd`,
    ]) {
      expect((await staff.get(p)).status, p).toBe(404);
    }
  });

  it("refuses to hand out a stored file whose checksum no longer matches", async () => {
    const { id, evidence } = await withFile("bi-sua.pdf", pdf("tamper me"));
    fs.writeFileSync(path.join(UPLOADS, evidence.storage_key!), pdf("tampered"));
    const response = await staff.get(`/tasks/${id}/evidence/${evidence.id}`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("tampered");
    const logged = takeConsoleCalls().flat().join(" ");
    expect(logged).toContain("fails its SHA-256 check");
  });
});
