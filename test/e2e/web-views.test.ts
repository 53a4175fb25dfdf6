import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseFeed } from '@rowanmanning/feed-parser';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { edgarDate } from '../../src/pipeline/edgar/business-days.js';
import { atomHtmlContents } from '../helpers/atom.js';
import { CLI, ROOT, runCliAsync } from '../helpers/cli.js';
import { startFakeEdgar, type FakeEdgar } from '../helpers/edgar-server.js';
import {
  latestPublicationDate,
  publishDocument,
  startFakeFederalRegister,
  type FakeFederalRegister,
} from '../helpers/fr-server.js';
import { writeLocalConfig } from '../helpers/local-config.js';
import { useTmpDir } from '../helpers/tmp.js';

const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!CHROMIUM && process.env.CI)
  throw new Error('CI needs Debian chromium for the history page check (.ci/run installs it)');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--hide-scrollbars',
];
const run = promisify(execFile);

const tmp = useTmpDir();
const UA = { REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com' };
let edgar: FakeEdgar | undefined;
let fr: FakeFederalRegister | undefined;
let daemon: ChildProcess | undefined;
afterEach(async () => {
  if (daemon && daemon.exitCode === null) {
    const exited = new Promise((resolve) => daemon!.once('exit', resolve));
    daemon.kill('SIGTERM');
    await exited;
  }
  await edgar?.close();
  await fr?.close();
  daemon = edgar = fr = undefined;
});

/** Hostile text as a filing holds it: markup as characters (entities in the HTML), never elements. */
const HOSTILE_HEADING =
  'Attackers may write <img src=x onerror="document.title=\'pwned\'"> and <script>document.title="pwned"</script> in our filings.';
const HOSTILE_BODY = 'A body with </style><script>document.title="pwned"</script> and ]]> in it.';
const HOSTILE_TITLE =
  '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'"> Additions to the Entity List';
const entities = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The fixture S-1/A with one more risk factor whose heading and body carry the XSS corpus. */
function hostileAmendment(): Buffer {
  const html = readFileSync(join(ROOT, 'test/fixtures/diff/s1-amendment.htm'), 'utf8');
  const factor = `<p><b><i>${entities(HOSTILE_HEADING)}</i></b></p>\n<p>${entities(HOSTILE_BODY)}</p>\n`;
  return Buffer.from(
    html.replace(
      '<p align="center"><b>USE OF PROCEEDS</b></p>',
      `${factor}<p align="center"><b>USE OF PROCEEDS</b></p>`,
    ),
  );
}

async function setup(): Promise<{ dir: string; file: string }> {
  edgar = await startFakeEdgar();
  fr = await startFakeFederalRegister();
  const { dir, file } = writeLocalConfig(
    tmp(),
    { edgarUrl: edgar.url, frApiBase: fr.apiBase },
    ['{name: acme, cik: "1234567", keywords: ["export control"], notify: [desk]}'],
    'http: {listen: "127.0.0.1:0"}\n',
  );
  const filing = {
    cik: '1234567',
    company: 'Acme Chips Inc',
    fileNumber: '333-280001',
    filingDate: edgarDate(new Date()),
  };
  edgar.add({
    ...filing,
    form: 'S-1',
    accession: '0001234567-26-000001',
    acceptedAt: new Date(Date.now() - 60_000).toISOString(),
    primary: {
      filename: 'acme-s1.htm',
      body: readFileSync(join(ROOT, 'test/fixtures/diff/s1-original.htm')),
    },
  });
  publishDocument(
    fr,
    {
      document_number: '2026-04412',
      publication_date: latestPublicationDate(new Date()),
      title: HOSTILE_TITLE,
      type: 'Rule',
    },
    '<p>This rule adds entities to the Entity List.</p>',
  );
  expect((await runCliAsync(['--config', file, 'run', '--once'], { cwd: dir, env: UA })).code).toBe(
    0,
  );
  edgar.add({
    ...filing,
    form: 'S-1/A',
    accession: '0001234567-26-000002',
    acceptedAt: new Date().toISOString(),
    primary: { filename: 'acme-s1a.htm', body: hostileAmendment() },
  });
  expect((await runCliAsync(['--config', file, 'run', '--once'], { cwd: dir, env: UA })).code).toBe(
    0,
  );
  return { dir, file };
}

/** Starts `regwatch run` (the built CLI) and resolves with its listener's URL, read from its log. */
function startDaemon(dir: string, file: string): Promise<string> {
  daemon = spawn(process.execPath, [CLI, '--config', file, 'run'], {
    cwd: dir,
    env: { ...process.env, ...UA, REGWATCH_LOG_PRETTY: '0', REGWATCH_CONFIG: undefined },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no listener after 60 s:\n${out}`)), 60_000);
    daemon!.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    daemon!.once('exit', (code) => reject(new Error(`daemon exited ${code}:\n${out}`)));
  });
}

async function chromium(args: string[], dir: string): Promise<string> {
  const r = await run(CHROMIUM!, [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, ...args], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  return r.stdout;
}

function countNear(png: PNG, [r, g, b]: [number, number, number], tolerance = 12): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (
      Math.abs(png.data[i]! - r) <= tolerance &&
      Math.abs(png.data[i + 1]! - g) <= tolerance &&
      Math.abs(png.data[i + 2]! - b) <= tolerance
    )
      n++;
  }
  return n;
}

describe('the web views of the built daemon', () => {
  it('serves a feed a real parser reads, with hostile filing and Federal Register text inert', async () => {
    const { dir, file } = await setup();
    const base = await startDaemon(dir, file);
    const res = await fetch(`${base}/feed.atom`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).not.toMatch(/<script|<img/i);
    const feed = parseFeed(xml);
    const titles = feed.items.map((i) => i.title ?? '');
    expect(titles).toHaveLength(3);
    expect(titles.find((t) => t.includes('Entity List'))).toContain(
      '<script>document.title="pwned"</script>',
    );
    const html = atomHtmlContents(xml);
    expect(html).toHaveLength(3);
    for (const c of html) expect(c).not.toMatch(/<script|<img/i);
    expect(html.find((c) => c.includes('S-1/A'))).toContain(
      entities(HOSTILE_HEADING).replace(/'/g, '&#39;'),
    );
    expect(html.find((c) => c.includes('Entity List'))).toContain(
      entities('<script>document.title="pwned"</script>'),
    );
    expect(
      (await fetch(`${base}/feed.atom`, { headers: { 'if-none-match': res.headers.get('etag')! } }))
        .status,
    ).toBe(304);
  }, 240_000);

  it.skipIf(!CHROMIUM)(
    'shows the S-1 -> S-1/A redline in Chromium, one click from the history page, with nothing run',
    async () => {
      const { dir, file } = await setup();
      const base = await startDaemon(dir, file);
      const history = await chromium(['--dump-dom', `${base}/watch/acme`], dir);
      expect(history).toContain('<title>acme: regwatch</title>');
      expect(history).toContain('Acme Chips Inc');
      const href = /<a href="(\/diff\/\d+)">redline<\/a>/.exec(history)?.[1];
      expect(href).toBeDefined();
      const index = await chromium(['--dump-dom', `${base}/`], dir);
      expect(index).toContain('<title>regwatch</title>');
      expect(index).toContain('&lt;script&gt;document.title="pwned"&lt;/script&gt;');
      for (const dom of [history, index]) expect(dom).not.toMatch(/<script|<img/i);

      const redline = await chromium(['--dump-dom', `${base}${href}`], dir);
      expect(redline).toMatch(
        /<title>Acme Chips Inc S-1\/A \([\d-]+\) vs S-1 \([\d-]+\): regwatch<\/title>/,
      );
      expect(redline).toContain(`<ins>${entities(HOSTILE_HEADING).replace(/&quot;/g, '"')}</ins>`);
      expect(redline).not.toMatch(/<script|<img/i);
      // The colours come from the page's one stylesheet: they show only if the CSP lets its hash through.
      const shot = join(dir, 'redline.png');
      await chromium([`--screenshot=${shot}`, '--window-size=420,2400', `${base}${href}`], dir);
      const png = PNG.sync.read(readFileSync(shot));
      expect(countNear(png, [0xda, 0xfb, 0xe1])).toBeGreaterThan(500); // insertion background
      expect(countNear(png, [0xff, 0xeb, 0xe9])).toBeGreaterThan(200); // deletion background
    },
    300_000,
  );

  it('refuses to start when http.tokenEnv names a variable that is unset, naming it (exit 78)', async () => {
    const dir = tmp();
    const file = join(dir, 'regwatch.yml');
    writeFileSync(
      file,
      'http: {listen: "0.0.0.0:0", tokenEnv: REGWATCH_WEB_TOKEN}\ndatabase: {path: data/regwatch.db}\n',
    );
    const r = await runCliAsync(['--config', file, 'run'], {
      cwd: dir,
      env: { ...UA, REGWATCH_WEB_TOKEN: undefined },
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('REGWATCH_WEB_TOKEN (named by http.tokenEnv) is not set');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
