// npm run bench:startup -- <filing>: whole-process times of the built CLI against baselines in
// the same run, each pair spawned alternately (A, B, A, B ...) so load on the machine falls on
// both sides alike. Reports medians of 20 rounds and the ratios the targets are stated in:
//   regwatch --version, regwatch --help      <= 2x  node -e 0
//   regwatch extract <filing>                <= 2x  node + htmlparser2 parse-only of the filing
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const PARSE_ONLY = join(ROOT, 'dist-tools/bench/parse-only-child.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

const filing = process.argv[2];
if (!filing || !existsSync(filing) || !statSync(filing).isFile()) {
  console.error(
    'usage: npm run bench:startup -- <filing.htm>   (e.g. ../shared/corpus/10k/googl/googl-10k-0001652044-24-000022.html)',
  );
  process.exit(2);
}
if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: run npm run build first`);
  process.exit(1);
}

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    stdio: 'ignore',
    env: { ...process.env, REGWATCH_LOG_LEVEL: 'silent' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Pair {
  name: string;
  target: number;
  baseline: { name: string; args: string[] };
  subject: { name: string; args: string[] };
}

const NODE = { name: 'node -e 0', args: ['-e', '0'] };
const PAIRS: Pair[] = [
  {
    name: '--version',
    target: 2,
    baseline: NODE,
    subject: { name: 'regwatch --version', args: [CLI, '--version'] },
  },
  {
    name: '--help',
    target: 2,
    baseline: NODE,
    subject: { name: 'regwatch --help', args: [CLI, '--help'] },
  },
  {
    name: 'extract',
    target: 2,
    baseline: { name: 'htmlparser2 parse-only', args: [PARSE_ONLY, filing] },
    subject: { name: 'regwatch extract', args: [CLI, 'extract', filing] },
  },
];

console.log(
  `whole-process times, ${ROUNDS} rounds per pair, alternating; filing ${filing} (${(statSync(filing).size / 1e6).toFixed(1)} MB)`,
);
let failed = false;
for (const pair of PAIRS) {
  // One warm-up each: the first spawn pays for a cold file cache.
  timeOnce(pair.baseline.args);
  timeOnce(pair.subject.args);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    a.push(timeOnce(pair.baseline.args));
    b.push(timeOnce(pair.subject.args));
  }
  const ratio = median(b) / median(a);
  failed ||= ratio > pair.target;
  console.log(
    `  ${pair.subject.name.padEnd(20)} ${median(b).toFixed(0).padStart(5)} ms   ${pair.baseline.name.padEnd(24)} ${median(a).toFixed(0).padStart(5)} ms   ratio ${ratio.toFixed(2)} (target <= ${pair.target})`,
  );
}
process.exitCode = failed ? 1 : 0;
