import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { DeliveryError, TransportConfigError } from '../errors.js';
import type { OutgoingMessage } from '../types.js';
import { redactSecrets } from './redact.js';
import type { SendResult, Transport } from './types.js';

/** The parsed REGWATCH_SMTP_URL, and the secrets to keep out of every message. */
export interface SmtpSettings {
  options: SMTPTransport.Options;
  /** "smtp://host:port (TLS required)", no user, no password. */
  description: string;
  secrets: string[];
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost']);

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain SMTP may go to without being asked. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Reads `smtp://user:pass@host:587` or `smtps://...:465`. TLS is required (STARTTLS on smtp://,
 * implicit on smtps://) unless the host is a loopback address or the URL says
 * `?requireTLS=false` explicitly: a password must not cross a network in clear text by accident.
 * @throws TransportConfigError naming what is wrong (never echoing the URL, which holds the password).
 */
export function parseSmtpUrl(raw: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TransportConfigError('REGWATCH_SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465');
  }
  const secrets = [url.password, decodeURIComponentSafe(url.password)].filter((s) => s.length > 0);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new TransportConfigError(`REGWATCH_SMTP_URL: scheme "${url.protocol.replace(/:$/, '')}" is not supported; use smtp:// (STARTTLS) or smtps:// (TLS)`);
  }
  if (!url.hostname) throw new TransportConfigError('REGWATCH_SMTP_URL: no host; expected smtp://user:password@host:587');
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const known = new Set(['requireTLS']);
  for (const key of url.searchParams.keys()) {
    if (!known.has(key)) throw new TransportConfigError(`REGWATCH_SMTP_URL: unknown parameter "${key}"; the only one read is requireTLS=false`);
  }
  const flag = url.searchParams.get('requireTLS');
  if (flag !== null && flag !== 'true' && flag !== 'false') throw new TransportConfigError('REGWATCH_SMTP_URL: requireTLS must be true or false');
  const loopback = isLoopbackHost(url.hostname);
  const requireTLS = !secure && (flag === null ? !loopback : flag === 'true');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const options: SMTPTransport.Options = {
    host,
    port,
    secure,
    requireTLS,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    ...(url.username ? { auth: { user: decodeURIComponentSafe(url.username), pass: decodeURIComponentSafe(url.password) } } : {}),
  };
  const tls = secure ? 'TLS' : requireTLS ? 'STARTTLS required' : loopback && flag === null ? 'loopback, TLS optional' : 'TLS optional (requireTLS=false)';
  return { options, description: `${url.protocol}//${host.includes(':') ? `[${host}]` : host}:${port} (${tls})`, secrets };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface SmtpLikeError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  rejected?: string[];
}

/**
 * One place decides what is transient. Permanent means the server refused this recipient or
 * this message (5xx at RCPT TO or after DATA): retrying cannot help. A 5xx at AUTH or MAIL FROM
 * is our configuration's fault and would fail every message alike, so it is retried (and
 * visible in `status`) until the operator fixes it, rather than killing every delivery.
 */
export function classifySmtpError(err: unknown, secrets: string[]): DeliveryError {
  const e = err as SmtpLikeError;
  const code = typeof e?.responseCode === 'number' ? e.responseCode : null;
  const command = (e?.command ?? '').toUpperCase();
  const perRecipient = command.startsWith('RCPT') || command.includes('DATA');
  const permanent = code !== null && code >= 500 && code < 600 && perRecipient && e?.code !== 'EAUTH';
  const what = [e?.code, code, command].filter((x) => x !== undefined && x !== null && x !== '').join(' ');
  const message = redactSecrets(`${what ? `${what}: ` : ''}${e?.message ?? String(err)}`, secrets);
  return new DeliveryError(message, !permanent, code);
}

/** SMTP through nodemailer, one connection per message (a drain sends a handful at a time). */
export function createSmtpTransport(settings: SmtpSettings): Transport {
  const transporter = nodemailer.createTransport(settings.options);
  return {
    name: 'smtp',
    describe: () => settings.description,
    async send(message: OutgoingMessage): Promise<SendResult> {
      try {
        const info = await transporter.sendMail(toMailOptions(message));
        const rejected = (info.rejected ?? []).map(String);
        const errors = ((info as { rejectedErrors?: SmtpLikeError[] }).rejectedErrors ?? []);
        const permanent = rejected.length > 0 && errors.length > 0 && errors.every((r) => typeof r.responseCode === 'number' && r.responseCode >= 500);
        return { accepted: (info.accepted ?? []).map(String), rejected, permanent, response: redactSecrets(String(info.response ?? ''), settings.secrets) };
      } catch (err) {
        throw classifySmtpError(err, settings.secrets);
      }
    },
    close: () => transporter.close(),
  };
}

/** nodemailer's options for a message; shared with the .eml writer so both produce the same bytes. */
export function toMailOptions(m: OutgoingMessage): nodemailer.SendMailOptions {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    date: m.date,
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
    ...(m.references.length ? { references: m.references } : {}),
    headers: m.headers,
    attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  };
}
