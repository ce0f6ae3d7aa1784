import { isIP } from "node:net";
import { z } from "zod";
import { isPostgresUrl } from "#db/connect";

/**
 * Configuration, parsed once at boot. `process.env` is read nowhere else in the app:
 * a bad value stops the server with a message that names the variable.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** A SQLite file path (default) or a postgres:// URL for several app servers on one database. */
  DATABASE_URL: z
    .string()
    .min(1)
    .default("data/roviec.db")
    .refine((v) => isPostgresUrl(v) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith("file:"), {
      message: "must be a SQLite file path (e.g. data/roviec.db) or a postgres:// URL",
    })
    .refine((v) => !isPostgresUrl(v) || isParsableUrl(v), {
      message: "is not a valid URL (e.g. postgres://roviec:secret@db.internal:5432/roviec)",
    }),
  /** Connections per app server to PostgreSQL (ignored for SQLite). servers × pool must stay below max_connections. */
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: "must be a whole number from 1 to 200" })
    .int({ error: "must be a whole number from 1 to 200" })
    .min(1, { error: "must be a whole number from 1 to 200" })
    .max(200, { error: "must be a whole number from 1 to 200" })
    .default(10),
  APP_TZ: z.string().default("Asia/Ho_Chi_Minh").refine(isValidTimeZone, { message: "is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)" }),
  /** Public origin behind a reverse proxy, e.g. https://roviec.hanoi.gov.vn (used by the cross-site check and links in e-mails). */
  APP_ORIGIN: z.url({ message: "must be a URL such as https://roviec.example.gov.vn" }).optional(),
  /** Cookies marked Secure. Defaults to on in production; turn off only for plain-HTTP test networks. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /**
   * Which reverse proxies may set X-Forwarded-For / -Proto / -Host (the client address for throttling
   * and the audit log, the scheme for the cross-site check): "false" (none: the socket's address), a
   * hop count N (the N proxies nearest the server; the address the outermost of them saw is the client),
   * or a comma-separated list of proxy addresses / CIDRs (also "loopback", "linklocal", "uniquelocal").
   * "true" means 1 hop, NOT "trust every hop": trusting all would let a client forge its address.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(isTrustProxySetting, {
      message: 'must be "false", a hop count such as 1, or proxy addresses/CIDRs such as 10.0.0.5, 10.1.0.0/16',
    })
    .default("false"),
  LOG_LEVEL: z.enum(["silent", "error", "info"]).default("info"),
  /** Where evidence files are stored (outside the database), each under its SHA-256. */
  UPLOAD_DIR: z.string().min(1).default("data/uploads"),
  /** Largest evidence file accepted, in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(20),
  /** Day of the month on which each periodic report is cut off (the government reports use the 25th). */
  REPORT_CUTOFF_DAY: z.coerce.number().int().min(1).max(28).default(25),
  /** SMTP server for e-mail, e.g. smtp://user:pass@mail.example.gov.vn:587. Unset: e-mails wait in the outbox, unsent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { message: "must be an smtp:// or smtps:// URL, e.g. smtp://mail.example.gov.vn:587" })
    .optional(),
  /** Sender of every e-mail. */
  MAIL_FROM: z.string().min(3).default("Rõ Việc <no-reply@roviec.local>"),
  /** Daily time of the reminder job, HH:MM in APP_TZ. */
  REMINDER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be a time HH:MM such as 07:00" })
    .default("07:00"),
  /** Run the reminder job and the e-mail sender inside this server ("false" when cron runs `npm run reminders`). */
  REMINDERS_IN_SERVER: z.enum(["true", "false"]).default("true"),
});

function isParsableUrl(v: string) {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

function isTrustProxySetting(value: string): boolean {
  if (/^(false|true|\d{1,2})$/.test(value)) return true;
  const entries = value.split(",").map((e) => e.trim());
  return entries.length > 0 && entries.every(isProxyAddress);
}

/** Express's "trust proxy" value for TRUST_PROXY: false, a hop count, or a list of addresses/CIDRs. */
export function trustProxySetting(value: string): false | number | string[] {
  if (value === "false") return false;
  if (value === "true") return 1;
  if (/^\d+$/.test(value)) return Number(value) || false;
  return value.split(",").map((e) => e.trim());
}

function isValidTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof EnvSchema> & {
  secureCookies: boolean;
  /** "sqlite" or "postgres", from DATABASE_URL. */
  databaseDialect: "sqlite" | "postgres";
  /** The SQLite file (file: prefix removed), or the postgres:// URL as given. */
  databaseUrl: string;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === "true" : env.NODE_ENV === "production",
    databaseDialect: isPostgresUrl(env.DATABASE_URL) ? "postgres" : "sqlite",
    databaseUrl: isPostgresUrl(env.DATABASE_URL) ? env.DATABASE_URL : env.DATABASE_URL.replace(/^file:/, ""),
  };
}

let cached: Env | undefined;

/** The configuration of this process (parsed on first use, which is at boot). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
