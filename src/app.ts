import type { LoadedConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import type { Logger } from './log/logger.js';
import { migrate, type MigrationResult } from './store/migrate.js';
import { openDatabase, type Db } from './store/open-database.js';

/** A source regwatch polls, as the scheduler sees it. */
export interface SourceStatus {
  name: string;
  available: boolean;
  note: string;
}

/**
 * The application object both the daemon and the CLI build, so that `run --once` exercises
 * exactly the production path.
 */
export interface App {
  config: Config;
  configFile: string | null;
  db: Db;
  logger: Logger;
  migrations: MigrationResult;
  sources: SourceStatus[];
  close(): void;
}

/** Opens the store (migrating it) and wires the sources. */
export function createApp(loaded: LoadedConfig, logger: Logger): App {
  const { config, file } = loaded;
  const db = openDatabase(config.database.path);
  let migrations: MigrationResult;
  try {
    migrations = migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const sources: SourceStatus[] = [
    { name: 'edgar', available: false, note: 'the SEC EDGAR poller is not built yet' },
    { name: 'federal-register', available: false, note: 'the Federal Register poller is not built yet' },
  ];
  return { config, configFile: file, db, logger, migrations, sources, close: () => db.close() };
}
