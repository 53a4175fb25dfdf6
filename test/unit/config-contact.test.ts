// The SEC contact: a placeholder is refused, with the reason, while the SEC URLs point at the
// SEC; a test server on loopback (or a staging host) is exempt. Problems come in one round.
import { describe, expect, it } from 'vitest';
import { CONTACT_TEMPLATE, isSecUrl, placeholderDomain } from '../../src/config/contact.js';
import { parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const LOOPBACK = {
  baseUrl: 'http://127.0.0.1:8080',
  dataUrl: 'http://127.0.0.1:8080',
  eftsUrl: 'http://127.0.0.1:8080',
};

describe('placeholder contacts', () => {
  it.each([
    ['Jane Doe jane@example.com', 'example.com'],
    ['Jane Doe jane@EXAMPLE.ORG', 'example.org'],
    ['Ops ops@mail.example.net', 'example.net'],
    ['Ops ops@acme.test', '.test'],
    ['Ops ops@acme.invalid', '.invalid'],
    ['Ops ops@acme.example', '.example'],
    ['Ops root@localhost', 'localhost'],
    ['Ops root@box.localhost', '.localhost'],
    [CONTACT_TEMPLATE, 'your-company.com'],
    ['Acme Corp <ops@example.com>', 'example.com'],
  ])('%s is a placeholder (%s)', (contact, domain) => {
    expect(placeholderDomain(contact)).toBe(domain);
  });

  it.each([
    'Jane Doe jane@acme.com',
    'Ops ops@example-research.com',
    'Ops ops@examples.org',
    'Ops ops@testing.io',
    'Ops ops@sec.gov',
  ])('%s is not', (contact) => {
    expect(placeholderDomain(contact)).toBeNull();
  });

  it('knows the SEC by its host, not by its look', () => {
    expect(isSecUrl('https://www.sec.gov')).toBe(true);
    expect(isSecUrl('https://data.sec.gov/submissions')).toBe(true);
    expect(isSecUrl('http://127.0.0.1:9')).toBe(false);
    expect(isSecUrl('https://sec.gov.example.com')).toBe(false);
    expect(isSecUrl('not a url')).toBe(false);
  });

  it('is refused, naming the key or the variable, only for commands that reach the SEC', () => {
    expect(
      problems(() =>
        parseConfig(
          { sec: { userAgent: 'Example Research ops@example.com' } },
          'f.yml',
          {},
          { requireContact: true },
        ),
      ),
    ).toEqual([
      'sec.userAgent: "Example Research ops@example.com" has a placeholder domain (example.com); the SEC blocks such contacts: give your own name (or your company\'s) and a real e-mail address',
    ]);
    expect(
      problems(() =>
        parseConfig(
          {},
          null,
          { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' },
          { requireContact: true },
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^REGWATCH_SEC_USER_AGENT \(overrides sec\.userAgent\): "Jane Doe jane@example\.com" has a placeholder domain/,
      ),
    ]);
    // `status`, `extract` and the rest never send it: they load the same file without complaint.
    expect(
      parseConfig({ sec: { userAgent: 'Example Research ops@example.com' } }, 'f.yml', {}).sec
        .userAgent,
    ).toBe('Example Research ops@example.com');
  });

  it('is accepted when every SEC URL points at a test server', () => {
    expect(
      parseConfig(
        { sec: { userAgent: 'Test Ops ops@example.com', ...LOOPBACK } },
        'f.yml',
        {},
        { requireContact: true },
      ).sec.userAgent,
    ).toBe('Test Ops ops@example.com');
    // One URL still at the SEC is enough to refuse it.
    expect(
      problems(() =>
        parseConfig(
          {
            sec: {
              userAgent: 'Test Ops ops@example.com',
              ...LOOPBACK,
              eftsUrl: 'https://efts.sec.gov',
            },
          },
          'f.yml',
          {},
          { requireContact: true },
        ),
      ),
    ).toHaveLength(1);
  });

  it('the template itself asks for your own contact', () => {
    expect(
      problems(() =>
        parseConfig(
          {},
          null,
          { REGWATCH_SEC_USER_AGENT: CONTACT_TEMPLATE },
          { requireContact: true },
        ),
      )[0],
    ).toMatch(/is the example contact; replace it with your own name/);
  });

  it('comes in the same round as type errors, cross-key problems and conflicts', () => {
    const lines = problems(() =>
      parseConfig(
        {
          sec: { userAgent: 'Ops ops@acme.test', maxRequestsPerSecond: 50 },
          recipients: { desk: { emails: ['desk@acme.com'] } },
          watches: [
            { name: 'a', ticker: 'NVDA', cik: 1045810, forms: '10-K', notify: ['desk'] },
            { name: 'a', cik: 'abc', notify: ['nobody'] },
          ],
        },
        'f.yml',
        {},
        { requireContact: true },
      ),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'sec.maxRequestsPerSecond: the SEC allows at most 10 requests per second',
        expect.stringMatching(/^watches\[0\]\.forms: /),
        'watches[0]: a watch needs exactly one of cik, ticker, company or newRegistrants (it names cik and ticker)',
        expect.stringMatching(/^watches\[1\]\.cik: expected a CIK/),
        'watches[1].notify[0]: unknown recipient group "nobody"; define it under recipients:',
        'watches[1].name: duplicate watch name "a"',
        expect.stringMatching(
          /^sec\.userAgent: "Ops ops@acme\.test" has a placeholder domain \(\.test\)/,
        ),
      ]),
    );
    expect(lines).toHaveLength(7);
  });

  it('a missing contact is its own line in the same round', () => {
    expect(
      problems(() =>
        parseConfig({ sec: { maxRequestsPerSecond: 50 } }, 'f.yml', {}, { requireContact: true }),
      ),
    ).toEqual([
      'sec.maxRequestsPerSecond: the SEC allows at most 10 requests per second',
      expect.stringMatching(/^sec\.userAgent: not set; the SEC requires a contact/),
    ]);
  });
});
