import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { Config } from './schema.js';

export const DEFAULT_CONFIG_PATH = 'config/regwatch.yml';

export interface LoadedConfig {
  config: Config;
  /** The file read, or null when running on the embedded defaults. */
  file: string | null;
}

/** Where the config comes from: `--config`, else `REGWATCH_CONFIG`, else `config/regwatch.yml`. */
export function resolveConfigPath(flag: string | undefined, env: NodeJS.ProcessEnv): { path: string; explicit: boolean } {
  if (flag) return { path: resolve(flag), explicit: true };
  if (env.REGWATCH_CONFIG) return { path: resolve(env.REGWATCH_CONFIG), explicit: true };
  return { path: resolve(DEFAULT_CONFIG_PATH), explicit: false };
}

/**
 * Reads, parses and validates the configuration. A named file that does not exist is an
 * error; the default path missing means "run on embedded defaults".
 * @throws ConfigError with one line per problem, each naming the key path.
 */
export function loadConfig(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const { path, explicit } = resolveConfigPath(flag, env);
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError(path, [`file not found (named by ${flag ? '--config' : 'REGWATCH_CONFIG'}); copy config/regwatch.example.yml there to start`]);
    return { config: parseConfig({}, null, env), file: null };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      path,
      doc.errors.map((e) => `YAML syntax at line ${e.linePos?.[0]?.line ?? '?'}, column ${e.linePos?.[0]?.col ?? '?'}: ${e.message.split('\n')[0]}`),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(path, ['(top level): expected a mapping of keys such as sec:, watches:, recipients:']);
  return { config: parseConfig(raw as Record<string, unknown>, path, env), file: path };
}

/** Validates a raw object, filling the embedded defaults (a new-registrant watch delivered to the outbox). */
export function parseConfig(raw: Record<string, unknown>, file: string | null, env: NodeJS.ProcessEnv): Config {
  const withDefaults: Record<string, unknown> = { ...raw };
  if (withDefaults.recipients === undefined) {
    withDefaults.recipients = { default: { emails: [env.REGWATCH_ALERT_EMAIL || 'regwatch@localhost.localdomain'], mode: 'immediate' } };
  }
  if (withDefaults.watches === undefined) {
    withDefaults.watches = [{ name: 'new-registrants', newRegistrants: { forms: ['S-1', 'F-1'] }, notify: Object.keys(withDefaults.recipients as object).slice(0, 1) }];
  }
  if (withDefaults.federalRegister === undefined && raw.recipients !== undefined) {
    withDefaults.federalRegister = { notify: Object.keys(raw.recipients as object).slice(0, 1) };
  }
  const result = Config.safeParse(withDefaults);
  if (!result.success) throw new ConfigError(file, formatIssues(result.error.issues));
  const config = result.data;
  const ua = env.REGWATCH_SEC_USER_AGENT?.trim();
  if (ua) config.sec.userAgent = ua;
  return config;
}

/** `watches[0].cik: expected ...` — one line per problem, key path first. */
export function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; see config/regwatch.example.yml for the keys regwatch reads`;
    return `${path || '(top level)'}: ${message}`;
  });
}

/**
 * The SEC refuses requests without a declared contact; regwatch refuses to start without one.
 * @throws ConfigError explaining how to set it.
 */
export function requireSecContact(config: Config, file: string | null): string {
  if (config.sec.userAgent) return config.sec.userAgent;
  throw new ConfigError(file, [
    'sec.userAgent: missing. The SEC requires a contact on every request. Set it with',
    '    REGWATCH_SEC_USER_AGENT="Jane Doe jane@example.com" npx regwatch run',
    '  or put sec: {userAgent: "Your Company ops@example.com"} in your config file.',
  ]);
}
