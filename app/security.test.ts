import { describe, expect, it } from "vitest";
import { isCrossSiteWrite, securityHeaders } from "./security.server";

const base = { selfOrigin: "http://localhost:3000", hasCookie: true, hasBearer: false, origin: undefined, secFetchSite: undefined };
const opts = { production: true };

describe("isCrossSiteWrite", () => {
  it("lets reads through", () => {
    expect(isCrossSiteWrite({ ...base, method: "GET", origin: "https://evil.example" }, opts)).toBe(false);
  });
  it("accepts a same-origin POST", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "same-origin" }, opts)).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "http://localhost:3000" }, opts)).toBe(false);
  });
  it("refuses a POST from another site or a sibling subdomain", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "cross-site" }, opts)).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "same-site" }, opts)).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "http://evil.example" }, opts)).toBe(true);
  });
  it("refuses a cookie POST that carries neither header, and Origin: null", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST" }, opts)).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "DELETE", origin: "null" }, opts)).toBe(true);
  });
  it("lets a bearer-token API call without cookies through", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", hasCookie: false, hasBearer: true }, opts)).toBe(false);
  });
  it("compares the whole origin: another scheme or port on the same host is another site", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "https://localhost:3000" }, opts)).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "http://localhost:3001" }, opts)).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "http://LOCALHOST:3000" }, opts)).toBe(false);
    // Default ports are the same origin written two ways.
    expect(
      isCrossSiteWrite({ ...base, selfOrigin: "https://roviec.example:443", method: "POST", origin: "https://roviec.example" }, opts),
    ).toBe(false);
    expect(isCrossSiteWrite({ ...base, selfOrigin: undefined, method: "POST", origin: "http://localhost:3000" }, opts)).toBe(true);
  });
  it("compares with APP_ORIGIN behind a proxy", () => {
    const proxied = { production: true, appOrigin: "https://roviec.hanoi.gov.vn" };
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "https://roviec.hanoi.gov.vn" }, proxied)).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "http://roviec.hanoi.gov.vn" }, proxied)).toBe(true);
  });
});

describe("securityHeaders", () => {
  it("sends a nonce CSP that forbids framing, and HSTS only in production", () => {
    const h = securityHeaders("abc", { production: true });
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc'");
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Strict-Transport-Security"]).toBeDefined();
    expect(securityHeaders("abc", { production: false })["Strict-Transport-Security"]).toBeUndefined();
  });
});
