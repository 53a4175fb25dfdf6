import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** A message the test server accepted (or held), parsed with mailparser. */
export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  messageId: string;
}

export interface TestSmtpOptions {
  /** Port to listen on (0: any); pass the old port to bring a stopped server back. */
  port?: number;
  /** RCPT TO answers: return an SMTP code (550...) to refuse an address. */
  refuseRcpt?: (address: string) => { code: number; message: string } | null;
  /**
   * Require AUTH with these credentials. `echoPassword`: a careless server that repeats the
   * password it was sent in its 535 reply (so a test can prove the sender never prints it).
   */
  auth?: { user: string; pass: string; echoPassword?: boolean };
  /** Called with each message once its data is read; return a promise to hold the reply (a slow server). */
  beforeReply?: (mail: ReceivedMail, index: number) => Promise<void> | void;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1: no STARTTLS (loopback, as the
 * sender allows), every message parsed with mailparser and kept in `messages`.
 */
export interface TestSmtp {
  port: number;
  messages: ReceivedMail[];
  /** Messages whose data arrived, whether or not the server answered 250 (a held message counts). */
  dataReceived: ReceivedMail[];
  url(credentials?: string): string;
  close(): Promise<void>;
}

export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const dataReceived: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (
        options.auth &&
        auth.username === options.auth.user &&
        auth.password === options.auth.pass
      )
        return callback(null, { user: auth.username });
      const err = new Error(
        `Authentication failed${options.auth?.echoPassword ? ` for ${auth.username} with password ${auth.password}` : ''}`,
      ) as Error & { responseCode: number };
      err.responseCode = 535;
      return callback(err);
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRcpt?.(address.address);
      if (refusal) {
        const err = new Error(refusal.message) as Error & { responseCode: number };
        err.responseCode = refusal.code;
        return callback(err);
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then(async (parsed) => {
          const mail: ReceivedMail = {
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
            messageId: parsed.messageId ?? '',
          };
          dataReceived.push(mail);
          try {
            await options.beforeReply?.(mail, dataReceived.length - 1);
          } catch (err) {
            return callback(err as Error);
          }
          messages.push(mail);
          callback(null, 'Queued');
        });
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    dataReceived,
    url: (credentials?: string) =>
      `smtp://${credentials ? `${credentials}@` : ''}127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port that refuses connections: opened by a server that is closed again at once. */
export async function refusedPort(): Promise<number> {
  const s = await startSmtpServer();
  await s.close();
  return s.port;
}
