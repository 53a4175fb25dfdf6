import { planDigests } from '../notify/digest-plan.js';
import type { SenderDeps } from '../notify/sender-lease.js';
import { makeRetriesDueNow, nextDueAt } from '../store/outbox-attempts.js';
import { runTask, type Task, type TaskDeps } from './task.js';
import type { WakeUp } from './wake-up.js';

/** How often a mail server that stopped answering is probed (connect and EHLO, no message). */
export const DEFAULT_PROBE_INTERVAL_MS = 15_000;
/** The longest the sender sleeps without looking (digest ticks are checked at least this often). */
const IDLE_MS = 60_000;
/** The pause after a pass that failed as a whole, before the next try. */
const FAILED_PAUSE_MS = 30_000;

export interface SenderServiceDeps extends TaskDeps {
  /** One pass of the send loop, recorded as a `mail` run; its stats say `serverUnreachable` and `lockedBy`. */
  task: Task;
  /** The sender's store, config and transport (the transport is built on first use). */
  sender: () => SenderDeps;
  wake: WakeUp;
  probeIntervalMs?: number;
}

export interface SenderService {
  /**
   * Stops the sender: the message in flight is finished, no other is started. Resolves true
   * when it ended within `graceMs`, false when the grace ran out first (the caller then puts
   * the item in flight back and records the run as interrupted).
   */
  stop(graceMs: number): Promise<boolean>;
}

/**
 * The daemon's mail sender: sleeps until the next delivery or digest is due or a pipeline
 * signals a commit, then runs one pass of the send loop. When a pass finds no mail server
 * answering, it probes every `probeIntervalMs`; as soon as the server answers, everything
 * waiting on a retry is due at once and sent, oldest alert first.
 */
export function startSenderService(deps: SenderServiceDeps): SenderService {
  const log = deps.logger.child({ component: 'sender' });
  const abort = new AbortController();
  const probeMs = deps.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  const db = () => deps.sender().db;

  const hasWork = (now: Date): boolean => {
    const due = nextDueAt(db());
    if (due && due <= now) return true;
    return planDigests(db(), deps.sender().config, now).some((p) => p.dueTick !== null);
  };
  const nextWakeIn = (now: Date): number => {
    const times = [nextDueAt(db())?.getTime() ?? Infinity, now.getTime() + IDLE_MS];
    for (const p of planDigests(db(), deps.sender().config, now)) {
      if (p.waiting > 0 && p.nextTick) times.push(p.nextTick.getTime());
    }
    return Math.max(0, Math.min(...times) - now.getTime());
  };

  /** Probes until the server answers (true) or the sender is stopped (false). */
  const waitForServer = async (): Promise<boolean> => {
    const since = deps.now();
    const transport = deps.sender().transport;
    for (;;) {
      if ((await sleep(probeMs, abort.signal)) === 'stopped') return false;
      const p = transport.probe ? await transport.probe() : ({ ok: true } as const);
      if (p.ok) break;
      log.debug({ reason: p.reason, cause: p.cause }, 'mail server still not answering');
    }
    const due = makeRetriesDueNow(db(), deps.now());
    const downForS = Math.round((deps.now().getTime() - since.getTime()) / 1000);
    log.info(
      { waiting: due, downForS },
      'the mail server answers again; sending what waited, oldest alert first',
    );
    return true;
  };

  const loop = async (): Promise<void> => {
    let first = true; // the first pass also puts back what a stopped sender left in flight
    while (!abort.signal.aborted) {
      if (first || hasWork(deps.now())) {
        first = false;
        const r = await runTask(deps, deps.task, abort.signal);
        if (r.stats.serverUnreachable) {
          log.info(
            { probeEveryS: probeMs / 1000 },
            'no mail server answers; probing it, then sending the backlog at once',
          );
          if (!(await waitForServer())) break;
          continue;
        }
        // Another process sends (mail flush), or the pass failed as a whole (the store): do
        // not spin on work that stays due; look again after a while.
        if (r.stats.lockedBy || r.status === 'failed') {
          await sleep(r.status === 'failed' ? FAILED_PAUSE_MS : IDLE_MS, abort.signal);
          continue;
        }
      }
      await deps.wake.wait(nextWakeIn(deps.now()), abort.signal);
    }
  };

  const done = loop().catch((err: unknown) => {
    log.error({ err }, 'the mail sender stopped on an error; the next start resumes it');
  });
  log.info(
    { probeEveryS: probeMs / 1000 },
    'mail sender started: wakes on each committed alert and at each due time',
  );
  return {
    async stop(graceMs) {
      abort.abort(new Error('the daemon is stopping'));
      return Promise.race([done.then(() => true), sleep(graceMs).then(() => false)]);
    },
  };
}

function sleep(ms: number, abort?: AbortSignal): Promise<'timeout' | 'stopped'> {
  if (abort?.aborted) return Promise.resolve('stopped');
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve('stopped');
    };
    const t = setTimeout(() => {
      abort?.removeEventListener('abort', onAbort);
      resolve('timeout');
    }, ms);
    abort?.addEventListener('abort', onAbort, { once: true });
  });
}
