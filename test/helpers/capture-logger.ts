import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export interface CapturedLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger whose JSON lines land in `lines` (parsed), so tests can assert what was logged. */
export function captureLogger(): {
  logger: Logger;
  lines: CapturedLine[];
  at(level: 'warn' | 'error'): CapturedLine[];
} {
  const lines: CapturedLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) lines.push(JSON.parse(line) as CapturedLine);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const levels = { warn: 40, error: 50 };
  return { logger, lines, at: (level) => lines.filter((l) => l.level === levels[level]) };
}
