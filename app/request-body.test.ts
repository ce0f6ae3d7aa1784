import { describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT, bodyRule, crossSiteResponse, isReadableForm, tooLargeResponse } from "./request-body.server";

const MB = 1024 * 1024;
const options = { maxUploadMb: 20 };
const rule = (method: string, path: string, contentType?: string) => bodyRule({ method, path, contentType }, options);

describe("bodyRule", () => {
  it("gives the API its 256 KB whatever the content type, and reads nothing of a GET", () => {
    expect(rule("POST", "/api/v1/tasks", "application/json")).toEqual({ kind: "api", limit: 256 * 1024 });
    expect(rule("PATCH", "/API/v1/tasks/1", "multipart/form-data; boundary=x")).toEqual({ kind: "api", limit: 256 * 1024 });
    expect(rule("GET", "/login")).toBeNull();
    expect(rule("HEAD", "/api/v1/tasks")).toBeNull();
  });
  it("gives MAX_UPLOAD_MB + 1 MB only to multipart bodies on the routes that take files", () => {
    const upload = { kind: "upload", limit: 21 * MB };
    expect(rule("POST", "/tasks/12", "multipart/form-data; boundary=x")).toEqual(upload);
    expect(rule("POST", "/tasks/import", "Multipart/Form-Data; boundary=x")).toEqual(upload);
    expect(rule("POST", "/tasks/12", "application/x-www-form-urlencoded")).toEqual({ kind: "form", limit: FORM_BODY_LIMIT });
    for (const path of ["/login", "/tasks/new", "/tasks/12/edit", "/account", "/tasks/0"]) {
      expect(rule("POST", path, "multipart/form-data; boundary=x"), path).toEqual({ kind: "form", limit: 64 * 1024 });
    }
  });
});

describe("isReadableForm", () => {
  const bytes = (text: string) => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
  it("reads url-encoded and well-formed multipart bodies, nothing else", async () => {
    expect(await isReadableForm("application/x-www-form-urlencoded", bytes(""))).toBe(true);
    expect(
      await isReadableForm(
        "multipart/form-data; boundary=x",
        bytes('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'),
      ),
    ).toBe(true);
    expect(await isReadableForm("multipart/form-data; boundary=x", bytes("--x\r\nbroken"))).toBe(false);
    expect(await isReadableForm("multipart/form-data", bytes(""))).toBe(false);
    expect(await isReadableForm(undefined, bytes(""))).toBe(false);
    expect(await isReadableForm("application/json", bytes("{}"))).toBe(false);
  });
});

describe("refusals", () => {
  const request = (cookie?: string) => new Request("http://localhost/", { headers: cookie ? { cookie } : {} });
  it("answers the API in its JSON error shape and pages in the visitor's language, closing the connection", async () => {
    const api = tooLargeResponse(request(), { kind: "api", limit: 256 * 1024 }, options);
    expect(api.status).toBe(413);
    expect(api.headers.get("connection")).toBe("close");
    expect(await api.json()).toEqual({ error: "The body is too large: at most 256 KB.", code: "payload_too_large" });
    const page = tooLargeResponse(request("roviec_lang=en"), { kind: "upload", limit: 21 * MB }, options);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("attached files of at most 20 MB");
    expect(await tooLargeResponse(request(), { kind: "form", limit: FORM_BODY_LIMIT }, options).text()).toContain("tối đa 64 KB");
  });
  it("refuses a cross-site write on the API in JSON, on pages in plain text", async () => {
    const api = crossSiteResponse("/api/v1/tasks");
    expect(api.status).toBe(403);
    expect((await api.json()).code).toBe("cross_site");
    expect(crossSiteResponse("/language").headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });
});
