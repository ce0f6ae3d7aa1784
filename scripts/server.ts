/**
 * The HTTP server: Express in front of the Remix build. It adds what Remix v2 cannot do per route:
 * security headers with a CSP nonce, the cross-site write refusal, static files with sane caching.
 * `startServer` is also used by the integration tests (port 0, in-process).
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isCrossSiteWrite, securityHeaders } from "../app/security.server";
import { env } from "../app/env.server";

const ROOT = path.resolve(import.meta.dirname, "..");

export async function loadBuild(): Promise<ServerBuild> {
  const file = path.join(ROOT, "build", "index.js");
  return (await import(pathToFileURL(file).href)) as ServerBuild;
}

export function createApp(build: ServerBuild | (() => Promise<ServerBuild>)) {
  const config = env();
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

  app.use((req, res, next) => {
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
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("403 — Yêu cầu từ trang khác bị từ chối. / Cross-site request refused.\n");
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
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
