import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, MAX_LISTED_PROBLEMS } from '../errors.js';
import { CONTACT_TEMPLATE, isSecUrl, placeholderContactReason } from './contact.js';
import { Config, crossCheck } from './schema.js';

export const DEFAULT_CONFIG_PATH = 'config/regwatch.yml';

/** The environment variable that overrides `sec.userAgent`. */
export const UA_ENV = 'REGWATCH_SEC_USER_AGENT';

export interface LoadedConfig {
  /** The validated configuration; `database.path` and `mail.outboxDir` are absolute. */
  config: Config;
  /** The file read, or null when running on the embedded defaults. */
  file: string | null;
  /** Where the SEC contact came from, or null when there is none. */
  userAgentSource?: 'file' | 'environment' | null;
}

/** What a command needs of the configuration beyond its schema. */
export interface LoadOptions {
  /**
   * The command talks to the SEC (`run`, `backfill`, `reprocess`, `config check`): the contact must
   * be set, and must not be a placeholder while the SEC URLs point at the SEC. Its problems come in
   * the same round as every other problem of the file. `'set'`: only that it is set (the daemon,
   * which starts with EDGAR off on a placeholder contact: see secContactRefusal).
   */
  requireContact?: boolean | 'set';
}

/** Where the config comes from: `--config`, else `REGWATCH_CONFIG`, else `config/regwatch.yml`. */
export function resolveConfigPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): { path: string; explicit: boolean; via: string | null } {
  if (flag !== undefined) return { path: resolve(cwd, flag), explicit: true, via: '--config' };
  if (env.REGWATCH_CONFIG)
    return { path: resolve(cwd, env.REGWATCH_CONFIG), explicit: true, via: 'REGWATCH_CONFIG' };
  return { path: resolve(cwd, DEFAULT_CONFIG_PATH), explicit: false, via: null };
}

/**
 * Reads, parses and validates the configuration, then resolves its relative paths against the
 * file's folder (embedded defaults: against the current directory). A named file that does not
 * exist is an error; the default path missing means "run on embedded defaults".
 * @throws ConfigError with one line per problem, each naming the key path (or the variable).
 */
export function loadConfig(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
  options: LoadOptions = {},
): LoadedConfig {
  if (flag !== undefined && flag.trim() === '')
    throw new ConfigError(
      null,
      ['--config: empty file name; name a YAML file such as config/regwatch.yml'],
      { source: 'the command line' },
    );
  const { path, explicit, via } = resolveConfigPath(flag, env, cwd);
  if (!existsSync(path)) {
    if (explicit)
      throw new ConfigError(path, [
        `file not found (named by ${via}); copy config/regwatch.example.yml there to start`,
      ]);
    return finish(parseConfig({}, null, env, options), null, env, cwd);
  }
  let text: string;
  try {
    if (statSync(path).isDirectory())
      throw new ConfigError(path, [
        `is a folder; name the YAML file inside it, e.g. ${resolve(path, 'regwatch.yml')}`,
      ]);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(path, [`cannot read the file: ${(err as Error).message}`]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const lines = text.split(/\r?\n/);
    const problems = doc.errors.map((e) => {
      const line = e.linePos?.[0]?.line;
      const col = e.linePos?.[0]?.col;
      // prettyErrors appends " at line L, column C:" and a code excerpt: say the position once.
      const what = e.message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?\s*$/, '');
      const near = line !== undefined ? lines[line - 1]?.trim().slice(0, 60) : undefined;
      return `YAML syntax at line ${line ?? '?'}, column ${col ?? '?'}: ${what}${near ? ` (near "${near}")` : ''}`;
    });
    throw limited(path, problems);
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(path, [
      '(top level): not a YAML mapping; expected keys such as sec:, watches:, recipients: (see config/regwatch.example.yml)',
    ]);
  }
  return finish(parseConfig(raw as Record<string, unknown>, path, env, options), path, env, cwd);
}

function finish(
  config: Config,
  file: string | null,
  env: NodeJS.ProcessEnv,
  cwd: string,
): LoadedConfig {
  const base = file ? dirname(file) : cwd;
  const abs = (p: string) => (p === ':memory:' || isAbsolute(p) ? p : resolve(base, p));
  config.database.path = abs(config.database.path);
  config.mail.outboxDir = abs(config.mail.outboxDir);
  const userAgentSource = env[UA_ENV]?.trim()
    ? 'environment'
    : config.sec.userAgent
      ? 'file'
      : null;
  return { config, file, userAgentSource };
}

function limited(file: string | null, problems: string[], source?: string): ConfigError {
  const unique = [...new Set(problems)];
  return new ConfigError(file, unique.slice(0, MAX_LISTED_PROBLEMS), {
    source,
    omitted: Math.max(0, unique.length - MAX_LISTED_PROBLEMS),
  });
}

/**
 * Validates a raw object, filling the embedded defaults (a new-registrant watch delivered to the
 * outbox). The environment's SEC contact is merged first and validated by the same rule, its
 * problems naming the variable. Paths stay as written (see loadConfig for resolving them).
 */
export function parseConfig(
  raw: Record<string, unknown>,
  file: string | null,
  env: NodeJS.ProcessEnv,
  options: LoadOptions = {},
): Config {
  const withDefaults: Record<string, unknown> = { ...raw };
  if (withDefaults.recipients === undefined) {
    withDefaults.recipients = {
      default: {
        emails: [env.REGWATCH_ALERT_EMAIL || 'regwatch@localhost.localdomain'],
        mode: 'immediate',
      },
    };
  }
  if (withDefaults.watches === undefined) {
    withDefaults.watches = [
      {
        name: 'new-registrants',
        newRegistrants: { forms: ['S-1', 'F-1'] },
        notify: Object.keys(withDefaults.recipients as object).slice(0, 1),
      },
    ];
  }
  if (withDefaults.federalRegister === undefined && raw.recipients !== undefined) {
    withDefaults.federalRegister = { notify: Object.keys(raw.recipients as object).slice(0, 1) };
  }
  const ua = env[UA_ENV]?.trim();
  const fromEnv = ua !== undefined && ua !== '';
  if (fromEnv) {
    const sec = withDefaults.sec;
    withDefaults.sec =
      typeof sec === 'object' && sec !== null && !Array.isArray(sec)
        ? { ...sec, userAgent: ua }
        : sec === undefined || sec === null
          ? { userAgent: ua }
          : sec;
  }
  // reportInput: a URL zod refuses is shown as typed (formatIssues).
  const result = Config.safeParse(withDefaults, { reportInput: true });
  const contact = options.requireContact
    ? contactProblems(withDefaults.sec, fromEnv, file, options.requireContact === 'set')
    : [];
  if (result.success && contact.length === 0) return result.data;
  if (result.success)
    throw limited(file, contact, fromEnv ? 'the environment' : (file ?? 'embedded defaults'));
  const alertEmailFromEnv = raw.recipients === undefined && Boolean(env.REGWATCH_ALERT_EMAIL);
  const problems = formatIssues(result.error.issues, { envUserAgent: fromEnv }).map((p) =>
    alertEmailFromEnv && p.startsWith('recipients.default.emails[0]:')
      ? p.replace(
          'recipients.default.emails[0]:',
          'REGWATCH_ALERT_EMAIL (the recipient of the embedded defaults):',
        )
      : p,
  );
  // Cross-key checks (duplicate names, unknown recipient groups) run only once every field
  // parsed; run them on the raw input so they come with the first round.
  for (const issue of crossCheck(withDefaults))
    problems.push(
      formatIssues([
        {
          code: 'custom',
          path: issue.path,
          message: issue.message,
          input: undefined,
        } as z.core.$ZodIssue,
      ])[0]!,
    );
  problems.push(
    ...contact.filter((p) => !problems.some((q) => q.split(':')[0] === p.split(':')[0])),
  );
  const fileProblems = problems.filter((p) => !p.startsWith('REGWATCH_'));
  const source =
    file && fileProblems.length > 0
      ? file
      : fileProblems.length === 0
        ? 'the environment'
        : (file ?? 'embedded defaults');
  throw limited(file, problems, source);
}

/** `watches[0].cik: expected ...` — one line per problem, key path first (or the variable it came from). */
export function formatIssues(
  issues: z.core.$ZodIssue[],
  options: { envUserAgent?: boolean } = {},
): string[] {
  return issues.map((issue) => {
    let path = issue.path.reduce<string>(
      (acc, seg) =>
        typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg),
      '',
    );
    if (options.envUserAgent && path === 'sec.userAgent')
      path = `${UA_ENV} (overrides sec.userAgent)`;
    let message = issue.message;
    if (issue.code === 'invalid_format' && issue.format === 'url' && message === 'Invalid URL')
      message = `expected a URL with its scheme, e.g. "https://host/path"; got ${JSON.stringify(issue.input)}`;
    if (issue.code === 'unrecognized_keys')
      message = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; see config/regwatch.example.yml for the keys regwatch reads`;
    return `${path || '(top level)'}: ${message}`;
  });
}

/**
 * The contact's problems for a command that talks to the SEC, from the raw `sec:` mapping (the
 * environment's contact already merged): missing, or a placeholder while the SEC URLs point at
 * the SEC (a test server on loopback or a staging host is exempt). A contact of the wrong shape
 * is the schema's problem, not repeated here.
 */
function contactProblems(
  sec: unknown,
  fromEnv: boolean,
  file: string | null,
  onlySet = false,
): string[] {
  const s =
    typeof sec === 'object' && sec !== null && !Array.isArray(sec)
      ? (sec as Record<string, unknown>)
      : {};
  const ua = typeof s.userAgent === 'string' ? s.userAgent : undefined;
  if (ua === undefined || ua.trim() === '') return [missingContact(file)];
  if (onlySet) return [];
  const reason = secContactRefusal(s);
  return reason
    ? [`${fromEnv ? `${UA_ENV} (overrides sec.userAgent)` : 'sec.userAgent'}: ${reason}`]
    : [];
}

/**
 * Why the SEC contact must not be sent to the SEC (a placeholder while the SEC URLs point at the
 * SEC), or null when it may. The daemon starts with EDGAR off on such a contact, so the README's
 * first command starts it and says what to put in; commands that only talk to the SEC refuse.
 */
export function secContactRefusal(sec: {
  userAgent?: unknown;
  baseUrl?: unknown;
  dataUrl?: unknown;
  eftsUrl?: unknown;
}): string | null {
  const ua = typeof sec.userAgent === 'string' ? sec.userAgent : '';
  const urls = [sec.baseUrl, sec.dataUrl, sec.eftsUrl].map((u) =>
    typeof u === 'string' ? u : 'https://www.sec.gov',
  );
  if (ua.trim() === '' || !urls.some(isSecUrl)) return null;
  return placeholderContactReason(ua);
}

function missingContact(file: string | null): string {
  return `sec.userAgent: not set${file ? '' : ' (no config file; the embedded defaults have none)'}; the SEC requires a contact on every request: set ${UA_ENV}="${CONTACT_TEMPLATE}" with your own name and e-mail address, or put sec: {userAgent: "..."} in ${file ?? 'config/regwatch.yml'}`;
}

/**
 * The SEC refuses requests without a declared contact; regwatch refuses to start without one.
 * @throws ConfigError explaining, in one line, how to set it.
 */
export function requireSecContact(config: Config, file: string | null): string {
  if (config.sec.userAgent) return config.sec.userAgent;
  throw new ConfigError(file, [missingContact(file)], { source: file ?? 'embedded defaults' });
}
