import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, requireSecContact } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('config validation', () => {
  it('names the key path and what was expected, one line per problem', () => {
    const lines = problems(() =>
      parseConfig(
        {
          sec: { maxRequestsPerSecond: 20 },
          watches: [{ name: 'a', cik: 'abc', notify: ['nobody'] }, { name: 'b' }],
          recipients: { desk: { emails: ['not-an-email'], mode: 'digest' } },
          schedule: { edgar: 'every minute' },
          colour: 'blue',
        },
        'x.yml',
        {},
      ),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'sec.maxRequestsPerSecond: the SEC allows at most 10 requests per second',
        'watches[0].cik: expected a CIK of 1 to 10 digits, e.g. "0001234567"',
        'watches[1]: a watch needs exactly one of cik, ticker, company or newRegistrants',
        // Cross-key problems come with the first round now (issue 13).
        'watches[0].notify[0]: unknown recipient group "nobody"; define it under recipients:',
        expect.stringMatching(/^recipients\.desk\.emails\[0\]: .*email/i),
        'recipients.desk.digest: mode "digest" needs digest.cron, e.g. digest: {cron: "0 7 * * 1-5"}',
        expect.stringMatching(/^schedule\.edgar: expected a cron expression/),
        expect.stringMatching(/^\(top level\): unknown key\(s\) "colour"/),
      ]),
    );
  });

  it('accepts the documented contract keys and pads the CIK', () => {
    const cfg = parseConfig(
      {
        sec: { userAgent: 'Example Research ops@example.com', baseUrl: 'http://127.0.0.1:9', maxRequestsPerSecond: 5 },
        federalRegister: { agencies: ['commerce-department'], types: ['RULE'], publicInspection: false, keywords: ['entity list'], notify: ['compliance'] },
        watches: [{ name: 'example-ipo', cik: 1234567, forms: ['S-1'], keywords: ['export control'], notify: ['investors'] }],
        recipients: { investors: { emails: ['pm@example.com'] }, compliance: { emails: ['legal@example.com'], mode: 'immediate' } },
        mail: { from: 'regwatch <alerts@example.com>', outboxDir: 'out' },
        database: { path: 'x.db' },
        timezone: 'America/New_York',
        schedule: { edgar: '*/2 6-22 * * 1-5', federalRegister: '*/10 6-20 * * 1-5' },
      },
      null,
      {},
    );
    expect(cfg.watches[0]!.cik).toBe('0001234567');
    expect(cfg.recipients.investors!.mode).toBe('immediate');
    expect(cfg.sec.eftsUrl).toBe('https://efts.sec.gov');
  });

  it('runs on embedded defaults: every new S-1/F-1 registrant, Commerce/BIS notices, mail to the outbox', () => {
    const cfg = parseConfig({}, null, {});
    expect(cfg.watches).toEqual([expect.objectContaining({ name: 'new-registrants', newRegistrants: { forms: ['S-1', 'F-1'], keywords: [] } })]);
    expect(cfg.federalRegister.agencies).toEqual(['commerce-department', 'industry-and-security-bureau']);
    expect(cfg.mail.outboxDir).toBe('data/outbox');
    expect(cfg.database.path).toBe('data/regwatch.db');
  });

  it('takes the SEC contact from REGWATCH_SEC_USER_AGENT and explains how to set it when absent', () => {
    expect(parseConfig({}, null, { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' }).sec.userAgent).toBe('Jane Doe jane@example.com');
    const lines = problems(() => requireSecContact(parseConfig({}, null, {}), null));
    expect(lines.join('\n')).toContain('REGWATCH_SEC_USER_AGENT="Jane Doe jane@example.com"');
  });

  it('reports YAML syntax errors with their line', () => {
    const file = join(tmp(), 'bad.yml');
    writeFileSync(file, 'sec:\n  userAgent: "x\nwatches: [\n');
    expect(problems(() => loadConfig(file, {}))[0]).toMatch(/^YAML syntax at line \d+/);
  });

  it('refuses a named config file that does not exist, but not a missing default one', () => {
    expect(problems(() => loadConfig(join(tmp(), 'missing.yml'), {}))[0]).toMatch(/file not found/);
    expect(problems(() => loadConfig(undefined, { REGWATCH_CONFIG: join(tmp(), 'gone.yml') }))[0]).toMatch(/named by REGWATCH_CONFIG/);
  });
});
