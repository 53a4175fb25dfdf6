import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { TransportConfigError } from '../errors.js';
import type { OutgoingMessage } from '../types.js';
import { redactSecrets } from './redact.js';
import type { FailureCause, SendHooks, SendOutcome, Transport } from './types.js';

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
    throw new TransportConfigError(
      'REGWATCH_SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465',
    );
  }
  const secrets = [url.password, decodeURIComponentSafe(url.password)].filter((s) => s.length > 0);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new TransportConfigError(
      `REGWATCH_SMTP_URL: scheme "${url.protocol.replace(/:$/, '')}" is not supported; use smtp:// (STARTTLS) or smtps:// (TLS)`,
    );
  }
  if (!url.hostname)
    throw new TransportConfigError(
      'REGWATCH_SMTP_URL: no host; expected smtp://user:password@host:587',
    );
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const known = new Set(['requireTLS']);
  for (const key of url.searchParams.keys()) {
    if (!known.has(key))
      throw new TransportConfigError(
        `REGWATCH_SMTP_URL: unknown parameter "${key}"; the only one read is requireTLS=false`,
      );
  }
  const flag = url.searchParams.get('requireTLS');
  if (flag !== null && flag !== 'true' && flag !== 'false')
    throw new TransportConfigError('REGWATCH_SMTP_URL: requireTLS must be true or false');
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
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponentSafe(url.username),
            pass: decodeURIComponentSafe(url.password),
          },
        }
      : {}),
  };
  const tls = secure
    ? 'TLS'
    : requireTLS
      ? 'STARTTLS required'
      : loopback && flag === null
        ? 'loopback, TLS optional'
        : 'TLS optional (requireTLS=false)';
  return {
    options,
    description: `${url.protocol}//${host.includes(':') ? `[${host}]` : host}:${port} (${tls})`,
    secrets,
  };
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

/** The cause of a failure in one word, from nodemailer's error code and the socket's. */
export function failureCause(e: SmtpLikeError | undefined): FailureCause {
  const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
  if (e?.code === 'EAUTH') return 'auth';
  if (typeof e?.responseCode === 'number') return 'reply';
  if (/ECONNREFUSED/.test(text)) return 'refused';
  if (/ENOTFOUND|EAI_AGAIN|EDNS/.test(text)) return 'dns';
  if (/ETIMEDOUT|timeout|Greeting never received/i.test(text)) return 'timeout';
  if (/ETLS|TLS|SSL|certificate/i.test(text)) return 'tls';
  if (/ECONNRESET|EPIPE|ECONNECTION|ESOCKET|closed/i.test(text)) return 'reset';
  return 'other';
}

/**
 * One place decides what is transient. Permanent means the server refused this recipient or
 * this message (5xx at RCPT TO or after DATA): retrying cannot help. A 5xx at AUTH or MAIL FROM
 * is our configuration's fault and would fail every message alike, so it is retried (and
 * visible in `status`) until the operator fixes it, rather than killing every delivery.
 * `dataStarted`: the message data had begun to flow, so a failure without a reply may have
 * delivered it.
 */
export function classifySmtpError(
  err: unknown,
  secrets: string[],
  dataStarted = false,
): Exclude<SendOutcome, { status: 'sent' }> {
  const e = err as SmtpLikeError | undefined;
  const code = typeof e?.responseCode === 'number' ? e.responseCode : null;
  const command = (e?.command ?? '').toUpperCase();
  const perRecipient = command.startsWith('RCPT') || command.includes('DATA');
  const permanent =
    code !== null && code >= 500 && code < 600 && perRecipient && e?.code !== 'EAUTH';
  const what = [code, command].filter((x) => x !== undefined && x !== null && x !== '').join(' ');
  const detail = (e?.message ?? String(err)).split('\n')[0]!;
  const reason = redactSecrets(`${what ? `${what}: ` : ''}${detail}`, secrets);
  const cause = failureCause(e);
  if (permanent) return { status: 'permanent', reason, cause, responseCode: code };
  const unreachable =
    code === null && ['refused', 'dns', 'timeout', 'tls', 'reset'].includes(cause) && !dataStarted;
  return {
    status: 'transient',
    reason,
    cause,
    unreachable,
    mayHaveReached: dataStarted && code === null,
    responseCode: code,
  };
}

/**
 * Runs `step` against the connection and settles on its callback, or on the first error or
 * close of the connection (nodemailer reports a dropped connection as an event, not through
 * the callback).
 */
function onConnection<T>(
  conn: SMTPConnection,
  step: (done: (err: Error | null | undefined, value?: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = (err: Error) => reject(err);
    const closed = () => {
      reject(
        Object.assign(new Error('connection closed before the server answered'), {
          code: 'ECONNECTION',
        }),
      );
    };
    conn.once('error', fail);
    conn.once('end', closed);
    step((err, value) => {
      conn.off('error', fail);
      conn.off('end', closed);
      if (err) reject(err);
      else resolve(value as T);
    });
  });
}

/** A connection to the server, greeted (EHLO) and logged in when the URL names a user. */
async function openConnection(settings: SmtpSettings): Promise<SMTPConnection> {
  const o = settings.options;
  const conn = new SMTPConnection({
    host: o.host,
    port: o.port,
    secure: o.secure,
    requireTLS: o.requireTLS,
    connectionTimeout: o.connectionTimeout,
    greetingTimeout: o.greetingTimeout,
    socketTimeout: o.socketTimeout,
  });
  // Errors are taken by onConnection; a late one (after close) must not crash the process.
  conn.on('error', () => undefined);
  try {
    await onConnection<void>(conn, (done) => conn.connect((err) => done(err)));
    if (o.auth)
      await onConnection<void>(conn, (done) =>
        conn.login(o.auth as SMTPConnection.Credentials, (err) => done(err)),
      );
    return conn;
  } catch (err) {
    conn.close();
    throw err;
  }
}

/**
 * SMTP through nodemailer's connection, one connection per message (a drain sends a handful
 * at a time). The message is built first; `onDataStart` fires when the server has said 354 to
 * DATA, just before the first byte of the message is written.
 */
export function createSmtpTransport(settings: SmtpSettings): Transport {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'crlf',
  });
  return {
    name: 'smtp',
    describe: () => settings.description,
    async send(message: OutgoingMessage, hooks: SendHooks = {}): Promise<SendOutcome> {
      type Built = { message: Buffer; envelope: { from: string; to: string[] } };
      const built = (await builder.sendMail(toMailOptions(message))) as unknown as Built;
      let dataStarted = false;
      const body = new Readable({
        read() {
          if (dataStarted) return;
          dataStarted = true;
          try {
            hooks.onDataStart?.();
          } catch (err) {
            this.destroy(err as Error);
            return;
          }
          this.push(built.message);
          this.push(null);
        },
      });
      let conn: SMTPConnection | null = null;
      try {
        conn = await openConnection(settings);
        const c = conn;
        const envelope = { from: built.envelope.from, to: built.envelope.to };
        const info = await onConnection<SMTPConnection.SentMessageInfo>(c, (done) =>
          c.send(envelope, body, (err, i) => done(err, i)),
        );
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length > 0) {
          const errors = (info as { rejectedErrors?: SmtpLikeError[] }).rejectedErrors ?? [];
          const refusal =
            errors[0] ??
            Object.assign(new Error(`recipient refused: ${rejected.join(', ')}`), {
              command: 'RCPT TO',
            });
          return classifySmtpError(refusal, settings.secrets);
        }
        return {
          status: 'sent',
          response: redactSecrets(String(info.response ?? ''), settings.secrets),
        };
      } catch (err) {
        return classifySmtpError(err, settings.secrets, dataStarted);
      } finally {
        conn?.quit();
        conn?.close();
      }
    },
    async probe() {
      try {
        const conn = await openConnection(settings);
        conn.quit();
        conn.close();
        return { ok: true as const };
      } catch (err) {
        const o = classifySmtpError(err, settings.secrets);
        return { ok: false as const, reason: o.reason, cause: o.cause };
      }
    },
    close: () => undefined,
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
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}
