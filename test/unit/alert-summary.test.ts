import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import type { FilingDiffPayload } from '../../src/alerts/types.js';
import { classifyChange } from '../../src/diff/materiality.js';
import type { Change, SectionDiff } from '../../src/diff/types.js';
import { renderAlertMessage } from '../../src/notify/render/alert-message.js';
import { summarizeAlert, watchPagePath } from '../../src/notify/render/alert-summary.js';
import { renderDigestMessage } from '../../src/notify/render/digest-message.js';
import { materialityPhrase } from '../../src/notify/render/materiality-phrase.js';
import { buildJsonPayload, buildSlackPayload } from '../../src/notify/transports/webhook.js';
import { webhookAlertOf } from '../../src/notify/webhook-render.js';
import type { AlertRecord, StoredDiff } from '../../src/store/outbox.js';
import { renderAtom } from '../../src/web/feed.js';

// What a diff alert says matters ("1 substantive change, 8 figures updated") is worded once
// (materialityPhrase) and said alike by the mail's subject, the digest, the feed's entry and
// the webhook's summary.

const ref = (index: number, heading: string) => ({ index, heading, category: null });

/** An S-1/A that adds one risk factor and rolls eight figures forward, as an amendment does. */
const added: Change = {
  kind: 'added',
  new: ref(0, 'Export controls may limit our sales in China'),
  text: 'The Department of Commerce has expanded export controls on advanced computing items, and these rules may prevent us from shipping our products to customers in China.',
};
const rolled = (n: number): Change => ({
  kind: 'modified',
  old: ref(n, `We depend on key suppliers (${n})`),
  new: ref(n, `We depend on key suppliers (${n})`),
  headingChanged: false,
  moved: false,
  similarity: 0.95,
  wordsAdded: 1,
  wordsRemoved: 1,
  headingRedline: [{ op: 'equal', text: `We depend on key suppliers (${n})` }],
  redline: [
    { op: 'equal', text: 'As of December 31, we had' },
    { op: 'delete', text: `${1000 + n}` },
    { op: 'insert', text: `${1200 + n}` },
    { op: 'equal', text: 'employees working with our suppliers.' },
  ],
});
const changes = [added, ...Array.from({ length: 8 }, (_, i) => rolled(i + 1))];

const facts = (form: string, filingDate: string, accession: string) => ({
  cik: '0001234567',
  company: 'Frontier Chips Inc',
  form,
  accession,
  fileNumber: '333-280001',
  filingDate,
  url: `https://www.sec.gov/Archives/edgar/data/1234567/${accession}-index.htm`,
  documentUrl: null,
});
const payload: FilingDiffPayload = {
  ...facts('S-1/A', '2026-03-11', '0001234567-26-000002'),
  previous: facts('S-1', '2026-03-10', '0001234567-26-000001'),
  summary: { added: 1, removed: 0, modified: 8, moved: 0, unchanged: 3 },
  similarity: 0.9412,
  keywordHits: [],
};
const alert: AlertRecord = {
  id: 7,
  dedupeKey: 'edgar:diff:0001234567-26-000002',
  kind: 'filing-diff',
  source: 'edgar',
  title: 'Frontier Chips Inc filed S-1/A: 1 new, 8 changed risk factors',
  payload,
  threadKey: 'edgar:333-280001',
  filingId: 2,
  diffId: 1,
  frDocument: null,
  createdAt: '2026-03-11T15:00:00.000Z',
  watches: [{ name: 'frontier', reason: 'cik 1234567' }],
};
const sectionDiff: SectionDiff = {
  old: { riskFactors: 11 },
  new: { riskFactors: 12 },
  similarity: 0.9412,
  summary: { ...payload.summary, preamble: 0, categoryIntros: 0 },
  changes,
  keywordHits: [],
};
const stored: StoredDiff = { diff: sectionDiff, sectionChanges: [] };
const PHRASE = '1 substantive change, 8 figures updated';

describe('the materiality phrase', () => {
  it('the seeded changes are classed as the phrase counts them (a guard on the fixture)', () => {
    expect(changes.map((c) => classifyChange(c).class)).toEqual([
      'substantive',
      ...Array<string>(8).fill('figures'),
    ]);
  });

  const c = (cls: 'substantive' | 'figures' | 'editorial', figures = 0) => ({
    class: cls,
    figures: Array.from({ length: figures }, () => ({ old: '1', new: '2', sentence: 's' })),
  });
  it.each([
    [[], 'no risk factor changed'],
    [[c('substantive')], '1 substantive change'],
    [[c('substantive'), c('substantive')], '2 substantive changes'],
    // A figures change counts each figure it updates; one whose figures were not kept counts one.
    [[c('figures', 3), c('figures', 0)], '4 figures updated'],
    [[c('figures', 1)], '1 figure updated'],
    [
      [c('editorial'), c('substantive'), c('figures', 2)],
      '1 substantive change, 2 figures updated, 1 editorial change',
    ],
  ])('%#: %j', (list, phrase) => expect(materialityPhrase(list)).toBe(phrase));
});

describe('a diff alert says what matters alike in the mail, the digest, the feed and the webhook', () => {
  it('the mail subject and the digest headline', () => {
    const mail = renderAlertMessage({
      alert,
      stored,
      recipient: { email: 'pm@example.com', group: 'investors' },
      thread: [],
      now: new Date('2026-03-11T15:01:00Z'),
      maxHtmlBytes: 100_000,
    });
    expect(mail.subject).toBe(`[regwatch] Frontier Chips Inc S-1/A: ${PHRASE}`);
    const digest = renderDigestMessage({
      digestId: 1,
      recipient: { email: 'pm@example.com', group: 'investors' },
      periodStart: null,
      periodEnd: '2026-03-11T16:00:00.000Z',
      entries: [{ alert, stored }],
      timezone: 'UTC',
      now: new Date('2026-03-11T16:00:00Z'),
    });
    expect(digest.text).toContain(`* Frontier Chips Inc S-1/A: ${PHRASE}\n`);
  });

  it("the feed entry's summary and content, read back by a feed parser", () => {
    const feedAlert = {
      ...alert,
      payload: payload as unknown as Record<string, unknown>,
      watches: ['frontier'],
    };
    const xml = renderAtom([{ alert: feedAlert, diff: sectionDiff }], {
      base: 'https://regwatch.example.com',
      filter: null,
      emptyUpdated: '2026-01-01T00:00:00Z',
      changesPerEntry: 3,
    });
    const item = parseFeed(xml).items[0]!;
    const sentence = `Frontier Chips Inc S-1/A (2026-03-11) compared with S-1 (2026-03-10): ${PHRASE} (1 added, 8 reworded; similarity 0.941).`;
    expect(item.description).toBe(sentence);
    expect(item.content).toContain(`<p>${sentence}</p>`);
  });

  it("the webhook's JSON and Slack payloads", () => {
    const hook = webhookAlertOf(alert, 'https://regwatch.example.com/', stored);
    expect(JSON.parse(buildJsonPayload(hook)).summary).toContain(`: ${PHRASE} (1 added,`);
    expect(JSON.parse(buildSlackPayload(hook)).blocks[0].text.text).toContain(PHRASE);
    expect(hook.historyUrl).toBe('https://regwatch.example.com/watch/frontier');
  });

  it('without its stored changes, a diff says the factors touched alone (nothing is guessed)', () => {
    const hook = webhookAlertOf(alert, null, null);
    expect(hook.summary).toBe(
      'Frontier Chips Inc S-1/A (2026-03-11) compared with S-1 (2026-03-10): 1 added, 8 reworded; similarity 0.941.',
    );
    expect(hook.historyUrl).toBeNull();
  });
});

describe('summarizeAlert by kind', () => {
  const p = { company: 'Acme', form: 'S-1', filingDate: '2026-03-10' };
  it.each([
    [
      'filing-new',
      { ...p, riskFactorCount: 4 },
      'Acme S-1 (2026-03-10): first version seen, 4 risk factors.',
    ],
    [
      'filing-unreadable',
      { ...p, reason: 'no Risk Factors heading' },
      'Acme S-1: filed; its risk factors could not be read (no Risk Factors heading).',
    ],
    [
      'filing-event',
      { ...p, form: 'RW', event: 'withdrawn', note: 'registration withdrawn' },
      'Acme RW: registration withdrawn',
    ],
    [
      'fr-document',
      {
        type: 'Rule',
        publicationDate: '2026-12-04',
        reasons: [{ tag: 'entity-list' }],
        abstract: 'Adds two entities.',
      },
      'Rule; 2026-12-04; matched: entity-list. Adds two entities.',
    ],
    ['fr-withdrawn', {}, 'the title'],
  ] as const)('%s', (kind, facts, text) =>
    expect(summarizeAlert({ kind, title: 'the title', payload: facts }, null)).toBe(text),
  );

  it.each([
    [['frontier'], '/watch/frontier'],
    [['@federal-register', 'a b/c'], '/watch/a%20b%2Fc'],
    [['@federal-register'], null],
    [[], null],
  ])("the history page of an alert's watches %j", (watches, path) =>
    expect(watchPagePath(watches)).toBe(path),
  );
});
