import { afterEach, describe, expect, it } from 'vitest';
import { buildTasks } from '../../src/daemon/tasks.js';
import { runTask } from '../../src/daemon/task.js';
import { classifyError, ConfigError } from '../../src/errors.js';
import { createHttpClient } from '../../src/http/client.js';
import {
  AbortedError,
  HttpStatusError,
  NetworkError,
  RateLimitedError,
  ServicePausedError,
  TimeoutError,
  TooLargeError,
} from '../../src/http/errors.js';
import { runStep } from '../../src/pipeline/edgar/step-outcome.js';
import { lastRuns } from '../../src/store/runs.js';
import {
  EdgarParseError,
  EdgarRateThresholdError,
  EdgarUnexpectedResponseError,
} from '../../src/sources/edgar/errors.js';
import { captureLogger, type CapturedLine } from '../helpers/capture-logger.js';
import {
  acmeFiling as filing,
  startEdgarPipeline,
  type EdgarPipeline,
} from '../helpers/edgar-pipeline.js';
import { startServer, type LocalServer } from '../helpers/http-server.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
let pipeline: EdgarPipeline | undefined;
const servers: LocalServer[] = [];
afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('classifyError: one vocabulary, decided where the error is made', () => {
  it.each([
    [new HttpStatusError(503, 'u'), 'transient', 'HTTP_STATUS'],
    [new HttpStatusError(408, 'u'), 'transient', 'HTTP_STATUS'],
    [new RateLimitedError('u', 1000), 'transient', 'HTTP_RATE_LIMITED'],
    [new TimeoutError('u', 'headers', 1), 'transient', 'HTTP_TIMEOUT'],
    [new NetworkError('u', 'reset', 'ECONNRESET'), 'transient', 'HTTP_NETWORK'],
    [
      new ServicePausedError('u', 'sec', new Date(), 'threshold'),
      'transient',
      'HTTP_SERVICE_PAUSED',
    ],
    [new AbortedError('u'), 'transient', 'HTTP_ABORTED'],
    [new HttpStatusError(404, 'u'), 'permanent', 'HTTP_STATUS'],
    [new HttpStatusError(403, 'u'), 'permanent', 'HTTP_STATUS'],
    [new TooLargeError('u', 10), 'permanent', 'HTTP_TOO_LARGE'],
    [new EdgarParseError('u', 'not Atom'), 'permanent', 'EDGAR_PARSE'],
    [new EdgarRateThresholdError('u'), 'transient', 'SEC_RATE_THRESHOLD'],
    [new EdgarUnexpectedResponseError('u', 502, 'x'), 'transient', 'EDGAR_UNEXPECTED_RESPONSE'],
    [new EdgarUnexpectedResponseError('u', 403, 'x'), 'permanent', 'EDGAR_UNEXPECTED_RESPONSE'],
    [
      new ConfigError(null, ['sec.userAgent: required', 'watches: empty']),
      'permanent',
      'CONFIG_INVALID',
    ],
    [new TypeError('x is undefined'), 'defect', 'TypeError'],
    [
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      'defect',
      'SQLITE_BUSY',
    ],
    ['a string', 'defect', 'NON_ERROR_THROWN'],
  ] as const)('%o is %s (%s)', (err, kind, code) => {
    expect(classifyError(err)).toMatchObject({ kind, code });
  });

  it('keeps the first line of a message only (a ConfigError lists its problems below)', () => {
    const c = classifyError(new ConfigError(null, ['a: bad', 'b: bad']));
    expect(c.message).toBe('2 problems');
  });
});

/** The lines at info or above that mention `needle` (debug lines excluded: none are expected either). */
const linesAbout = (lines: CapturedLine[], needle: string) =>
  lines.filter((l) => l.level >= 30 && JSON.stringify(l).includes(needle));

describe('a failed HTTP request is logged once, by the caller, with its kind and code', () => {
  async function setup(status: number, attempts: number) {
    const s = await startServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end('no');
    });
    servers.push(s);
    const log = captureLogger();
    const client = createHttpClient({
      name: 'sec',
      userAgent: 'Test Runner test@example.com',
      maxRequestsPerSecond: 10,
      allowedBaseUrls: [s.url],
      logger: log.logger,
      retries: { attempts, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const outcome = await runStep(log.logger, 'feed', () => client.get(`${s.url}/feed`));
    await client.close();
    return { log, outcome, url: `${s.url}/feed` };
  }

  it('a 404: one error line, permanent, HTTP_STATUS, no stack', async () => {
    const { log, outcome, url } = await setup(404, 4);
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'permanent' } });
    const lines = linesAbout(log.lines, url);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      step: 'feed',
      kind: 'permanent',
      code: 'HTTP_STATUS',
      cause: 'HTTP 404',
    });
    expect(lines[0]).not.toHaveProperty('err');
    expect(log.lines.filter((l) => l.level === 20)).toEqual([]);
  });

  it('a 503 with no retry left: one warn line, transient', async () => {
    const { log, url } = await setup(503, 1);
    const lines = linesAbout(log.lines, url);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, kind: 'transient', code: 'HTTP_STATUS' });
  });

  it('a 503 that outlasts the retries: a line per retry (the client decided those), then one line for the failure', async () => {
    const { log, url } = await setup(503, 3);
    const lines = linesAbout(log.lines, url);
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/retry 1\/2/),
      expect.stringMatching(/retry 2\/2/),
      'EDGAR feed failed; the cycle goes on',
    ]);
    expect(lines[2]).toMatchObject({ level: 40, kind: 'transient', httpAttempts: 3 });
  });
});

describe('an EDGAR run that partly failed', () => {
  async function setup() {
    const logs = captureLogger();
    pipeline = await startEdgarPipeline(
      tmp(),
      [{ name: 'ipos', newRegistrants: { forms: ['S-1'] }, notify: ['investors'] }],
      { logger: logs.logger },
    );
    const edgarTask = buildTasks(pipeline.app).find((t) => t.name === 'edgar')!;
    const run = () =>
      runTask({ db: pipeline!.app.db, logger: logs.logger, now: () => new Date() }, edgarTask);
    return { ...pipeline, logs, run };
  }

  it('stores the failed step messages in the run row, with their codes', async () => {
    const t = await setup();
    t.edgar.add(filing());
    t.edgar.fault(/browse-edgar/, 'malformed', 1);
    const result = await t.run();
    expect(result.status).toBe('partial');
    const [row] = lastRuns(t.app.db);
    expect(row).toMatchObject({ source: 'edgar', status: 'partial' });
    expect(row!.error).toMatch(/^feed: EDGAR_PARSE: .*browse-edgar/);
    expect(row!.stats.errors).toBe(1);
    // The next run recovers: ok, no error kept.
    expect(await t.run()).toMatchObject({ status: 'ok' });
    expect(lastRuns(t.app.db)[0]).toMatchObject({ status: 'ok', error: null });
  }, 30_000);

  it('the feed reset on every try: one line for the step, transient, and the run row says so', async () => {
    const t = await setup();
    t.edgar.fault(/browse-edgar/, 'reset', 4);
    const result = await t.run();
    expect(result.status).toBe('partial');
    const stepLines = t.logs.lines.filter((l) => l.step === 'feed' && l.level >= 30);
    expect(stepLines).toHaveLength(1);
    expect(stepLines[0]).toMatchObject({ level: 40, kind: 'transient', code: 'HTTP_NETWORK' });
    expect(lastRuns(t.app.db)[0]!.error).toMatch(/^feed: HTTP_NETWORK: GET .*browse-edgar/);
  }, 30_000);

  it('a filing given up is named in the run row too', async () => {
    const t = await setup();
    t.edgar.add(filing());
    // No readable index, submissions or full submission: a page that does not parse is
    // permanent, so the filing fails at once (not retried).
    t.edgar.fault(/-index\.htm/, 'malformed', 10);
    t.edgar.fault(/\.txt$/, 'malformed', 10);
    t.edgar.fault(/submissions/, 'malformed', 10);
    const result = await t.run();
    expect(result.status).toBe('partial');
    expect(t.filings()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
    const [row] = lastRuns(t.app.db);
    expect(row).toMatchObject({ status: 'partial', stats: { filingsFailed: 1, errors: 1 } });
    expect(row!.error).toMatch(
      /^0001234567-26-000001: EDGAR_PARSE: .*not an EDGAR full submission/,
    );
  }, 30_000);
});
