import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/** Reads one value of the `source_state` key-value table (null when never set). */
export function getSourceState(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM source_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Writes one value of the `source_state` table (insert or replace), stamped `now`. */
export function setSourceState(db: Db, key: string, value: string, now: Date): void {
  stmt(db, 'INSERT INTO source_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(
    key,
    value,
    iso(now),
  );
}
