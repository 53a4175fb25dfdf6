import type { Config } from '../../config/schema.js';
import type { Logger } from '../../log/logger.js';
import { createEmlTransport } from './eml.js';
import { createSmtpTransport, parseSmtpUrl } from './smtp.js';
import type { Transport } from './types.js';

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

registerTransport('smtp', (_config, env) => createSmtpTransport(parseSmtpUrl(env.REGWATCH_SMTP_URL ?? '')));
registerTransport('eml', (config) => createEmlTransport(config.mail.outboxDir));

/**
 * The transport regwatch sends with: SMTP when `REGWATCH_SMTP_URL` is set, otherwise `.eml`
 * files in `mail.outboxDir`. Logs which one (never the URL: it holds the password).
 * @throws TransportConfigError when the URL is malformed.
 */
export function createTransport(config: Config, env: NodeJS.ProcessEnv, logger: Logger): Transport {
  const name = env.REGWATCH_SMTP_URL?.trim() ? 'smtp' : 'eml';
  const transport = factories.get(name)!(config, env);
  logger.debug({ transport: transport.name, target: transport.describe() }, 'mail transport ready');
  return transport;
}
