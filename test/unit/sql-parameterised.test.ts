import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** Every .ts file under src/. */
function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/**
 * SQL built by interpolation is how a value from a filing becomes an injection. Every
 * statement binds its parameters (`?`); this finds a template literal with `${...}` handed to
 * prepare/exec/pragma/stmt anywhere in src/, however the call is spread over lines.
 */
const INTERPOLATED_SQL = /(?:\.(?:prepare|exec|pragma)|\bstmt\(\s*[\w.]+\s*,)\s*\(?\s*`[^`]*\$\{/g;

/**
 * A module constant holding a fixed fragment (a column list such as `${FILING_COLUMNS}`) is
 * code, not input: only an UPPER_SNAKE identifier, nothing computed, is let through.
 */
const CONSTANT_FRAGMENT = /^[A-Z][A-Z0-9_]*$/;

/** Known, reviewed exceptions, listed so that a new one fails the test. */
const REVIEWED: string[] = [];

describe('all SQL is parameterised', () => {
  it('no statement is built by string interpolation (beyond the reviewed constant table names)', () => {
    const found: string[] = [];
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(INTERPOLATED_SQL)) {
        const start = m.index + m[0].indexOf('`') + 1;
        const sql = text.slice(start, text.indexOf('`', start)).replace(/\s+/g, ' ').trim();
        const pieces = [...sql.matchAll(/\$\{([^}]*)\}/g)].map((p) => p[1]!.trim());
        if (pieces.every((p) => CONSTANT_FRAGMENT.test(p))) continue;
        found.push(`${relative(ROOT, file)}: ${sql}`);
      }
    }
    expect(found).toEqual(REVIEWED);
  });

  it('the scan finds what it looks for (it is not vacuous)', () => {
    const samples = [
      'db.prepare(`SELECT * FROM t WHERE id = ${id}`)',
      'stmt(db, `DELETE FROM t WHERE x = ${x}`)',
      'db.exec(\n  `UPDATE t SET a = ${a}`)',
    ];
    for (const s of samples) expect(s.match(INTERPOLATED_SQL), s).not.toBeNull();
    expect('stmt(db, `SELECT * FROM t WHERE id = ?`).get(id)'.match(INTERPOLATED_SQL)).toBeNull();
    expect(CONSTANT_FRAGMENT.test('FILING_COLUMNS')).toBe(true);
    for (const computed of ['id', 'where', 'COLUMNS.replace(a, b)', 'table'])
      expect(CONSTANT_FRAGMENT.test(computed), computed).toBe(false);
    // The walk reaches the store, and the scan meets real interpolations there (the constant column
    // lists it lets through): an empty walk or a regex that matches nothing would fail here.
    const files = sourceFiles().map((f) => relative(ROOT, f));
    expect(files.filter((f) => f.startsWith('src/store/')).length).toBeGreaterThanOrEqual(4);
    const seen = files.flatMap((f) => [
      ...readFileSync(join(ROOT, f), 'utf8').matchAll(INTERPOLATED_SQL),
    ]);
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });
});
