/**
 * The HTTP server's limits on request bodies, its answer to bodies that are not forms, and its
 * cross-site refusal: all before Remix reads anything (scripts/server.ts, app/request-body.server.ts).
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type Client, type TestApp } from "../support/app";

const MB = 1024 * 1024;
let app: TestApp;
let admin: Client;

beforeAll(async () => {
  // A small upload limit so "over the limit" is cheap: uploads may be 1 MB + 1 MB of other fields.
  app = await startApp({ env: { MAX_UPLOAD_MB: "1" } });
  admin = await app.signedIn("admin@roviec.demo");
});
afterAll(() => app?.close());

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes of the body the client managed to hand to its socket before the answer came. */
  sent: number;
  /** Whether the server invited the body with "100 Continue". */
  continued: boolean;
  ms: number;
}

/**
 * A POST that keeps sending `chunk` (up to `total` bytes) until the server answers, as an attacker's
 * script would. With `declare`, the full length is announced in Content-Length; otherwise the body is
 * chunked, with no length.
 */
function flood(
  pathname: string,
  options: { total: number; chunk?: Buffer; declare?: boolean; headers?: Record<string, string>; expectContinue?: boolean },
): Promise<RawAnswer> {
  const chunk = options.chunk ?? Buffer.alloc(64 * 1024, "a");
  const url = new URL(pathname, app.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let continued = false;
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
      origin: app.url,
      ...options.headers,
    };
    if (options.declare) headers["content-length"] = String(options.total);
    if (options.expectContinue) headers.expect = "100-continue";
    const req = http.request(url, { method: "POST", headers, agent: false });
    req.on("continue", () => {
      continued = true;
      pump();
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent, continued, ms: performance.now() - started });
        req.destroy();
      });
      res.on("error", reject);
    });
    // The server may close while we are still writing: that is the point, not a failure.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    function pump() {
      while (!answered && sent < options.total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, options.total - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered && sent >= options.total) req.end();
    }
    if (!options.expectContinue) pump();
    else req.flushHeaders();
  });
}

function memory() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers + m.external;
}

describe("request bodies are capped before they are read", () => {
  it("refuses a 200 MB form to /login (signed out) by its Content-Length at once, reading none of it", async () => {
    const audit = () => app.db.selectFrom("audit_events").select("id").execute();
    const auditBefore = await audit();
    const before = memory();
    const answer = await flood("/login", { total: 200 * MB, declare: true });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.headers["content-type"]).toMatch(/^text\/html/);
    expect(answer.body).toContain("Nội dung gửi lên quá lớn: tối đa 64 KB.");
    expect(answer.ms).toBeLessThan(5_000);
    // The client could hand over only what the sockets buffer before the answer and the close.
    expect(answer.sent).toBeLessThan(32 * MB);
    expect(memory() - before).toBeLessThan(20 * MB);
    // Nothing reached the sign-in: no attempt recorded.
    expect(await audit()).toEqual(auditBefore);
  });

  it("does not invite a body it will refuse: no 100 Continue for a declared length over the cap", async () => {
    const answer = await flood("/login", { total: 200 * MB, declare: true, expectContinue: true });
    expect(answer.status).toBe(413);
    expect(answer.continued).toBe(false);
    expect(answer.sent).toBe(0);
    // Within the cap, the body is invited and read.
    const small = await flood("/login", { total: 20, chunk: Buffer.from("email=a%40b.c&pass=x"), declare: true, expectContinue: true });
    expect(small.continued).toBe(true);
    expect(small.status).toBe(400);
  });

  it("cuts a chunked body with no length at the cap, without holding it", async () => {
    const before = memory();
    const answer = await flood("/login", { total: 200 * MB });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("64 KB");
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.sent).toBeLessThan(32 * MB);
    expect(memory() - before).toBeLessThan(20 * MB);
  });

  it("answers in the visitor's language", async () => {
    const answer = await flood("/language", { total: 1 * MB, headers: { cookie: "roviec_lang=en" } });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("The request is too large: at most 64 KB.");
  });

  it("still reads a normal form, and a large one within 64 KB is the action's to judge", async () => {
    const client = app.client();
    const ok = await client.post("/login", { email: "admin@roviec.demo", password: "roviec-demo-2026" });
    expect(ok.status).toBe(302);
    // 60 KB of password: read and refused by the action (400 with the form), not by the server.
    const long = await app.client().post("/login", { email: "admin@roviec.demo", password: "x".repeat(60 * 1024) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("<form");
  });

  it("refuses an upload over MAX_UPLOAD_MB with 413, by length or while it streams, and still takes a normal one", async () => {
    const form = (bytes: Uint8Array<ArrayBuffer>) => {
      const data = new FormData();
      data.set("intent", "upload");
      data.set("file", new Blob([bytes]), "ke-hoach.xlsx");
      return data;
    };
    // Declared length (fetch sends one for a FormData body).
    const big = await admin.request("/tasks/import", { method: "POST", body: form(new Uint8Array(3 * MB)) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("tệp đính kèm tối đa 1 MB");

    // Streamed, no length: the multipart body is counted as it arrives.
    const boundary = "----roviec-test-boundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ke-hoach.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const streamed = await flood("/tasks/import", {
      total: 50 * MB,
      chunk: Buffer.concat([head, Buffer.alloc(64 * 1024 - head.length, 0x20)]),
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        cookie: `roviec_session=${admin.cookies.get("roviec_session")}`,
      },
    });
    expect(streamed.status).toBe(413);
    expect(streamed.sent).toBeLessThan(40 * MB);

    // Under the limit the import reads the file (and says it is not a workbook).
    const small = await admin.request("/tasks/import", { method: "POST", body: form(new TextEncoder().encode("STT,Nội dung\n1,x")) });
    expect(small.status).toBe(422);
    expect(await small.text()).toContain("không phải bảng tính Excel .xlsx");
    // The session still works after the refusals.
    expect((await admin.get("/tasks/import")).status).toBe(200);
  });

  it("answers the API's JSON error over 256 KB, by length or while streaming", async () => {
    const expected = { error: "The body is too large: at most 256 KB.", code: "payload_too_large" };
    const declared = await flood("/api/v1/tasks", {
      total: 300 * 1024,
      declare: true,
      headers: { "content-type": "application/json", authorization: "Bearer x.y" },
    });
    expect(declared.status).toBe(413);
    expect(declared.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(declared.body)).toEqual(expected);
    const streamed = await flood("/api/v1/tasks", {
      total: 10 * MB,
      headers: { "content-type": "application/json", authorization: "Bearer x.y" },
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual(expected);
  });
});

describe("a page POST without a readable form", () => {
  it("answers 400 with a clear message on /logout, /login, /account, /notifications and /language", async () => {
    const user = await app.signedIn("cv.cds@roviec.demo");
    for (const pathname of ["/logout", "/login", "/account", "/notifications", "/language"]) {
      const bodyless = await user.request(pathname, { method: "POST" });
      expect(bodyless.status, pathname).toBe(400);
      expect(await bodyless.text(), pathname).toContain("Yêu cầu không mang nội dung biểu mẫu đọc được.");
      const json = await user.request(pathname, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      expect(json.status, pathname).toBe(400);
      const broken = await user.request(pathname, {
        method: "POST",
        body: "--x\r\nnot a part",
        headers: { "content-type": "multipart/form-data; boundary=x" },
      });
      expect(broken.status, pathname).toBe(400);
    }
    // Still signed in: the bodyless /logout changed nothing.
    expect((await user.get("/account")).status).toBe(200);
    // A real multipart form (as a script might send one) is read as usual.
    const data = new FormData();
    data.set("lang", "en");
    data.set("redirectTo", "/account");
    const multipart = await user.request("/language", { method: "POST", body: data });
    expect(multipart.status).toBe(302);
    expect(multipart.headers.get("location")).toBe("/account");
  });
});

describe("the cross-site check", () => {
  it("compares the scheme and port too: https://host:port is not this http app", async () => {
    const url = new URL(app.url);
    const client = app.client();
    for (const origin of [`https://${url.host}`, `http://${url.hostname}:${Number(url.port) + 1}`]) {
      const refused = await client.post("/language", { lang: "en" }, { origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get("set-cookie"), origin).toBeNull();
    }
    expect((await client.post("/language", { lang: "en" }, { origin: app.url })).status).toBe(302);
  });

  it("refuses on /api/* with the API's JSON error body", async () => {
    const refused = await admin.request("/api/v1/tasks", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
      origin: "https://evil.example",
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await refused.json()).toEqual({ error: expect.stringContaining("Cross-site request refused"), code: "cross_site" });
  });
});
