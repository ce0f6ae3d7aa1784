/**
 * TRUST_PROXY=true, which means one reverse proxy in front (1 hop), as TRUST_PROXY=1 does (the hop
 * counts and address lists are checked against Express in app/env.server.test.ts). The client address for throttling and the audit log is
 * the one that proxy saw (the last X-Forwarded-For entry), never what the client wrote in front of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app";

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { TRUST_PROXY: "true" } });
});
afterAll(() => app?.close());

describe("TRUST_PROXY=true trusts one hop, not every hop", () => {
  it("records the address the one proxy saw, not the one the client forged", async () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it saw, 1.2.3.4.
    const response = await app
      .client()
      .post("/login", { email: "admin@roviec.demo", password: "wrong-password" }, { headers: { "x-forwarded-for": "6.6.6.6, 1.2.3.4" } });
    expect(response.status).toBe(401);
    const failed = await app.db.selectFrom("audit_events").select(["ip"]).where("action", "=", "auth.sign_in_failed").execute();
    expect(failed.map((e) => e.ip)).toEqual(["1.2.3.4"]);
  });

  it("takes the scheme from the trusted proxy for the cross-site check", async () => {
    const url = new URL(app.url);
    const client = app.client();
    // Behind a TLS proxy the browser's origin is https://host, and the proxy says so.
    const proxied = await client.post(
      "/language",
      { lang: "en" },
      { origin: `https://${url.host}`, headers: { "x-forwarded-proto": "https" } },
    );
    expect(proxied.status).toBe(302);
    expect((await client.post("/language", { lang: "en" }, { origin: `https://${url.host}` })).status).toBe(403);
  });
});
