import { PassThrough, Transform } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { startReminderScheduler } from "~/jobs/reminder-scheduler.server";
import { accessDenialKind, recordAccessDenial, type AccessDenialKind } from "~/models/access-denial.server";
export { runInRequestScope } from "~/auth/request-scope.server";

const ABORT_DELAY = 5_000;

/**
 * Called by scripts/server.ts when REMINDERS_IN_SERVER=true: the reminder job and the e-mail sender
 * run on this build's own database connection (one connection per process, shared with the pages).
 */
export function startReminders(): { stop: () => void } {
  return startReminderScheduler(db());
}

/**
 * Called by scripts/server.ts once a request's answer is known and before it is sent: a 403 (pages and
 * API) or an API 401 is counted in access_denials (one row per day, kind and user or address). The
 * request's own work is over by then, so the count never shares its transaction. Counting must never
 * turn a refusal into an error: a failure is logged and the answer goes out as it was.
 */
export interface RefusedRequest {
  status: number;
  method: string;
  pathname: string;
  ip: string | null;
  actorUserId: number | null;
  /** The server's own refusal of a cross-site write (before the app ran). */
  crossSite?: boolean;
}

export async function recordRefusedRequest(input: RefusedRequest): Promise<void> {
  const kind: AccessDenialKind | null = input.crossSite ? "cross_site" : accessDenialKind(input.status, input.pathname);
  if (!kind) return;
  try {
    await recordAccessDenial(db(), { kind, actorUserId: input.actorUserId, ip: input.ip, method: input.method, path: input.pathname });
  } catch (error) {
    if (env().LOG_LEVEL !== "silent")
      console.error(`Counting a refused request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * React 18.3's stream writer can flush its whole 2 KB buffer when a multi-byte character did not fit
 * at the end, leaving zero bytes in the HTML (react#24985, fixed only in React 19). Vietnamese text
 * hits this constantly. HTML never contains NUL, so dropping them restores the exact document.
 */
export function stripNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) return callback(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const byte of chunk) if (byte !== 0) out[n++] = byte;
      callback(null, out.subarray(0, n));
    },
  });
}

/**
 * Hands React's output on in one piece per burst instead of its 2 KB chunks. Remix's adapter flushes
 * the response after every chunk, and with compression each flush is a zlib job that waits for its own
 * turn of the event loop: under load (the load drill, 24 API clients) a 250 KB task list took 5–37 s
 * to arrive in 121 flushes, against under a second uncompressed. React writes a page whose data is
 * loaded in one synchronous burst, so collecting until the next turn delays nothing.
 */
export function coalesceChunks() {
  let pending: Buffer[] = [];
  let scheduled = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(release);
      }
      callback();
    },
    flush(callback) {
      release();
      callback();
    },
  });
  function release() {
    scheduled = false;
    if (pending.length === 0) return;
    const out = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    stream.push(out);
  }
  return stream;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          const clean = stripNulBytes();
          clean.pipe(coalesceChunks()).pipe(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-store");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(clean);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, Remix's error boundary handles them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Log the message and stack only: never request bodies (passwords) or cookies.
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
}
