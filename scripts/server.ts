/**
 * The HTTP server: Express in front of the Remix build. It adds what Remix v2 cannot do per route:
 * security headers with a CSP nonce, the cross-site write refusal, static files with sane caching, and
 * the count of refused requests (401/403, in access_denials) whichever code refused them.
 * `startServer` is also used by the integration tests (port 0, in-process).
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
// The adapter's own request/response converters (exported by its server module, not its index).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isCrossSiteWrite, securityHeaders } from "../app/security.server";
import { env } from "../app/env.server";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function loadBuild(): Promise<ServerBuild> {
  const file = path.join(ROOT, "build", "index.js");
  return (await import(pathToFileURL(file).href)) as ServerBuild;
}

/** What scripts/server.ts calls in the build's entry module (app/entry.server.tsx) around each request. */
interface RequestHooks {
  runInRequestScope?: <T>(scope: { actorUserId: number | null }, fn: () => T) => T;
  recordRefusedRequest?: (input: {
    status: number;
    method: string;
    pathname: string;
    ip: string | null;
    actorUserId: number | null;
    crossSite?: boolean;
  }) => Promise<void>;
}

function pathnameOf(url: string): string {
  try {
    return new URL(url, "http://localhost").pathname;
  } catch {
    return "/";
  }
}

export function createApp(build: ServerBuild | (() => Promise<ServerBuild>)) {
  const config = env();
  const currentBuild = typeof build === "function" ? build : () => Promise.resolve(build);
  const hooks = async () => (await currentBuild()).entry.module as unknown as RequestHooks;
  const clientIp = (req: express.Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";
  const production = config.NODE_ENV === "production";
  const securityOptions = { production, appOrigin: config.APP_ORIGIN };
  const app = express();

  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY === "true" ? true : config.TRUST_PROXY === "false" ? false : Number(config.TRUST_PROXY));
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
        host: req.get("host"),
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
      await (await hooks()).recordRefusedRequest?.({ status: 403, method: req.method, pathname: pathnameOf(req.originalUrl), ip: clientIp(req), actorUserId: null, crossSite: true });
    } catch (error) {
      return next(error);
    }
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("403 — Yêu cầu từ trang khác bị từ chối. / Cross-site request refused.\n");
  });

  // Remix's Express adapter, spelled out so that the answer can be looked at before it is sent: a
  // refusal (401/403) is counted, against the user the request was signed in as (noted in the request's
  // scope by the app), after the request's own work and before the answer leaves.
  const handleRemix = createRequestHandler(build, production ? "production" : "development");
  app.all("*", async (req, res, next) => {
    try {
      const h = await hooks();
      const request = createRemixRequest(req, res);
      const loadContext: AppLoadContext = { cspNonce: res.locals.cspNonce as string, clientIp: clientIp(req) };
      const scope = { actorUserId: null as number | null };
      const run = h.runInRequestScope ?? (<T>(_scope: unknown, fn: () => T) => fn());
      const response = await run(scope, () => handleRemix(request, loadContext));
      if (response.status === 401 || response.status === 403) {
        await h.recordRefusedRequest?.({ status: response.status, method: req.method, pathname: pathnameOf(req.originalUrl), ip: clientIp(req), actorUserId: scope.actorUserId });
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  return app;
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
    server.on("error", reject);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  startServer().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
