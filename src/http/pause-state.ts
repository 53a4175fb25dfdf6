import type { Logger } from '../log/logger.js';
import { ServicePausedError } from './errors.js';
import { MAX_REQUESTS_PER_SECOND } from './rate-limiter.js';
import { safeUrl } from './log-fields.js';
import type { HttpObserver, PauseStore } from './types.js';

/** Whether all of a client's traffic is paused (the SEC's rate-threshold block), and starting one. */
export interface PauseState {
  /** When the pause in force ends, or null when traffic may flow. */
  current(): Date | null;
  /** @throws ServicePausedError while a pause is in force (counted as `paused` for `url`'s host). */
  refuseIfPaused(url: URL): void;
  /** Starts (or extends) a pause after the threshold page came from `url`; returns its end. */
  start(url: URL): Date;
}

/**
 * A pause lives in memory and, when a store is given, in `source_state`, so it survives a
 * restart; the later of the two ends wins. Starting one logs the one loud line at error: the
 * SEC blocks the whole organisation and extends the block while traffic continues.
 */
export function createPauseState(options: {
  name: string;
  store: PauseStore | undefined;
  pauseMs: number;
  now: () => number;
  logger: Logger;
  observer: HttpObserver | undefined;
}): PauseState {
  const { name, store, pauseMs, now, logger, observer } = options;
  let inMemory: Date | null = null;

  function current(): Date | null {
    const stored = store?.pausedUntil() ?? null;
    const until = stored && (!inMemory || stored > inMemory) ? stored : inMemory;
    return until && until.getTime() > now() ? until : null;
  }

  return {
    current,
    refuseIfPaused(url) {
      const until = current();
      if (!until) return;
      observer?.request(url.host, 'paused');
      throw new ServicePausedError(url.href, name, until, 'rate threshold exceeded');
    },
    start(url) {
      const already = current();
      const until = new Date(now() + pauseMs);
      inMemory = until;
      store?.pause(until, `HTTP 403 "Request Rate Threshold Exceeded" from ${url.host}`);
      if (!already) {
        logger.error(
          { client: name, host: url.host, url: safeUrl(url), until: until.toISOString() },
          `${name}: the SEC answered "Request Rate Threshold Exceeded" (403); ALL ${name} traffic is paused until ${until.toISOString()}. Check that no other process of this organisation polls the SEC and that maxRequestsPerSecond <= ${MAX_REQUESTS_PER_SECOND}`,
        );
      }
      return until;
    },
  };
}
