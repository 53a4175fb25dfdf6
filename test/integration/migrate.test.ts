import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../src/errors.js';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';
import { ROOT } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();

function copyMigrations(): string {
  const dir = join(tmp(), 'migrations');
  cpSync(join(ROOT, 'migrations'), dir, { recursive: true });
  return dir;
}

describe('migrations on a real database file', () => {
  it('creates the whole schema on a fresh file, with WAL and foreign keys on', () => {
    const db = openDatabase(join(tmp(), 'sub', 'regwatch.db'));
    const result = migrate(db);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`)
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'filings',
        'documents',
        'sections',
        'risk_factors',
        'changes',
        'fr_documents',
        'fr_document_versions',
        'alerts',
        'deliveries',
        'http_cache',
        'runs',
        'schema_migrations',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare(
          `INSERT INTO risk_factors (section_id, position, stable_id, heading, body, word_count) VALUES (999, 0, 'x', 'h', 'b', 1)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('is a no-op when re-run, keeping the data', () => {
    const file = join(tmp(), 'regwatch.db');
    let db = openDatabase(file);
    migrate(db);
    db.prepare(
      `INSERT INTO runs (source, started_at) VALUES ('cli', '2026-01-01T00:00:00Z')`,
    ).run();
    db.close();
    db = openDatabase(file);
    const again = migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(readMigrations().length);
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses to start when an applied migration file was edited', () => {
    const dir = copyMigrations();
    const file = join(tmp(), 'regwatch.db');
    const db = openDatabase(file);
    migrate(db, readMigrations(dir));
    writeFileSync(join(dir, '0001_initial_schema.sql'), '-- edited\nCREATE TABLE sneaky (x);\n');
    expect(() => migrate(db, readMigrations(dir))).toThrow(MigrationError);
    expect(() => migrate(db, readMigrations(dir))).toThrow(
      /0001_initial_schema\.sql changed after it was applied/,
    );
    expect(
      db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sneaky'`).pluck().get(),
    ).toBe(0);
    db.close();
  });

  it('refuses a database whose ledger names a migration this code does not have', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, '0099_future.sql'), 'CREATE TABLE future (x);');
    const db = openDatabase(join(tmp(), 'regwatch.db'));
    migrate(db, readMigrations(dir));
    const older = join(tmp(), 'older');
    mkdirSync(older);
    cpSync(join(ROOT, 'migrations'), older, { recursive: true });
    expect(() => migrate(db, readMigrations(older))).toThrow(
      /0099_future\.sql is recorded as applied but migrations\/0099_future\.sql is missing/,
    );
    db.close();
  });

  it('rolls a failing migration back whole: no half-made tables, no ledger row', () => {
    const dir = copyMigrations();
    writeFileSync(
      join(dir, '0002_broken.sql'),
      'CREATE TABLE half (x);\nINSERT INTO no_such_table VALUES (1);',
    );
    const db = openDatabase(join(tmp(), 'regwatch.db'));
    expect(() => migrate(db, readMigrations(dir))).toThrow(/no_such_table/);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half'`).pluck().get()).toBe(
      0,
    );
    expect(db.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual([
      '0001_initial_schema.sql',
    ]);
    db.close();
  });
});
