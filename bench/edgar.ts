// npm run bench:edgar [-- <corpus>]
// A day of EDGAR traffic against a local fake EDGAR: ~3,000 filings (forms 4, 8-K, 424B2 ... from
// thousands of filers) with a few dozen from a 10,000-company watchlist, whose documents are real
// corpus filings (S-1s of ~3 MB, their edited S-1/As, 10-Ks). The daemon polls every 10 simulated
// minutes. Printed: requests per poll cycle (steady state), requests per matching filing, and time
// per filing processed (fetch, extract, diff, store, queue), beside extraction alone on the same
// bytes (the floor) and beside the requests a per-company poller would make.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { resolveConfig } from '../src/config/resolve.js';
import { Config } from '../src/config/schema.js';
import { extractRiskFactors } from '../src/extract/extract-risk-factors.js';
import { pollEdgar } from '../src/pipeline/edgar/poll.js';
import { setSourceState } from '../src/store/source-state.js';
import { startFakeEdgar, type FakeFiling } from '../test/helpers/edgar-server.js';
import { median } from './corpus-files.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';

const corpus = process.argv[2] ?? '../shared/corpus';
const WATCHES = 10_000;
const DAY = '2026-03-10';
const OPEN = Date.parse(`${DAY}T06:00:00-05:00`);
const CLOSE = Date.parse(`${DAY}T22:00:00-05:00`);
const POLL_MS = 10 * 60_000;

const doc = (p: string) => readFileSync(join(corpus, p));
// Real documents: each pair is one offering (or one company's two annual reports).
const pairs: { form: [string, string]; a: Buffer; b: Buffer; name: string }[] = [
  {
    name: 'Twitter',
    form: ['S-1', 'S-1/A'],
    a: doc('s1/twitter/S-1_0001193125-13-390321.htm'),
    b: doc('diff/twitter-S-1_0001193125-13-390321--combo/new.html'),
  },
  {
    name: 'CAMP4',
    form: ['S-1/A', '424B4'],
    a: doc('diff/camp4-424B4_tm2415452-18--combo/new.html'),
    b: doc('s1/camp4/424B4_tm2415452-18.htm'),
  },
  {
    name: 'NVIDIA',
    form: ['10-K', '10-K'],
    a: doc('10k/nvda/nvda-10k-0001045810-24-000029.html'),
    b: doc('10k/nvda/nvda-10k-2025-02-26.html'),
  },
  {
    name: 'Coca-Cola',
    form: ['10-K', '10-K'],
    a: doc('10k/ko/ko-10k-0000021344-24-000009.html'),
    b: doc('10k/ko/ko-10k-2025-02-20.html'),
  },
];
const small = (i: number) =>
  Buffer.from(
    `<html><body><p>FORM 8-K</p><p>Item 8.01 Other events of company ${i}.</p></body></html>`,
  );

function plan(): FakeFiling[] {
  const out: FakeFiling[] = [];
  const acc = (cik: number, n: number) =>
    `${String(cik).padStart(10, '0')}-26-${String(n).padStart(6, '0')}`;
  const at = (t: number) => new Date(t).toISOString();
  // 3,000 filings spread over the day: 2,950 from unwatched filers, 48 from watched ones.
  for (let i = 0; i < 2950; i++) {
    const cik = 3_000_000 + (i % 1500);
    out.push({
      cik: String(cik),
      company: `Filer ${cik} Inc`,
      form: ['4', '8-K', '424B2', '13F-HR', 'D'][i % 5]!,
      accession: acc(cik, 1000 + i),
      filingDate: DAY,
      acceptedAt: at(OPEN + ((CLOSE - OPEN) * i) / 2950),
      fileNumber: null,
      primary: { filename: 'f.htm', body: small(i) },
    });
  }
  for (let c = 0; c < 24; c++) {
    const p = pairs[c % pairs.length]!;
    const cik = 1_000_000 + c * 7;
    const t0 = OPEN + ((CLOSE - OPEN) * (c + 1)) / 26;
    const fileNumber = p.form[0] === '10-K' ? null : `333-${290000 + c}`;
    out.push({
      cik: String(cik),
      company: `${p.name} ${c} Inc`,
      form: p.form[0],
      accession: acc(cik, 1),
      filingDate: DAY,
      acceptedAt: at(t0),
      fileNumber,
      primary: { filename: 'a.htm', body: p.a },
    });
    out.push({
      cik: String(cik),
      company: `${p.name} ${c} Inc`,
      form: p.form[1],
      accession: acc(cik, 2),
      filingDate: DAY,
      acceptedAt: at(t0 + 45 * 60_000),
      fileNumber,
      primary: { filename: 'b.htm', body: p.b },
    });
  }
  return out;
}

async function main() {
  let clock = new Date(OPEN - 60_000);
  const edgar = await startFakeEdgar({ now: () => clock });
  const dir = mkdtempSync(join(tmpdir(), 'regwatch-bench-'));
  const watches = Array.from({ length: WATCHES }, (_, i) => ({
    name: `w${i}`,
    cik: String(i < 24 ? 1_000_000 + i * 7 : 5_000_000 + i),
    forms: ['S-1', 'S-1/A', '424B4', '10-K'],
    notify: ['desk'],
  }));
  const config = Config.parse({
    sec: {
      userAgent: 'regwatch bench bench@example.com',
      baseUrl: edgar.url,
      dataUrl: edgar.url,
      eftsUrl: edgar.url,
      maxRequestsPerSecond: 10,
    },
    recipients: { desk: { emails: ['desk@example.com'] } },
    federalRegister: { notify: ['desk'] },
    watches,
    database: { path: join(dir, 'bench.db') },
  });
  const app = createApp(
    resolveConfig({ config, file: null }, process.env),
    pino({ level: 'warn' }),
    { now: () => clock },
  );
  // A daemon in steady state has loaded each watch's history long ago (one request per company, spread over polls).
  app.db.transaction(() => {
    for (const w of config.watches)
      setSourceState(
        app.db,
        `edgar.watchHistory.${w.name}`,
        createHash('sha256').update(JSON.stringify(w)).digest('hex').slice(0, 16),
        clock,
      );
  })();
  const pending = plan().sort((a, b) => Date.parse(a.acceptedAt) - Date.parse(b.acceptedAt));
  const perPoll: number[] = [];
  const processing: number[] = [];
  const fetching: number[] = [];
  const storing: number[] = [];
  let matchingRequests = 0;
  let processed = 0;
  let polls = 0;
  for (let t = OPEN; t <= CLOSE + POLL_MS; t += POLL_MS) {
    clock = new Date(t);
    while (pending.length && Date.parse(pending[0]!.acceptedAt) <= t) edgar.add(pending.shift()!);
    const before = edgar.requests.length;
    const started = performance.now();
    const { stats } = await pollEdgar(app.edgar());
    const elapsed = performance.now() - started;
    const requests = edgar.requests.slice(before);
    const feed = requests.filter((r) => r.url.includes('browse-edgar')).length;
    perPoll.push(
      feed +
        requests.filter((r) => r.url.includes('daily-index') || r.url.includes('company_tickers'))
          .length,
    );
    matchingRequests += requests.length - feed;
    if ((stats.filingsProcessed ?? 0) > 0) {
      processing.push(elapsed / stats.filingsProcessed!);
      fetching.push(stats.fetchMs! / stats.filingsProcessed!);
      storing.push(stats.storeMs! / stats.filingsProcessed!);
      processed += stats.filingsProcessed!;
    }
    polls++;
  }
  const floor = pairs
    .flatMap((p) => [p.a, p.b])
    .map((bytes) => {
      const s = performance.now();
      extractRiskFactors(bytes);
      return performance.now() - s;
    });
  const alerts = app.db.prepare('SELECT count(*) FROM alerts').pluck().get() as number;
  console.log(
    `watchlist ${WATCHES} companies; ${plan().length} filings over the day, 48 matching; ${polls} polls (every ${POLL_MS / 60_000} min)`,
  );
  console.log(
    `requests per poll cycle (discovery): median ${median(perPoll)}, max ${Math.max(...perPoll)}  [a per-company poller: ${WATCHES} per cycle]`,
  );
  console.log(
    `requests per matching filing: ${(matchingRequests / Math.max(processed, 1)).toFixed(2)} (filing detail + primary document)`,
  );
  console.log(`filings processed ${processed}, alerts queued ${alerts}`);
  console.log(
    `time per filing processed (poll time / filings): median ${median(processing).toFixed(0)} ms, max ${Math.max(...processing).toFixed(0)} ms`,
  );
  console.log(
    `  of which fetching (2 requests, rate limit ${config.sec.maxRequestsPerSecond}/s): median ${median(fetching).toFixed(0)} ms; extract + diff + store + queue: median ${median(storing).toFixed(0)} ms, max ${Math.max(...storing).toFixed(0)} ms`,
  );
  console.log(
    `  [extraction alone on the same documents, same run: median ${median(floor).toFixed(0)} ms, max ${Math.max(...floor).toFixed(0)} ms]`,
  );
  app.close();
  await edgar.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
