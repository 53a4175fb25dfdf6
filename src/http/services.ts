import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import {
  createHttpClient,
  type ClosableHttpClient,
  type CreateHttpClientOptions,
} from './client.js';
import type { HttpObserver, PauseStore, ValidatorStore } from './types.js';

/** What the application hands every service client: logging, stores, metrics, test knobs. */
export interface ServiceClientDeps {
  logger: Logger;
  validators?: ValidatorStore;
  pause?: PauseStore;
  observer?: HttpObserver;
  /** Test knobs and overrides (timeouts, retries, pauseMs, sleep/now...). */
  overrides?: Partial<CreateHttpClientOptions>;
}

/**
 * The one client for all SEC traffic: www, data and efts share one limiter at
 * `sec.maxRequestsPerSecond`; the declared User-Agent is required; the rate-threshold page
 * pauses everything (persist it by passing `pause: createPauseStore(db, 'sec')`).
 */
export function createSecHttpClient(
  sec: Config['sec'],
  deps: ServiceClientDeps,
): ClosableHttpClient {
  return createHttpClient({
    name: 'sec',
    userAgent: sec.userAgent,
    requireUserAgent: true,
    maxRequestsPerSecond: sec.maxRequestsPerSecond,
    allowedBaseUrls: [sec.baseUrl, sec.dataUrl, sec.eftsUrl],
    pauseOnSecThreshold: true,
    validators: deps.validators,
    pause: deps.pause,
    observer: deps.observer,
    logger: deps.logger,
    ...deps.overrides,
  });
}

/**
 * The client for the Federal Register API (keyless; a User-Agent is sent but not required).
 * `userAgent` defaults to `regwatch`; passing the operator's contact is polite.
 */
export function createFederalRegisterHttpClient(
  fr: Config['federalRegister'],
  deps: ServiceClientDeps & { userAgent?: string | null },
): ClosableHttpClient {
  return createHttpClient({
    name: 'federal-register',
    userAgent: deps.userAgent ?? 'regwatch',
    requireUserAgent: false,
    // Its default and bound are the maintainers' ceiling (src/config/rate-ceilings.ts).
    maxRequestsPerSecond: fr.maxRequestsPerSecond,
    allowedBaseUrls: [fr.baseUrl],
    pauseOnSecThreshold: false,
    validators: deps.validators,
    pause: deps.pause,
    observer: deps.observer,
    logger: deps.logger,
    ...deps.overrides,
  });
}
