import { hostname } from 'node:os';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { Db } from '../store/open-database.js';
import { acquireSenderLease, releaseSenderLease, type SenderLease } from '../store/outbox.js';
import { requeueInFlightCounted } from '../store/outbox-attempts.js';
import type { Transport } from './transports/types.js';

/** What the sender works with; `now` is a parameter so tests can move the clock. */
export interface SenderDeps {
  db: Db;
  config: Config;
  transport: Transport;
  /** The webhook deliveries' transport (the app's, resolved at load); when absent, one to the `url` endpoints. */
  webhooks?: Transport;
  logger: Logger;
  now: () => Date;
}

/** How long a lease holds without renewal: a sender that died is recognised after it. */
export const LEASE_TTL_MS = 10 * 60_000;

/** True when a process with this id exists on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` holding the sender lease, after putting back what a crashed sender left in
 * flight. Returns null (and the holder) when another live sender is at work.
 */
export async function withSenderLease<T>(
  deps: SenderDeps,
  work: (recovered: number) => Promise<T>,
): Promise<{ result: T; lockedBy: null } | { result: null; lockedBy: SenderLease }> {
  // The lease is per process; two overlapping runs inside one process (a slow drain and the
  // next tick) are kept apart here, or the second would re-queue the first's message in flight.
  if (running.has(deps.db))
    return {
      result: null,
      lockedBy: { pid: process.pid, host: hostname(), until: deps.now().toISOString() },
    };
  running.add(deps.db);
  try {
    return await withProcessLease(deps, work);
  } finally {
    running.delete(deps.db);
  }
}

const running = new WeakSet<Db>();

async function withProcessLease<T>(
  deps: SenderDeps,
  work: (recovered: number) => Promise<T>,
): Promise<{ result: T; lockedBy: null } | { result: null; lockedBy: SenderLease }> {
  const lease = acquireSenderLease(deps.db, deps.now(), LEASE_TTL_MS, isProcessAlive);
  if (!lease.acquired) {
    deps.logger.info(
      { holder: lease.holder },
      'another regwatch process is sending mail; this one leaves it alone',
    );
    return { result: null, lockedBy: lease.holder };
  }
  try {
    const back = requeueInFlightCounted(deps.db, deps.now());
    const recovered = back.deliveries + back.digests;
    if (recovered > 0)
      deps.logger.warn(
        { deliveries: back.deliveries, digests: back.digests },
        'a previous sender stopped while sending; re-sending with the same Message-ID',
      );
    return { result: await work(recovered), lockedBy: null };
  } finally {
    releaseSenderLease(deps.db);
  }
}
