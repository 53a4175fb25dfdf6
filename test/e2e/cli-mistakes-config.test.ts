// Issue 22: a configuration file's problems come in one round, each with its key path and
// source, and a placeholder SEC contact is refused with the reason while the SEC URLs point at
// the SEC (a test server on loopback is exempt). Rows of the user-mistakes table, run against
// the built CLI: one clear line (or the list), no stack trace, the documented exit code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  LOCAL,
  LOCAL_URLS,
  S1,
  UA,
  runMistakeTable,
  useMistakeServers,
  yml,
  type Case,
} from '../helpers/mistake-table.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const ctxBase = useMistakeServers();

const CASES: Case[] = [
  // --- one round of configuration problems, each with its key path (issue 22) -------------------
  {
    name: 'ticker and cik together come in the same round as a type error',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: {
      'c.yml': yml(`${LOCAL}\nwatches:\n  - {name: nv, ticker: NVDA, cik: 1045810, forms: 10-K}`),
    },
    code: 78,
    stderr: /configuration problems in .*c\.yml: 2 problems$/,
    lines: 3,
    check: (_c, r) => {
      expect(r.stderr).toMatch(/watches\[0\]\.forms: /);
      expect(r.stderr).toMatch(
        /watches\[0\]: a watch needs exactly one of cik, ticker, company or newRegistrants \(it names cik and ticker\)/,
      );
    },
  },
  {
    name: 'types, conflicts, unknown groups and duplicate names: all in one report',
    args: ['-c', 'c.yml', 'config', 'check', '--json'],
    env: UA,
    files: {
      'c.yml': yml(
        `sec: {${LOCAL_URLS}}\nrecipients: {desk: {emails: [desk@example.com]}}\nwatches:\n  - {name: a, cik: 1, notify: [desk]}\n  - {name: a, cik: 2, notify: [nobody]}\n  - {name: b, newRegistrants: {}, company: Acme, keywords: "export", notify: [desk]}\ntimezone: Mars/Base`,
      ),
    },
    code: 78,
    stderr: /configuration problems in .*c\.yml: 5 problems$/,
    lines: 6,
    check: (_c, r) => {
      const problems = JSON.parse(r.stdout).problems as string[];
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^watches\[2\]\.keywords: /),
          expect.stringMatching(/^timezone: expected an IANA time zone/),
          'watches[1].notify[0]: unknown recipient group "nobody"; define it under recipients:',
          'watches[1].name: duplicate watch name "a"',
          'watches[2]: a watch needs exactly one of cik, ticker, company or newRegistrants (it names company and newRegistrants)',
        ]),
      );
    },
  },
  {
    name: 'a watch naming no company at all',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': yml(`${LOCAL}\nwatches:\n  - {name: a, forms: [S-1]}`) },
    code: 78,
    stderr:
      /watches\[0\]: a watch needs exactly one of cik, ticker, company or newRegistrants \(it names none\)/,
  },

  // --- placeholder SEC contacts (the SEC blocks them) -----------------------------------------
  ...[
    ['example.com', 'Jane Doe jane@example.com'],
    ['example.org', 'Acme Research ops@example.org'],
    ['example.net', 'Acme ops@mail.example.net'],
    ['.test', 'Acme ops@acme.test'],
    ['.invalid', 'Acme ops@acme.invalid'],
    ['.localhost', 'Acme root@box.localhost'],
  ].map(([domain, contact]): Case => ({
    name: `a contact at ${domain} is refused when the SEC URLs point at the SEC`,
    args: ['run', '--once'],
    env: { REGWATCH_SEC_USER_AGENT: contact! },
    code: 78,
    stderr: new RegExp(
      `^regwatch: configuration problem in the environment: REGWATCH_SEC_USER_AGENT \\(overrides sec\\.userAgent\\): "${contact!.replace(/\./g, '\\.')}" has a placeholder domain \\(${domain!.replace(/\./g, '\\.')}\\); the SEC blocks such contacts`,
    ),
    check: (c) => expect(existsSync(join(c.dir, 'data'))).toBe(false),
  })),
  {
    name: "the README's contact shape, unchanged, says to put your own (run --once; the daemon starts with EDGAR off)",
    args: ['run', '--once'],
    env: { REGWATCH_SEC_USER_AGENT: 'Your Name you@your-company.com' },
    code: 78,
    stderr:
      /REGWATCH_SEC_USER_AGENT \(overrides sec\.userAgent\): "Your Name you@your-company\.com" is the example contact; replace it with your own name/,
  },
  {
    name: 'a placeholder contact in the file, with a type error: one round, each with its key path',
    args: ['-c', 'c.yml', 'backfill', '--cik', '1045810'],
    files: {
      'c.yml': yml(
        'sec: {userAgent: "Example Research ops@example.com", maxRequestsPerSecond: 50}',
      ),
    },
    code: 78,
    stderr: /configuration problems in .*c\.yml: 2 problems$/,
    lines: 3,
    check: (_c, r) =>
      expect(r.stderr).toMatch(
        /sec\.userAgent: "Example Research ops@example\.com" has a placeholder domain \(example\.com\)/,
      ),
  },
  {
    name: 'a placeholder contact with a test server on loopback is accepted',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': yml(LOCAL) },
    code: 0,
    stderr: /^$/,
    lines: 0,
    stdout: /c\.yml: OK/,
  },
  {
    name: 'a placeholder contact does not stop commands that never reach the SEC',
    args: ['extract', S1, '--json'],
    env: UA,
    code: 0,
    stderr: /^$/,
    lines: 0,
    stdout: /"found": true/,
  },
  {
    name: 'an SEC URL with a placeholder contact',
    args: ['extract', 'https://www.sec.gov/Archives/edgar/data/1/x.htm'],
    env: UA,
    code: 1,
    stderr:
      /x\.htm: the SEC contact "Jane Doe jane@example\.com" has a placeholder domain \(example\.com\)/,
  },
];

runMistakeTable(
  'configuration mistakes: one round, one clear report, exit 78',
  CASES,
  ctxBase,
  tmp,
);
