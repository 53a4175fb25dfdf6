import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

export interface WatchState {
  name: string;
  firstSeenAt: string;
  /** The watch is new in this start (or its definition changed): it starts from history. */
  isNew: boolean;
}

/**
 * Brings the `watches` table in step with the config file (the file is the truth): new
 * watches get `first_seen_at = now` (filings before it are history), a changed definition
 * counts as new, watches gone from the file are marked removed (old alerts keep their names).
 */
const synced = new WeakMap<object, { db: Db; states: Map<string, WatchState> }>();

export function syncWatches(
  db: Db,
  watches: { name: string }[],
  now: Date,
): Map<string, WatchState> {
  // The config does not change while a process runs: one sync per process and database.
  const done = synced.get(watches);
  if (done && done.db === db) return done.states;
  const at = iso(now);
  const out = new Map<string, WatchState>();
  db.transaction(() => {
    const rows = stmt(
      db,
      'SELECT name, definition, first_seen_at AS firstSeenAt, removed_at AS removedAt FROM watches',
    ).all() as {
      name: string;
      definition: string;
      firstSeenAt: string;
      removedAt: string | null;
    }[];
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const w of watches) {
      const definition = JSON.stringify(w);
      const row = byName.get(w.name);
      if (row && row.definition === definition && row.removedAt === null) {
        out.set(w.name, { name: w.name, firstSeenAt: row.firstSeenAt, isNew: false });
        continue;
      }
      stmt(
        db,
        `INSERT INTO watches (name, definition, first_seen_at, removed_at) VALUES (?, ?, ?, NULL)
         ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, first_seen_at = excluded.first_seen_at, removed_at = NULL`,
      ).run(w.name, definition, at);
      out.set(w.name, { name: w.name, firstSeenAt: at, isNew: true });
    }
    const keep = new Set(watches.map((w) => w.name));
    for (const r of rows)
      if (!keep.has(r.name) && r.removedAt === null)
        stmt(db, 'UPDATE watches SET removed_at = ? WHERE name = ?').run(at, r.name);
  })();
  synced.set(watches, { db, states: out });
  return out;
}

/** The watches table as stored (for status). */
export function watchStates(
  db: Db,
): { name: string; firstSeenAt: string; removedAt: string | null }[] {
  return stmt(
    db,
    'SELECT name, first_seen_at AS firstSeenAt, removed_at AS removedAt FROM watches ORDER BY name',
  ).all() as { name: string; firstSeenAt: string; removedAt: string | null }[];
}
