import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { edgarDate } from '../../src/pipeline/edgar/business-days.js';
import { ROOT, runCliAsync } from '../helpers/cli.js';
import { startFakeEdgar, type FakeEdgar } from '../helpers/edgar-server.js';
import {
  latestPublicationDate,
  publishDocument,
  startFakeFederalRegister,
  type FakeFederalRegister,
} from '../helpers/fr-server.js';
import { writeLocalConfig } from '../helpers/local-config.js';
import { useTmpDir } from '../helpers/tmp.js';

// Issue 21's done-when: the real mails a reader opens (HTML and text parts, as a mail client parses
// them) of an S-1 -> S-1/A that adds one factor and rolls dated figures forward, and of an Entity
// List rule naming a watched company.

const tmp = useTmpDir();
const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };
let edgar: FakeEdgar;
let fr: FakeFederalRegister;
afterEach(async () => {
  await edgar?.close();
  await fr?.close();
});

// Amendatory text as BIS prints it, one paragraph per instruction (curly quotes, commas in names).
const ENTITY_LIST_RULE = [
  'SUMMARY: In this rule, the Bureau of Industry and Security (BIS) amends the Export Administration Regulations (EAR) by adding three entities to the Entity List and removing one.',
  'PART 744—CONTROL POLICY: END-USER AND END-USE BASED',
  '2. Supplement No. 4 to part 744 is amended:',
  'a. By adding under CHINA, PEOPLE’S REPUBLIC OF, in alphabetical order, entries for “Acme Robotics (Shenzhen) Co., Ltd.,” and “Beijing Example Microelectronics Co., Ltd.”;',
  'b. By adding under IRAN, in alphabetical order, an entry for “Tehran Example Trading Company”; and',
  'c. By removing under SINGAPORE, the entry for “Example Components Pte. Ltd.”',
]
  .map((p) => `<p>${p}</p>`)
  .join('\n');

/** Internal names a reader must never see: watch and group names, tags, debug lines, row ids. */
const INTERNAL = [
  /Watch (frontier|acme)\b/i,
  /Matched (entity-list|keyword|export-control)/i,
  /keyword:/,
  /\bentity-list\b/,
  /\bwatch:/,
  /\balert \d+\b/,
  /@federal-register/,
  /\bacme-robotics\b/,
  /\bcik \d/,
];

function textOf(m: ParsedMail): string {
  return `${m.text ?? ''}\n${typeof m.html === 'string' ? m.html.replace(/<[^>]+>/g, ' ') : ''}`;
}

function occurrences(haystack: string, needle: string): number {
  return haystack.toLowerCase().split(needle.toLowerCase()).length - 1;
}

async function readMails(dir: string): Promise<ParsedMail[]> {
  const outbox = join(dir, 'outbox');
  return Promise.all(
    readdirSync(outbox)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => simpleParser(readFileSync(join(outbox, f)))),
  );
}

describe('the mails a reader opens', () => {
  it('S-1/A: new factor first, figures as old -> new, phrases once; Entity List rule: entities and countries; nothing internal', async () => {
    edgar = await startFakeEdgar();
    fr = await startFakeFederalRegister();
    const { dir, file } = writeLocalConfig(tmp(), { edgarUrl: edgar.url, frApiBase: fr.apiBase }, [
      '{name: frontier, cik: "1234567", keywords: ["export control", "Entity List"], topics: [export-controls-sanctions], notify: [desk]}',
      '{name: acme-robotics, company: "Acme Robotics", notify: [desk]}',
    ]);
    const today = edgarDate(new Date());
    const filing = (form: string, accession: string, fixture: string) => ({
      cik: '1234567',
      company: 'Frontier Chips Inc',
      form,
      accession,
      filingDate: today,
      acceptedAt: new Date().toISOString(),
      fileNumber: '333-280009',
      primary: {
        filename: `${form.replace('/', '')}.htm`,
        body: readFileSync(join(ROOT, 'test/fixtures/diff', fixture)),
      },
    });
    edgar.add(filing('S-1', '0001234567-26-000011', 's1-dates-original.htm'));
    publishDocument(
      fr,
      {
        document_number: '2026-05501',
        publication_date: latestPublicationDate(new Date()),
        title: 'Additions to the Entity List',
        type: 'Rule',
        abstract: 'BIS adds three entities to the Entity List and removes one.',
        effective_on: latestPublicationDate(new Date()),
        cfr_references: [{ title: 15, part: 744 }],
      },
      ENTITY_LIST_RULE,
    );
    const first = await runCliAsync(['--config', file, 'run', '--once', '--json'], {
      cwd: dir,
      env: UA,
    });
    expect(first.code, first.stderr).toBe(0);
    edgar.add(filing('S-1/A', '0001234567-26-000012', 's1-dates-amendment.htm'));
    const second = await runCliAsync(['--config', file, 'run', '--once', '--json'], {
      cwd: dir,
      env: UA,
    });
    expect(second.code, second.stderr).toBe(0);

    const mails = await readMails(dir);
    const amendment = mails.find((m) => /S-1\/A/.test(m.subject ?? ''))!;
    expect(amendment, mails.map((m) => m.subject).join(' | ')).toBeDefined();
    // The subject counts what matters.
    expect(amendment.subject).toBe(
      '[regwatch] Frontier Chips Inc S-1/A: 1 substantive change, 8 figures updated',
    );
    for (const body of [amendment.text!, amendment.html as string]) {
      // The new factor comes first, before any figure.
      const newFactor = body.indexOf(
        'Export controls could stop our sales to our largest customers.',
      );
      expect(newFactor).toBeGreaterThan(-1);
      expect(body.indexOf('Figures updated')).toBeGreaterThan(newFactor);
    }
    // Figures as old -> new with their sentence.
    expect(amendment.text).toContain(
      '* over 90% -> approximately 77%: Our three largest customers accounted for approximately 77% of our revenue',
    );
    expect(amendment.html).toContain('over 90%</span> &rarr; <span');
    // Each watched phrase once, never the heading echoed as the match.
    const text = amendment.text!;
    const phraseLines = text.split('\n').filter((l) => l.includes('Watched phrase'));
    expect(
      phraseLines.map((l) => /Watched phrase "([^"]+)"/.exec(l)![1]!.toLowerCase()).sort(),
    ).toEqual(['entity list', 'export control']);
    for (const l of phraseLines) expect(l).not.toContain('Export controls could stop our sales');
    expect(occurrences(amendment.html as string, '&ldquo;export control&rdquo;')).toBe(1);

    const rule = mails.find((m) => /Entity List/.test(m.subject ?? ''))!;
    expect(rule, mails.map((m) => m.subject).join(' | ')).toBeDefined();
    for (const body of [
      rule.text!,
      (rule.html as string)
        .replace(/<[^>]+>/g, ' ')
        .replace(/&mdash;/g, '—')
        .replace(/\s+/g, ' '),
    ]) {
      expect(body).toMatch(
        /Adds 3 entities to the Entity List, removes 1 entity; among them Acme Robotics \(Shenzhen\) Co\., Ltd\., a company you follow/,
      );
      expect(body).toContain(
        'Summary: BIS adds three entities to the Entity List and removes one.',
      );
      // The watched company is named first among the entries, each with its country.
      const list = body.slice(body.indexOf('Added to the Entity List (3)'));
      const acme = list.indexOf('Acme Robotics (Shenzhen) Co., Ltd. (a company you follow)');
      expect(acme).toBeGreaterThan(-1);
      expect(list.indexOf('Beijing Example Microelectronics Co., Ltd.')).toBeGreaterThan(acme);
      expect(body).toMatch(/Tehran Example Trading Company\s*[-—]\s*Iran/);
      expect(body).toMatch(/Example Components Pte\. Ltd\.\s*[-—]\s*Singapore/);
      expect(body).toMatch(/Removed from the Entity List \(1\)/);
    }
    expect(rule.text).toContain("China, People's Republic of");

    for (const m of mails)
      for (const pattern of INTERNAL)
        expect(textOf(m), `${m.subject}: ${pattern}`).not.toMatch(pattern);
  }, 180_000);
});
