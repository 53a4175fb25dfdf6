/**
 * An in-process wake-up: the pipelines call `signal()` after a transaction that queued alerts
 * commits, and the sender, asleep until its next due time, wakes at once. A signal given while
 * nobody waits is kept, so an alert committed during a send pass is picked up right after it.
 */
export interface WakeUp {
  signal(): void;
  /** Resolves `woken` on a signal (or one kept from before), `timeout` after `ms`, `stopped` when `abort` fires. */
  wait(ms: number, abort?: AbortSignal): Promise<'woken' | 'timeout' | 'stopped'>;
}

export function createWakeUp(): WakeUp {
  let pending = false;
  let waiter: (() => void) | null = null;
  return {
    signal() {
      pending = true;
      waiter?.();
    },
    wait(ms, abort) {
      if (abort?.aborted) return Promise.resolve('stopped');
      if (pending) {
        pending = false;
        return Promise.resolve('woken');
      }
      return new Promise((resolve) => {
        const done = (how: 'woken' | 'timeout' | 'stopped') => {
          clearTimeout(timer);
          abort?.removeEventListener('abort', onAbort);
          waiter = null;
          if (how === 'woken') pending = false;
          resolve(how);
        };
        const onAbort = () => done('stopped');
        const timer = setTimeout(() => done('timeout'), Math.max(0, ms));
        abort?.addEventListener('abort', onAbort, { once: true });
        waiter = () => done('woken');
      });
    },
  };
}
