// npm run bench:diff [-- <corpus>]
// regwatch's section diff (matching + word redlines) against jsdiff's diffWords on the same
// texts, in one run, interleaved; medians of rounds. Two inputs: the ~48k-word CAMP4 424B4
// section with small edits made here (a factor added, one removed, one moved, sentences
// reworded), and NVIDIA's real FY2024 -> FY2025 Item 1A.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffWords } from 'diff';
import { diffSections, type DiffInput } from '../src/diff/diff-sections.js';
import { extractRiskFactors } from '../src/extract/extract-risk-factors.js';
import { median } from './corpus-files.js';

const corpus = process.argv[2] ?? '../shared/corpus';
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

function section(path: string): DiffInput {
  const r = extractRiskFactors(readFileSync(join(corpus, path)));
  if (!r.found) throw new Error(`${path}: ${r.reason}`);
  return r;
}

/** Small, deterministic edits of the kind an S-1/A makes. */
function smallEdits(s: DiffInput): DiffInput {
  const list = s.riskFactors.map((f) => ({ ...f }));
  const n = list.length;
  list[Math.floor(n * 0.1)]!.text +=
    ' We may also become subject to export controls imposed by the U.S. Department of Commerce.';
  list[Math.floor(n * 0.3)]!.text = list[Math.floor(n * 0.3)]!.text.replace(/\bmay\b/, 'could');
  list[Math.floor(n * 0.5)]!.heading =
    `${list[Math.floor(n * 0.5)]!.heading.replace(/\.$/, '')}, which could harm our business.`;
  list.splice(Math.floor(n * 0.6), 1);
  const [moved] = list.splice(Math.floor(n * 0.7), 1);
  list.splice(Math.floor(n * 0.2), 0, moved!);
  list.splice(Math.floor(n * 0.8), 0, {
    heading:
      'Changes in national security policy could require us to restrict access to our services.',
    text: 'New rules could force us to stop serving customers in some countries without notice.',
    category: list[Math.floor(n * 0.8)]!.category,
  });
  return { riskFactors: list };
}

const asText = (s: DiffInput) => s.riskFactors.map((f) => `${f.heading}\n${f.text}`).join('\n\n');
const words = (s: DiffInput) => asText(s).split(/\s+/).length;

const cases: { name: string; a: DiffInput; b: DiffInput }[] = [];
const camp4 = section('s1/camp4/424B4_tm2415452-18.htm');
cases.push({ name: 'CAMP4 424B4, small edits', a: camp4, b: smallEdits(camp4) });
cases.push({
  name: 'NVIDIA 10-K FY2024 -> FY2025',
  a: section('10k/nvda/nvda-10k-0001045810-24-000029.html'),
  b: section('10k/nvda/nvda-10k-2025-02-26.html'),
});

for (const c of cases) {
  const ta = asText(c.a);
  const tb = asText(c.b);
  diffSections(c.a, c.b); // warm-up
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    const d = diffSections(c.a, c.b, { keywords: ['export control', 'national security'] });
    ours.push(performance.now() - t0);
    t0 = performance.now();
    diffWords(ta, tb);
    theirs.push(performance.now() - t0);
    if (r === 0)
      console.log(`${c.name}: ${words(c.a)} -> ${words(c.b)} words; ${JSON.stringify(d.summary)}`);
  }
  const m = median(ours);
  const j = median(theirs);
  console.log(`  regwatch diffSections ${m.toFixed(1).padStart(8)} ms   (target < 100 ms)`);
  console.log(`  jsdiff diffWords      ${j.toFixed(1).padStart(8)} ms`);
  console.log(`  ratio regwatch/diffWords ${(m / j).toFixed(3)} (${(j / m).toFixed(0)}x faster)`);
}
