import type { ValidatorStore } from '../http/types.js';
import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** The stored ETag / Last-Modified of `url`, or null when none is stored. */
export function getValidators(db: Db, url: string): Validators | null {
  const row = stmt(db, 'SELECT etag, last_modified FROM http_cache WHERE url = ?').get(url) as
    { etag: string | null; last_modified: string | null } | undefined;
  if (!row) return null;
  return { etag: row.etag, lastModified: row.last_modified };
}

/** Stores the validators of `url` (insert or replace) with the time they were checked. */
export function setValidators(db: Db, url: string, v: Validators, checkedAt: Date): void {
  stmt(
    db,
    'INSERT INTO http_cache (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at',
  ).run(url, v.etag, v.lastModified, iso(checkedAt));
}

/** A `ValidatorStore` over the `http_cache` table, for the HTTP client's conditional GETs. */
export function createValidatorStore(db: Db): ValidatorStore {
  return {
    get: (url) => getValidators(db, url),
    set: (url, v, checkedAt) => setValidators(db, url, v, checkedAt),
  };
}
