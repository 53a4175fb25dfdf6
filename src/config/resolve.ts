import { resolveEnvironment, type EnvironmentSettings, type LogSettings } from './environment.js';
import type { LoadedConfig } from './load.js';
import type { Config } from './schema.js';
import { resolveWebhookEndpoints, type WebhookEndpoint } from './webhook-endpoints.js';

/** How mail leaves: decided once, here, from REGWATCH_SMTP_URL. */
export interface MailTransportSettings {
  /** `smtp` when REGWATCH_SMTP_URL is set (not blank), else `eml`: files in `outboxDir`. */
  kind: 'smtp' | 'eml';
  /** The SMTP URL (a secret: never logged), or null for `eml`. */
  smtpUrl: string | null;
  /** Where `.eml` files go (`mail.outboxDir`, absolute once loaded). */
  outboxDir: string;
}

/** What the transports are built from: the mail transport and the webhook endpoints. */
export interface TransportSettings {
  mail: MailTransportSettings;
  webhooks: Map<string, WebhookEndpoint>;
}

/**
 * The configuration as the application reads it: the validated file (defaults applied by the
 * schema) and every choice derived from it and the environment, made once at load. Nothing
 * below the CLI reads `process.env`; it reads this (or the part it needs).
 */
export interface ResolvedConfig extends LoadedConfig, TransportSettings {
  log: LogSettings;
  /** REGWATCH_CLOCK_START in milliseconds since the epoch, or null: the system clock. */
  clockStart: number | null;
  timeouts: {
    /** One request to the SEC or the Federal Register (`http.requestTimeoutSeconds`). */
    requestMs: number;
    /** One document download on the command line (REGWATCH_HTTP_TIMEOUT_MS). */
    documentMs: number;
  };
}

/** SMTP when REGWATCH_SMTP_URL is set, else `.eml` files in `mail.outboxDir`: the one place that decides. */
export function resolveMailTransport(
  config: Config,
  smtpUrl: string | null | undefined,
): MailTransportSettings {
  const url = smtpUrl?.trim() ? smtpUrl : null;
  return { kind: url ? 'smtp' : 'eml', smtpUrl: url, outboxDir: config.mail.outboxDir };
}

/**
 * The mail transport and webhook endpoints of a configuration in an environment (what tests
 * and tools that skip config loading build their transports from).
 * @throws ConfigError naming each webhook variable that is unset.
 */
export function resolveTransportSettings(
  config: Config,
  env: NodeJS.ProcessEnv,
): TransportSettings {
  return {
    mail: resolveMailTransport(config, env.REGWATCH_SMTP_URL),
    webhooks: resolveWebhookEndpoints(config, env),
  };
}

/**
 * Resolves a loaded configuration against the environment: the environment's settings (pass
 * them when already read, so they are read once), the mail transport, the webhook endpoints
 * (their URLs and secrets come only from variables) and the timeouts.
 * @throws ConfigError naming the variable or key path of each problem (exit 78).
 */
export function resolveConfig(
  loaded: LoadedConfig,
  env: NodeJS.ProcessEnv,
  environment: EnvironmentSettings = resolveEnvironment(env),
): ResolvedConfig {
  const { config } = loaded;
  return {
    ...loaded,
    mail: resolveMailTransport(config, environment.smtpUrl),
    webhooks: resolveWebhookEndpoints(config, env),
    log: environment.log,
    clockStart: environment.clockStart,
    timeouts: {
      requestMs: config.http.requestTimeoutSeconds * 1000,
      documentMs: environment.documentTimeoutMs,
    },
  };
}
