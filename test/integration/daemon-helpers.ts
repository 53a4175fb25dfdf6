import { join } from 'node:path';
import pino from 'pino';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';

/** A migrated database in a real file under `dir`. */
export function openTestDb(dir: string): Db {
  const db = openDatabase(join(dir, 'regwatch.db'));
  migrate(db);
  return db;
}

/** A real pino logger whose JSON lines are kept in `lines` (parsed) and `text` (raw), so tests read what an operator would. */
export function captureLogger(): {
  logger: pino.Logger;
  lines: Record<string, unknown>[];
  text: () => string;
} {
  const raw: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void raw.push(s) });
  return {
    logger,
    get lines() {
      return raw.map((s) => JSON.parse(s) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
