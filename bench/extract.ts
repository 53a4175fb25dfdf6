// npm run bench:extract -- <dir>
// regwatch's extraction against two baselines on the same documents, in one run, interleaved:
// htmlparser2 parse-only (the floor for any HTML extractor) and cheerio.load + .text().
// Prints MB/s (median of rounds), the ratio regwatch / htmlparser2, and peak RSS on a 10 MB filing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as cheerio from 'cheerio';
import { SingleBar, Presets } from 'cli-progress';
import { Parser } from 'htmlparser2';
import { decodeBytes } from '../src/extract/decode.js';
import { extractRiskFactors } from '../src/extract/extract-risk-factors.js';
import { filingFiles, median } from './corpus-files.js';

const dir = process.argv[2] ?? '../shared/corpus/10k';
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const files = filingFiles(dir);
if (files.length === 0) {
  console.error(`no .htm/.html/.txt filings under ${dir}`);
  process.exit(2);
}
const docs = files.map((f) => {
  const bytes = readFileSync(f);
  return { file: f, bytes, text: decodeBytes(bytes) };
});
const totalMB = docs.reduce((a, d) => a + d.bytes.length, 0) / 1e6;

const methods: Record<string, (d: (typeof docs)[number]) => unknown> = {
  htmlparser2: (d) => {
    const p = new Parser({}, { decodeEntities: true });
    p.write(d.text);
    p.end();
  },
  'cheerio.load+text': (d) => cheerio.load(d.text).text().length,
  regwatch: (d) => extractRiskFactors(d.bytes).riskFactors.length,
};

// A full collection between methods (cheerio leaves hundreds of MB of garbage that would otherwise
// be collected while the next method is timed).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// Warm-up so every method runs JIT-compiled code.
for (const fn of Object.values(methods)) for (const d of docs.slice(0, 3)) fn(d);

const times: Record<string, number[]> = Object.fromEntries(
  Object.keys(methods).map((k) => [k, []]),
);
const bar = new SingleBar(
  { format: 'bench:extract [{bar}] {value}/{total} rounds', stream: process.stderr },
  Presets.shades_classic,
);
bar.start(rounds, 0);
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(methods)) {
    // Each method starts from a collected heap: none is charged for the garbage the one before it left.
    collectGarbage();
    const t0 = performance.now();
    for (const d of docs) fn(d);
    times[name]!.push(performance.now() - t0);
  }
  bar.increment();
}
bar.stop();

console.log(`${docs.length} documents, ${totalMB.toFixed(1)} MB, ${rounds} rounds (median)`);
const base = median(times.htmlparser2!);
for (const [name, ts] of Object.entries(times)) {
  const ms = median(ts);
  console.log(
    `  ${name.padEnd(20)} ${(totalMB / (ms / 1000)).toFixed(1).padStart(7)} MB/s  ${ms.toFixed(0).padStart(6)} ms  ${(ms / base).toFixed(2)}x htmlparser2`,
  );
}
console.log(
  `  ratio regwatch/htmlparser2: ${(median(times.regwatch!) / base).toFixed(2)} (target <= 2.5)`,
);

// Peak RSS, each in a fresh process, on a 10 MB filing made by repeating the largest document's body.
const largest = docs.reduce((a, d) => (d.bytes.length > a.bytes.length ? d : a));
const tmp = mkdtempSync(join(tmpdir(), 'regwatch-bench-'));
const big = join(tmp, 'ten-mb.htm');
const copies = Math.ceil(10e6 / largest.bytes.length);
writeFileSync(big, Array.from({ length: copies }, () => largest.text).join('\n'));
const child = fileURLToPath(new URL('./extract-rss-child.js', import.meta.url));
const rss = (mode: string) =>
  Number(execFileSync(process.execPath, [child, mode, big], { encoding: 'utf8' }));
const sizeMB = (copies * largest.bytes.length) / 1e6;
console.log(
  `peak RSS on a ${sizeMB.toFixed(1)} MB filing: regwatch ${rss('regwatch').toFixed(0)} MB, htmlparser2 parse-only ${rss('htmlparser2').toFixed(0)} MB (target < 250 MB)`,
);
rmSync(tmp, { recursive: true, force: true });
