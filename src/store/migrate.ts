import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { Db } from './open-database.js';

export interface MigrationFile {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The `NNNN_name.sql` files of a directory, in order. Other files are ignored. */
export function readMigrations(dir: string = join(packageRoot(), 'migrations')): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => FILE_PATTERN.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return {
        id: Number(FILE_PATTERN.exec(name)![1]),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies pending migrations, each file and its ledger row in one transaction (Actual
 * Budget's runner). Refuses to go on when an applied file changed or the ledger names a file
 * that no longer exists: the database and the code would disagree about the schema.
 */
export function migrate(db: Db, files: MigrationFile[] = readMigrations()): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const ledger = db
    .prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id')
    .all() as { id: number; name: string; checksum: string }[];
  const byId = new Map(files.map((f) => [f.id, f]));
  for (const row of ledger) {
    const file = byId.get(row.id);
    if (!file)
      throw new MigrationError(
        `migration ${row.name} is recorded as applied but migrations/${row.name} is missing; this database was made by a newer or different regwatch`,
      );
    if (file.checksum !== row.checksum || file.name !== row.name) {
      throw new MigrationError(
        `migrations/${file.name} changed after it was applied (recorded ${row.checksum.slice(0, 12)}, now ${file.checksum.slice(0, 12)}); never edit an applied migration, add a new one instead`,
      );
    }
  }
  const done = new Set(ledger.map((r) => r.id));
  const record = db.prepare(
    'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file.id)) continue;
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.id, file.name, file.checksum, new Date().toISOString());
    })();
    applied.push(file.name);
  }
  return { applied, alreadyApplied: done.size };
}
