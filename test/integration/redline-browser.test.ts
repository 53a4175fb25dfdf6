import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { diffSections } from '../../src/diff/diff-sections.js';
import { renderHtml } from '../../src/diff/render-html.js';
import { extractRiskFactors } from '../../src/extract/extract-risk-factors.js';
import { useTmpDir } from '../helpers/tmp.js';

/** Debian's chromium (installed by .ci/run). Locally the test is skipped without it; in CI it must run. */
const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!CHROMIUM && process.env.CI)
  throw new Error('CI needs Debian chromium for the redline rendering check (.ci/run installs it)');
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

const tmp = useTmpDir();
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/diff/${name}`, import.meta.url));

function chromium(args: string[], dir: string): string {
  return execFileSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Pixels close to a colour. */
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

describe.skipIf(!CHROMIUM)('the HTML redline in headless Chromium', () => {
  const a = extractRiskFactors(fixture('s1-original.htm'));
  const b = extractRiskFactors(fixture('s1-amendment.htm'));
  const hostile = {
    heading:
      'A filing that says <img src=x onerror="document.title=\'pwned\'"> and <script>document.title="pwned"</script>.',
    text: 'Body text.',
    category: null,
  };
  const diff = diffSections(
    a,
    { riskFactors: [...b.riskFactors, hostile] },
    { keywords: ['export control'] },
  );
  const html = renderHtml(diff, {
    title: 'Example Chips S-1/A',
    oldLabel: 'S-1',
    newLabel: 'S-1/A',
  });

  it('shows insertions green and deletions red, with the summary on top', () => {
    const dir = tmp();
    const page = join(dir, 'redline.html');
    writeFileSync(page, html);
    const shot = join(dir, 'redline.png');
    chromium([`--screenshot=${shot}`, '--window-size=800,1600', `file://${page}`], dir);
    const png = PNG.sync.read(readFileSync(shot));
    expect(png.width).toBe(800);
    expect(countNear(png, [0xda, 0xfb, 0xe1])).toBeGreaterThan(500); // insertion background
    expect(countNear(png, [0xff, 0xeb, 0xe9])).toBeGreaterThan(200); // deletion background
    expect(countNear(png, [0xff, 0xf8, 0xc5])).toBeGreaterThan(500); // watched-phrase banner
  });

  it('renders hostile filing text as text: no element, no script run', () => {
    const dir = tmp();
    const page = join(dir, 'redline.html');
    writeFileSync(page, html);
    const dom = chromium(['--dump-dom', `file://${page}`], dir);
    expect(dom).toContain('<title>Example Chips S-1/A</title>');
    expect(dom).not.toMatch(/<img|<script/i);
    expect(dom).toContain('&lt;img src=x onerror="document.title=\'pwned\'"&gt;');
  });
});
