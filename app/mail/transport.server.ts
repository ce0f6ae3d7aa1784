/**
 * The SMTP transport (nodemailer) built from SMTP_URL. Without SMTP_URL there is no transport and
 * e-mails wait in the outbox, unsent, where the admin can read them.
 */
import nodemailer from "nodemailer";

/** What the outbox sender needs from a transport (a nodemailer transporter fits). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers?: Record<string, string>;
  }): Promise<{ messageId?: string }>;
  close?(): void;
}

let configured: { url: string; transport: MailTransport } | undefined;

/** This process's transport from SMTP_URL (one pooled connection set), or null when e-mail is not configured. */
export function configuredTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null;
  if (configured?.url !== smtpUrl) {
    configured?.transport.close?.();
    configured = { url: smtpUrl, transport: createSmtpTransport(smtpUrl) };
  }
  return configured.transport;
}

export function closeConfiguredTransport() {
  configured?.transport.close?.();
  configured = undefined;
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    // A dead server must not hold the sender for minutes: the row is retried later anyway.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/**
 * An error as it may be stored and shown to the admin: no SMTP URL, user name or password in it.
 * Nodemailer's messages carry the server's reply and the error code, which is what the admin needs.
 */
export function describeSendError(error: unknown, smtpUrl?: string): string {
  const e = error as { code?: string; responseCode?: number; message?: string } | undefined;
  let message = (e?.message ?? String(error)).replace(/smtps?:\/\/\S+/gi, "smtp://…");
  if (smtpUrl) {
    try {
      const url = new URL(smtpUrl);
      for (const secret of [url.password, decodeURIComponent(url.password), url.username, decodeURIComponent(url.username)]) {
        if (secret && secret.length >= 3) message = message.split(secret).join("…");
      }
    } catch {
      // An unparsable URL was refused by the configuration already.
    }
  }
  const code = [e?.code, e?.responseCode].filter(Boolean).join(" ");
  const text = (code && !message.includes(String(e?.code)) ? `${code}: ${message}` : message).replace(/\s+/g, " ").trim();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
