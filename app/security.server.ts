/**
 * Response headers and the cross-site request rule, applied by the HTTP server to every request
 * before Remix sees it (a Remix v2 action cannot be intercepted from entry.server).
 */

export interface SecurityOptions {
  production: boolean;
  /** Public origin when behind a proxy; otherwise the request's Host is the reference. */
  appOrigin?: string;
}

export function securityHeaders(nonce: string, options: SecurityOptions): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    options.production ? "connect-src 'self'" : "connect-src 'self' ws: http://localhost:*",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (options.production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestFacts {
  method: string;
  /**
   * This server's origin as the request reached it: scheme://host[:port] (scheme and host from the
   * trusted proxy's X-Forwarded-Proto / -Host when TRUST_PROXY allows). Unused when APP_ORIGIN is set.
   */
  selfOrigin: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  hasCookie: boolean;
  hasBearer: boolean;
}

/**
 * A state-changing request must come from this site. Browsers send Sec-Fetch-Site or Origin on every
 * POST; a request with neither is refused too, unless it carries only a bearer token (the JSON API,
 * which has no ambient credentials to abuse). Origin is compared whole — scheme, host and port — with
 * APP_ORIGIN, or else with the request's own origin: https://app:4101 is another site than http://app:4101.
 */
export function isCrossSiteWrite(req: RequestFacts, options: SecurityOptions): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
  if (req.hasBearer && !req.hasCookie && !req.origin && !req.secFetchSite) return false;
  if (req.secFetchSite) return req.secFetchSite !== "same-origin";
  if (!req.origin || req.origin === "null") return true;
  try {
    const origin = new URL(req.origin).origin;
    const self = options.appOrigin ?? req.selfOrigin;
    if (!self) return true;
    return origin !== new URL(self).origin;
  } catch {
    return true;
  }
}
