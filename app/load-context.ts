/** What the HTTP server hands every loader and action (see scripts/server.ts). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce of this response's Content-Security-Policy, for Remix's inline scripts. */
    cspNonce: string;
    /** The client's address (from the socket, or X-Forwarded-For when TRUST_PROXY is set). */
    clientIp: string;
  }
}

export {};
