import { mkdirSync, writeFileSync } from 'node:fs';
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
        'watches[1]: a watch needs exactly one of cik, ticker, company or newRegistrants (it names none)',
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
        sec: {
          userAgent: 'Example Research ops@example.com',
          baseUrl: 'http://127.0.0.1:9',
          maxRequestsPerSecond: 5,
        },
        federalRegister: {
          agencies: ['commerce-department'],
          types: ['RULE'],
          publicInspection: false,
          keywords: ['entity list'],
          notify: ['compliance'],
        },
        watches: [
          {
            name: 'example-ipo',
            cik: 1234567,
            forms: ['S-1'],
            keywords: ['export control'],
            notify: ['investors'],
          },
        ],
        recipients: {
          investors: { emails: ['pm@example.com'] },
          compliance: { emails: ['legal@example.com'], mode: 'immediate' },
        },
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
    expect(cfg.watches).toEqual([
      expect.objectContaining({
        name: 'new-registrants',
        newRegistrants: { forms: ['S-1', 'F-1'], keywords: [] },
      }),
    ]);
    expect(cfg.federalRegister.agencies).toEqual([
      'commerce-department',
      'industry-and-security-bureau',
    ]);
    expect(cfg.mail.outboxDir).toBe('data/outbox');
    expect(cfg.database.path).toBe('data/regwatch.db');
  });

  it('takes the SEC contact from REGWATCH_SEC_USER_AGENT and explains how to set it when absent', () => {
    expect(
      parseConfig({}, null, { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' }).sec.userAgent,
    ).toBe('Jane Doe jane@example.com');
    const lines = problems(() => requireSecContact(parseConfig({}, null, {}), null));
    expect(lines.join('\n')).toContain(
      'REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" with your own name and e-mail address',
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const file = join(tmp(), 'bad.yml');
    writeFileSync(file, 'sec:\n  userAgent: "x\nwatches: [\n');
    expect(problems(() => loadConfig(file, {}))[0]).toMatch(/^YAML syntax at line \d+/);
  });

  it('refuses a named config file that does not exist, but not a missing default one', () => {
    expect(problems(() => loadConfig(join(tmp(), 'missing.yml'), {}))[0]).toMatch(/file not found/);
    expect(
      problems(() => loadConfig(undefined, { REGWATCH_CONFIG: join(tmp(), 'gone.yml') }))[0],
    ).toMatch(/named by REGWATCH_CONFIG/);
  });

  it('a missing contact is one problem on one line, naming where the configuration came from', () => {
    let err: ConfigError | undefined;
    try {
      requireSecContact(parseConfig({}, 'x.yml', {}), 'x.yml');
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err?.problems).toHaveLength(1);
    expect(err?.message).toMatch(/^x\.yml: sec\.userAgent: not set; the SEC requires a contact/);
    expect(err?.message).not.toContain('\n');
  });

  it("validates REGWATCH_SEC_USER_AGENT by the file's rule and names the variable; a valid one overrides a bad file value", () => {
    expect(problems(() => parseConfig({}, null, { REGWATCH_SEC_USER_AGENT: 'x' }))).toEqual([
      'REGWATCH_SEC_USER_AGENT (overrides sec.userAgent): expected your name (or company) and e-mail address, as in "Your Name you@your-company.com" (the SEC refuses requests without a contact)',
    ]);
    expect(
      parseConfig({ sec: { userAgent: 'x' } }, 'f.yml', {
        REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com',
      }).sec.userAgent,
    ).toBe('Jane Doe jane@example.com');
    expect(problems(() => parseConfig({ sec: { userAgent: 'x' } }, 'f.yml', {}))).toEqual([
      expect.stringMatching(/^sec\.userAgent: expected/),
    ]);
  });

  it('watches a company by name, and new registrants by a name pattern that must compile', () => {
    const cfg = parseConfig(
      {
        watches: [
          { name: 'acme', company: '  Acme AI ' },
          { name: 'ai', newRegistrants: { namePattern: '\\bAI\\b', forms: ['s-1', 'f-1'] } },
        ],
      },
      null,
      {},
    );
    expect(cfg.watches[0]).toMatchObject({ company: 'Acme AI' });
    expect(cfg.watches[1]!.newRegistrants).toEqual({
      forms: ['S-1', 'F-1'],
      keywords: [],
      namePattern: '\\bAI\\b',
    });
    expect(
      problems(() =>
        parseConfig({ watches: [{ name: 'x', newRegistrants: { namePattern: '(ai' } }] }, null, {}),
      ),
    ).toEqual([
      expect.stringMatching(
        /^watches\[0\]\.newRegistrants\.namePattern: not a valid regular expression/,
      ),
    ]);
    expect(
      problems(() => parseConfig({ watches: [{ name: 'x', company: 'Acme', cik: 1 }] }, null, {})),
    ).toEqual([
      'watches[0]: a watch needs exactly one of cik, ticker, company or newRegistrants (it names cik and company)',
    ]);
  });

  it('normalises forms and refuses unknown ones with the list', () => {
    const cfg = parseConfig(
      { watches: [{ name: 'x', cik: 1, forms: ['10-k', ' s-1 / a ', 'pos am'] }] },
      null,
      {},
    );
    expect(cfg.watches[0]!.forms).toEqual(['10-K', 'S-1/A', 'POS AM']);
    expect(
      problems(() => parseConfig({ watches: [{ name: 'x', cik: 1, forms: ['S-99'] }] }, null, {})),
    ).toEqual([
      expect.stringMatching(
        /^watches\[0\]\.forms\[0\]: unknown form "S-99"; known forms: S-1, S-1\/A, /,
      ),
    ]);
  });

  it('refuses a mail.from that is not an address', () => {
    expect(problems(() => parseConfig({ mail: { from: 'regwatch alerts' } }, null, {}))).toEqual([
      expect.stringMatching(/^mail\.from: expected a mail address/),
    ]);
    expect(parseConfig({ mail: { from: 'alerts@example.com' } }, null, {}).mail.from).toBe(
      'alerts@example.com',
    );
  });

  it('shows a URL it refuses as it was written', () => {
    expect(
      problems(() => parseConfig({ federalRegister: { baseUrl: 'undefined' } }, null, {})),
    ).toEqual([
      'federalRegister.baseUrl: expected a URL with its scheme, e.g. "https://host/path"; got "undefined"',
    ]);
  });

  it('reports duplicate watch names with the field problems, in one round', () => {
    const lines = problems(() =>
      parseConfig(
        {
          sec: { maxRequestsPerSecond: 50 },
          watches: [
            { name: 'a', cik: 1 },
            { name: 'a', cik: 2 },
          ],
        },
        null,
        {},
      ),
    );
    expect(lines).toEqual([
      'sec.maxRequestsPerSecond: the SEC allows at most 10 requests per second',
      'watches[1].name: duplicate watch name "a"',
    ]);
  });

  it("resolves relative paths against the config file's folder, embedded defaults against the current one", () => {
    const dir = tmp();
    mkdirSync(join(dir, 'etc'));
    const file = join(dir, 'etc', 'regwatch.yml');
    writeFileSync(file, 'database: {path: ../var/r.db}\nmail: {outboxDir: out}\n');
    const loaded = loadConfig(file, {}, '/somewhere/else');
    expect(loaded.config.database.path).toBe(join(dir, 'var', 'r.db'));
    expect(loaded.config.mail.outboxDir).toBe(join(dir, 'etc', 'out'));
    const defaults = loadConfig(undefined, {}, dir);
    expect(defaults.file).toBeNull();
    expect(defaults.config.database.path).toBe(join(dir, 'data', 'regwatch.db'));
    expect(loadConfig(undefined, {}, '/srv/x').config.mail.outboxDir).toBe('/srv/x/data/outbox');
  });

  it('says a YAML position once, without a dangling colon, and stops after a few problems', () => {
    const file = join(tmp(), 'bad.yml');
    writeFileSync(file, 'sec:\n  maxRequestsPerSecond: 5\nwatches: a: b\n');
    const [line] = problems(() => loadConfig(file, {}));
    expect(line).toBe(
      'YAML syntax at line 3, column 10: Nested mappings are not allowed in compact mappings (near "watches: a: b")',
    );
    const junk = join(tmp(), 'junk.yml');
    writeFileSync(
      junk,
      Array.from({ length: 50 }, (_, i) => `<p>${i}: a: b</p>\n  x: [`).join('\n'),
    );
    let err: ConfigError | undefined;
    try {
      loadConfig(junk, {});
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err?.problems.length).toBe(8);
    expect(err?.omitted).toBeGreaterThan(0);
    expect(err?.message).toMatch(/\.\.\. and \d+ more problem\(s\)$/);
  });

  it('the documented example validates, its paths read from its own folder', () => {
    const file = join(process.cwd(), 'config', 'regwatch.example.yml');
    const { config } = loadConfig(file, {});
    expect(config.watches.map((w) => w.name)).toContain('acme-ai');
    expect(config.database.path).toBe(join(process.cwd(), 'data', 'regwatch.db'));
  });
});
