// npm run bench:latency [-- --filings 20 --window 300]
// How long a filing takes to reach the inbox. Local EDGAR, Federal Register and SMTP servers on
// loopback; the built daemon (`regwatch run`, default schedules) with its clock started at 10:00
// ET on a Tuesday (REGWATCH_CLOCK_START), so EDGAR's hours apply whatever the real day. One S-1
// is in the feed before the start ("start -> first message"); then `--filings` S-1s of new
// registrants are published at random moments over `--window` seconds ("visible in the feed ->
// accepted by SMTP"). Printed: median and p95 of each, the targets, and EDGAR requests per quiet
// poll. Runs in about window + 3 minutes (BENCH_LATENCY_FILINGS / BENCH_LATENCY_WINDOW_S also work).
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeEdgar, type FakeEdgar, type FakeFiling } from '../test/helpers/edgar-server.js';
import { startFakeFederalRegister } from '../test/helpers/fr-server.js';
import { startSmtpServer } from '../test/helpers/smtp-server.js';
import { median } from './corpus-files.js';

const arg = (name: string, env: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[env];
  const n = Number(raw ?? fallback);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name}: expected a positive number, got "${raw}"`);
  return n;
};
const FILINGS = arg('filings', 'BENCH_LATENCY_FILINGS', 20);
const WINDOW_MS = arg('window', 'BENCH_LATENCY_WINDOW_S', 300) * 1000;
const CLOCK_START = Date.parse('2026-03-10T10:00:00-04:00'); // a Tuesday morning, EDGAR open
const DAY = '2026-03-10';
const DRAIN_MS = 180_000; // after the last filing: time allowed for the last messages

const CLI = join(process.cwd(), 'dist/src/cli/main.js');
const s1 = (company: string) =>
  Buffer.from(`<html><body><h1>${company}</h1><p>PROSPECTUS SUMMARY</p><p>We make sensors.</p><h2>RISK FACTORS</h2><p>An investment in our stock is risky.</p>
<p><b>We depend on one supplier.</b> If our only foundry stops shipping wafers, we could not sell sensors for months.</p>
<p><b>Export controls may limit our sales.</b> New rules could stop us shipping to some customers.</p><h2>USE OF PROCEEDS</h2><p>General corporate purposes.</p></body></html>`);

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function filing(i: number, offsetMs: number): FakeFiling {
  const cik = String(2_000_000 + i);
  const company = `Latency Bench ${i} Inc`;
  return {
    cik,
    company,
    form: 'S-1',
    accession: `${cik.padStart(10, '0')}-26-${String(i).padStart(6, '0')}`,
    filingDate: DAY,
    acceptedAt: new Date(Date.now() + offsetMs).toISOString(),
    fileNumber: `333-${cik.slice(-6)}`,
    primary: { filename: `s1-${i}.htm`, body: s1(company) },
  };
}

function writeConfig(dir: string, edgar: FakeEdgar, frBase: string): string {
  const file = join(dir, 'regwatch.yml');
  writeFileSync(
    file,
    `sec: {baseUrl: "${edgar.url}", dataUrl: "${edgar.url}", eftsUrl: "${edgar.url}"}
federalRegister: {baseUrl: "${frBase}", notify: [desk]}
watches:
  - {name: ipos, newRegistrants: {forms: [S-1]}, notify: [desk]}
recipients:
  desk: {emails: [desk@example.com]}
database: {path: ${join(dir, 'regwatch.db')}}
`,
  );
  return file;
}

/** When each company's alert was committed, in real time (the store keeps the daemon's clock). */
function alertTimes(dbPath: string, daemonOffset: number): Map<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT c.name AS company, a.created_at AS at FROM alerts a JOIN filings f ON f.id = a.filing_id JOIN companies c ON c.cik = f.cik',
      )
      .all() as { company: string; at: string }[];
    return new Map(rows.map((r) => [r.company, Date.parse(r.at) - daemonOffset]));
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const edgar = await startFakeEdgar();
  const fr = await startFakeFederalRegister();
  const accepted = new Map<string, number>(); // company -> when SMTP accepted its message
  const smtp = await startSmtpServer({
    beforeReply: (mail) => {
      const company = /Latency Bench \d+ Inc/.exec(mail.parsed.subject ?? '')?.[0];
      if (company && !accepted.has(company)) accepted.set(company, Date.now());
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'regwatch-bench-latency-'));
  const offset = CLOCK_START - Date.now(); // the daemon's clock minus ours
  edgar.add(filing(0, offset));
  const started = Date.now();
  const env = {
    ...process.env,
    REGWATCH_SEC_USER_AGENT: 'Bench Runner bench@example.com',
    REGWATCH_SMTP_URL: smtp.url(),
    REGWATCH_CLOCK_START: new Date(CLOCK_START).toISOString(),
    REGWATCH_LOG_PRETTY: '0',
    REGWATCH_LOG_LEVEL: 'warn',
  };
  const daemon = spawn(
    process.execPath,
    [CLI, '--config', writeConfig(dir, edgar, fr.apiBase), 'run'],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // The daemon's clock offset, from its warning line (its clock as it started, and the real time of the line).
  let daemonOffset: number | null = null;
  daemon.stdout.on('data', (d: Buffer) => {
    for (const line of d.toString('utf8').split('\n')) {
      const m = /"time":(\d+).*"now":"([^"]+)"/.exec(line);
      if (daemonOffset === null && m && line.includes('REGWATCH_CLOCK_START'))
        daemonOffset = Date.parse(m[2]!) - Number(m[1]);
    }
  });
  let exited: number | null = null;
  daemon.once('exit', (code) => (exited = code ?? -1));
  try {
    while (
      !accepted.has('Latency Bench 0 Inc') &&
      Date.now() - started < 180_000 &&
      exited === null
    )
      await sleep(100);
    if (exited !== null) throw new Error(`the daemon exited (${exited}) before its first message`);
    const firstMessageMs = (accepted.get('Latency Bench 0 Inc') ?? NaN) - started;
    // Filings at random moments of the window, each visible in the feed from the moment it is added.
    const moments = Array.from({ length: FILINGS }, () => Math.random() * WINDOW_MS).sort(
      (a, b) => a - b,
    );
    const visible = new Map<string, number>();
    const windowStart = Date.now();
    for (const [k, at] of moments.entries()) {
      await sleep(Math.max(0, windowStart + at - Date.now()));
      const f = filing(k + 1, offset + (Date.now() - started));
      edgar.add(f);
      visible.set(f.company, Date.now());
    }
    const drainEnd = Date.now() + DRAIN_MS;
    while ([...visible.keys()].some((c) => !accepted.has(c)) && Date.now() < drainEnd)
      await sleep(200);
    // Quiet polls: nothing new for 60 s; every EDGAR request in that time, per feed request.
    const quietFrom = edgar.requests.length;
    await sleep(60_000);
    const quiet = edgar.requests.slice(quietFrom);
    const feedPolls = quiet.filter((r) => r.url.includes('getcurrent')).length;
    const latencies = [...visible]
      .filter(([c]) => accepted.has(c))
      .map(([c, at]) => (accepted.get(c)! - at) / 1000);
    const queued = alertTimes(join(dir, 'regwatch.db'), daemonOffset ?? offset);
    const toQueue = [...visible]
      .filter(([c]) => queued.has(c))
      .map(([c, at]) => (queued.get(c)! - at) / 1000);
    const toSmtp = [...visible.keys()]
      .filter((c) => queued.has(c) && accepted.has(c))
      .map((c) => (accepted.get(c)! - queued.get(c)!) / 1000);
    const missing = FILINGS - latencies.length;
    const fmt = (x: number) => `${x.toFixed(1)} s`;
    console.log(
      `bench:latency  ${FILINGS} filings over ${WINDOW_MS / 1000} s, default schedules, daemon clock from ${new Date(CLOCK_START).toISOString()}`,
    );
    console.log(
      `  feed visible -> SMTP accepted: median ${fmt(median(latencies))}, p95 ${fmt(p95(latencies))}, max ${fmt(Math.max(...latencies))} (target: median <= 30 s, p95 <= 45 s)${missing ? `; ${missing} not delivered within ${DRAIN_MS / 1000} s` : ''}`,
    );
    console.log(
      `    of which feed visible -> alert committed (polling, fetch, extract, store): median ${fmt(median(toQueue))}, p95 ${fmt(p95(toQueue))}`,
    );
    console.log(
      `    and alert committed -> SMTP accepted (the mail sender): median ${fmt(median(toSmtp))}, p95 ${fmt(p95(toSmtp))}`,
    );
    console.log(`  daemon start -> first message: ${fmt(firstMessageMs / 1000)} (target <= 20 s)`);
    console.log(
      `  quiet polls: ${feedPolls} in 60 s, ${quiet.length} EDGAR request(s): ${feedPolls ? (quiet.length / feedPolls).toFixed(2) : 'n/a'} per poll`,
    );
    if (missing > 0 || Number.isNaN(firstMessageMs)) process.exitCode = 1;
  } finally {
    if (exited === null) {
      daemon.kill('SIGTERM');
      await new Promise((r) => daemon.once('close', r));
    }
    await Promise.all([edgar.close(), fr.close(), smtp.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
