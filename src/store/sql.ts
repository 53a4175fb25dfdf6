import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database.js';

const statements = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement for `sql` on `db`, prepared once per connection. Every query in the
 * store goes through here: parameters bound, never interpolated.
 */
export function stmt(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/** ISO-8601 UTC text, the one time format stored. */
export function iso(d: Date): string {
  return d.toISOString();
}

/** Parses a JSON column, with the column named in the error if it is corrupt. */
export function fromJson<T>(text: string | null | undefined, column: string, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`store: column ${column} holds invalid JSON`);
  }
}
