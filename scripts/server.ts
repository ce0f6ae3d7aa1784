/**
 * The HTTP server: Express in front of the Remix build. It adds what Remix v2 cannot do per route:
 * security headers with a CSP nonce, the cross-site write refusal, limits on request bodies (before
 * anything is read), static files with sane caching, and the count of refused requests (401/403, in
 * access_denials) whichever code refused them.
 * `startServer` is also used by the integration tests (port 0, in-process).
 */
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pathToFileURL } from "node:url";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type RequestHandler, type Response as ExpressResponse } from "express";
import type { RefusedRequest } from "../app/entry.server";
import { env, trustProxySetting } from "../app/env.server";
import {
  bodyRule,
  crossSiteResponse,
  isReadableForm,
  needsFormCheck,
  notAFormResponse,
  tooLargeResponse,
  type BodyRule,
} from "../app/request-body.server";
import { isCrossSiteWrite, securityHeaders } from "../app/security.server";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function loadBuild(): Promise<ServerBuild> {
  const file = path.join(ROOT, "build", "index.js");
  return (await import(pathToFileURL(file).href)) as ServerBuild;
}

/** What scripts/server.ts calls in the build's entry module (app/entry.server.tsx) around each request. */
interface RequestHooks {
  runInRequestScope?: <T>(scope: { actorUserId: number | null }, fn: () => T) => T;
  recordRefusedRequest?: (input: RefusedRequest) => Promise<void>;
}

function pathnameOf(url: string): string {
  try {
    return new URL(url, "http://localhost").pathname;
  } catch {
    return "/";
  }
}

export function createApp(build: ServerBuild | (() => Promise<ServerBuild>)) {
  const currentBuild = typeof build === "function" ? build : () => Promise.resolve(build);
  const hooks = async () => (await currentBuild()).entry.module as unknown as RequestHooks;
  const clientIp = (req: express.Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";
  const config = env();
  const production = config.NODE_ENV === "production";
  const securityOptions = { production, appOrigin: config.APP_ORIGIN };
  const app = express();

  app.disable("x-powered-by");
  // Exactly the configured proxies (never "all"): req.ip, req.protocol and the host come from them.
  app.set("trust proxy", trustProxySetting(config.TRUST_PROXY));
  app.use(compression());

  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders(nonce, securityOptions))) res.setHeader(name, value);
    next();
  });

  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static(path.join(ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
  // A missing asset is a plain 404, not the HTML error page (which browsers then refuse as CSS/JS).
  app.use("/build", (_req, res) => void res.status(404).type("text/plain").send("Not found\n"));
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h", index: false }));

  app.use(async (req, res, next) => {
    const authorization = req.get("authorization") ?? "";
    const crossSite = isCrossSiteWrite(
      {
        method: req.method,
        selfOrigin: requestOrigin(req),
        origin: req.get("origin"),
        secFetchSite: req.get("sec-fetch-site"),
        hasCookie: Boolean(req.get("cookie")),
        hasBearer: /^bearer\s/i.test(authorization),
      },
      securityOptions,
    );
    if (!crossSite) return next();
    // Counted by address only: the cookie belongs to a user, but the request came from another site.
    try {
      await (
        await hooks()
      ).recordRefusedRequest?.({
        status: 403,
        method: req.method,
        pathname: pathnameOf(req.originalUrl),
        ip: clientIp(req),
        actorUserId: null,
        crossSite: true,
      });
    } catch (error) {
      return next(error);
    }
    void sendResponse(res, crossSiteResponse(req.path)).catch(next);
  });

  app.use(limitRequestBody({ maxUploadMb: config.MAX_UPLOAD_MB }));

  const handleRequest = createRequestHandler(build, production ? "production" : "development");
  app.all("*", async (req, res, next) => {
    try {
      const h = await hooks();
      const loadContext: AppLoadContext = { cspNonce: res.locals.cspNonce as string, clientIp: clientIp(req) };
      // The app notes the signed-in user in the request's scope, so a refusal is counted against them.
      const scope = { actorUserId: null as number | null };
      const run = h.runInRequestScope ?? (<T>(_scope: unknown, fn: () => T) => fn());
      const response = await run(scope, () => handleRequest(remixRequest(req, res), loadContext));
      // The body limit answered already (413 while an upload streamed in): Remix's answer is moot.
      if (res.locals.bodyRefused || res.headersSent) return;
      if (response.status === 401 || response.status === 403) {
        await h.recordRefusedRequest?.({
          status: response.status,
          method: req.method,
          pathname: pathnameOf(req.originalUrl),
          ip: clientIp(req),
          actorUserId: scope.actorUserId,
        });
      }
      // An action that answered without reading its whole body: the rest is never read, so the
      // connection cannot carry another request.
      if (!req.complete) res.setHeader("Connection", "close");
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  return app;
}

/**
 * This server's origin as the client addressed it: the trusted proxy's X-Forwarded-Proto and
 * X-Forwarded-Host when TRUST_PROXY trusts the peer (Express's own rule), else the socket's scheme
 * and the Host header. Unlike req.hostname it keeps the port.
 */
function requestOrigin(req: ExpressRequest): string | undefined {
  const trust = req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;
  let host = req.get("x-forwarded-host");
  if (!host || !trust(req.socket.remoteAddress, 0)) host = req.get("host");
  else host = host.split(",", 1)[0].trim();
  return host ? `${req.protocol}://${host}` : undefined;
}

/** What the body limit hands on to Remix in res.locals.body. */
type LimitedBody = Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;

class BodyTooLargeError extends Error {}

/**
 * Caps every request body before it is read (see app/request-body.server.ts for the limits). A
 * declared Content-Length over the cap is refused at once, without reading (and without "100
 * Continue"); a body without one is counted as it arrives and cut at the cap. Small bodies are read
 * whole here, so Remix only ever sees a complete one; an upload streams through a counter, so a file
 * is never held twice.
 */
function limitRequestBody(options: { maxUploadMb: number }): RequestHandler {
  return (req, res, next) => {
    const rule = bodyRule({ method: req.method, path: req.path, contentType: req.get("content-type") }, options);
    const refuse = (response: Response) => {
      // Read nothing more: stop the flow; Node closes the connection once the answer is out (Connection: close).
      req.unpipe();
      req.pause();
      if (res.locals.bodyRefused || res.headersSent) return;
      res.locals.bodyRefused = true;
      void sendResponse(res, response).catch(() => req.socket.destroy());
    };
    const tooLarge = (r: BodyRule) => refuse(tooLargeResponse(webRequestHeaders(req), r, options));
    if (!rule) {
      continueIfAsked(req, res);
      return next();
    }
    const declared = req.get("content-length");
    if (declared !== undefined && !(Number(declared) <= rule.limit)) return tooLarge(rule);
    continueIfAsked(req, res);

    if (rule.kind === "upload") {
      res.locals.body = countedStream(req, rule.limit, () => tooLarge(rule)) satisfies LimitedBody;
      return next();
    }
    readWhole(req, rule.limit).then(
      async (body) => {
        if (!body) return tooLarge(rule);
        if (needsFormCheck(req.method, rule.kind) && !(await isReadableForm(req.get("content-type"), body))) {
          return refuse(notAFormResponse(webRequestHeaders(req)));
        }
        res.locals.body = body satisfies LimitedBody;
        next();
      },
      () => req.socket.destroy(), // the client went away mid-body: nobody to answer
    );
  };
}

/** The client waits for "100 Continue" before sending a body (curl does for large ones): send it once accepted. */
function continueIfAsked(req: IncomingMessage, res: ExpressResponse) {
  if (/^100-continue$/i.test(req.headers.expect ?? "") && !res.headersSent) res.writeContinue();
}

/** The whole body, or null as soon as it passes `limit` (then reading stops). */
function readWhole(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onClose = () => {
      cleanup();
      reject(new Error("request closed before its body ended"));
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      req.off("error", onClose);
    };
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onClose);
    req.once("error", onClose);
  });
}

/** The body as a stream that fails, and calls `onOverflow`, once more than `limit` bytes arrive. */
function countedStream(req: IncomingMessage, limit: number, onOverflow: () => void): ReadableStream<Uint8Array> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.byteLength;
      if (size <= limit) return callback(null, chunk);
      onOverflow();
      callback(new BodyTooLargeError(`request body over ${limit} bytes`));
    },
  });
  req.once("close", () => {
    if (!req.complete) counter.destroy(new Error("request closed before its body ended"));
  });
  req.pipe(counter);
  return createReadableStreamFromReadable(counter);
}

/** Headers of the request as a web Request (for the refusals' language cookie). */
function webRequestHeaders(req: ExpressRequest): Request {
  const cookie = req.get("cookie");
  return new Request("http://localhost/", { headers: cookie ? { cookie } : {} });
}

/**
 * The Remix request, as @remix-run/express builds it, but with the body the limit let through
 * (the adapter would read the raw, unlimited request stream).
 */
function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const url = new URL(`${requestOrigin(req) ?? `${req.protocol}://localhost`}${req.originalUrl}`);

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  // Abort loaders and actions once no response can be written any more.
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = (res.locals.body as LimitedBody | undefined) ?? new Uint8Array(new ArrayBuffer(0));
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

/** Writes a web Response (Remix's, or a refusal) to the Node response. */
async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("content-type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** The reminder job and the e-mail sender, from the build's entry module (so they share its database connection). */
function startReminders(build: ServerBuild): { stop: () => void } | null {
  if (env().REMINDERS_IN_SERVER !== "true") return null;
  const start = (build.entry.module as { startReminders?: () => { stop: () => void } }).startReminders;
  return start ? start() : null;
}

export async function startServer(options: { port?: number; build?: ServerBuild; quiet?: boolean } = {}) {
  const build = options.build ?? (await loadBuild());
  const app = createApp(build);
  const port = options.port ?? env().PORT;
  return await new Promise<{ url: string; close: () => Promise<void>; port: number }>((resolve, reject) => {
    const server = app.listen(port, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      const url = `http://localhost:${actualPort}`;
      if (!options.quiet) console.log(`Rõ Việc is serving on ${url}`);
      const reminders = startReminders(build);
      resolve({
        url,
        port: actualPort,
        close: () => {
          reminders?.stop();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
    // Requests with "Expect: 100-continue" go through the app too, which sends "100 Continue" only
    // for a body it will read (Node would otherwise invite every body, even one refused by its length).
    server.on("checkContinue", app);
    server.on("error", reject);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  startServer().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
