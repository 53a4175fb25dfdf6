import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveFrDocument, type FrDocumentWrite } from '../../src/store/fr.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';
import { runCli } from '../helpers/cli.js';
import { useTmpDir } from '../helpers/tmp.js';

// The built CLI (npm test builds first) over a store holding three documents.
const tmp = useTmpDir();

function doc(over: Partial<FrDocumentWrite> & { documentNumber: string }): FrDocumentWrite {
  return {
    normalizedNumber: over.documentNumber,
    publishedNumber: over.documentNumber,
    status: 'published',
    type: 'Rule',
    title: 'A rule',
    agencies: ['commerce-department', 'industry-and-security-bureau'],
    abstract: null,
    publicationDate: '2024-12-05',
    effectiveOn: null,
    htmlUrl: `https://www.federalregister.gov/d/${over.documentNumber}`,
    pdfUrl: null,
    filedAt: null,
    filingType: null,
    tags: [],
    reasons: [],
    matchedWatches: [],
    fullText: 'full text is not listed',
    ...over,
  };
}

function store(): string {
  const dir = tmp();
  const dbPath = join(dir, 'regwatch.db');
  const db = openDatabase(dbPath);
  migrate(db);
  const at = new Date('2024-12-05T15:00:00Z');
  saveFrDocument(
    db,
    doc({
      documentNumber: '2024-30512',
      title: 'Additions to the Entity List',
      tags: ['entity-list', 'export-control', 'watch:acme'],
      reasons: [
        { tag: 'entity-list', sentence: 'Additions to the Entity List' },
        { tag: 'watch:acme', sentence: 'Acme Robotics Co., Ltd., Shenzhen.' },
      ],
      matchedWatches: ['acme'],
    }),
    at,
  );
  saveFrDocument(
    db,
    doc({
      documentNumber: '2024-07333',
      normalizedNumber: '2024-7333',
      publishedNumber: null,
      status: 'public-inspection',
      title: 'Revisions to the Export Administration Regulations',
      publicationDate: '2024-12-06',
      tags: ['export-control'],
    }),
    at,
  );
  saveFrDocument(
    db,
    doc({
      documentNumber: '2024-20001',
      type: 'Notice',
      title: 'An old notice',
      publicationDate: '2024-09-02',
    }),
    at,
  );
  db.close();
  const config = join(dir, 'regwatch.yml');
  writeFileSync(config, `database: {path: ${JSON.stringify(dbPath)}}\n`);
  return config;
}

describe('regwatch notices', () => {
  it('lists stored documents since a date as JSON, newest first, with tags and reasons, without full text', () => {
    const config = store();
    const r = runCli(['notices', '--since', '2024-12-01', '--json', '-c', config]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.since).toBe('2024-12-01');
    expect(
      out.documents.map((d: { documentNumber: string; status: string }) => [
        d.documentNumber,
        d.status,
      ]),
    ).toEqual([
      ['2024-07333', 'public-inspection'],
      ['2024-30512', 'published'],
    ]);
    expect(out.documents[1]).toMatchObject({
      tags: ['entity-list', 'export-control', 'watch:acme'],
      matchedWatches: ['acme'],
      title: 'Additions to the Entity List',
    });
    expect(out.documents[1].fullText).toBeUndefined();
  });

  it('filters by tag and prints a readable list with the reasons', () => {
    const config = store();
    const r = runCli(['notices', '--since', '2024-09-01', '--tag', 'entity-list', '-c', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '1 Federal Register document(s) since 2024-09-01 tagged entity-list:',
        '2024-12-05  2024-30512   Rule [entity-list, export-control, watch:acme]',
        '    Additions to the Entity List',
        '    entity-list: Additions to the Entity List',
        '    watch:acme: Acme Robotics Co., Ltd., Shenzhen.',
        '    https://www.federalregister.gov/d/2024-30512',
        '',
      ].join('\n'),
    );
  });

  it('refuses a date it cannot read, saying what it expects (usage exit code)', () => {
    const config = store();
    const r = runCli(['notices', '--since', 'last week', '-c', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'expected a date such as 2024-07-29 or a number of days such as 7d, got "last week"',
    );
  });

  it('says how to fill an empty store', () => {
    const config = store();
    const r = runCli(['notices', '--since', '2025-01-01', '-c', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'no Federal Register documents stored since 2025-01-01 (a poll runs with `regwatch run --once`)\n',
    );
  });
});
