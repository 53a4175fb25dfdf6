import { ConfigError } from '../errors.js';
import type { Config, WebhookConfig } from './schema.js';

/**
 * The webhook endpoints of the configuration, resolved against the environment once, at
 * start-up. An endpoint is known in the store by its reference: its URL when the config gives
 * `url`, `$NAME` when it gives `urlEnv: NAME` (a secret URL, as Slack's, is never stored or logged).
 */
export interface WebhookEndpoint {
  /** What the outbox stores in the delivery row and logs: the URL, or `$NAME`. */
  ref: string;
  url: string;
  format: WebhookConfig['format'];
  /** The HMAC secret (the value of `secretEnv`), or null: the body is not signed. */
  secret: string | null;
}

/** The reference an endpoint is stored under: its URL, or `$NAME` for `urlEnv: NAME` (never a secret URL). */
export function webhookRef(w: Pick<WebhookConfig, 'url' | 'urlEnv'>): string {
  return w.urlEnv !== undefined ? `$${w.urlEnv}` : w.url!;
}

/**
 * Every configured endpoint, by reference (the first wins when two groups name the same one).
 * @throws ConfigError naming each key path whose environment variable is unset or empty.
 */
export function resolveWebhookEndpoints(
  config: Config,
  env: NodeJS.ProcessEnv,
): Map<string, WebhookEndpoint> {
  const endpoints = new Map<string, WebhookEndpoint>();
  const problems: string[] = [];
  const read = (name: string, path: string): string | null => {
    const value = env[name]?.trim();
    if (value) return value;
    problems.push(`${path}: the environment variable ${name} is not set`);
    return null;
  };
  for (const [group, r] of Object.entries(config.recipients)) {
    r.webhooks.forEach((w, i) => {
      const path = `recipients.${group}.webhooks[${i}]`;
      const url = w.urlEnv !== undefined ? read(w.urlEnv, `${path}.urlEnv`) : w.url!;
      const secret = w.secretEnv !== undefined ? read(w.secretEnv, `${path}.secretEnv`) : null;
      if (url !== null && w.urlEnv !== undefined && !/^https?:\/\/[^/\s]+/i.test(url)) {
        problems.push(
          `${path}.urlEnv: the environment variable ${w.urlEnv} does not hold an http(s) URL`,
        );
        return;
      }
      const ref = webhookRef(w);
      if (url === null || endpoints.has(ref)) return;
      endpoints.set(ref, { ref, url, format: w.format, secret });
    });
  }
  if (problems.length) throw new ConfigError(null, problems, { source: 'the environment' });
  return endpoints;
}
