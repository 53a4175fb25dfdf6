import { createHash } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import type { Change, SectionDiff } from '../../src/diff/types.js';
import type { FeedAlert, TimelineFiling } from '../../src/store/history.js';
import { atomHtmlContents } from '../helpers/atom.js';
import { decideAccess, isLoopback } from '../../src/web/access.js';
import { describeChanges } from '../../src/notify/render/alert-summary.js';
import { escapeXml, feedEntryId, renderAtom } from '../../src/web/feed.js';
import { CONTENT_SECURITY_POLICY, PAGE_CSS } from '../../src/web/layout.js';
import { renderDiffPage, renderIndex, renderWatch } from '../../src/web/pages.js';

/** Markup a filing or a Federal Register title may hold as text; none of it may become markup. */
export const XSS = [
  '<script>document.title="pwned"</script>',
  '<img src=x onerror="document.title=\'pwned\'">',
  '</style><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  ']]><script>alert(1)</script><![CDATA[',
  '<a href="javascript:alert(1)">click</a>',
  '&lt;script&gt; already escaped &amp; twice',
  'form feed \f and NUL \u0000 and a lone surrogate \uD800 end',
];

const hostile = XSS.join(' | ');

const diff: SectionDiff = {
  old: { riskFactors: 1 },
  new: { riskFactors: 2 },
  similarity: 0.5,
  summary: {
    added: 1,
    removed: 0,
    modified: 1,
    moved: 0,
    unchanged: 0,
    preamble: 0,
    categoryIntros: 0,
  },
  changes: [
    { kind: 'added', new: { index: 1, heading: hostile, category: hostile }, text: hostile },
    {
      kind: 'modified',
      old: { index: 0, heading: 'Old', category: null },
      new: { index: 0, heading: 'New', category: null },
      headingChanged: true,
      moved: false,
      similarity: 0.5,
      wordsAdded: 3,
      wordsRemoved: 1,
      headingRedline: [
        { op: 'delete', text: 'Old' },
        { op: 'insert', text: hostile },
      ],
      redline: [
        { op: 'equal', text: 'We' },
        { op: 'insert', text: hostile },
        { op: 'delete', text: '<b>gone</b>' },
      ],
    } satisfies Change,
  ],
  keywordHits: [],
};

const alert = (over: Partial<FeedAlert>): FeedAlert => ({
  id: 1,
  dedupeKey: 'edgar:diff:0001234567-26-000002',
  kind: 'filing-diff',
  source: 'edgar',
  title: `Acme ${hostile}`,
  payload: {
    company: hostile,
    form: 'S-1/A',
    filingDate: '2026-03-11',
    previous: { form: 'S-1', filingDate: '2026-03-10' },
    summary: diff.summary,
    similarity: 0.5,
    url: 'https://www.sec.gov/x',
  },
  diffId: 7,
  frDocument: null,
  createdAt: '2026-03-11T15:00:00.000Z',
  watches: ['acme'],
  ...over,
});

/** No element, attribute or URL scheme taken from the corpus survives as markup. */
function expectInert(html: string): void {
  expect(html).not.toMatch(
    /<(script|img|svg|a href="javascript:)|<\/style><script|' onmouseover='/i,
  );
}

describe('web rendering of hostile stored text', () => {
  it('escapes every corpus string on the redline page', () => {
    const page = renderDiffPage(
      {
        company: hostile,
        cik: '0001234567',
        watches: ['acme'],
        old: {
          form: 'S-1',
          filingDate: '2026-03-10',
          accession: 'a',
          sourceUrl: 'javascript:alert(1)',
        },
        new: {
          form: 'S-1/A',
          filingDate: '2026-03-11',
          accession: 'b',
          sourceUrl: 'https://www.sec.gov/b',
        },
      },
      diff,
    );
    expectInert(page);
    expect(page).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(page).toContain('<ins>');
    expect(page).toContain('<del>&lt;b&gt;gone&lt;/b&gt;</del>');
  });

  it('escapes the watch page (filings and Federal Register documents) and the index', () => {
    const filing: TimelineFiling = {
      id: 1,
      accession: hostile,
      cik: '1',
      form: hostile,
      fileNumber: hostile,
      filingDate: '2026-03-10',
      company: hostile,
      status: 'failed',
      lastError: hostile,
      sourceUrl: 'javascript:alert(1)',
      section: null,
      diff: null,
    };
    const fr = [
      {
        documentNumber: hostile,
        title: hostile,
        type: hostile,
        status: 'published',
        publicationDate: '2026-03-10',
        htmlUrl: 'javascript:alert(1)',
        reasons: [{ tag: hostile, sentence: hostile }],
        watchReason: hostile,
      },
    ];
    expectInert(renderWatch(hostile, [filing], fr));
    expectInert(
      renderIndex(
        [
          {
            name: hostile,
            removedAt: null,
            company: hostile,
            filings: 1,
            latest: {
              alertId: 1,
              kind: 'filing-diff',
              title: hostile,
              createdAt: '2026-03-10T00:00:00Z',
              diffId: 1,
            },
          },
        ],
        fr,
      ),
    );
  });

  it('gives a feed a real parser reads, with the hostile text as text', async () => {
    const fr = alert({
      id: 2,
      dedupeKey: 'fr:2026-04412',
      kind: 'fr-document',
      source: 'federal-register',
      title: hostile,
      diffId: null,
      frDocument: '2026-04412',
      payload: {
        title: hostile,
        type: 'Rule',
        abstract: hostile,
        reasons: [{ tag: 'entity-list', sentence: hostile }],
        htmlUrl: 'https://www.federalregister.gov/d/2026-04412',
      },
      watches: ['@federal-register'],
    });
    const xml = renderAtom(
      [
        { alert: alert({}), diff },
        { alert: fr, diff: null },
      ],
      {
        base: 'http://127.0.0.1:9464',
        filter: null,
        emptyUpdated: '1970-01-01T00:00:00.000Z',
        changesPerEntry: 20,
      },
    );
    expect(xml).not.toContain('\f');
    expect(xml).not.toContain('\u0000');
    expect(xml).not.toMatch(/<script|<img|<svg|<!\[CDATA\[/i);
    const feed = parseFeed(xml);
    expect(feed.items).toHaveLength(2);
    const [first, second] = feed.items;
    expect(first!.id).toBe(feedEntryId({ dedupeKey: 'edgar:diff:0001234567-26-000002' }));
    expect(first!.url).toBe('http://127.0.0.1:9464/diff/7');
    expect(first!.title).toContain('<script>document.title="pwned"</script>');
    // What a reader renders is the content element's text, XML-decoded once: escaped HTML, no element.
    const html = atomHtmlContents(xml);
    expect(html).toHaveLength(2);
    for (const c of html) expectInert(c);
    expect(html[0]).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(html[0]).toContain('&amp;lt;script&amp;gt; already escaped &amp;amp; twice');
    expect(first!.content).toContain('<ins>');
    expect(second!.title).toContain('<img src=x onerror=');
    expect(second!.url).toBe('https://www.federalregister.gov/d/2026-04412');
  });
});

describe('escapeXml', () => {
  it.each([
    ['a & b < c > d " e \' f', 'a &amp; b &lt; c &gt; d &quot; e &#39; f'],
    ['page\fbreak\u0000nul\u000bvt', 'pagebreaknulvt'],
    ['tab\tnew\nline\r', 'tab\tnew\nline\r'],
    ['lone \uD800 surrogate, pair \u{1F600}', 'lone  surrogate, pair \u{1F600}'],
    ['\uFFFE\uFFFF', ''],
  ])('%j -> %j', (input, out) => expect(escapeXml(input)).toBe(out));
});

describe('describeChanges', () => {
  it.each([
    [
      { added: 2, removed: 1, modified: 3 },
      0.9412,
      '2 added, 1 removed, 3 reworded; similarity 0.941',
    ],
    [
      { moved: 1, preamble: 1, categoryIntros: 2 },
      null,
      '1 moved, preamble changed, 2 category introductions changed',
    ],
    [{}, 1, 'no risk factor changed; similarity 1.000'],
  ])('%j', (summary, similarity, text) => expect(describeChanges(summary, similarity)).toBe(text));
});

describe('access', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.5', false],
    ['128.0.0.1', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, loopback) => expect(isLoopback(address)).toBe(loopback));

  const token = 'a-long-enough-secret-token';
  it.each([
    [
      'loopback, no token configured',
      { remoteAddress: '127.0.0.1', authorization: undefined, forwarded: false },
      null,
      'ok',
    ],
    [
      'remote, no token configured',
      { remoteAddress: '10.0.0.5', authorization: `Bearer ${token}`, forwarded: false },
      null,
      403,
    ],
    [
      'forwarded by a local proxy, no token',
      { remoteAddress: '127.0.0.1', authorization: undefined, forwarded: true },
      token,
      401,
    ],
    [
      'remote with the token',
      { remoteAddress: '10.0.0.5', authorization: `Bearer ${token}`, forwarded: false },
      token,
      'ok',
    ],
    [
      'remote with a wrong token',
      { remoteAddress: '10.0.0.5', authorization: `Bearer ${token}x`, forwarded: false },
      token,
      401,
    ],
    [
      'remote with a prefix of the token',
      { remoteAddress: '10.0.0.5', authorization: 'Bearer a-long', forwarded: false },
      token,
      401,
    ],
    [
      'remote with basic auth',
      { remoteAddress: '10.0.0.5', authorization: `Basic ${token}`, forwarded: false },
      token,
      401,
    ],
  ] as const)('%s', (_name, req, tok, expected) => {
    const d = decideAccess(req, tok);
    expect(d.ok ? 'ok' : d.status).toBe(expected);
  });
});

describe('the Content-Security-Policy', () => {
  it("allows the pages' stylesheet by its hash, and nothing else", () => {
    const hash = createHash('sha256').update(PAGE_CSS).digest('base64');
    expect(CONTENT_SECURITY_POLICY).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(renderIndex([], [])).toContain(`<style>${PAGE_CSS}</style>`);
    expect(renderIndex([], [])).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
  });
});
