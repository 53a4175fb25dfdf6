import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';

/** What the web views need from the configuration and the environment, resolved once at start. */
export interface WebOptions {
  /** The bearer token clients beyond loopback must send; null when `http.tokenEnv` is unset. */
  token: string | null;
  /** Where readers reach the listener (links in the feed); null: from the request's Host. */
  publicUrl: string | null;
  /** Recipient group -> the watches (and '@federal-register') whose alerts it receives. */
  groups: Record<string, string[]>;
  /** Entries in the feed (newest first). */
  feedEntries: number;
}

/** Entries in the feed when `http.feedEntries` is unset. */
export const DEFAULT_FEED_ENTRIES = 50;

/** A token shorter than this is refused: it would be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * Resolves the web options. The token is read from the environment variable `http.tokenEnv`
 * names (a secret never sits in the file); naming one that is unset or short is a
 * configuration error, not a listener silently open or silently closed.
 */
export function resolveWebOptions(config: Config, env: NodeJS.ProcessEnv): WebOptions {
  const tokenEnv = config.http.tokenEnv;
  let token: string | null = null;
  if (tokenEnv) {
    token = env[tokenEnv]?.trim() ?? '';
    if (token.length < MIN_TOKEN_LENGTH) {
      const problem = token
        ? `${tokenEnv} (named by http.tokenEnv): the bearer token must be at least ${MIN_TOKEN_LENGTH} characters`
        : `${tokenEnv} (named by http.tokenEnv) is not set: set it to the bearer token clients beyond loopback must send`;
      throw new ConfigError(null, [problem], { source: 'the environment' });
    }
  }
  const groups: Record<string, string[]> = {};
  for (const group of Object.keys(config.recipients)) {
    const watches = config.watches.filter((w) => w.notify.includes(group)).map((w) => w.name);
    if (config.federalRegister.notify.includes(group)) watches.push('@federal-register');
    groups[group] = watches;
  }
  const publicUrl = config.http.publicUrl?.replace(/\/+$/, '') ?? null;
  return { token, publicUrl, groups, feedEntries: config.http.feedEntries ?? DEFAULT_FEED_ENTRIES };
}
