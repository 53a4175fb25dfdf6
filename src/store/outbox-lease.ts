import { hostname } from 'node:os';
import type { Db } from './open-database.js';
import { deleteSourceState, getSourceState, setSourceState } from './source-state.js';
import { fromJson, iso } from './sql.js';

/**
 * One sender at a time: the lease is a row in source_state, taken in an immediate transaction
 * and renewed by the sender during a long pass.
 */

const LEASE_KEY = 'notify.senderLease';

/** Who holds the sender lease. */
export interface SenderLease {
  pid: number;
  host: string;
  until: string;
}

/**
 * Takes the sender lease (a row in source_state) unless another live process holds it: two
 * senders draining at once (the daemon and `regwatch mail flush`) would each re-queue the
 * other's in-flight message. A holder that died (same host, pid gone) or whose lease expired
 * loses it. Returns the holder when the lease is taken by someone else.
 */
export function acquireSenderLease(
  db: Db,
  now: Date,
  ttlMs: number,
  isAlive: (pid: number) => boolean,
): { acquired: true } | { acquired: false; holder: SenderLease } {
  const me: SenderLease = {
    pid: process.pid,
    host: hostname(),
    until: iso(new Date(now.getTime() + ttlMs)),
  };
  return db
    .transaction(() => {
      const value = getSourceState(db, LEASE_KEY);
      if (value) {
        const holder = fromJson<SenderLease | null>(
          value,
          'source_state.value (sender lease)',
          null,
        );
        const mine = holder && holder.pid === me.pid && holder.host === me.host;
        const live =
          holder && holder.until > iso(now) && (holder.host !== me.host || isAlive(holder.pid));
        if (holder && !mine && live) return { acquired: false as const, holder };
      }
      setSourceState(db, LEASE_KEY, JSON.stringify(me), now);
      return { acquired: true as const };
    })
    .immediate();
}

/** Gives the lease back if this process holds it. */
export function releaseSenderLease(db: Db): void {
  const holder = fromJson<SenderLease | null>(
    getSourceState(db, LEASE_KEY),
    'source_state.value (sender lease)',
    null,
  );
  if (holder && holder.pid === process.pid && holder.host === hostname())
    deleteSourceState(db, LEASE_KEY);
}
