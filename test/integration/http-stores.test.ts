import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createValidatorStore, getValidators } from '../../src/store/http-cache.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import {
  createPauseStore,
  getSourceState,
  readPause,
  setSourceState,
} from '../../src/store/source-state.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const dbs: Db[] = [];
afterEach(() => {
  while (dbs.length) dbs.pop()!.close();
});

function database(path = join(tmp(), 'regwatch.db')): Db {
  const db = openDatabase(path);
  migrate(db);
  dbs.push(db);
  return db;
}

describe('source_state', () => {
  it('gets and sets values, replacing and stamping them', () => {
    const db = database();
    expect(getSourceState(db, 'edgar.lastFeedAt')).toBeNull();
    setSourceState(db, 'edgar.lastFeedAt', 'a', new Date('2026-12-04T10:00:00Z'));
    setSourceState(db, 'edgar.lastFeedAt', 'b', new Date('2026-12-04T11:00:00Z'));
    expect(getSourceState(db, 'edgar.lastFeedAt')).toBe('b');
    expect(
      db
        .prepare('SELECT updated_at FROM source_state WHERE key = ?')
        .pluck()
        .get('edgar.lastFeedAt'),
    ).toBe('2026-12-04T11:00:00.000Z');
  });
});

describe('PauseStore', () => {
  it('persists a pause across connections (a restart), under <service>.pausedUntil', () => {
    const path = join(tmp(), 'regwatch.db');
    const db = database(path);
    const until = new Date('2026-12-04T17:10:00Z');
    createPauseStore(db, 'sec').pause(
      until,
      'HTTP 403 "Request Rate Threshold Exceeded" from www.sec.gov',
    );
    db.close();
    dbs.pop();
    const reopened = database(path);
    expect(createPauseStore(reopened, 'sec').pausedUntil()).toEqual(until);
    expect(getSourceState(reopened, 'sec.pausedUntil')).toBe('2026-12-04T17:10:00.000Z');
    expect(readPause(reopened, 'sec')?.reason).toMatch(/Threshold/);
    // Other services are not paused.
    expect(createPauseStore(reopened, 'federal-register').pausedUntil()).toBeNull();
  });

  it('only ever extends a pause', () => {
    const db = database();
    const store = createPauseStore(db, 'sec');
    store.pause(new Date('2026-12-04T17:10:00Z'), 'first');
    store.pause(new Date('2026-12-04T17:05:00Z'), 'shorter');
    expect(store.pausedUntil()).toEqual(new Date('2026-12-04T17:10:00Z'));
    store.pause(new Date('2026-12-04T17:20:00Z'), 'longer');
    expect(readPause(db, 'sec')).toEqual({
      until: new Date('2026-12-04T17:20:00Z'),
      reason: 'longer',
    });
  });

  it('reads an unreadable stored value as no pause', () => {
    const db = database();
    setSourceState(db, 'sec.pausedUntil', 'not a date', new Date());
    expect(createPauseStore(db, 'sec').pausedUntil()).toBeNull();
  });
});

describe('ValidatorStore over http_cache', () => {
  it('stores, replaces and reads validators per URL', () => {
    const db = database();
    const store = createValidatorStore(db);
    const url = 'https://www.sec.gov/Archives/edgar/daily-index/2026/QTR4/form.20261203.idx';
    expect(store.get(url)).toBeNull();
    store.set(
      url,
      { etag: '"a"', lastModified: 'Thu, 03 Dec 2026 22:45:00 GMT' },
      new Date('2026-12-04T01:00:00Z'),
    );
    store.set(
      url,
      { etag: null, lastModified: 'Fri, 04 Dec 2026 22:45:00 GMT' },
      new Date('2026-12-05T01:00:00Z'),
    );
    expect(getValidators(db, url)).toEqual({
      etag: null,
      lastModified: 'Fri, 04 Dec 2026 22:45:00 GMT',
    });
    expect(db.prepare('SELECT checked_at FROM http_cache WHERE url = ?').pluck().get(url)).toBe(
      '2026-12-05T01:00:00.000Z',
    );
    expect(store.get('https://www.sec.gov/other')).toBeNull();
  });
});
