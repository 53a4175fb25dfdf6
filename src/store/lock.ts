import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { LockHeldError, PathError } from '../errors.js';

/** Who holds a run lock. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface RunLock {
  file: string;
  holder: LockHolder;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

/** The lock file of a database: beside it, so every process using that database finds it. */
export function lockFileFor(databasePath: string): string {
  return `${databasePath}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.startedAt === 'string')
      return { pid: h.pid, host: h.host, startedAt: h.startedAt };
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return null;
}

/**
 * Takes the single-writer lock of a database for `regwatch run` (SQLite allows one writer; two
 * daemons on one database would poll and alert twice). The lock is a file beside the database
 * holding pid, host and start time, created exclusively; a lock left by a dead process on this
 * host is taken over. Released on exit.
 * @throws LockHeldError naming the holder when another live process holds it.
 */
export function acquireRunLock(databasePath: string, now: Date = new Date()): RunLock {
  const file = lockFileFor(databasePath);
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new PathError(file, `cannot create the run lock: ${(err as Error).message}`);
      const other = readHolder(file);
      if (other && (other.host !== holder.host || isAlive(other.pid)) && other.pid !== process.pid)
        throw new LockHeldError(file, other);
      // Stale: its process is gone (or the file is unreadable). Take it over.
      try {
        unlinkSync(file);
      } catch {
        // another starter removed it first; try again
      }
      continue;
    }
    writeSync(fd, JSON.stringify(holder));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      if (readHolder(file)?.pid === holder.pid) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    };
    process.on('exit', release);
    return { file, holder, release };
  }
  const other = readHolder(file);
  throw other
    ? new LockHeldError(file, other)
    : new PathError(
        file,
        'cannot take the run lock (it keeps changing); is another regwatch starting?',
      );
}
