import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/** A named fact a source keeps between runs (`source_state`), or null when never set. */
export function getState(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM source_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Sets a named fact; part of whatever transaction is open. */
export function setState(db: Db, key: string, value: string, now: Date): void {
  stmt(db, 'INSERT INTO source_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, value, iso(now));
}
