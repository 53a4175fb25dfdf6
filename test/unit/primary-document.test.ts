// Which document of an EDGAR full submission (.txt) is read: the form's own, passing over a
// binary copy filed under the same <TYPE> (a uuencoded PDF, EDGAR's <PDF> block, an image).
import { describe, expect, it } from 'vitest';
import { primaryDocument } from '../../src/extract/decode.js';

const header =
  '<SEC-DOCUMENT>0001234567-26-000001.txt\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tS-1\n</SEC-HEADER>\n';
const doc = (type: string, filename: string, text: string) =>
  `<DOCUMENT>\n<TYPE>${type}\n<SEQUENCE>1\n<FILENAME>${filename}\n<TEXT>\n${text}\n</TEXT>\n</DOCUMENT>\n`;
const HTML = '<html><body><p>RISK FACTORS</p></body></html>';

describe('primaryDocument', () => {
  it.each([
    [
      'a uuencoded PDF before the HTML',
      doc('S-1', 'acme-s1.pdf', 'begin 644 acme-s1.pdf\nM)5!$1BTQ+C<*\nend') +
        doc('S-1', 'acme-s1.htm', HTML),
    ],
    [
      "EDGAR's <PDF> block before the HTML",
      doc('S-1', 'acme-s1.txt', '<PDF>\nbegin 644 x.pdf\nend\n</PDF>') +
        doc('S-1', 'acme-s1.htm', HTML),
    ],
    [
      'an image named as the form before the HTML',
      doc('S-1', 'logo.jpg', 'begin 644 logo.jpg\nend') + doc('S-1', 'acme-s1.htm', HTML),
    ],
  ])('reads the HTML S-1 past %s', (_name, body) => {
    const p = primaryDocument(`${header}${body}</SEC-DOCUMENT>\n`);
    expect(p).toMatchObject({ sgmlType: 'S-1', filename: 'acme-s1.htm', isHtml: true });
    expect(p.markup).toContain('RISK FACTORS');
  });

  it('takes the binary copy when the form has nothing else (the extractor then says it cannot read it)', () => {
    const p = primaryDocument(
      `${header}${doc('S-1', 'acme-s1.pdf', 'begin 644 acme-s1.pdf\nend')}${doc('EX-23.1', 'consent.htm', HTML)}</SEC-DOCUMENT>\n`,
    );
    expect(p).toMatchObject({ sgmlType: 'S-1', filename: 'acme-s1.pdf' });
  });
});
