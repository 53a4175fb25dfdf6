// The one check every reader of a filing uses to refuse a binary file (the CLI's input, EDGAR's
// primary document, a submission's binary copy, the extractor): each kind named, text left alone.
import { describe, expect, it } from 'vitest';
import { binaryKind, type BinaryHints } from '../../src/text/binary-kind.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('binaryKind', () => {
  it.each<[string, Uint8Array | string, BinaryHints, string, string]>([
    ['a PDF', bytes('%PDF-1.7\n'), {}, 'PDF', 'a PDF'],
    ['a ZIP', bytes('PK', [3, 4], 'x'), {}, 'ZIP', 'a ZIP archive'],
    ['an empty ZIP', bytes('PK', [5, 6], 'x'), {}, 'ZIP', 'a ZIP archive'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0]), {}, 'gzip', 'a gzip file'],
    ['bzip2', bytes('BZh91AY&SY'), {}, 'bzip2', 'a bzip2 file'],
    ['xz', bytes([0xfd], '7zXZ', [0]), {}, 'xz', 'an xz file'],
    ['7-Zip', bytes('7z', [0xbc, 0xaf, 0x27, 0x1c]), {}, '7-Zip', 'a 7-Zip archive'],
    ['a PNG', bytes([0x89], 'PNG\r\n', [0x1a]), {}, 'PNG image', 'a PNG image'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), {}, 'JPEG image', 'a JPEG image'],
    ['a GIF', bytes('GIF89a'), {}, 'GIF image', 'a GIF image'],
    [
      'an old Office file',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      {},
      'Microsoft Office (OLE) document',
      'a Microsoft Office (OLE) document',
    ],
    ['SQLite', bytes('SQLite format 3', [0]), {}, 'SQLite database', 'an SQLite database'],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1]), {}, 'executable', 'an executable'],
    ['a DOS/Windows executable', bytes('MZ', [0x90, 0, 3, 0]), {}, 'executable', 'an executable'],
    ['a PDF as decoded text', '%PDF-1.4\n%âãÏÓ', {}, 'PDF', 'a PDF'],
    [
      'a uuencoded copy',
      '\nbegin 644 acme-s1.pdf\nM)5!$1BTQ',
      {},
      'uuencoded file',
      'a uuencoded file',
    ],
    ["EDGAR's <PDF> block", '\n<PDF>\nbegin 644 x.pdf', {}, 'PDF', 'a PDF'],
    ['a PDF by Content-Type', 'whatever', { contentType: 'application/pdf' }, 'PDF', 'a PDF'],
    [
      'an image by Content-Type',
      'x',
      { contentType: 'image/tiff; x=1' },
      'image',
      'an image (image/tiff)',
    ],
    [
      'an archive by Content-Type',
      'x',
      { contentType: 'application/octet-stream' },
      'application/octet-stream',
      'binary (application/octet-stream)',
    ],
    ['a .JPG by name', 'whatever', { filename: 'scan.JPG' }, '.jpg file', 'a .jpg file'],
    ['control characters', bytes([0, 1, 2], 'binary', [0]), {}, 'binary data', 'binary data'],
    [
      'U+FFFD in decoded text',
      '\ufffd'.repeat(10) + 'x'.repeat(100),
      {},
      'binary data',
      'binary data',
    ],
  ])('%s', (_name, sample, hints, name, phrase) => {
    expect(binaryKind(sample, hints)).toMatchObject({ name, phrase });
  });

  it.each<[string, Uint8Array | string, BinaryHints]>([
    [
      'HTML',
      '<html><body><p>RISK FACTORS</p></body></html>',
      { contentType: 'text/html', filename: 'd1.htm' },
    ],
    [
      'XML',
      bytes('<?xml version="1.0"?>'),
      { contentType: 'application/xml', filename: 'primary_doc.xml' },
    ],
    ['an SGML submission', '<SEC-DOCUMENT>0001-26-000001.txt\n<SEC-HEADER>', {}],
    ['plain text with form feeds and tabs', 'ACME CORP\fRISK FACTORS\n\n\tSome text.\f\n', {}],
    ['a text that opens with "MZ"', 'MZ Holdings, Inc. annual report\n', {}],
    ['a few control characters in much text', `${'\u0001'.repeat(5)}${'word '.repeat(200)}`, {}],
    ['empty', new Uint8Array(0), {}],
  ])('%s is not binary', (_name, sample, hints) => {
    expect(binaryKind(sample, hints)).toBeNull();
  });
});
