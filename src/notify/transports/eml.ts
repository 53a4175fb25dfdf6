import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { OutgoingMessage } from '../types.js';
import { toMailOptions } from './smtp.js';
import type { SendHooks, SendOutcome, Transport } from './types.js';

/**
 * The file name of a message: its Message-ID made safe, so sending the same delivery again
 * (after a crash) rewrites the same file instead of adding a second one.
 */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`;
}

/**
 * Writes each message as an RFC 5322 `.eml` file under `dir` (what regwatch does with no SMTP
 * configured): any mail client opens it. Written to a temporary name and renamed, so a reader
 * never sees half a message.
 */
export function createEmlTransport(dir: string): Transport {
  const root = resolve(dir);
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'crlf',
  });
  return {
    name: 'eml',
    describe: () => `.eml files in ${root}`,
    async send(message: OutgoingMessage, hooks: SendHooks = {}): Promise<SendOutcome> {
      const info = (await builder.sendMail(toMailOptions(message))) as unknown as {
        message: Buffer;
      };
      hooks.onDataStart?.();
      try {
        mkdirSync(root, { recursive: true });
        const file = join(root, emlFileName(message.messageId));
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, info.message);
        renameSync(tmp, file);
        return { status: 'sent', response: `written ${file}` };
      } catch (err) {
        // A full disk or a read-only directory can be fixed by the operator: retry later. The
        // file is renamed into place whole, so a failed write never reached a reader.
        const reason = `cannot write the .eml file in ${root}: ${(err as Error).message}`;
        return {
          status: 'transient',
          reason,
          cause: 'file',
          unreachable: false,
          mayHaveReached: false,
          responseCode: null,
        };
      }
    },
    close: () => undefined,
  };
}
