import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Config } from '../../src/config/schema.js';
import { pollFederalRegister, type FrPollStats } from '../../src/pipeline/federal-register/poll.js';
import { createFrHttpClient } from '../../src/sources/federal-register/client.js';
import { frStatus } from '../../src/store/fr.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import {
  AGENCIES,
  fileForInspection,
  publishDocument,
  startFakeFederalRegister,
  type FakeFederalRegister,
} from '../helpers/fr-server.js';
import { useTmpDir } from '../helpers/tmp.js';

// Thursday 5 December 2024, 10:00 in Washington: the window is 5 and 4 December (lookbackDays 1).
const THURSDAY = new Date('2024-12-05T15:00:00Z');

const ENTITY_RULE_BODY = `<div id="fulltext_content_area">
<h1>Additions to the Entity List</h1>
<p>SUMMARY: In this rule, the Bureau of Industry and Security (BIS) amends the Export Administration Regulations (EAR)
by adding two entities to the Entity List.</p>
<p>The ERC determined that these entities act contrary to the national security of the United States.</p>
<table><tr><th>Country</th><th>Entity</th><th>License requirement</th></tr>
<tr><td>CHINA, PEOPLE'S REPUBLIC OF</td><td>Acme Robotics Co., Ltd., Building 5, Nanshan District, Shenzhen.</td><td>For all items subject to the EAR.</td></tr>
<tr><td>RUSSIA</td><td>Volga Instruments LLC, 12 Lenina Street, Samara.</td><td>For all items subject to the EAR.</td></tr>
</table></div>`;

interface Harness {
  fr: FakeFederalRegister;
  db: Db;
  config: Config;
  logs: { level: number; msg: string; [k: string]: unknown }[];
  poll(): Promise<FrPollStats>;
  setNow(d: Date): void;
  alerts(): {
    dedupe_key: string;
    kind: string;
    title: string;
    payload: string;
    thread_key: string;
    fr_document: string;
  }[];
  deliveries(): { email: string; recipient_group: string; dedupe_key: string }[];
}

const tmp = useTmpDir();
const open: (() => Promise<void>)[] = [];
/** Faults a test queued that no request met: a fault that never fires tests nothing. */
const pendingFaults: (() => string[])[] = [];
afterEach(async () => {
  const unused = pendingFaults.splice(0).flatMap((pending) => pending());
  while (open.length) await open.pop()!();
  expect(unused, 'faults that never fired').toEqual([]);
});

async function harness(
  fr: Partial<Config['federalRegister']> = {},
  watch: { name?: string; company?: string } = {},
): Promise<Harness> {
  const server = await startFakeFederalRegister();
  const dir = tmp();
  const config = Config.parse({
    federalRegister: { baseUrl: server.apiBase, notify: ['compliance'], lookbackDays: 1, ...fr },
    // The watch's name is matched as a company name too: most tests use one no document names.
    watches: [
      {
        name: watch.name ?? 'globex',
        ...(watch.company ? { company: watch.company } : { cik: '1234567' }),
        notify: ['investors'],
      },
    ],
    recipients: {
      compliance: { emails: ['legal@example.com'] },
      investors: { emails: ['pm@example.com', 'analyst@example.com'] },
    },
    database: { path: join(dir, 'regwatch.db') },
  });
  const db = openDatabase(config.database.path);
  migrate(db);
  const logs: Harness['logs'] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  // The real client, at its test-friendly speed: short backoffs and timeouts, the FR rate doubled.
  const client = createFrHttpClient(config, {
    logger,
    overrides: {
      maxRequestsPerSecond: 10,
      retries: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      timeouts: { headersMs: 400, bodyIdleMs: 400 },
    },
  });
  open.push(async () => {
    await client.close();
    db.close();
    await server.close();
  });
  pendingFaults.push(() => server.pendingFaults());
  let now = THURSDAY;
  return {
    fr: server,
    db,
    config,
    logs,
    poll: () => pollFederalRegister({ db, client, config, logger, now: () => now }),
    setNow: (d) => {
      now = d;
    },
    alerts: () =>
      db
        .prepare(
          'SELECT dedupe_key, kind, title, payload, thread_key, fr_document FROM alerts ORDER BY id',
        )
        .all() as ReturnType<Harness['alerts']>,
    deliveries: () =>
      db
        .prepare(
          'SELECT d.email, d.recipient_group, a.dedupe_key FROM deliveries d JOIN alerts a ON a.id = d.alert_id ORDER BY d.id',
        )
        .all() as ReturnType<Harness['deliveries']>,
  };
}

function entityRule(h: Harness, over: Record<string, unknown> = {}) {
  return publishDocument(
    h.fr,
    {
      document_number: '2024-30512',
      publication_date: '2024-12-05',
      title: 'Additions to the Entity List',
      type: 'Rule',
      abstract:
        'BIS amends the Export Administration Regulations (EAR) by adding two entities to the Entity List.',
      dates: 'This rule is effective December 5, 2024.',
      effective_on: '2024-12-05',
      cfr_references: [{ title: 15, part: '744', chapter: 'VII', citation_url: null }],
      regulation_id_numbers: ['0694-AJ99'],
      ...over,
    },
    ENTITY_RULE_BODY,
  );
}

function itaNotice(h: Harness, over: Record<string, unknown> = {}) {
  return publishDocument(h.fr, {
    document_number: '2024-30400',
    publication_date: '2024-12-04',
    title:
      'Certain Steel Nails From Taiwan: Final Results of Antidumping Duty Administrative Review',
    type: 'Notice',
    action: 'Notice.',
    agencies: [AGENCIES.commerce, AGENCIES.ita],
    abstract:
      'Commerce determines that producers sold subject merchandise at less than normal value.',
    ...over,
  });
}

describe('pollFederalRegister against a local Federal Register', () => {
  it('queues one alert per new document, nothing on a second run, and an update when a document is edited', async () => {
    const h = await harness();
    entityRule(h);
    itaNotice(h);
    publishDocument(h.fr, {
      document_number: '2024-30555',
      publication_date: '2024-12-05',
      title: 'Air Plan Approval; Ohio',
      agencies: [AGENCIES.epa],
    }); // not Commerce
    publishDocument(h.fr, {
      document_number: '2024-29000',
      publication_date: '2024-12-02',
      title: 'Outside the window',
    });

    const first = await h.poll();
    expect(first).toMatchObject({
      documentsSeen: 2,
      documentsNew: 2,
      documentsUpdated: 0,
      alertsQueued: 2,
      errors: 0,
    });
    expect(h.alerts().map((a) => [a.dedupe_key, a.kind, a.fr_document, a.thread_key])).toEqual([
      ['fr:new:2024-30512', 'fr-document', '2024-30512', 'fr:2024-30512'],
      ['fr:new:2024-30400', 'fr-document', '2024-30400', 'fr:2024-30400'],
    ]);
    const rule = JSON.parse(h.alerts()[0]!.payload);
    expect(h.alerts()[0]!.title).toBe('[Entity List] Rule: Additions to the Entity List');
    expect(rule.reasons).toEqual([
      { tag: 'entity-list', sentence: 'Additions to the Entity List' },
      {
        tag: 'export-control',
        sentence:
          'BIS amends the Export Administration Regulations (EAR) by adding two entities to the Entity List.',
      },
    ]);
    expect(h.deliveries().map((d) => d.email)).toEqual(['legal@example.com', 'legal@example.com']);
    const stored = h.db
      .prepare(
        "SELECT status, tags, full_text, published_number FROM fr_documents WHERE document_number = '2024-30512'",
      )
      .get() as { status: string; tags: string; full_text: string; published_number: string };
    expect(stored.status).toBe('published');
    expect(JSON.parse(stored.tags)).toEqual(['entity-list', 'export-control']);
    expect(stored.full_text).toContain(
      "CHINA, PEOPLE'S REPUBLIC OF Acme Robotics Co., Ltd., Building 5, Nanshan District, Shenzhen.",
    );
    // The type filter went out as codes, the agencies as slugs, one search per day.
    const searches = h.fr.requests
      .filter((r) => r.url.startsWith('/api/v1/documents.json'))
      .map((r) => new URL(r.url, h.fr.origin).searchParams);
    expect(searches.map((q) => q.get('conditions[publication_date][is]'))).toEqual([
      '2024-12-05',
      '2024-12-04',
    ]);
    expect(searches[0]!.getAll('conditions[type][]')).toEqual(['RULE', 'PRORULE', 'NOTICE']);
    expect(searches[0]!.getAll('conditions[agencies][]')).toEqual([
      'commerce-department',
      'industry-and-security-bureau',
    ]);
    expect(h.fr.requests.every((r) => /^regwatch/.test(String(r.headers['user-agent'])))).toBe(
      true,
    );

    const requestsBefore = h.fr.requests.length;
    const second = await h.poll();
    expect(second).toMatchObject({
      documentsSeen: 2,
      documentsNew: 0,
      documentsUpdated: 0,
      alertsQueued: 0,
      errors: 0,
    });
    expect(h.alerts()).toHaveLength(2);
    // Unchanged documents are not fetched again: two searches and the public-inspection list.
    expect(h.fr.paths().slice(requestsBefore)).toEqual([
      '/api/v1/documents.json',
      '/api/v1/documents.json',
      '/api/v1/public-inspection-documents/current.json',
    ]);

    entityRule(h, {
      dates: 'This rule is effective December 3, 2024.',
      effective_on: '2024-12-03',
    });
    const third = await h.poll();
    expect(third).toMatchObject({
      documentsNew: 0,
      documentsUpdated: 1,
      alertsQueued: 1,
      errors: 0,
    });
    const updated = h.alerts()[2]!;
    expect(updated.kind).toBe('fr-updated');
    expect(updated.dedupe_key).toMatch(/^fr:updated:2024-30512:[0-9a-f]{12}$/);
    expect(updated.title).toBe(
      '[Entity List] Updated (dates, effective_on): Additions to the Entity List',
    );
    expect(JSON.parse(updated.payload).changedFields).toEqual([
      {
        field: 'dates',
        old: 'This rule is effective December 5, 2024.',
        new: 'This rule is effective December 3, 2024.',
      },
      { field: 'effective_on', old: '2024-12-05', new: '2024-12-03' },
    ]);
    expect((await h.poll()).alertsQueued).toBe(0);

    // A correction is published: the same document lists it.
    entityRule(h, {
      dates: 'This rule is effective December 3, 2024.',
      effective_on: '2024-12-03',
      corrections: ['https://www.federalregister.gov/api/v1/documents/C1-2024-30512'],
    });
    expect(await h.poll()).toMatchObject({ documentsUpdated: 1, alertsQueued: 1 });
    expect(JSON.parse(h.alerts()[3]!.payload).changedFields).toEqual([
      {
        field: 'corrections',
        old: null,
        new: 'https://www.federalregister.gov/api/v1/documents/C1-2024-30512',
      },
    ]);
    expect(h.alerts()).toHaveLength(4);

    const status = frStatus(h.db);
    expect(status).toMatchObject({
      documents: 2,
      byStatus: { published: 2 },
      byTag: { 'entity-list': 1, 'export-control': 1 },
    });
    expect(status.lastPoll).toMatchObject({
      at: THURSDAY.toISOString(),
      stats: { documentsSeen: 2, alertsQueued: 1, errors: 0 },
    });
  });

  it('reads a day without documents (no results key) as nothing, without an error', async () => {
    const h = await harness({ publicInspection: false });
    const stats = await h.poll();
    expect(stats).toEqual({
      requests: 2,
      documentsSeen: 0,
      documentsNew: 0,
      documentsUpdated: 0,
      publicInspectionNew: 0,
      alertsQueued: 0,
      errors: 0,
    });
    expect(h.logs.filter((l) => l.level >= 40)).toEqual([]);
    expect(frStatus(h.db)).toEqual({
      lastPoll: { at: THURSDAY.toISOString(), stats },
      documents: 0,
      byStatus: {},
      byTag: {},
      lastDocument: null,
    });
  });

  it('follows next_page_url exactly as given (a cursor, a different path)', async () => {
    const h = await harness({ publicInspection: false, lookbackDays: 0 });
    h.fr.pageSize = 1;
    for (const n of ['2024-30501', '2024-30502', '2024-30503'])
      publishDocument(h.fr, {
        document_number: n,
        publication_date: '2024-12-05',
        title: `Notice ${n}`,
        type: 'Notice',
      });
    const stats = await h.poll();
    expect(stats).toMatchObject({ documentsNew: 3, alertsQueued: 3, errors: 0 });
    const pages = h.fr.requests.filter((r) => r.url.startsWith('/api/v1/documents'));
    expect(pages.map((r) => r.url.split('?')[0])).toEqual([
      '/api/v1/documents.json',
      '/api/v1/documents',
      '/api/v1/documents',
    ]);
    expect(
      pages.slice(1).every((r) => /search_after_cursor=/.test(r.url) && /format=json/.test(r.url)),
    ).toBe(true);
  });

  it('stops when the API resets past page 50 (a page repeats), keeps what it stored once, and says so', async () => {
    const h = await harness({ publicInspection: false, lookbackDays: 0 });
    h.fr.pageSize = 1;
    h.fr.legacyPaging = true;
    for (let i = 1; i <= 55; i++) {
      // No full-text links: this test is about paging, 51 requests at the client's rate.
      publishDocument(h.fr, {
        document_number: `2024-3${String(i).padStart(4, '0')}`,
        publication_date: '2024-12-05',
        title: `Notice ${i}`,
        type: 'Notice',
        body_html_url: null,
        raw_text_url: null,
      });
    }
    const stats = await h.poll();
    expect(h.fr.requests.filter((r) => r.url.startsWith('/api/v1/documents'))).toHaveLength(51);
    expect(stats).toMatchObject({
      documentsSeen: 50,
      documentsNew: 50,
      alertsQueued: 50,
      errors: 1,
    });
    expect(new Set(h.alerts().map((a) => a.dedupe_key)).size).toBe(50);
    expect(h.logs.some((l) => l.level === 40 && /a page repeated an earlier one/.test(l.msg))).toBe(
      true,
    );
  }, 30_000);

  it('keeps results whose display-name type matches the configured codes, and filters public inspection by them', async () => {
    const h = await harness({ types: ['RULE', 'NOTICE'] });
    itaNotice(h); // "Notice" for NOTICE
    fileForInspection(h.fr, {
      document_number: '2024-30777',
      publication_date: '2024-12-06',
      title: 'Proposed revisions to export licensing',
      type: 'Proposed Rule',
    });
    fileForInspection(h.fr, {
      document_number: '2024-30778',
      publication_date: '2024-12-06',
      title: 'Revisions to the Entity List',
      type: 'Rule',
    });
    const stats = await h.poll();
    expect(stats).toMatchObject({ documentsNew: 1, publicInspectionNew: 1, errors: 0 });
    expect(h.alerts().map((a) => a.dedupe_key)).toEqual(['fr:new:2024-30400', 'fr:pi:2024-30778']);
  });

  it('alerts a public-inspection document once (special filings included) and links it when published under an unpadded number', async () => {
    const h = await harness();
    fileForInspection(
      h.fr,
      {
        document_number: '2024-07333',
        publication_date: '2024-12-06',
        title: 'Additions to the Entity List',
        filing_type: 'special',
        filed_at: '2024-12-05T16:15:00.000-05:00',
      },
      'Additions to the Entity List\nThis rule adds Acme Robotics Co., Ltd. to the Entity List.',
    );
    const first = await h.poll();
    expect(first).toMatchObject({ publicInspectionNew: 1, alertsQueued: 1, errors: 0 });
    expect(h.alerts()[0]).toMatchObject({
      dedupe_key: 'fr:pi:2024-7333',
      kind: 'fr-public-inspection',
      title: '[Entity List] On public inspection (special filing): Additions to the Entity List',
      fr_document: '2024-07333',
    });
    expect(JSON.parse(h.alerts()[0]!.payload)).toMatchObject({
      filingType: 'special',
      filedAt: '2024-12-05T16:15:00.000-05:00',
      publicationDate: '2024-12-06',
    });
    expect(await h.poll()).toMatchObject({ publicInspectionNew: 0, alertsQueued: 0 });

    // Friday: published as 2024-7333; the public-inspection list has moved on to Monday's issue.
    h.setNow(new Date('2024-12-06T15:00:00Z'));
    h.fr.publicInspection = [];
    fileForInspection(h.fr, {
      document_number: '2024-30900',
      publication_date: '2024-12-09',
      title: 'Export Privileges; Denial Order',
      type: 'Notice',
    });
    entityRule(h, { document_number: '2024-7333', publication_date: '2024-12-06' });
    const published = await h.poll();
    expect(published).toMatchObject({ documentsNew: 1, publicInspectionNew: 1, errors: 0 });
    const rows = h.db
      .prepare(
        'SELECT document_number, normalized_number, published_number, status FROM fr_documents ORDER BY document_number',
      )
      .all();
    expect(rows).toEqual([
      {
        document_number: '2024-07333',
        normalized_number: '2024-7333',
        published_number: '2024-7333',
        status: 'published',
      },
      {
        document_number: '2024-30900',
        normalized_number: '2024-30900',
        published_number: null,
        status: 'public-inspection',
      },
    ]);
    expect(h.alerts().map((a) => [a.dedupe_key, a.fr_document])).toEqual([
      ['fr:pi:2024-7333', '2024-07333'],
      ['fr:new:2024-7333', '2024-07333'],
      ['fr:pi:2024-30900', '2024-30900'],
    ]);
    const versions = h.db
      .prepare(
        "SELECT stage FROM fr_document_versions WHERE document_number = '2024-07333' ORDER BY id",
      )
      .all();
    expect(versions).toEqual([{ stage: 'public-inspection' }, { stage: 'published' }]);
    expect((await h.poll()).alertsQueued).toBe(0);
  });

  it('reports a public-inspection document withdrawn before publication', async () => {
    const h = await harness();
    fileForInspection(h.fr, {
      document_number: '2024-30600',
      publication_date: '2024-12-06',
      title: 'Additions to the Entity List',
    });
    fileForInspection(h.fr, {
      document_number: '2024-30601',
      publication_date: '2024-12-06',
      title: 'Revision of Entries on the Entity List',
    });
    expect(await h.poll()).toMatchObject({ publicInspectionNew: 2, alertsQueued: 2 });
    h.fr.publicInspection = h.fr.publicInspection.filter((d) => d.document_number !== '2024-30600');
    const stats = await h.poll();
    expect(stats).toMatchObject({ alertsQueued: 1, errors: 0 });
    expect(h.alerts()[2]).toMatchObject({
      dedupe_key: 'fr:withdrawn:2024-30600',
      kind: 'fr-withdrawn',
      title: '[Entity List] Withdrawn from public inspection: Additions to the Entity List',
    });
    expect(
      h.db.prepare("SELECT status FROM fr_documents WHERE document_number = '2024-30600'").get(),
    ).toEqual({ status: 'withdrawn' });
    expect((await h.poll()).alertsQueued).toBe(0);
  });

  it('links a public-inspection document through /documents/{n}.json when the search does not show it', async () => {
    const h = await harness({ lookbackDays: 0 });
    fileForInspection(h.fr, {
      document_number: '2024-30650',
      publication_date: '2024-12-05',
      title: 'Additions to the Entity List',
    });
    h.setNow(new Date('2024-12-04T20:00:00Z'));
    expect(await h.poll()).toMatchObject({ publicInspectionNew: 1 });
    h.setNow(THURSDAY);
    h.fr.publicInspection = [];
    entityRule(h, { document_number: '2024-30650' });
    h.fr.hiddenFromSearch.add('2024-30650');
    const stats = await h.poll();
    expect(h.fr.paths()).toContain('/api/v1/documents/2024-30650.json');
    expect(stats).toMatchObject({ documentsNew: 1, alertsQueued: 1, errors: 0 });
    expect(
      h.db
        .prepare(
          "SELECT status, published_number FROM fr_documents WHERE document_number = '2024-30650'",
        )
        .get(),
    ).toEqual({ status: 'published', published_number: '2024-30650' });
  });

  it("sends a rule listing a watched company to the watch's recipients too, marked as such", async () => {
    const h = await harness({ keywords: ['semiconductor'] }, { name: 'acme' });
    // What EDGAR stored for the watch: the filer name on a filing linked to it.
    h.db
      .prepare(
        "INSERT INTO companies (cik, name, updated_at) VALUES ('0001234567', 'ACME ROBOTICS CO LTD', '2024-11-01T00:00:00.000Z')",
      )
      .run();
    const f = h.db
      .prepare(
        "INSERT INTO filings (accession, cik, form, filing_date, source_url, discovered_via, discovered_at, company_name) VALUES ('0001234567-24-000001', '0001234567', 'F-1', '2024-11-01', 'http://x', 'atom', '2024-11-01T00:00:00.000Z', 'Acme Robotics Co., Ltd.')",
      )
      .run();
    h.db
      .prepare(
        "INSERT INTO filing_watches (filing_id, watch_name, matched_by) VALUES (?, 'acme', 'cik')",
      )
      .run(f.lastInsertRowid);
    entityRule(h);
    // A notice naming the company, outside the keywords: it goes to the watch only.
    itaNotice(h, {
      abstract: 'Comments were received from Acme Robotics and two other producers.',
    });
    const stats = await h.poll();
    expect(stats).toMatchObject({ documentsNew: 2, alertsQueued: 2, errors: 0 });
    const watches = h.db
      .prepare(
        'SELECT a.dedupe_key, w.watch_name, w.reason FROM alert_watches w JOIN alerts a ON a.id = w.alert_id ORDER BY a.id, w.watch_name',
      )
      .all();
    expect(watches).toEqual([
      {
        dedupe_key: 'fr:new:2024-30512',
        watch_name: '@federal-register',
        reason: expect.stringMatching(
          /^entity-list: Additions to the Entity List \| export-control: /,
        ),
      },
      {
        dedupe_key: 'fr:new:2024-30512',
        watch_name: 'acme',
        reason:
          'lists "Acme Robotics Co., Ltd." (watched company): Acme Robotics Co., Ltd., Building 5, Nanshan District, Shenzhen.',
      },
      {
        dedupe_key: 'fr:new:2024-30400',
        watch_name: 'acme',
        reason:
          'names "Acme Robotics Co., Ltd." (watched company): Comments were received from Acme Robotics and two other producers.',
      },
    ]);
    expect(h.deliveries().map((d) => [d.dedupe_key, d.recipient_group, d.email])).toEqual([
      ['fr:new:2024-30512', 'compliance', 'legal@example.com'],
      ['fr:new:2024-30512', 'investors', 'pm@example.com'],
      ['fr:new:2024-30512', 'investors', 'analyst@example.com'],
      ['fr:new:2024-30400', 'investors', 'pm@example.com'],
      ['fr:new:2024-30400', 'investors', 'analyst@example.com'],
    ]);
    expect(JSON.parse(h.alerts()[0]!.payload).watches).toEqual(['acme']);
  });

  it('stores a document whose text is not rendered yet, and matches its text once it is', async () => {
    const h = await harness({ keywords: ['semiconductor'], publicInspection: false });
    publishDocument(
      h.fr,
      {
        document_number: '2024-30520',
        publication_date: '2024-12-05',
        title: 'Foreign-Trade Zone 61; Production Activity',
        type: 'Notice',
        agencies: [AGENCIES.commerce, AGENCIES.ita],
      },
      '<p>The company proposes the production of semiconductor wafers.</p>',
    );
    const page = [...h.fr.pages.entries()].find(([path]) => path.endsWith('/2024-30520.html'))!;
    h.fr.pages.delete(page[0]); // both full-text links answer 404 for now
    expect(await h.poll()).toMatchObject({ documentsNew: 1, alertsQueued: 0, errors: 0 });
    expect(h.db.prepare('SELECT full_text FROM fr_documents').get()).toEqual({ full_text: null });
    h.fr.pages.set(page[0], page[1]);
    expect(await h.poll()).toMatchObject({
      documentsNew: 0,
      documentsUpdated: 0,
      alertsQueued: 1,
      errors: 0,
    });
    expect(JSON.parse(h.alerts()[0]!.payload).reasons).toEqual([
      {
        tag: 'keyword:semiconductor',
        sentence: 'The company proposes the production of semiconductor wafers.',
      },
    ]);
    const before = h.fr.requests.length;
    expect(await h.poll()).toMatchObject({ alertsQueued: 0 });
    expect(h.fr.paths().slice(before)).toEqual([
      '/api/v1/documents.json',
      '/api/v1/documents.json',
    ]);
  });

  it("matches the watch's configured company name", async () => {
    const h = await harness({}, { company: 'Volga Instruments LLC' });
    entityRule(h);
    await h.poll();
    expect(
      h.db
        .prepare("SELECT watch_name, reason FROM alert_watches WHERE watch_name = 'globex'")
        .all(),
    ).toEqual([
      {
        watch_name: 'globex',
        reason:
          'lists "Volga Instruments LLC" (watched company): Volga Instruments LLC, 12 Lenina Street, Samara.',
      },
    ]);
  });
});

describe('pollFederalRegister with bad responses', () => {
  it.each([
    // Not transient: one answer, no retry.
    [
      'an HTML error page',
      1,
      {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>',
      },
    ],
    [
      'invalid JSON',
      1,
      {
        status: 200,
        contentType: 'application/json',
        body: '{"count":1,"results":[{"document_number":"2024-305',
      },
    ],
    // Transient: the client tries 3 times; fail them all.
    [
      'a 500 on every try',
      3,
      { status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
    ],
    ['a timeout on every try', 3, { delayMs: 1_500, body: '{}' }],
  ] as const)(
    '%s on a search is reported; that day is read on the next poll, nothing lost or doubled',
    async (_name, tries, fault) => {
      const h = await harness();
      entityRule(h);
      itaNotice(h);
      h.fr.fault('/api/v1/documents.json', ...Array<typeof fault>(tries).fill(fault));
      const first = await h.poll();
      // The first search (5 Dec) failed; 4 Dec was read.
      expect(first).toMatchObject({ documentsNew: 1, alertsQueued: 1, errors: 1 });
      expect(h.alerts().map((a) => a.dedupe_key)).toEqual(['fr:new:2024-30400']);
      const error = h.logs.find(
        (l) =>
          l.msg === 'federal-register: search failed; documents of this date not read this time',
      )!;
      // An expected failure: one line with a short reason and its cause, no stack; a warning
      // when transient (tried again by the client), an error when permanent (one answer).
      expect(error).toMatchObject({
        level: tries > 1 ? 40 : 50,
        kind: tries > 1 ? 'transient' : 'permanent',
        date: '2024-12-05',
        url: expect.stringContaining('/api/v1/documents.json?'),
        cause: expect.any(String),
      });
      expect(error.reason).toContain('/api/v1/documents.json?');
      expect(error).not.toHaveProperty('err');
      const second = await h.poll();
      expect(second).toMatchObject({ documentsNew: 1, alertsQueued: 1, errors: 0 });
      expect(h.alerts().map((a) => a.dedupe_key)).toEqual([
        'fr:new:2024-30400',
        'fr:new:2024-30512',
      ]);
    },
  );

  it('never reports a withdrawal from a public-inspection list it could not read, or from an empty one', async () => {
    const h = await harness({ lookbackDays: 0 });
    fileForInspection(h.fr, {
      document_number: '2024-30600',
      publication_date: '2024-12-06',
      title: 'Additions to the Entity List',
    });
    expect(await h.poll()).toMatchObject({ publicInspectionNew: 1, alertsQueued: 1 });
    h.fr.fault('/api/v1/public-inspection-documents/', {
      status: 200,
      contentType: 'text/html',
      body: '<html><body>Service Unavailable</body></html>',
    });
    expect(await h.poll()).toMatchObject({ alertsQueued: 0, errors: 1 });
    h.fr.publicInspection = []; // served without a results key
    expect(await h.poll()).toMatchObject({ alertsQueued: 0, errors: 0 });
    expect(h.db.prepare('SELECT status FROM fr_documents').all()).toEqual([
      { status: 'public-inspection' },
    ]);
    expect(h.alerts().map((a) => a.kind)).toEqual(['fr-public-inspection']);
  });

  it('retries a 429 and a 503 within the same poll', async () => {
    const h = await harness({ publicInspection: false });
    entityRule(h);
    h.fr.fault(
      '/api/v1/documents.json',
      { status: 429, headers: { 'retry-after': '0' }, body: '{"errors":["rate limited"]}' },
      { status: 503, body: 'Service Unavailable', contentType: 'text/plain' },
    );
    expect(await h.poll()).toMatchObject({ documentsNew: 1, alertsQueued: 1, errors: 0 });
    // The day's search was asked three times in that one poll (429, 503, then the answer), each
    // retry logged; the day before (the lookback) once.
    const days = h.fr.requests
      .filter((r) => r.url.startsWith('/api/v1/documents.json'))
      .map((r) => new URL(r.url, 'http://x').searchParams.get('conditions[publication_date][is]'));
    expect(days).toEqual(['2024-12-05', '2024-12-05', '2024-12-05', '2024-12-04']);
    expect(h.logs.filter((l) => /retry/.test(String(l.msg))).map((l) => l.reason)).toEqual([
      'HTTP 429',
      'HTTP 503',
    ]);
    expect(h.db.prepare('SELECT document_number FROM fr_documents').pluck().all()).toEqual([
      '2024-30512',
    ]);
  });

  it('does not store a document whose full text cannot be read, and stores it once on the next poll', async () => {
    const h = await harness({ publicInspection: false });
    entityRule(h);
    const fault = { status: 502, body: 'Bad Gateway', contentType: 'text/html' };
    h.fr.fault('/documents/full_text/html/', fault, fault, fault);
    const first = await h.poll();
    expect(first).toMatchObject({ documentsSeen: 1, documentsNew: 0, alertsQueued: 0, errors: 1 });
    expect(h.db.prepare('SELECT count(*) AS n FROM fr_documents').get()).toEqual({ n: 0 });
    expect(
      h.logs.find(
        (l) =>
          l.msg === 'federal-register: document not stored; it will be retried on the next poll',
      ),
    ).toMatchObject({ level: 40, documentNumber: '2024-30512', cause: 'HTTP 502' });
    expect(await h.poll()).toMatchObject({ documentsNew: 1, alertsQueued: 1, errors: 0 });
    expect(await h.poll()).toMatchObject({ documentsNew: 0, alertsQueued: 0, errors: 0 });
  });

  it('skips one malformed result, naming it, and keeps the others of the page', async () => {
    const h = await harness({ publicInspection: false, lookbackDays: 0 });
    entityRule(h);
    publishDocument(h.fr, {
      document_number: '2024-30513',
      publication_date: '2024-12-05',
      title: 42 as unknown as string,
      type: 'Rule',
    });
    const stats = await h.poll();
    expect(stats).toMatchObject({ documentsNew: 1, errors: 1 });
    expect(
      h.logs.find((l) => l.msg === 'federal-register: a search result could not be read; skipped'),
    ).toMatchObject({
      level: 50,
      problem: expect.stringMatching(/results\[1\] \(2024-30513\): title: /),
    });
  });
});
