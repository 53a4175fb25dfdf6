import type { RunRow } from '../store/runs.js';
import type { FrStatusReport } from '../store/fr.js';
import type { OutboxStatus } from '../store/outbox.js';
import type { WatchSummary } from '../store/filings.js';
import type { SourceTimeliness } from '../store/freshness.js';
import { formatLag } from './status-timeliness.js';
import { formatTable, type Column } from './text-table.js';

/** What `regwatch status` reports; `--json` prints it as it is, the text below is for people. */
export interface StatusReport {
  database: string;
  migrationsApplied: number;
  counts: Record<string, number>;
  watches: WatchSummary[];
  secPause: { until: string; reason: string | null } | null;
  federalRegister: FrStatusReport;
  mail: OutboxStatus;
  pendingDeliveries: number;
  lastRuns: RunRow[];
  /** Per source: last success, next run, lag (the age of the newest item seen). */
  sources: SourceTimeliness[];
}

/**
 * One row of the sources table: a task (edgar, federal-register, mail, digests ...) and its last
 * run. Facts about a source added to the report (last success, next run, lag) go here, and a
 * column in SOURCE_COLUMNS shows them.
 */
export interface SourceRow {
  source: string;
  /** Its last run; absent for a source that has never run. */
  run?: RunRow;
  timeliness?: SourceTimeliness;
}

/** "2026-12-06 14:02 UTC" from an ISO time. */
export function shortTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** "feedFilings" -> "feed filings". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A run's counts in words, the non-zero ones ("12 feed filings, 2 filings processed"); timings and error counts left out. */
export function describeCounts(stats: Record<string, number>): string {
  const said = Object.entries(stats).filter(
    ([k, v]) => v !== 0 && !/Ms$/.test(k) && !isFailureKey(k) && k !== 'paused',
  );
  return said.length === 0 ? 'nothing new' : said.map(([k, v]) => `${v} ${words(k)}`).join(', ');
}

function isFailureKey(key: string): boolean {
  return key === 'errors' || /(Failed|Dead)$/.test(key);
}

/** What went wrong in a run, in words: its error, else the failures its counts name. Empty for a clean run. */
export function describeProblem(run: RunRow): string {
  if (run.status === 'running') return `still running (since ${shortTime(run.startedAt)})`;
  if (run.status === 'ok') return '';
  if (run.error) return run.error;
  const failures = Object.entries(run.stats).filter(
    ([k, v]) => v > 0 && isFailureKey(k) && k !== 'errors',
  );
  const named = failures.map(([k, v]) => `${v} ${words(k)}`);
  const errors = run.stats.errors ?? 0;
  const counted = failures.reduce((n, [, v]) => n + v, 0);
  if (errors > counted) named.push(`${errors - counted} step(s) failed`);
  if (run.stats.paused) named.push('SEC traffic paused');
  return `${named.length > 0 ? named.join(', ') : 'failed (no reason recorded)'}; the log has the details`;
}

export const SOURCE_COLUMNS: Column<SourceRow>[] = [
  { header: 'source', cell: (r) => r.source },
  { header: 'last run', cell: (r) => shortTime(r.run?.startedAt) },
  { header: 'result', cell: (r) => r.run?.status ?? 'never run' },
  {
    header: 'what it did',
    cell: (r) => (!r.run || r.run.status === 'running' ? '' : describeCounts(r.run.stats)),
    max: 70,
  },
  { header: 'problem', cell: (r) => (r.run ? describeProblem(r.run) : ''), max: 90 },
  {
    header: 'last success',
    cell: (r) => (r.timeliness ? shortTime(r.timeliness.lastSuccess) || 'never' : ''),
  },
  {
    header: 'next run',
    cell: (r) => (r.timeliness ? shortTime(r.timeliness.nextRun) || 'no daemon running' : ''),
  },
  {
    header: 'lag',
    cell: (r) => (r.timeliness ? formatLag(r.timeliness.lagSeconds) : ''),
    right: true,
  },
];

/** One row per source: each task's last run, joined with the timeliness of the sources (which may not have run yet). */
export function sourceRows(report: Pick<StatusReport, 'lastRuns' | 'sources'>): SourceRow[] {
  const rows: SourceRow[] = report.lastRuns.map((run) => ({
    source: run.source,
    run,
    timeliness: report.sources.find((t) => t.source === run.source),
  }));
  for (const t of report.sources)
    if (!rows.some((r) => r.source === t.source)) rows.push({ source: t.source, timeliness: t });
  return rows;
}

const WATCH_COLUMNS: Column<WatchSummary>[] = [
  { header: 'watch', cell: (w) => w.watch },
  { header: 'filings', cell: (w) => String(w.filings), right: true },
  { header: 'versions', cell: (w) => String(w.processed), right: true },
  { header: 'unreadable', cell: (w) => (w.failed ? String(w.failed) : ''), right: true },
  {
    header: 'last filing',
    cell: (w) =>
      w.lastFiling
        ? `${w.lastFiling.form} ${w.lastFiling.filingDate}${w.lastFiling.company ? ` ${w.lastFiling.company}` : ''}`
        : 'nothing seen yet',
    max: 50,
  },
  {
    header: 'last alert',
    cell: (w) =>
      w.lastChange ? `${shortTime(w.lastChange.createdAt)}  ${w.lastChange.title}` : '',
    max: 70,
  },
];

const DEAD_COLUMNS: Column<OutboxStatus['deadDeliveries'][number]>[] = [
  {
    header: 'message',
    cell: (d) => (d.kind === 'alert' ? `alert ${d.alertId}` : `digest ${d.id}`),
  },
  { header: 'to', cell: (d) => d.email },
  { header: 'attempts', cell: (d) => String(d.attempts), right: true },
  { header: 'since', cell: (d) => shortTime(d.since) },
  { header: 'last error', cell: (d) => d.lastError ?? '', max: 80 },
];

/** `regwatch status` for a person: a few lines and small tables, no JSON. Pure. */
export function renderStatusText(report: StatusReport): string {
  const out: string[] = [];
  const counts = Object.entries(report.counts)
    .map(([k, v]) => `${v} ${k === 'frDocuments' ? 'Federal Register documents' : words(k)}`)
    .join(', ');
  out.push(`database ${report.database} (${report.migrationsApplied} migrations): ${counts}`);
  if (report.secPause)
    out.push(
      '',
      `SEC TRAFFIC PAUSED until ${shortTime(report.secPause.until)} (${report.secPause.reason ?? 'rate threshold'}); polls resume by themselves`,
    );
  out.push('', 'watches');
  out.push(
    ...(report.watches.length > 0
      ? formatTable(WATCH_COLUMNS, report.watches)
      : ['  none configured (add them under watches: in the config file)']),
  );
  out.push('', 'sources (last run of each)');
  if (report.lastRuns.length === 0)
    out.push('  no runs recorded yet (start `regwatch run`, or `regwatch run --once`)');
  const rows = sourceRows(report);
  if (rows.length > 0) out.push(...formatTable(SOURCE_COLUMNS, rows));
  const fr = report.federalRegister;
  const tags = Object.entries(fr.byTag)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const poll = fr.lastPoll
    ? `last poll ${shortTime(fr.lastPoll.at)}: ${describeCounts(fr.lastPoll.stats)}`
    : 'never polled';
  out.push('', `federal register: ${fr.documents} document(s)${tags ? ` (${tags})` : ''}; ${poll}`);
  const o = report.mail;
  out.push(
    '',
    `mail: ${o.pending} waiting to send (${o.retrying} retrying)${o.oldestPendingAt ? `, oldest since ${shortTime(o.oldestPendingAt)}` : ''}; ${o.awaitingDigest} for digests; ${o.sentLast24h} sent in 24 h; ${o.dead} dead`,
  );
  if (o.deadDeliveries.length > 0) out.push(...formatTable(DEAD_COLUMNS, o.deadDeliveries));
  return `${out.join('\n')}\n`;
}
