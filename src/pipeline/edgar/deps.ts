import type { Config } from '../../config/schema.js';
import type { HttpClient } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import type { EdgarEndpoints } from '../../sources/edgar/index.js';
import type { Db } from '../../store/open-database.js';

/** What the EDGAR pipeline needs: the store, the SEC client, the config, a logger and a clock. */
export interface EdgarDeps {
  db: Db;
  client: HttpClient;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Called after a transaction that queued alerts commits: wakes the sender (see src/daemon/wake-up.ts). */
  alertsCommitted?: () => void;
}

export function endpointsOf(config: Config): EdgarEndpoints {
  return { baseUrl: config.sec.baseUrl, dataUrl: config.sec.dataUrl, eftsUrl: config.sec.eftsUrl };
}
