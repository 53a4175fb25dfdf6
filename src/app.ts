import { createClock } from './config/clock.js';
import type { ResolvedConfig } from './config/resolve.js';
import type { Config } from './config/schema.js';
import { createSecHttpClient } from './http/services.js';
import type { ClosableHttpClient } from './http/client.js';
import type { HttpObserver } from './http/types.js';
import type { Logger } from './log/logger.js';
import { createTransport, type SenderDeps, type Transport } from './notify/index.js';
import { createWebhookTransportFor } from './notify/transports/registry.js';
import type { EdgarDeps } from './pipeline/edgar/deps.js';
import type { FrPollDeps } from './pipeline/federal-register/poll.js';
import { createFrHttpClient } from './sources/federal-register/client.js';
import { createValidatorStore } from './store/http-cache.js';
import { migrate, type MigrationResult } from './store/migrate.js';
import { openDatabase, type Db } from './store/open-database.js';
import { createPauseStore } from './store/source-state.js';

export interface AppOptions {
  /** The daemon's metrics, counting requests and retries per host. */
  observer?: HttpObserver;
  /** The clock (tests move it); default: the system time, or one started at `clockStart`. */
  now?: () => Date;
  /** Called by the pipelines after a transaction that queued alerts commits (the daemon wakes its sender). */
  alertsCommitted?: () => void;
}

/**
 * The application object both the daemon and the CLI build, so that `run --once` exercises
 * exactly the production path: the store (migrated), and each source's dependencies with
 * its HTTP client made on first use (a command that never talks to the SEC never needs
 * its contact).
 */
export interface App {
  config: Config;
  configFile: string | null;
  db: Db;
  logger: Logger;
  migrations: MigrationResult;
  now: () => Date;
  /** What the EDGAR pipeline needs; builds the SEC client (requires the SEC contact). */
  edgar(): EdgarDeps;
  /** What the Federal Register poller needs; builds its client (its own rate limit). */
  federalRegister(): FrPollDeps;
  /** What the mail sender needs; builds the transport the resolved config chose (SMTP or .eml files). */
  sender(): SenderDeps;
  close(): void;
}

/**
 * Opens the store (migrating it) and wires the sources, from the configuration resolved at load
 * (src/config/resolve.ts: a webhook whose variable is unset was refused there, exit 78).
 */
export function createApp(resolved: ResolvedConfig, logger: Logger, options: AppOptions = {}): App {
  const { config, file } = resolved;
  const webhooks = createWebhookTransportFor(resolved);
  const db = openDatabase(config.database.path);
  let migrations: MigrationResult;
  try {
    migrations = migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const now = options.now ?? createClock(resolved.clockStart);
  const clients: ClosableHttpClient[] = [];
  // The SEC client is one per app: every caller of the SEC (feed, daily index, documents, tickers) shares its limiter.
  const requestTimeouts = { requestMs: resolved.timeouts.requestMs };
  let sec: ClosableHttpClient | null = null;
  const secClient = () => {
    if (!sec) {
      sec = createSecHttpClient(config.sec, {
        logger: logger.child({ component: 'http', service: 'sec' }),
        validators: createValidatorStore(db),
        pause: createPauseStore(db, 'sec', { now }),
        observer: options.observer,
        overrides: { timeouts: requestTimeouts },
      });
      clients.push(sec);
    }
    return sec;
  };
  let fr: ClosableHttpClient | null = null;
  const frClient = () => {
    if (!fr) {
      fr = createFrHttpClient(config, {
        logger: logger.child({ component: 'http', service: 'federal-register' }),
        validators: createValidatorStore(db),
        observer: options.observer,
        overrides: { timeouts: requestTimeouts },
      });
      clients.push(fr);
    }
    return fr;
  };
  let transport: Transport | null = null;
  return {
    config,
    configFile: file,
    db,
    logger,
    migrations,
    now,
    edgar: () => ({
      db,
      config,
      client: secClient(),
      logger: logger.child({ source: 'edgar' }),
      now,
      alertsCommitted: options.alertsCommitted,
    }),
    // pollFederalRegister names its source itself; a second child would repeat the key in every line.
    federalRegister: () => ({
      db,
      config,
      client: frClient(),
      logger,
      now,
      alertsCommitted: options.alertsCommitted,
    }),
    sender: () => {
      transport ??= createTransport(resolved, logger);
      return { db, config, transport, webhooks, logger: logger.child({ component: 'mail' }), now };
    },
    close: () => {
      for (const c of clients) void c.close();
      transport?.close();
      if (db.open) db.close();
    },
  };
}
