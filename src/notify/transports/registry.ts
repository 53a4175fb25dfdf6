import type { Config } from '../../config/schema.js';
import { ConfigError } from '../../errors.js';
import { TransportConfigError } from '../errors.js';
import type { Logger } from '../../log/logger.js';
import { createEmlTransport } from './eml.js';
import { createSmtpTransport, parseSmtpUrl } from './smtp.js';
import type { Transport } from './types.js';
import { resolveWebhookEndpoints } from './webhook-endpoints.js';
import { createWebhookTransport } from './webhook-transport.js';

/** Builds a transport from the configuration and the environment (secrets come only from there). */
export type TransportFactory = (config: Config, env: NodeJS.ProcessEnv) => Transport;

const factories = new Map<string, TransportFactory>();

/** Adds a transport by name. @throws Error on a duplicate name: two transports must never hide each other. */
export function registerTransport(name: string, factory: TransportFactory): void {
  if (factories.has(name)) throw new Error(`notify: transport "${name}" is registered twice`);
  factories.set(name, factory);
}

/** The registered transport names, for messages and tests. */
export function transportNames(): string[] {
  return [...factories.keys()];
}

registerTransport('smtp', (_config, env) =>
  createSmtpTransport(parseSmtpUrl(env.REGWATCH_SMTP_URL ?? '')),
);
registerTransport('eml', (config) => createEmlTransport(config.mail.outboxDir));
registerTransport('webhook', (config, env) =>
  createWebhookTransport(resolveWebhookEndpoints(config, env), 'regwatch (webhook)'),
);

/**
 * The transport of the outbox's webhook deliveries (the send loop picks it by a delivery's
 * channel). @throws ConfigError naming each webhook whose environment variable is not set.
 */
export function createWebhookTransportFor(config: Config, env: NodeJS.ProcessEnv): Transport {
  return factories.get('webhook')!(config, env);
}

/**
 * The transport regwatch sends with: SMTP when `REGWATCH_SMTP_URL` is set, otherwise `.eml`
 * files in `mail.outboxDir`. Logs which one (never the URL: it holds the password).
 * @throws ConfigError when REGWATCH_SMTP_URL is malformed (the message never repeats the URL).
 */
export function createTransport(config: Config, env: NodeJS.ProcessEnv, logger: Logger): Transport {
  const name = env.REGWATCH_SMTP_URL?.trim() ? 'smtp' : 'eml';
  let transport: Transport;
  try {
    transport = factories.get(name)!(config, env);
  } catch (err) {
    // A malformed URL is a configuration problem (exit 78), reported like the config file's.
    if (err instanceof TransportConfigError) throw new ConfigError(null, [err.message]);
    throw err;
  }
  logger.debug({ transport: transport.name, target: transport.describe() }, 'mail transport ready');
  return transport;
}
