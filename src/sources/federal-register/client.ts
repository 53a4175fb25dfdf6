import type { Config } from '../../config/schema.js';
import type { ClosableHttpClient } from '../../http/client.js';
import { createFederalRegisterHttpClient, type ServiceClientDeps } from '../../http/services.js';

/**
 * The User-Agent sent to the Federal Register. It has no rule about one (unlike the SEC), but a
 * named client with the operator's contact is what the maintainers can reach if it misbehaves.
 */
export function federalRegisterUserAgent(config: Config): string {
  const contact = config.sec.userAgent?.trim();
  return `regwatch (Federal Register notices${contact ? `; ${contact}` : ''})`;
}

/**
 * The Federal Register's own HTTP client, as the app should build it: its own limiter at
 * `federalRegister.maxRequestsPerSecond` (5 by default, the maintainers' figure), the
 * User-Agent above, and an allowlist of the origin of `federalRegister.baseUrl` only (the
 * API serves full-text pages from the same host). `deps.overrides` win (tests: short
 * timeouts and backoffs).
 */
export function createFrHttpClient(config: Config, deps: ServiceClientDeps): ClosableHttpClient {
  return createFederalRegisterHttpClient(config.federalRegister, {
    ...deps,
    userAgent: federalRegisterUserAgent(config),
    overrides: {
      maxRequestsPerSecond: config.federalRegister.maxRequestsPerSecond,
      ...deps.overrides,
    },
  });
}
