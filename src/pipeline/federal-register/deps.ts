import type { Config } from '../../config/schema.js';
import type { HttpClient } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import type { Db } from '../../store/open-database.js';
import type { WatchNames } from './classify.js';

/** What a Federal Register poll needs; the app object builds it (the CLI's `run --once` and the daemon alike). */
export interface FrPollDeps {
  db: Db;
  client: HttpClient;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Called after a transaction that queued alerts commits: wakes the sender (see src/daemon/wake-up.ts). */
  alertsCommitted?: () => void;
}

/** What one poll did; also kept in `source_state` (`federal-register.lastPoll`) for `regwatch status`. */
export interface FrPollStats {
  requests?: number;
  documentsSeen: number;
  documentsNew: number;
  documentsUpdated: number;
  publicInspectionNew: number;
  alertsQueued: number;
  errors: number;
}

/**
 * One poll in progress, as every step reads it: the deps, the client that counts its
 * requests, the source's logger, the names each watch goes by, the register's date today,
 * and the stats the steps add to.
 */
export interface FrRun {
  deps: FrPollDeps;
  client: HttpClient;
  fr: Config['federalRegister'];
  logger: Logger;
  watches: WatchNames[];
  /** The register's date (YYYY-MM-DD, Eastern) at the start of the poll. */
  today: string;
  stats: FrPollStats;
}
