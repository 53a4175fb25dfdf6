import { accessSync, constants, mkdirSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseError, PathError } from '../errors.js';

export type Db = Database.Database;

const REASONS: Record<string, string> = {
  ENOENT: 'the file system does not allow creating anything there',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EEXIST: 'exists but is not a folder',
};

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? (err as Error).message;
}

/**
 * Why a file could not be created at `path` (its folder missing or unusable), without creating
 * anything; null when it can. Walks up to the nearest existing ancestor once, so a path below a
 * regular file or a virtual file system answers at once instead of looping.
 */
export function checkParentFolder(path: string): string | null {
  return checkFolder(dirname(resolve(path)));
}

/** Why files could not be written in folder `dir` (created if missing), or null when they can. */
export function checkFolder(dir: string): string | null {
  let existing = resolve(dir);
  for (;;) {
    try {
      const st = statSync(existing);
      if (!st.isDirectory()) return `${existing} is a file, not a folder`;
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        existing = dirname(existing);
        continue;
      }
      if (code !== 'ENOENT') return `${existing}: ${reasonOf(err)}`;
      const up = dirname(existing);
      if (up === existing) return `${existing} does not exist`;
      existing = up;
    }
  }
  // Probe by creating (and removing) a folder: permission bits say nothing below /proc or on a
  // read-only mount, and nothing at all to root.
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
    rmdirSync(mkdtempSync(join(existing, '.regwatch-probe-')));
  } catch (err) {
    return `${existing} is not writable (${reasonOf(err)})`;
  }
  return null;
}

/**
 * Creates folder `dir` and its missing parents one level at a time, never with Node's recursive
 * mkdir, which loops forever below some virtual file systems (ENOENT and EEXIST alternating).
 * @throws PathError naming the folder and the reason.
 */
export function createFolder(dir: string, purpose: string): void {
  const target = resolve(dir);
  const problem = checkFolder(target);
  if (problem) throw new PathError(target, `cannot hold ${purpose}: ${problem}`);
  const missing: string[] = [];
  for (let d = target; ; d = dirname(d)) {
    try {
      statSync(d);
      break;
    } catch {
      missing.unshift(d);
      if (dirname(d) === d) break;
    }
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(d).isDirectory()) continue;
      throw new PathError(d, `cannot create the folder for ${purpose}: ${reasonOf(err)}`);
    }
  }
}

/**
 * Opens the SQLite file with the pragmas regwatch relies on, all in one place:
 * WAL (readers never block the single writer), foreign keys, and a busy timeout so a
 * `regwatch status` beside the daemon waits instead of failing.
 * `mustExist` opens an existing database only (for commands that only read).
 * @throws PathError when the path cannot hold a database; DatabaseError when the file is not one.
 */
export function openDatabase(path: string, options: { mustExist?: boolean } = {}): Db {
  if (path !== ':memory:') {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // absent: created below (or refused when it must exist)
    }
    if (isDir)
      throw new PathError(
        resolve(path),
        'is a folder; database.path must name a file, e.g. data/regwatch.db',
      );
    if (!options.mustExist) createFolder(dirname(resolve(path)), 'the database');
  }
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: options.mustExist === true });
  } catch (err) {
    if (options.mustExist && (err as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new DatabaseError(
        path,
        `${path}: no database yet; create it with \`regwatch migrate\` (or start \`regwatch run\`)`,
        { cause: err },
      );
    }
    throw new DatabaseError(
      path,
      `${path}: cannot open the database: ${describeSqliteError(err)}`,
      { cause: err },
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
  } catch (err) {
    db.close();
    throw new DatabaseError(path, `${path}: ${describeSqliteError(err)}`, { cause: err });
  }
  return db;
}

function describeSqliteError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_NOTADB')
    return "not an SQLite database (wrong file? database.path must name regwatch's own database or a new file)";
  if (code === 'SQLITE_CORRUPT') return 'the database file is corrupt; restore it from a backup';
  if (code === 'SQLITE_READONLY') return "the database is read-only; check the file's permissions";
  if (code === 'SQLITE_CANTOPEN')
    return 'cannot open the file (check the path and its permissions)';
  return (err as Error).message;
}
