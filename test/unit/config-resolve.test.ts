import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/config/clock.js';
import { DEFAULT_DOCUMENT_TIMEOUT_MS, resolveEnvironment } from '../../src/config/environment.js';
import { parseConfig } from '../../src/config/load.js';
import { SEC_MAX_REQUESTS_PER_SECOND } from '../../src/config/rate-ceilings.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/errors.js';

// Every choice the environment makes is made once, by resolveEnvironment / resolveConfig, from
// the environment passed in (the CLI passes process.env): the cases below are README.md's.

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const config = (raw: Record<string, unknown> = {}) => parseConfig(raw, null, {});

describe('the environment, resolved once', () => {
  it.each([
    { env: {}, level: 'info', levelSet: false, pretty: 'tty' },
    { env: { REGWATCH_LOG_LEVEL: 'DEBUG' }, level: 'debug', levelSet: true, pretty: 'tty' },
    { env: { REGWATCH_LOG_LEVEL: '  ' }, level: 'info', levelSet: false, pretty: 'tty' },
    {
      env: { REGWATCH_LOG_PRETTY: '1', NODE_ENV: 'production' },
      level: 'info',
      levelSet: false,
      pretty: 'always',
    },
    { env: { REGWATCH_LOG_PRETTY: '0' }, level: 'info', levelSet: false, pretty: 'never' },
    { env: { NODE_ENV: 'production' }, level: 'info', levelSet: false, pretty: 'never' },
  ])('log settings from $env', ({ env, ...log }) => {
    expect(resolveEnvironment(env).log).toEqual(log);
  });

  it('the document timeout, the clock start and the SMTP URL', () => {
    expect(resolveEnvironment({})).toMatchObject({
      documentTimeoutMs: DEFAULT_DOCUMENT_TIMEOUT_MS,
      clockStart: null,
      smtpUrl: null,
    });
    const env = resolveEnvironment({
      REGWATCH_HTTP_TIMEOUT_MS: '700',
      REGWATCH_CLOCK_START: '2026-01-17T10:00:00-05:00',
      REGWATCH_SMTP_URL: 'smtp://u:p@mail.example.com:587',
    });
    expect(env).toMatchObject({
      documentTimeoutMs: 700,
      clockStart: Date.parse('2026-01-17T15:00:00Z'),
      smtpUrl: 'smtp://u:p@mail.example.com:587',
    });
    // A blank SMTP URL is no SMTP URL: mail goes to .eml files, and the outbox is checked.
    expect(resolveEnvironment({ REGWATCH_SMTP_URL: '  ' }).smtpUrl).toBeNull();
  });

  it.each([
    [{ REGWATCH_LOG_LEVEL: 'loud' }, /^REGWATCH_LOG_LEVEL: unknown level "loud"/],
    [{ REGWATCH_HTTP_TIMEOUT_MS: 'soon' }, /^REGWATCH_HTTP_TIMEOUT_MS: expected a positive number/],
    [{ REGWATCH_HTTP_TIMEOUT_MS: '-5' }, /^REGWATCH_HTTP_TIMEOUT_MS: expected a positive number/],
    [{ REGWATCH_CLOCK_START: 'Saturday' }, /^REGWATCH_CLOCK_START: expected an ISO-8601 instant/],
  ])('%o is refused, naming the variable', (env, message) => {
    expect(problem(() => resolveEnvironment(env))).toMatch(message);
  });

  it('a clock started at REGWATCH_CLOCK_START runs from there', () => {
    const start = Date.parse('2026-01-17T15:00:00Z');
    const now = createClock(start)();
    expect(Math.abs(now.getTime() - start)).toBeLessThan(60_000);
    expect(Math.abs(createClock(null)().getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe('resolveConfig', () => {
  it('decides the mail transport once: SMTP with REGWATCH_SMTP_URL, else .eml files in the outbox', () => {
    const c = config({ mail: { outboxDir: '/srv/outbox' } });
    expect(resolveConfig({ config: c, file: null }, {}).mail).toEqual({
      kind: 'eml',
      smtpUrl: null,
      outboxDir: '/srv/outbox',
    });
    const url = 'smtp://u:p@mail.example.com:587';
    expect(resolveConfig({ config: c, file: null }, { REGWATCH_SMTP_URL: url }).mail).toEqual({
      kind: 'smtp',
      smtpUrl: url,
      outboxDir: '/srv/outbox',
    });
  });

  it('resolves webhook endpoints and timeouts, and refuses an unset webhook variable', () => {
    const c = config({
      recipients: { team: { webhooks: [{ urlEnv: 'TEAM_HOOK', secretEnv: 'TEAM_SECRET' }] } },
      http: { requestTimeoutSeconds: 12 },
    });
    const env = {
      TEAM_HOOK: 'https://hooks.example.com/x',
      TEAM_SECRET: 's3cret',
      REGWATCH_HTTP_TIMEOUT_MS: '900',
    };
    const resolved = resolveConfig({ config: c, file: null }, env);
    expect([...resolved.webhooks.values()]).toEqual([
      { ref: '$TEAM_HOOK', url: 'https://hooks.example.com/x', format: 'json', secret: 's3cret' },
    ]);
    expect(resolved.timeouts).toEqual({ requestMs: 12_000, documentMs: 900 });
    expect(
      problem(() => resolveConfig({ config: c, file: null }, { TEAM_HOOK: env.TEAM_HOOK })),
    ).toBe(
      'recipients.team.webhooks[0].secretEnv: the environment variable TEAM_SECRET is not set',
    );
  });
});

describe('defaults, written once on their keys', () => {
  it('an absent section gets each key default; a partial one keeps the others', () => {
    const c = config();
    expect(c.mail).toEqual({
      from: 'regwatch <regwatch@localhost>',
      outboxDir: 'data/outbox',
      maxHtmlBytes: 100_000,
      maxPerMinute: 120,
    });
    expect(c.database).toEqual({ path: 'data/regwatch.db' });
    expect(c.http).toEqual({ requestTimeoutSeconds: 30 });
    expect(c.sec.maxRequestsPerSecond).toBe(5);
    expect(c.federalRegister.types).toEqual(['RULE', 'PRORULE', 'NOTICE']);
    expect(config({ mail: { maxPerMinute: 30 } }).mail.outboxDir).toBe('data/outbox');
  });

  it('the SEC ceiling is one constant: the schema bound and its message read it', () => {
    const over = SEC_MAX_REQUESTS_PER_SECOND + 1;
    expect(problem(() => parseConfig({ sec: { maxRequestsPerSecond: over } }, null, {}))).toBe(
      `sec.maxRequestsPerSecond: the SEC allows at most ${SEC_MAX_REQUESTS_PER_SECOND} requests per second`,
    );
    expect(
      config({ sec: { maxRequestsPerSecond: SEC_MAX_REQUESTS_PER_SECOND } }).sec
        .maxRequestsPerSecond,
    ).toBe(SEC_MAX_REQUESTS_PER_SECOND);
  });
});
