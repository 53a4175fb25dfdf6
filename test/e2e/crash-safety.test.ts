/**
 * Crash safety (issue 11): the built CLI's `regwatch run --once` (one full cycle: edgar,
 * federal-register, then one pass of the send loop for alerts and digests; what the daemon runs) is started as a
 * child process against a local EDGAR, Federal Register and SMTP server, SIGKILLed at 24
 * chosen points of the cycle and restarted each time; a final clean run follows. The unit
 * killed is `run --once`, not the daemon `run`: each kill point is then reached by a known
 * path through one cycle, not by the timing of cron ticks.
 *
 * Kill points land in a phase deterministically: a server holds its answer (EDGAR `slow`
 * fault, a delayed Federal Register answer, an SMTP server holding the reply to DATA) and the
 * test kills once the request is seen; "store" kills come right after a filing's primary
 * document was served (extract, diff, the one transaction); the rest at random delays after
 * start. New filings (S-1, its S-1/A, other companies) and Federal Register documents are
 * added between runs so every phase has new work. A killed run leaves its `<db>.lock`
 * behind: the next run must take it over.
 *
 * Checked at the end: the alerts in the database are exactly one per new filing/document
 * (by dedupe key), every (alert, recipient) message was accepted by the SMTP server, a
 * message reached the server more than once only if it was in flight (`sending`) when a
 * run was killed (the re-send keeps its Message-ID), every Message-ID received belongs to a
 * delivery in the database, `PRAGMA integrity_check` is ok, and nothing is left
 * `discovered`, `sending` or `pending`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { edgarDate } from '../../src/pipeline/edgar/business-days.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { startFakeEdgar, type FakeEdgar } from '../helpers/edgar-server.js';
import {
  latestPublicationDate,
  publishDocument,
  startFakeFederalRegister,
  type FakeFederalRegister,
} from '../helpers/fr-server.js';
import { startSmtpServer, type TestSmtp } from '../helpers/smtp-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let edgar: FakeEdgar | undefined;
let fr: FakeFederalRegister | undefined;
let smtp: TestSmtp | undefined;
afterEach(async () => {
  await edgar?.close().catch(() => undefined);
  await fr?.close().catch(() => undefined);
  await smtp?.close().catch(() => undefined);
});

const S1 = readFileSync(join(ROOT, 'test/fixtures/diff/s1-original.htm'));
const S1A = readFileSync(join(ROOT, 'test/fixtures/diff/s1-amendment.htm'));
/** A small hand-written S-1: one risk factor, so extraction sees a short but real section. */
const smallS1 = (company: string) =>
  `<html><body><h1>${company}</h1><p>PROSPECTUS SUMMARY</p><p>We make sensors.</p><h2>RISK FACTORS</h2><p>An investment in our stock is risky.</p><p><b>We depend on one supplier.</b> If our only foundry stops shipping wafers, we could not sell sensors for months.</p><h2>USE OF PROCEEDS</h2><p>General corporate purposes.</p></body></html>`;

const CIKS = [
  '1000001',
  '1000002',
  '1000003',
  '1000004',
  '1000005',
  '1000006',
  '1000007',
  '1000008',
];
const EMAILS = ['desk@example.com', 'legal@example.com'];

type KillKind =
  | 'edgar-feed'
  | 'edgar-document'
  | 'edgar-store'
  | 'fr-search'
  | 'fr-full-text'
  | 'smtp-held'
  | 'smtp-acked'
  | 'random';
interface KillPoint {
  kind: KillKind;
  /** edgar-store: ms after the document was served; smtp-*: which message of the run (1-based); random: ms after start. */
  n: number;
}

/** 24 kill points across fetch, store and send, then random ones. */
const PLAN: KillPoint[] = [
  { kind: 'edgar-feed', n: 0 },
  { kind: 'edgar-document', n: 0 },
  { kind: 'edgar-store', n: 0 },
  { kind: 'smtp-held', n: 1 },
  { kind: 'fr-search', n: 0 },
  { kind: 'edgar-store', n: 20 },
  { kind: 'smtp-held', n: 2 },
  { kind: 'fr-full-text', n: 0 },
  { kind: 'edgar-store', n: 60 },
  { kind: 'smtp-acked', n: 1 },
  { kind: 'random', n: 900 },
  { kind: 'edgar-document', n: 0 },
  { kind: 'edgar-store', n: 120 },
  { kind: 'smtp-held', n: 3 },
  { kind: 'random', n: 1500 },
  { kind: 'fr-full-text', n: 0 },
  { kind: 'edgar-store', n: 5 },
  { kind: 'smtp-acked', n: 2 },
  { kind: 'random', n: 2200 },
  { kind: 'edgar-feed', n: 0 },
  { kind: 'smtp-held', n: 1 },
  { kind: 'random', n: 3000 },
  { kind: 'edgar-store', n: 40 },
  { kind: 'random', n: 1200 },
];

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return cond();
}

describe('regwatch run --once SIGKILLed at 24 points of a cycle and restarted', () => {
  it('delivers every alert, none twice except an in-flight re-send, and leaves a sound database', async () => {
    const started = Date.now();
    edgar = await startFakeEdgar();
    fr = await startFakeFederalRegister();
    // One trigger per run: the SMTP server holds (or acknowledges, then reports) the n-th message of the run.
    let smtpPlan: { hold: boolean; at: number; seen: number; fire: () => void } | null = null;
    smtp = await startSmtpServer({
      beforeReply: () => {
        const plan = smtpPlan;
        if (!plan) return;
        plan.seen++;
        if (plan.seen !== plan.at) return;
        if (plan.hold) {
          plan.fire();
          return new Promise<void>(() => undefined); // the reply never comes: the sender is mid-send
        }
        setImmediate(plan.fire); // right after the 250 reply: before the sender records it
      },
    });
    const dir = tmp();
    const dbPath = join(dir, 'data', 'regwatch.db');
    const configFile = join(dir, 'regwatch.yml');
    writeFileSync(
      configFile,
      `sec: {baseUrl: "${edgar.url}", dataUrl: "${edgar.url}", eftsUrl: "${edgar.url}", maxRequestsPerSecond: 10}
federalRegister: {baseUrl: "${fr.apiBase}", notify: [desk]}
watches:
${CIKS.map((c, i) => `  - {name: co${i + 1}, cik: "${c}", notify: [desk]}`).join('\n')}
recipients:
  desk: {emails: [${EMAILS.join(', ')}], mode: immediate}
mail: {from: "regwatch <alerts@regwatch.example>"}
database: {path: ${dbPath}}
timezone: UTC
`,
    );
    const env = {
      ...process.env,
      REGWATCH_LOG_PRETTY: '0',
      REGWATCH_CONFIG: '',
      REGWATCH_SEC_USER_AGENT: 'Jane Doe jane@example.com',
      REGWATCH_SMTP_URL: smtp.url(),
    };
    const start = () => {
      const child = spawn(
        process.execPath,
        [CLI, '--config', configFile, 'run', '--once', '--json'],
        { cwd: dir, env },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const done = new Promise<{
        code: number | null;
        signal: NodeJS.Signals | null;
        stdout: string;
        stderr: string;
      }>((resolve) =>
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
      );
      return { child, done };
    };
    const db = () => new Database(dbPath, { readonly: true, fileMustExist: true });

    // A first clean run loads the (empty) watch histories, so every filing added later is new.
    const baseline = await start().done;
    expect(baseline.code, baseline.stderr).toBe(0);

    const expectedKeys = new Set<string>();
    const today = edgarDate(new Date());
    // The Register publishes on business days only: a weekend run polls the last one.
    const latestPublication = latestPublicationDate(new Date());
    let accSeq = 0;
    let frSeq = 0;
    const offerings: { cik: string; fileNumber: string; company: string }[] = [];
    const newAccession = (cik: string) =>
      `${cik.padStart(10, '0')}-26-${String(++accSeq).padStart(6, '0')}`;
    /** Adds a filing and returns the path of its primary document (the fake serves it there). */
    const addFiling = (
      cik: string,
      company: string,
      form: string,
      fileNumber: string,
      body: string | Buffer,
      kind: 'new' | 'diff',
    ) => {
      const accession = newAccession(cik);
      const filename = `${form.replace('/', '').toLowerCase()}-${accSeq}.htm`;
      edgar!.add({
        cik,
        company,
        form,
        accession,
        filingDate: today,
        acceptedAt: new Date().toISOString(),
        fileNumber,
        primary: { filename, body },
      });
      expectedKeys.add(`edgar:${accession}:${kind}`);
      return filename;
    };
    /** New work for one run: an S-1 of a new company or an S-1/A of an earlier offering, and now and then a Federal Register document. */
    const addWork = (i: number): { document: string; frDocument: string | null } => {
      let document: string;
      const nextCik = CIKS[offerings.length];
      if (i % 3 !== 2 && nextCik) {
        const company = `Company ${offerings.length + 1} Inc`;
        const fileNumber = `333-2900${offerings.length + 1}`;
        offerings.push({ cik: nextCik, fileNumber, company });
        document = addFiling(
          nextCik,
          company,
          'S-1',
          fileNumber,
          offerings.length % 4 === 0 ? smallS1(company) : S1,
          'new',
        );
      } else {
        const o = offerings[i % offerings.length]!;
        document = addFiling(o.cik, o.company, 'S-1/A', o.fileNumber, S1A, 'diff');
      }
      let frDocument: string | null = null;
      if (i % 2 === 0 || PLAN[i]?.kind.startsWith('fr-')) {
        frDocument = `2026-${String(++frSeq + 30000)}`;
        publishDocument(
          fr!,
          {
            document_number: frDocument,
            publication_date: latestPublication,
            title: `Additions to the Entity List ${frSeq}`,
            type: 'Rule',
          },
          `<p>This rule adds ${frSeq} entities to the Entity List.</p>`,
        );
      }
      return { document, frDocument };
    };

    const kills: { point: KillPoint; pid: number; killed: boolean; phase: string }[] = [];
    const mayRepeat = new Map<string, number>(); // Message-ID -> times it was `sending` when a run died
    let staleLockRuns = 0;
    let takeovers = 0;

    for (let i = 0; i < PLAN.length; i++) {
      const point = PLAN[i]!;
      const work = addWork(i);
      const lockBefore = existsSync(`${dbPath}.lock`)
        ? (JSON.parse(readFileSync(`${dbPath}.lock`, 'utf8')) as { pid: number })
        : null;
      if (lockBefore) {
        expect(pidAlive(lockBefore.pid), 'a stale lock names a dead process').toBe(false);
        staleLockRuns++;
      }
      const edgarBefore = edgar.requests.length;
      const frBefore = fr.requests.length;
      const smtpBefore = smtp.dataReceived.length;
      let armed = true;
      let trigger: Promise<boolean>;
      const seen = (log: { url: string }[], from: number, re: RegExp) => () =>
        log.slice(from).some((r) => re.test(r.url));
      const docPath = new RegExp(`/${work.document.replace('.', '\\.')}$`);
      switch (point.kind) {
        case 'edgar-feed':
          edgar.fault((p) => armed && /getcurrent/.test(p), 'slow', 1, { delayMs: 60_000 });
          trigger = waitUntil(seen(edgar.requests, edgarBefore, /getcurrent/), 30_000);
          break;
        case 'edgar-document':
          edgar.fault((p) => armed && docPath.test(p), 'slow', 1, { delayMs: 60_000 });
          trigger = waitUntil(seen(edgar.requests, edgarBefore, docPath), 30_000);
          break;
        case 'edgar-store':
          trigger = waitUntil(seen(edgar.requests, edgarBefore, docPath), 30_000).then(
            async (ok) => {
              if (ok && point.n > 0) await new Promise((r) => setTimeout(r, point.n));
              return ok;
            },
          );
          break;
        case 'fr-search':
          fr.fault('/api/v1/documents', { delayMs: 60_000 });
          trigger = waitUntil(
            seen(fr.requests, frBefore, /\/api\/v1\/documents(\.json)?\?/),
            30_000,
          );
          break;
        case 'fr-full-text':
          fr.fault('/documents/full_text/', { delayMs: 60_000 });
          trigger = waitUntil(seen(fr.requests, frBefore, /\/documents\/full_text\//), 30_000);
          break;
        case 'smtp-held':
        case 'smtp-acked':
          trigger = new Promise<boolean>((resolve) => {
            smtpPlan = {
              hold: point.kind === 'smtp-held',
              at: point.n,
              seen: 0,
              fire: () => resolve(true),
            };
          });
          break;
        case 'random':
          trigger = new Promise((r) => setTimeout(() => r(true), point.n));
          break;
      }
      const run = start();
      const outcome = await Promise.race([
        trigger.then((ok) => (ok ? 'trigger' : 'no-trigger')),
        run.done.then(() => 'exited'),
      ]);
      let killed = false;
      if (outcome === 'trigger') {
        killed = run.child.kill('SIGKILL');
      }
      const result = await run.done;
      armed = false;
      smtpPlan = null;
      if (killed) expect(result.signal, result.stderr).toBe('SIGKILL');
      else
        expect(result.code, `run ${i} (${point.kind}) ended on its own: ${result.stderr}`).toBe(0);
      // A run that reached a server got past the lock: with a stale lock there, it took it over.
      if (lockBefore && (edgar.requests.length > edgarBefore || fr.requests.length > frBefore))
        takeovers++;
      // The sources run side by side (then mail), so a held request names the phase it was killed in;
      // a random kill is in the mail phase once a message arrived, else in the sources' (or before any request).
      const requested = edgar.requests.length > edgarBefore || fr.requests.length > frBefore;
      const phase = point.kind.startsWith('edgar')
        ? 'edgar'
        : point.kind.startsWith('fr-')
          ? 'federal-register'
          : point.kind.startsWith('smtp') || smtp.dataReceived.length > smtpBefore
            ? 'mail'
            : requested
              ? 'sources'
              : 'start-up';
      kills.push({ point, pid: run.child.pid!, killed, phase });
      if (killed) {
        // What a killed run leaves: its own lock, or (killed before taking it over) the one it found.
        if (existsSync(`${dbPath}.lock`))
          expect([run.child.pid, lockBefore?.pid]).toContain(
            (JSON.parse(readFileSync(`${dbPath}.lock`, 'utf8')) as { pid: number }).pid,
          );
        const d = db();
        for (const id of d
          .prepare(`SELECT message_id FROM deliveries WHERE status = 'sending'`)
          .pluck()
          .all() as string[])
          mayRepeat.set(id, (mayRepeat.get(id) ?? 0) + 1);
        d.close();
      }
    }

    // The last clean cycle: nothing is killed; it must finish everything the killed ones left.
    const final = await start().done;
    expect(final.code, final.stderr).toBe(0);
    const report = JSON.parse(final.stdout) as { tasks: { task: string; status: string }[] };
    expect(report.tasks.map((t) => `${t.task}:${t.status}`)).toEqual([
      'edgar:ok',
      'federal-register:ok',
      'mail:ok',
    ]); // one send loop: alerts and digests
    expect(existsSync(`${dbPath}.lock`), 'the clean run removes its lock').toBe(false);

    const killedPoints = kills.filter((k) => k.killed);
    const summary = kills.map(
      (k) => `${k.point.kind}/${k.point.n}:${k.killed ? 'killed' : 'finished'}@${k.phase}`,
    );
    expect(killedPoints.length, summary.join(', ')).toBeGreaterThanOrEqual(20);
    for (const phase of ['edgar', 'federal-register', 'mail'])
      expect(
        killedPoints.filter((k) => k.phase === phase).length,
        `${phase}: ${summary.join(', ')}`,
      ).toBeGreaterThanOrEqual(3);
    expect(takeovers, "runs that took over a killed run's lock").toBeGreaterThanOrEqual(15);
    expect(staleLockRuns).toBeGreaterThanOrEqual(takeovers);

    const d = db();
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.pragma('foreign_key_check')).toEqual([]);
    // Alerts: exactly the expected set (one per new filing and per new Federal Register document).
    const alerts = d
      .prepare(
        'SELECT id, dedupe_key AS key, source, fr_document AS frDocument FROM alerts ORDER BY id',
      )
      .all() as { id: number; key: string; source: string; frDocument: string | null }[];
    expect(
      alerts
        .filter((a) => a.source === 'edgar')
        .map((a) => a.key)
        .sort(),
    ).toEqual([...expectedKeys].sort());
    expect(
      alerts
        .filter((a) => a.source === 'federal-register')
        .map((a) => a.frDocument)
        .sort(),
    ).toEqual([...fr.documents.keys()].sort());
    // A delivery killed twice once its data had started (held, or acknowledged before it was
    // recorded) may have arrived twice: it is given up, never sent a third time, and the
    // operator (here the first group, desk) gets the alert itself. Nothing else is dead.
    const capped = d
      .prepare(`SELECT id FROM deliveries WHERE status = 'dead' AND reached_attempts = 2`)
      .pluck()
      .all() as number[];
    const notices = alerts.filter((a) => a.source !== 'edgar' && a.source !== 'federal-register');
    expect(notices.map((a) => a.key).sort()).toEqual(
      capped.map((id) => `operator:dead-alert-delivery:${id}`).sort(),
    );
    // Nothing stuck.
    expect(
      d.prepare(`SELECT count(*) FROM filings WHERE status <> 'processed'`).pluck().get(),
    ).toBe(0);
    const byStatus = d
      .prepare(`SELECT status, count(*) AS n FROM deliveries GROUP BY status ORDER BY status`)
      .all();
    expect(byStatus).toEqual([
      ...(capped.length ? [{ status: 'dead', n: capped.length }] : []),
      { status: 'sent', n: alerts.length * EMAILS.length - capped.length },
    ]);
    expect(d.prepare(`SELECT count(*) FROM digests WHERE status <> 'sent'`).pluck().get()).toBe(0);

    // Mail: each (alert, recipient) accepted by the server; more than once only if in flight when killed.
    const deliveries = d
      .prepare(
        `SELECT alert_id AS alertId, email, message_id AS messageId FROM deliveries WHERE status = 'sent'`,
      )
      .all() as { alertId: number; email: string; messageId: string }[];
    const cappedIds = d
      .prepare(`SELECT message_id FROM deliveries WHERE status = 'dead'`)
      .pluck()
      .all() as string[];
    d.close();
    const byMessageId = new Map(deliveries.map((r) => [r.messageId, r]));
    const accepted = new Map<string, number>();
    for (const m of smtp.messages) accepted.set(m.messageId, (accepted.get(m.messageId) ?? 0) + 1);
    const received = new Map<string, number>();
    for (const m of smtp.dataReceived)
      received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
    for (const r of deliveries)
      expect(
        accepted.get(r.messageId),
        `alert ${r.alertId} to ${r.email} accepted`,
      ).toBeGreaterThanOrEqual(1);
    for (const [id, n] of received) {
      expect(n, `${id}: never more than twice`).toBeLessThanOrEqual(2);
      if (cappedIds.includes(id)) continue;
      const delivery = byMessageId.get(id);
      expect(delivery, `Message-ID ${id} belongs to a delivery`).toBeDefined();
      expect(
        smtp.dataReceived
          .filter((m) => m.messageId === id)
          .every((m) => m.envelopeTo.join() === delivery!.email),
        `${id} went to its recipient only`,
      ).toBe(true);
      expect(
        n,
        `${id} received ${n} times, in flight at ${mayRepeat.get(id) ?? 0} kills`,
      ).toBeLessThanOrEqual(1 + (mayRepeat.get(id) ?? 0));
    }
    const resent = [...received].filter(([, n]) => n > 1).length;
    console.log(
      `crash-safety: ${killedPoints.length} kills (${summary.join(', ')}); ${alerts.length} alerts, ${smtp.dataReceived.length} messages received, ${resent} re-sent in flight; ${takeovers} lock takeovers; ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }, 300_000);
});
