/**
 * An integration-test app: the real production build behind the real Express server, on its own
 * copy of the migrated demo database, on a random port. One per test file (each file runs in its
 * own process), started with `await startApp()` in beforeAll.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { createDb } from "../../db/connect";
import type { Database } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed";
import { TEMPLATE_DB, TMP } from "./paths";
import { PG_ADMIN_URL, databaseFromTemplate } from "./pg";

export interface TestApp {
  url: string;
  /** A direct connection to the app's database, for arranging and checking rows. */
  db: Kysely<Database>;
  /** The app's DATABASE_URL: its SQLite file, or its own PostgreSQL database. */
  dbUrl: string;
  /** The SQLite file (SQLite runs only; empty on PostgreSQL). */
  dbFile: string;
  dialect: "sqlite" | "postgres";
  close(): Promise<void>;
  client(): Client;
  /** A client already signed in as a demo user. */
  signedIn(email: string, password?: string): Promise<Client>;
}

export async function startApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const dir = path.join(TMP, `app-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  let dbUrl: string;
  let dropDatabase = async () => {};
  if (PG_ADMIN_URL) {
    const created = await databaseFromTemplate();
    dbUrl = created.url;
    dropDatabase = created.drop;
  } else {
    dbUrl = path.join(dir, "roviec.db");
    fs.copyFileSync(TEMPLATE_DB, dbUrl);
  }

  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    SECURE_COOKIES: "false",
    LOG_LEVEL: "silent",
    // The reminder scheduler stays off unless a test asks for it.
    REMINDERS_IN_SERVER: "false",
    ...options.env,
  });
  const { startServer } = await import("../../scripts/server");
  const server = await startServer({ port: 0, quiet: true });
  const { db, dialect } = createDb(dbUrl, { poolSize: 4 });

  const app: TestApp = {
    url: server.url,
    db,
    dbUrl,
    dbFile: dialect === "sqlite" ? dbUrl : "",
    dialect,
    async close() {
      await server.close();
      await db.destroy();
      await dropDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    client: () => new Client(server.url),
    async signedIn(email, password = DEMO_PASSWORD) {
      const c = new Client(server.url);
      await c.signIn(email, password);
      return c;
    },
  };
  return app;
}

export type FormBody = Record<string, string | number | boolean | null | undefined | string[]>;

/** A cookie-keeping HTTP client that behaves like a same-origin browser form post by default. */
export class Client {
  cookies = new Map<string, string>();
  constructor(public baseUrl: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(pathname: string, init: RequestInit & { origin?: string | null } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has("cookie")) headers.set("cookie", this.cookieHeader());
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && init.origin !== null && !headers.has("origin")) {
      headers.set("origin", init.origin ?? this.baseUrl);
    }
    const response = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    this.keepCookies(response);
    return response;
  }

  get(pathname: string, init: RequestInit = {}) {
    return this.request(pathname, init);
  }

  /** GET and return the body text, following redirects is left to the caller (status is in `.status`). */
  async page(pathname: string) {
    const response = await this.get(pathname);
    return { status: response.status, location: response.headers.get("location"), html: await response.text() };
  }

  post(pathname: string, body: FormBody, init: RequestInit & { origin?: string | null } = {}) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) form.append(key, v);
      else form.append(key, String(value));
    }
    return this.request(pathname, {
      ...init,
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded", ...(init.headers as Record<string, string>) },
    });
  }

  async signIn(email: string, password: string) {
    const response = await this.post("/login", { email, password, redirectTo: "/" });
    if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
    return response;
  }
}

/** Rows of a table, for "nothing changed" checks. */
export async function snapshot(db: Kysely<Database>, tables: Array<keyof Database>) {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await db.selectFrom(t).selectAll().execute();
  return out;
}
