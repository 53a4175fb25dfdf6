import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentSettings } from '../config/environment.js';
import type { LoadedConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { App } from '../app.js';
import { ConfigError, DatabaseError } from '../errors.js';
import type { Logger } from '../log/logger.js';

// Everything heavy (the schema and YAML parser, the store, the HTTP clients, the mailer) is
// imported here on first use, never at the top of a command's module: `regwatch --help` and
// `regwatch extract` must not pay for what they never run (test/unit/cli-imports.test.ts).
//
// This file and main.ts are where the CLI reads process.env (test/unit/env-reads.test.ts): the
// environment's settings once for every command, and the configuration resolved against it;
// everything below receives what was resolved.

/** Global options every command sees. */
export interface GlobalOptions {
  config?: string;
  debug?: boolean;
}

let environmentSettings: EnvironmentSettings | undefined;

/**
 * The environment's settings (log, document timeout, clock start, SMTP URL), read once per
 * process; the program checks them before any command runs.
 * @throws ConfigError naming the variable of a bad value (exit 78).
 */
export async function environment(): Promise<EnvironmentSettings> {
  if (!environmentSettings) {
    const { resolveEnvironment } = await import('../config/environment.js');
    environmentSettings = resolveEnvironment(process.env);
  }
  return environmentSettings;
}

/** The configuration named by `--config`, `$REGWATCH_CONFIG` or the default path, validated. */
export async function loadFromOptions(
  opts: GlobalOptions,
  { requireContact = false }: { requireContact?: boolean | 'set' } = {},
): Promise<LoadedConfig> {
  const { loadConfig } = await import('../config/load.js');
  return loadConfig(opts.config, process.env, process.cwd(), { requireContact });
}

/**
 * The configuration validated and resolved against the environment: the mail transport, the
 * webhook endpoints, the clock, the log and the timeouts (what the app and the daemon read).
 * @throws ConfigError for the file's problems, then for the environment's.
 */
export async function resolveFromOptions(
  opts: GlobalOptions,
  options: { requireContact?: boolean | 'set' } = {},
): Promise<ResolvedConfig> {
  const loaded = await loadFromOptions(opts, options);
  const [{ resolveConfig }, env] = await Promise.all([
    import('../config/resolve.js'),
    environment(),
  ]);
  return resolveConfig(loaded, process.env, env);
}

/**
 * Problems with the configured paths, found without creating anything: the database's folder,
 * and the outbox folder when mail goes there (no SMTP URL).
 */
export async function pathProblems(
  loaded: Pick<ResolvedConfig, 'config' | 'mail'>,
  { outbox = true }: { outbox?: boolean } = {},
): Promise<string[]> {
  const { checkFolder, checkParentFolder } = await import('../store/open-database.js');
  const problems: string[] = [];
  const { database, mail } = loaded.config;
  if (database.path !== ':memory:') {
    if (isFolder(database.path))
      problems.push(
        `database.path: ${database.path} is a folder; name a file, e.g. ${join(database.path, 'regwatch.db')}`,
      );
    else {
      const p = checkParentFolder(database.path);
      if (p) problems.push(`database.path: ${database.path} cannot be created: ${p}`);
    }
  }
  if (outbox && loaded.mail.kind === 'eml') {
    const p = checkFolder(mail.outboxDir);
    if (p) problems.push(`mail.outboxDir: ${mail.outboxDir} cannot hold the outbox: ${p}`);
  }
  return problems;
}

/** @throws ConfigError naming each configured path that cannot work. */
export async function requireUsablePaths(
  loaded: ResolvedConfig,
  { outbox = true }: { outbox?: boolean } = {},
): Promise<void> {
  const problems = await pathProblems(loaded, { outbox });
  if (problems.length > 0)
    throw new ConfigError(loaded.file, problems, { source: loaded.file ?? 'embedded defaults' });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Builds the app for a command that needs the store. `needsSec` also requires the SEC contact
 * and a usable outbox (what `run` needs); `existingOnly` refuses to create a database as a side
 * effect (for commands that only read it).
 * @throws ConfigError for a configured path that cannot work; DatabaseError when there is no database yet.
 */
export async function openApp(
  opts: GlobalOptions,
  {
    needsSec = false,
    logger,
    existingOnly = false,
  }: { needsSec?: boolean; logger?: Logger; existingOnly?: boolean } = {},
): Promise<App> {
  const loaded = await resolveFromOptions(opts, { requireContact: needsSec });
  await requireUsablePaths(loaded, { outbox: needsSec });
  const path = loaded.config.database.path;
  if (existingOnly && path !== ':memory:' && !existsSync(path)) {
    throw new DatabaseError(
      path,
      `${path}: no database yet; create it with \`regwatch migrate\` (or start \`regwatch run\`)`,
    );
  }
  const [{ createApp }, { createLogger }] = await Promise.all([
    import('../app.js'),
    import('../log/logger.js'),
  ]);
  return createApp(
    loaded,
    logger ?? createLogger({ level: loaded.log.level, pretty: loaded.log.pretty }),
  );
}

/** Writes a JSON document to stdout (one line per document keeps pipes simple). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
