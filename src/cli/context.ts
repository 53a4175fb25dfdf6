import { loadConfig, requireSecContact, type LoadedConfig } from '../config/load.js';
import { createApp, type App } from '../app.js';
import { createLogger, type Logger } from '../log/logger.js';

/** Global options every command sees. */
export interface GlobalOptions {
  config?: string;
}

export function loadFromOptions(opts: GlobalOptions): LoadedConfig {
  return loadConfig(opts.config, process.env);
}

/** Builds the app for a command that needs the store; `needsSec` also requires the SEC contact. */
export function openApp(opts: GlobalOptions, { needsSec = false, logger }: { needsSec?: boolean; logger?: Logger } = {}): App {
  const loaded = loadFromOptions(opts);
  if (needsSec) requireSecContact(loaded.config, loaded.file);
  return createApp(loaded, logger ?? createLogger());
}

/** Writes a JSON document to stdout (one line per document keeps pipes simple). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
