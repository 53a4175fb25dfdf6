import type { TransportSettings } from '../../config/resolve.js';
import { ConfigError } from '../../errors.js';
import { TransportConfigError } from '../errors.js';
import type { Logger } from '../../log/logger.js';
import { createEmlTransport } from './eml.js';
import { createSmtpTransport, parseSmtpUrl } from './smtp.js';
import type { Transport } from './types.js';
import { createWebhookTransport } from './webhook-transport.js';

/** Builds a transport from the settings resolved at load (secrets come only from the environment). */
export type TransportFactory = (settings: TransportSettings) => Transport;

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

registerTransport('smtp', ({ mail }) => createSmtpTransport(parseSmtpUrl(mail.smtpUrl ?? '')));
registerTransport('eml', ({ mail }) => createEmlTransport(mail.outboxDir));
registerTransport('webhook', ({ webhooks }) =>
  createWebhookTransport(webhooks, 'regwatch (webhook)'),
);

/**
 * The transport of the outbox's webhook deliveries (the send loop picks it by a delivery's
 * channel), to the endpoints resolved at load.
 */
export function createWebhookTransportFor(settings: TransportSettings): Transport {
  return factories.get('webhook')!(settings);
}

/**
 * The transport regwatch sends with, as resolved at load (`settings.mail.kind`): SMTP when
 * `REGWATCH_SMTP_URL` is set, otherwise `.eml` files in `mail.outboxDir`. Logs which one
 * (never the URL: it holds the password).
 * @throws ConfigError when REGWATCH_SMTP_URL is malformed (the message never repeats the URL).
 */
export function createTransport(settings: TransportSettings, logger: Logger): Transport {
  let transport: Transport;
  try {
    transport = factories.get(settings.mail.kind)!(settings);
  } catch (err) {
    // A malformed URL is a configuration problem (exit 78), reported like the config file's.
    if (err instanceof TransportConfigError) throw new ConfigError(null, [err.message]);
    throw err;
  }
  logger.debug({ transport: transport.name, target: transport.describe() }, 'mail transport ready');
  return transport;
}
