import { getGlobalDispatcher } from 'undici';
import {
  createHttpClient,
  type ClosableHttpClient,
  type CreateHttpClientOptions,
} from '../../src/http/client.js';
import { captureLogger } from './capture-logger.js';

/**
 * A real HTTP client for tests of sources: it goes through the global dispatcher that
 * test/setup.ts installs (loopback only, so a misconfigured test cannot reach the internet),
 * with short timeouts, quick retries and a short threshold pause. Close it after the test.
 */
export function createTestHttpClient(
  options: { baseUrls: string[] } & Partial<CreateHttpClientOptions>,
): { client: ClosableHttpClient; log: ReturnType<typeof captureLogger> } {
  const log = captureLogger();
  const { baseUrls, ...rest } = options;
  const client = createHttpClient({
    name: 'sec',
    userAgent: 'Regwatch Tests ops@example.com',
    requireUserAgent: true,
    maxRequestsPerSecond: 10,
    allowedBaseUrls: baseUrls,
    pauseOnSecThreshold: true,
    pauseMs: 1000,
    logger: log.logger,
    timeouts: { connectMs: 1000, headersMs: 2000, bodyIdleMs: 2000, bodyTotalMs: 5000 },
    retries: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    dispatcher: getGlobalDispatcher(),
    ...rest,
  });
  return { client, log };
}
