import type { PauseStore } from '../http/types.js';
import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/** Reads one value of the `source_state` key-value table (null when never set). */
export function getSourceState(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM source_state WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

/** Writes one value of the `source_state` table (insert or replace), stamped `now`. */
export function setSourceState(db: Db, key: string, value: string, now: Date): void {
  stmt(
    db,
    'INSERT INTO source_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(key, value, iso(now));
}

/** Forgets one value of the `source_state` table. */
export function deleteSourceState(db: Db, key: string): void {
  stmt(db, 'DELETE FROM source_state WHERE key = ?').run(key);
}

/** Keys under which a service's pause is kept: `<service>.pausedUntil` (ISO time) and `<service>.pauseReason`. */
export function pauseKeys(service: string): { until: string; reason: string } {
  return { until: `${service}.pausedUntil`, reason: `${service}.pauseReason` };
}

/**
 * A `PauseStore` for one service (e.g. `sec`) over `source_state`, so a pause of all traffic
 * (the SEC's rate-threshold block) survives a restart and shows in `status`.
 * A pause only ever extends: a shorter `until` than the stored one is ignored.
 */
export function createPauseStore(
  db: Db,
  service: string,
  clock: { now(): Date } = { now: () => new Date() },
): PauseStore {
  const keys = pauseKeys(service);
  return {
    pausedUntil() {
      return readPause(db, service)?.until ?? null;
    },
    pause(until, reason) {
      const current = readPause(db, service);
      if (current && current.until >= until) return;
      const now = clock.now();
      db.transaction(() => {
        setSourceState(db, keys.until, iso(until), now);
        setSourceState(db, keys.reason, reason, now);
      })();
    },
  };
}

/** The stored pause of `service` (past or present), or null; an unreadable value reads as none. */
export function readPause(db: Db, service: string): { until: Date; reason: string | null } | null {
  const keys = pauseKeys(service);
  const value = getSourceState(db, keys.until);
  if (!value) return null;
  const until = new Date(value);
  if (Number.isNaN(until.getTime())) return null;
  return { until, reason: getSourceState(db, keys.reason) };
}

/** Every `edgar.watchHistory.<watch>` marker at once (which watches' company history is loaded, and for which definition). */
export function loadedHistories(db: Db): Map<string, string> {
  const rows = stmt(
    db,
    `SELECT key, value FROM source_state WHERE key LIKE 'edgar.watchHistory.%'`,
  ).all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}
