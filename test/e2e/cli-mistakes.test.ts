// Issue 13: every ordinary mistake ends within seconds in one clear line on stderr, no stack
// trace, and the documented exit code (0 ok, 1 failure, 2 usage, 78 configuration). One table,
// one row per mistake, run against the built CLI; the network rows use real local servers.
// Configuration rounds and SEC contacts: cli-mistakes-config.test.ts.
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import {
  LOCAL,
  LOCAL_URLS,
  S1,
  S1A,
  TEN_K,
  TOO_LARGE,
  UA,
  local,
  runMistakeTable,
  useMistakeServers,
  yml,
  type Case,
} from '../helpers/mistake-table.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const ctxBase = useMistakeServers();

const CASES: Case[] = [
  // --- bad paths -------------------------------------------------------------------------------
  {
    name: 'database below a virtual file system fails at once (was a 97% CPU loop)',
    args: ['-c', 'c.yml', 'status'],
    files: { 'c.yml': yml('database: {path: /proc/regwatch-test/sub/x.db}') },
    code: 78,
    stderr:
      /c\.yml: database\.path: \/proc\/regwatch-test\/sub\/x\.db cannot be created: \/proc is not writable/,
  },
  {
    name: 'database below a virtual file system, migrate',
    args: ['-c', 'c.yml', 'migrate'],
    files: { 'c.yml': yml('database: {path: /proc/regwatch-test/x.db}') },
    code: 78,
    stderr: /database\.path: .*cannot be created/,
  },
  {
    name: 'database below a regular file',
    args: ['-c', 'c.yml', 'migrate'],
    files: { 'c.yml': yml('database: {path: plain.txt/db/x.db}'), 'plain.txt': 'hello' },
    code: 78,
    stderr:
      /database\.path: .*plain\.txt\/db\/x\.db cannot be created: .*plain\.txt is a file, not a folder/,
  },
  {
    name: 'database path is a folder',
    args: ['-c', 'c.yml', 'status'],
    files: { 'c.yml': yml('database: {path: store}'), store: { folder: true } },
    code: 78,
    stderr: /database\.path: .*store is a folder; name a file/,
  },
  {
    name: 'database file is not SQLite',
    args: ['-c', 'c.yml', 'status'],
    files: {
      'c.yml': yml('database: {path: notes.db}'),
      'notes.db': 'these are my notes, not a database\n'.repeat(200),
    },
    code: 1,
    stderr: /notes\.db: not an SQLite database/,
  },
  {
    name: 'database file is not SQLite, migrate',
    args: ['-c', 'c.yml', 'migrate'],
    files: { 'c.yml': yml('database: {path: notes.db}'), 'notes.db': 'x'.repeat(5000) },
    code: 1,
    stderr: /not an SQLite database/,
  },
  {
    name: 'status without a database says there is none yet, and creates nothing',
    args: ['status'],
    code: 1,
    stderr: /data\/regwatch\.db: no database yet; create it with `regwatch migrate`/,
    check: (c) => expect(existsSync(join(c.dir, 'data'))).toBe(false),
  },
  {
    name: 'mail.outboxDir below a regular file',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': yml(`${LOCAL}\nmail: {outboxDir: plain.txt/outbox}`), 'plain.txt': 'x' },
    code: 78,
    stderr: /mail\.outboxDir: .*plain\.txt\/outbox cannot hold the outbox: .*plain\.txt is a file/,
  },
  {
    name: 'mail.outboxDir below a virtual file system stops run',
    args: ['-c', 'c.yml', 'run', '--once'],
    env: UA,
    files: { 'c.yml': yml(`${LOCAL}\nmail: {outboxDir: /proc/regwatch-outbox}`) },
    code: 78,
    stderr: /mail\.outboxDir: \/proc\/regwatch-outbox cannot hold the outbox/,
  },
  {
    name: 'config path is a folder',
    args: ['-c', 'conf', 'config', 'check'],
    files: { conf: { folder: true } },
    code: 78,
    stderr: /conf: is a folder; name the YAML file inside it/,
  },
  {
    name: 'config named by REGWATCH_CONFIG is missing',
    args: ['status'],
    env: { REGWATCH_CONFIG: 'nope.yml' },
    code: 78,
    stderr: /nope\.yml: file not found \(named by REGWATCH_CONFIG\)/,
  },

  // --- bad inputs ------------------------------------------------------------------------------
  {
    name: 'missing file',
    args: ['extract', 'nope.htm'],
    code: 1,
    stderr: /^regwatch: nope\.htm: no such file$/,
  },
  {
    name: 'a folder as input',
    args: ['extract', '.'],
    code: 1,
    stderr: /\.: is a folder; expected a filing/,
  },
  {
    name: 'a file below a file as input',
    args: ['extract', 'plain.txt/x.htm'],
    files: { 'plain.txt': 'x' },
    code: 1,
    stderr: /plain\.txt\/x\.htm: no such file \(a part of the path is a file/,
  },
  {
    name: 'a PDF',
    args: ['extract', 'filing.pdf'],
    files: { 'filing.pdf': '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n' },
    code: 1,
    stderr: /filing\.pdf: PDF is not supported; use the HTML/,
  },
  {
    name: 'larger than a string can hold is "too large", exit 1 (was "no Risk Factors section", exit 0)',
    args: ['extract', 'huge.htm'],
    files: { 'huge.htm': { sparse: TOO_LARGE } },
    code: 1,
    stderr: /huge\.htm: too large \(512 MB; at most 512 MB/,
  },
  {
    name: 'diff with a missing file',
    args: ['diff', S1, 'nope.htm'],
    code: 1,
    stderr: /nope\.htm: no such file/,
  },
  { name: 'an empty file name', args: ['extract', ''], code: 1, stderr: /empty file name/ },
  {
    name: 'standard input that is empty',
    args: ['extract', '-'],
    input: '',
    code: 0,
    stderr: /^$/,
    lines: 0,
    stdout: /\(standard input\): no Risk Factors section .*empty/,
  },

  {
    name: 'a ZIP archive',
    args: ['extract', 'filing.zip'],
    files: { 'filing.zip': Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]) },
    code: 1,
    stderr: /filing\.zip: ZIP is not supported; unpack it/,
  },
  {
    name: 'a Word document (ZIP inside)',
    args: ['extract', 'filing.docx'],
    files: {
      'filing.docx': Buffer.concat([
        Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'),
        Buffer.from('[Content_Types].xml'),
      ]),
    },
    code: 1,
    stderr: /filing\.docx: ZIP is not supported; unpack it \(a \.docx or \.xlsx is one too\)/,
  },
  {
    name: 'a gzip file',
    args: ['extract', 'filing.htm.gz'],
    files: { 'filing.htm.gz': Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]) },
    code: 1,
    stderr: /filing\.htm\.gz: gzip is not supported; decompress it first/,
  },
  {
    name: 'a PNG image',
    args: ['extract', 'chart.png'],
    files: {
      'chart.png': Buffer.concat([
        Buffer.from([0x89]),
        Buffer.from('PNG\r\n\u001a\n'),
        Buffer.alloc(32),
      ]),
    },
    code: 1,
    stderr: /chart\.png: PNG image is not supported/,
  },
  {
    name: 'a JPEG image',
    args: ['extract', 'scan.jpg'],
    files: { 'scan.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]) },
    code: 1,
    stderr: /scan\.jpg: JPEG image is not supported/,
  },
  {
    name: 'an old Office document',
    args: ['extract', 'filing.doc'],
    files: { 'filing.doc': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) },
    code: 1,
    stderr: /filing\.doc: Microsoft Office \(OLE\) document is not supported/,
  },
  {
    name: 'the regwatch database itself',
    args: ['extract', 'regwatch.db'],
    files: {
      'regwatch.db': Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(100)]),
    },
    code: 1,
    stderr: /regwatch\.db: SQLite database is not supported/,
  },
  {
    name: 'an executable',
    args: ['extract', 'a.out'],
    files: {
      'a.out': Buffer.concat([Buffer.from('\u007fELF\u0002\u0001\u0001'), Buffer.alloc(64)]),
    },
    code: 1,
    stderr: /a\.out: executable is not supported/,
  },
  {
    name: 'binary of no known kind (was exit 0)',
    args: ['extract', 'noise.bin'],
    files: {
      'noise.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
    },
    code: 1,
    stderr:
      /noise\.bin: binary data, not a filing; give the HTML \(\.htm\) or full-submission \.txt/,
  },
  {
    name: 'binary on standard input',
    args: ['extract', '-'],
    input: '\u0000\u0001\u0002binary\u0000',
    code: 1,
    stderr: /^regwatch: -: binary data, not a filing/,
  },
  {
    name: 'diff with a binary side',
    args: ['diff', S1, 'filing.pdf'],
    files: { 'filing.pdf': '%PDF-1.4\n' },
    code: 1,
    stderr: /filing\.pdf: PDF is not supported/,
  },
  {
    name: 'plain text with form feeds is still text',
    args: ['extract', 'filing.txt'],
    files: { 'filing.txt': 'ACME CORP\fRISK FACTORS\n\nSome text.\f\n' },
    code: 0,
    stderr: /^$/,
    lines: 0,
    stdout: /filing\.txt: /,
  },

  // --- bad URLs --------------------------------------------------------------------------------
  {
    name: 'an incomplete URL',
    args: ['extract', 'https://'],
    code: 1,
    stderr: /https:\/\/: not a complete URL/,
  },
  {
    name: 'an ftp URL',
    args: ['extract', 'ftp://example.com/filing.htm'],
    code: 1,
    stderr: /ftp URLs are not supported; give an http\(s\) URL or a local file/,
  },
  {
    name: 'a file URL to a missing file',
    args: ['extract', 'file:///nonexistent/regwatch/filing.htm'],
    code: 1,
    stderr: /file:\/\/\/nonexistent\/regwatch\/filing\.htm: no such file/,
  },
  {
    name: 'connection refused',
    args: (c) => ['extract', `${c.refused}/filing.htm`],
    code: 1,
    stderr: /connection refused by 127\.0\.0\.1:\d+/,
  },
  {
    name: 'a server that never answers times out',
    args: (c) => ['extract', `${c.silent}/filing.htm`],
    env: { REGWATCH_HTTP_TIMEOUT_MS: '700' },
    code: 1,
    stderr: /no answer from 127\.0\.0\.1:\d+ within 0\.7 s \(timeout\)/,
  },
  {
    name: 'a host that does not resolve (DNS)',
    args: ['extract', 'http://no-such-host.invalid/filing.htm'],
    code: 1,
    stderr: /host "no-such-host\.invalid" not found \(DNS/,
  },
  {
    name: 'a server that hangs up',
    args: (c) => ['extract', `${c.hangup}/filing.htm`],
    code: 1,
    stderr: /the connection was closed by 127\.0\.0\.1:\d+ before the document arrived/,
  },
  {
    name: 'a TLS handshake that fails',
    args: (c) => ['extract', `${c.plain}/filing.htm`],
    code: 1,
    stderr:
      /^regwatch: https:\/\/127\.0\.0\.1:\d+\/filing\.htm: TLS failure: the handshake with 127\.0\.0\.1:\d+ failed \(ERR_SSL_WRONG_VERSION_NUMBER\)/,
  },
  {
    name: 'a download larger than a string can hold',
    args: (c) => ['extract', `${c.huge}/filing.htm`],
    code: 1,
    stderr: /filing\.htm: too large/,
  },
  {
    name: 'a PDF by URL',
    args: (c) => ['extract', `${c.plain.replace('https:', 'http:')}/x.pdf`],
    code: 1,
    stderr: /\/x\.pdf: PDF is not supported; use the HTML/,
  },
  {
    name: 'a port fetch refuses ("bad port") names the real cause',
    args: ['extract', 'http://127.0.0.1:9/filing.htm'],
    code: 1,
    stderr:
      /^regwatch: http:\/\/127\.0\.0\.1:9\/filing\.htm: connection refused by 127\.0\.0\.1:9; is the server running\?$/,
  },
  {
    name: 'an SMTP port on loopback with nothing behind it',
    args: ['extract', 'http://127.0.0.1:25/filing.htm'],
    code: 1,
    stderr: /connection refused by 127\.0\.0\.1:25/,
  },
  {
    name: 'HTTP 404',
    args: (c) => ['extract', `${c.missing}/filing.htm`],
    code: 1,
    stderr: /filing\.htm: HTTP 404 Not Found \(no document at this address/,
  },
  {
    name: 'an SEC URL without a contact',
    args: ['extract', 'https://www.sec.gov/Archives/edgar/data/1/x.htm'],
    code: 1,
    stderr: /the SEC requires a contact; set REGWATCH_SEC_USER_AGENT/,
  },

  // --- bad flags -------------------------------------------------------------------------------
  {
    name: 'no arguments is a usage error',
    args: [],
    code: 2,
    stderr: /Usage: regwatch/,
    lines: -1,
  },
  {
    name: 'an unknown command',
    args: ['frobnicate'],
    code: 2,
    stderr: /unknown command 'frobnicate'/,
    lines: 2,
  },
  {
    name: 'an unknown flag',
    args: ['status', '--no-such-flag'],
    code: 2,
    stderr: /unknown option '--no-such-flag'/,
    lines: 2,
  },
  {
    name: 'an unknown form',
    args: ['extract', S1, '--form', 'S-99'],
    code: 2,
    stderr: /--form "S-99": unknown form; known forms: S-1, S-1\/A/,
  },
  {
    name: 'an empty form',
    args: ['extract', S1, '--form', ''],
    code: 2,
    stderr: /--form: empty; give a form such as S-1/,
  },
  {
    name: 'a lower-case form is normalised',
    args: ['extract', S1, '--form', 's-1', '--json'],
    code: 0,
    stderr: /^$/,
    lines: 0,
    stdout: /"form": "S-1"/,
  },
  {
    name: '--form S-1 on a 10-K: the document wins, with a warning',
    args: ['extract', TEN_K, '--form', 'S-1', '--json'],
    code: 0,
    stderr: /warning: --form S-1 does not match the document \(its form is 10-K\)/,
    stdout: /"found": true/,
  },
  {
    name: '--form 10-K on an S-1: the document wins, with a warning',
    args: ['extract', S1, '--form', '10-K'],
    code: 0,
    stderr: /--form 10-K does not match the document \(its form is S-1\)/,
    stdout: /S-1, "Risk Factors"/i,
  },
  {
    name: '--form 10-Q on a 10-K: read alike, but the document wins, with a warning (was silent)',
    args: ['extract', TEN_K, '--form', '10-Q', '--json'],
    code: 0,
    stderr:
      /^regwatch: warning: --form 10-Q does not match the document \(its form is 10-K\); read as 10-K$/,
    stdout: /"form": "10-K"/,
  },
  {
    name: '--form 424B4 on an S-1: the document wins, with a warning',
    args: ['extract', S1, '--form', '424B4'],
    code: 0,
    stderr: /--form 424B4 does not match the document \(its form is S-1\); read as S-1/,
    stdout: /S-1, "Risk Factors"/i,
  },
  {
    name: "--form S-1/A on an S-1 is no contradiction (an amendment's cover names the form)",
    args: ['extract', S1, '--form', 'S-1/A', '--json'],
    code: 0,
    stderr: /^$/,
    lines: 0,
    stdout: /"form": "S-1\/A"/,
  },
  {
    name: 'two unrelated documents: the diff runs, a warning says so',
    args: ['diff', S1, TEN_K, '--json'],
    code: 0,
    stderr:
      /^regwatch: warning: no risk factor of one document matches one of the other: they are probably not versions of one filing/,
    stdout: /"similarity": 0,/,
  },
  {
    name: '--json with --text',
    args: ['diff', S1, S1A, '--json', '--text'],
    code: 2,
    stderr: /--json and --text exclude each other/,
  },
  {
    name: '--html naming a folder still prints the diff, then fails',
    args: ['diff', S1, S1A, '--html', 'out'],
    files: { out: { folder: true } },
    code: 1,
    stderr: /--html out: cannot write the redline: is a folder.*the diff was printed above/,
    stdout: /Risk factors 4 -> 5/,
  },
  {
    name: '--html into a missing folder still prints the diff, then fails',
    args: ['diff', S1, S1A, '--json', '--html', 'no/such/dir/r.html'],
    code: 1,
    stderr: /--html no\/such\/dir\/r\.html: cannot write the redline: its folder does not exist/,
    stdout: /"summary"/,
  },
  {
    name: 'run --json without --once (was: the daemon started)',
    args: ['run', '--json'],
    env: UA,
    code: 2,
    stderr: /^regwatch: --json needs --once/,
  },
  {
    name: 'backfill with two companies',
    args: ['backfill', '--cik', '1', '--ticker', 'NVDA'],
    code: 2,
    stderr: /backfill needs exactly one of --cik <cik>, --ticker <ticker> or --company <name>/,
  },
  {
    name: 'backfill with no company',
    args: ['backfill'],
    code: 2,
    stderr: /backfill needs exactly one of/,
  },
  {
    name: 'backfill with a CIK that is not a number',
    args: ['backfill', '--cik', 'nvidia'],
    code: 2,
    stderr: /--cik nvidia: expected 1 to 10 digits/,
  },
  {
    name: 'reprocess with a malformed accession',
    args: ['reprocess', '--filing', '12345'],
    code: 2,
    stderr: /--filing 12345: expected an accession number like/,
  },
  {
    name: 'notices --since that is not a date',
    args: ['notices', '--since', 'last week'],
    code: 2,
    stderr: /expected a date such as 2024-07-29 or a number of days such as 7d/,
    lines: 2,
  },
  {
    name: 'an empty --html',
    args: ['diff', S1, S1A, '--html', ''],
    code: 2,
    stderr: /--html: empty file name/,
  },
  {
    name: 'status --json with --text does not exist',
    args: ['status', '--text'],
    code: 2,
    stderr: /unknown option '--text'/,
    lines: 2,
  },
  {
    name: 'a missing argument',
    args: ['extract'],
    code: 2,
    stderr: /missing required argument/,
    lines: 2,
  },
  {
    name: 'two standard inputs',
    args: ['diff', '-', '-'],
    code: 2,
    stderr: /only one of <old> and <new> can be -/,
  },

  // --- bad environment -------------------------------------------------------------------------
  {
    name: 'an unknown REGWATCH_LOG_LEVEL',
    args: ['status'],
    env: { REGWATCH_LOG_LEVEL: 'verbose' },
    code: 78,
    stderr:
      /REGWATCH_LOG_LEVEL: unknown level "verbose"; use one of fatal, error, warn, info, debug, trace, silent/,
  },
  {
    name: 'an unknown REGWATCH_LOG_LEVEL stops extract too',
    args: ['extract', S1],
    env: { REGWATCH_LOG_LEVEL: 'loud' },
    code: 78,
    stderr: /REGWATCH_LOG_LEVEL/,
  },
  {
    name: 'an invalid SEC contact in the environment',
    args: ['config', 'check'],
    env: { REGWATCH_SEC_USER_AGENT: 'x' },
    code: 78,
    stderr:
      /^regwatch: configuration problem in the environment: REGWATCH_SEC_USER_AGENT \(overrides sec\.userAgent\): expected your name \(or company\) and e-mail address/,
  },
  {
    name: 'an invalid SEC contact in the environment, with a file',
    args: ['-c', 'c.yml', 'run', '--once'],
    env: { REGWATCH_SEC_USER_AGENT: 'nobody' },
    files: { 'c.yml': yml('sec: {userAgent: "Acme ops@acme.example"}') },
    code: 78,
    stderr: /REGWATCH_SEC_USER_AGENT \(overrides sec\.userAgent\)/,
  },
  {
    name: 'a valid environment contact overrides a bad file value',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': yml(`sec: {userAgent: "x", ${LOCAL_URLS}}`) },
    code: 0,
    stderr: /^$/,
    lines: 0,
    stdout: /SEC contact: Jane Doe jane@example\.com \(from REGWATCH_SEC_USER_AGENT\)/,
  },
  {
    name: 'a REGWATCH_ALERT_EMAIL that is not an address',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: { ...UA, REGWATCH_ALERT_EMAIL: 'ops-team' },
    files: { 'c.yml': yml(LOCAL) },
    code: 78,
    stderr:
      /^regwatch: configuration problem in the environment: REGWATCH_ALERT_EMAIL \(the recipient of the embedded defaults\): expected an email address/,
  },
  {
    name: 'a bad REGWATCH_HTTP_TIMEOUT_MS',
    args: (c) => ['extract', `${c.missing}/x.htm`],
    env: { REGWATCH_HTTP_TIMEOUT_MS: 'soon' },
    code: 78,
    stderr: /REGWATCH_HTTP_TIMEOUT_MS: expected a positive number of milliseconds/,
  },

  // --- bad files -------------------------------------------------------------------------------
  {
    name: 'a missing contact is one problem, named with its source',
    args: ['-c', 'c.yml', 'run', '--once'],
    files: { 'c.yml': yml('timezone: UTC') },
    code: 78,
    stderr:
      /^regwatch: configuration problem in .*c\.yml: sec\.userAgent: not set; the SEC requires a contact on every request: set REGWATCH_SEC_USER_AGENT="Your Name you@your-company\.com" with your own name/,
  },
  {
    name: 'a missing contact on embedded defaults',
    args: ['run', '--once'],
    code: 78,
    stderr:
      /^regwatch: configuration problem in embedded defaults: sec\.userAgent: not set \(no config file/,
  },
  {
    name: 'a broken YAML line: the position once, no dangling colon',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': 'sec:\n  userAgent: "Acme ops@acme.example\nwatches: [\n' },
    code: 78,
    check: (_c, r) => expect(r.stderr.match(/line \d+/g)).toHaveLength(1),
    stderr: /c\.yml: YAML syntax at line \d+, column \d+: [^:]*[^:\s]( \(near "[^"]*"\))?$/,
  },
  {
    name: '--json on an invalid file prints {"ok": false, "problems"}',
    args: ['-c', 'c.yml', 'config', 'check', '--json'],
    env: UA,
    files: { 'c.yml': yml(`sec: {maxRequestsPerSecond: 50, ${LOCAL_URLS}}`) },
    code: 78,
    stderr: /sec\.maxRequestsPerSecond: the SEC allows at most 10 requests per second/,
    check: (_c, r) =>
      expect(JSON.parse(r.stdout)).toMatchObject({
        ok: false,
        problems: ['sec.maxRequestsPerSecond: the SEC allows at most 10 requests per second'],
      }),
  },
  {
    name: 'a broken YAML line in the middle names it',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': 'sec:\n  maxRequestsPerSecond: 5\nwatches: a: b\ntimezone: UTC\n' },
    code: 78,
    stderr:
      /c\.yml: YAML syntax at line 3, column \d+: Nested mappings are not allowed in compact mappings \(near "watches: a: b"\)$/,
  },
  {
    name: 'a file that is not YAML at all stops after a few problems and counts the rest',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: {
      'c.yml': Array.from(
        { length: 60 },
        (_, i) => `<p class="x">line ${i}: a: b: c</p>\n  x: [`,
      ).join('\n'),
    },
    code: 78,
    stderr: /^regwatch: configuration problems in .*c\.yml: \d+ problems$/,
    lines: 10,
    check: (_c, r) => expect(r.stderr).toMatch(/\.\.\. and \d+ more problem\(s\)\n$/),
  },
  {
    name: 'a scalar document',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': 'just some words\n' },
    code: 78,
    stderr: /\(top level\): not a YAML mapping/,
  },
  {
    name: 'duplicate watch names come with the field problems',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: {
      'c.yml': yml(
        `sec: {maxRequestsPerSecond: 50, ${LOCAL_URLS}}\nwatches:\n  - {name: a, cik: 1}\n  - {name: a, cik: 2}`,
      ),
    },
    code: 78,
    stderr: /configuration problems in .*: 2 problems/,
    lines: 3,
    check: (_c, r) => expect(r.stderr).toMatch(/watches\[1\]\.name: duplicate watch name "a"/),
  },
  {
    name: 'an unknown form in a watch, with the known ones',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': yml(`${LOCAL}\nwatches:\n  - {name: a, cik: 1, forms: [S-99]}`) },
    code: 78,
    stderr: /watches\[0\]\.forms\[0\]: unknown form "S-99"; known forms: S-1, S-1\/A/,
  },
  {
    name: 'a mail.from that is not an address',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': yml(`${LOCAL}\nmail: {from: "regwatch alerts"}`) },
    code: 78,
    stderr: /mail\.from: expected a mail address such as/,
  },
  {
    name: 'a namePattern that does not compile',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: {
      'c.yml': yml(`${LOCAL}\nwatches:\n  - {name: a, newRegistrants: {namePattern: "(ai"}}`),
    },
    code: 78,
    stderr: /watches\[0\]\.newRegistrants\.namePattern: not a valid regular expression/,
  },
  {
    name: 'a watch naming both a company and a ticker',
    args: ['-c', 'c.yml', 'config', 'check'],
    env: UA,
    files: { 'c.yml': yml(`${LOCAL}\nwatches:\n  - {name: a, company: "Acme AI", ticker: ACME}`) },
    code: 78,
    stderr: /watches\[0\]: a watch needs exactly one of cik, ticker, company or newRegistrants/,
  },

  // --- the run lock ----------------------------------------------------------------------------
  {
    name: 'a second run exits 1 naming the holder',
    args: ['-c', 'c.yml', 'run', '--once'],
    env: UA,
    // A live process on this host (the test runner itself) holds the lock.
    files: {
      'c.yml': yml(LOCAL),
      'data/regwatch.db.lock': JSON.stringify({
        pid: process.pid,
        host: hostname(),
        startedAt: '2026-12-04T09:00:00.000Z',
      }),
    },
    code: 1,
    stderr: new RegExp(
      `another regwatch run holds .*data/regwatch\\.db\\.lock \\(pid ${process.pid} on ${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, since 2026-12-04T09:00:00\\.000Z\\); stop it first`,
    ),
  },
  {
    name: 'a stale lock of a dead process is taken over',
    args: ['-c', 'c.yml', 'run', '--once'],
    env: UA,
    files: (c) => ({
      'c.yml': yml(local(c.missing)),
      'data/regwatch.db.lock': JSON.stringify({
        pid: 2 ** 22 + 17,
        host: hostname(),
        startedAt: '2026-12-04T09:00:00.000Z',
      }),
    }),
    // The cycle runs (the lock was taken over) and exits 1 because, offline, EDGAR and the
    // Federal Register cannot be reached: that is run --once's documented answer to a failed source.
    code: 1,
    stderr: /^$/,
    lines: 0,
    check: (c, r) => {
      expect(r.stdout).toMatch(/"msg":"regwatch started"/);
      expect(r.stdout).toMatch(/"msg":"one cycle done"/);
      expect(existsSync(join(c.dir, 'data/regwatch.db.lock'))).toBe(false);
    },
  },
];

runMistakeTable(
  'every mistake gets one clear line, no stack trace, the documented exit code',
  CASES,
  ctxBase,
  tmp,
);

describe('a stack trace only when asked for', () => {
  it('--debug adds the stack to the one line', async () => {
    const dir = tmp();
    const r = await runCliAsync(['--debug', 'extract', 'https://'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^regwatch: https:\/\/: not a complete URL/);
    expect(r.stderr).toMatch(/^\s+at /m);
  });

  it('REGWATCH_LOG_LEVEL=debug does too', async () => {
    const r = await runCliAsync(['status'], { cwd: tmp(), env: { REGWATCH_LOG_LEVEL: 'debug' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\s+at /m);
  });
});

describe('regwatch run takes the database lock', () => {
  it('a second run beside a running daemon exits 1 naming its pid, and the lock goes with the daemon', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('../helpers/cli.js');
    const dir = tmp();
    writeFileSync(join(dir, 'c.yml'), yml(local(ctxBase.missing)));
    const daemon = spawn(process.execPath, [CLI, '-c', 'c.yml', 'run'], {
      cwd: dir,
      env: { ...process.env, ...UA, REGWATCH_LOG_PRETTY: '0' },
    });
    let out = '';
    daemon.stdout.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`daemon did not start: ${out}`)), 15_000);
      daemon.stdout.on('data', () => {
        if (out.includes('waiting for the schedules')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    try {
      const second = await runCliAsync(['-c', 'c.yml', 'run', '--once'], {
        cwd: dir,
        env: UA,
        timeoutMs: 10_000,
      });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        new RegExp(
          `^regwatch: another regwatch run holds .*regwatch\\.db\\.lock \\(pid ${daemon.pid} on `,
        ),
      );
    } finally {
      daemon.kill('SIGTERM');
      await new Promise((resolve) => daemon.on('close', resolve));
    }
    expect(existsSync(join(dir, 'data/regwatch.db.lock'))).toBe(false);
    // The lock went with the daemon: the next run gets it and does its cycle (exit 1 offline,
    // where the sources cannot be reached, but never the lock message).
    const third = await runCliAsync(['-c', 'c.yml', 'run', '--once'], { cwd: dir, env: UA });
    expect(third.stderr).not.toMatch(/holds/);
    expect(third.stdout).toMatch(/"msg":"one cycle done"/);
  });
});

describe('extract - reads standard input', () => {
  it('extracts a filing piped in', async () => {
    const { readFileSync } = await import('node:fs');
    const r = await runCliAsync(['extract', '-', '--json'], {
      cwd: tmp(),
      input: readFileSync(S1, 'utf8'),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ found: true, form: 'S-1' });
  });
});
