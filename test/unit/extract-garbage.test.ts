import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRiskFactors } from '../../src/extract/extract-risk-factors.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url));

describe('garbage input: found false with a reason, never a throw', () => {
  it.each([
    ['an empty file', new Uint8Array(0), /empty/],
    ['whitespace only', Buffer.from(' \n\t\n '), /empty/],
    ['binary bytes', randomBytes(64 * 1024), /not text|no "Risk Factors" heading/],
    [
      'a PDF',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(8 * 1024)]),
      /not text|no "Risk Factors" heading/,
    ],
    [
      'text with no section',
      Buffer.from('<html><body><p>Quarterly dividend declared.</p></body></html>'),
      /no "Risk Factors" heading/,
    ],
  ])('%s', (_name, bytes, reason) => {
    const r = extractRiskFactors(bytes);
    expect(r.found).toBe(false);
    expect(r.reason).toMatch(reason);
    expect(r.riskFactors).toEqual([]);
  });

  it('truncated HTML: a section cut before its end is refused, not guessed', () => {
    const full = fixture('toc-links.htm').toString('utf8');
    const cut = full.slice(0, full.indexOf('Our stock price may be volatile'));
    const r = extractRiskFactors(Buffer.from(cut));
    expect(r.found).toBe(false);
    expect(r.reason).toMatch(/not the heading that ends the section/);
  });

  it('truncated mid-tag still parses', () => {
    const full = fixture('summary-list.htm').toString('utf8');
    const r = extractRiskFactors(
      Buffer.from(
        full.slice(0, full.indexOf('USE OF') > 0 ? full.length - 40 : full.length) +
          '<p style="font-we',
      ),
    );
    expect(r.found).toBe(true);
    expect(r.riskFactors.length).toBe(3);
  });

  it('a 50 MB file of nested tags returns found: false without a crash', () => {
    const bytes = Buffer.from('<div><span>'.repeat((50 * 1024 * 1024) / 11));
    expect(bytes.length).toBeGreaterThan(49 * 1024 * 1024);
    const r = extractRiskFactors(bytes);
    expect(r.found).toBe(false);
    expect(r.reason).toBe('the document has no text');
  });

  it('a string input works like bytes', () => {
    const s = fixture('ixbrl.htm').toString('utf8');
    expect(extractRiskFactors(s).riskFactors.length).toBe(2);
  });

  it('Windows-1252 bytes (older filings) decode: curly quotes survive', () => {
    const html = Buffer.concat([
      Buffer.from(
        '<p><b>RISK FACTORS</b></p><p>Investing in our stock involves risks described below, and you could lose all or part of what you invest in it today or later.</p><p><b><i>We',
        'latin1',
      ),
      Buffer.from([0x92]),
      Buffer.from(
        've never been profitable.</i></b></p><p>Losses may continue for years as we build our business and spend on research.</p><p><b>USE OF PROCEEDS</b></p>',
        'latin1',
      ),
    ]);
    const r = extractRiskFactors(html, { form: 'S-1' });
    expect(r.riskFactors.map((f) => f.heading)).toEqual(['We’ve never been profitable.']);
  });
});

describe('never a silent wrong answer', () => {
  it('warns when a long section yields no risk-factor headings (a plain-text filing)', () => {
    const para =
      'Our business faces many risks that could harm results, and investors could lose money. '.repeat(
        20,
      );
    const text = `FORM S-1\n\nRISK FACTORS\n\n${Array.from({ length: 8 }, () => para).join('\n\n')}\n\nUSE OF PROCEEDS\n\nWe will use the proceeds for general purposes.`;
    const r = extractRiskFactors(Buffer.from(text));
    expect(r.found).toBe(true);
    expect(r.riskFactors).toEqual([]);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^the section has \d+ words but no risk-factor headings were recognised/,
      ),
    ]);
  });
});

describe('linear time on hostile shapes', () => {
  it('a document that repeats the heading thousands of times with no end still returns', () => {
    // Every copy looks different (font size), so none is page furniture: each is a candidate.
    const html = Array.from(
      { length: 20_000 },
      (_, i) =>
        `<p style="font-size:${8 + i}pt"><b>Item 1A. Risk Factors</b></p><p>Paragraph ${i} of text that goes on.</p>`,
    ).join('');
    const r = extractRiskFactors(Buffer.from(html), { form: '10-K' });
    expect(r.found).toBe(false);
    expect(r.reason).toMatch(/not the heading that ends the section/);
  });
});
