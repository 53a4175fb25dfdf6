import { Worker } from 'node:worker_threads';

/**
 * A real HTTP server on 127.0.0.1 port 0 running in its own worker thread, recording the
 * arrival time of every request. Its event loop is not the client's: a stall in the test's
 * thread (timers, GC) does not shift the arrival times it records, so rate-limit tests
 * measure what a remote server would see. Requests for `/<n>` where `n % failOnceEvery === 0`
 * get one 503 before they succeed.
 */
export interface WorkerServer {
  url: string;
  /** Arrival times (ms since the epoch, sub-ms precision) and the User-Agent of each request. */
  report(): Promise<{ arrivals: number[]; userAgents: string[]; failedOnce: number }>;
  close(): Promise<void>;
}

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const arrivals = [];
const userAgents = [];
const failed = new Set();
const server = http.createServer((req, res) => {
  arrivals.push(performance.timeOrigin + performance.now());
  userAgents.push(req.headers['user-agent'] || '');
  const n = Number((req.url || '/').slice(1));
  if (workerData.failOnceEvery && n % workerData.failOnceEvery === 0 && !failed.has(n)) {
    failed.add(n);
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('busy');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'report') parentPort.postMessage({ arrivals, userAgents, failedOnce: failed.size });
  if (m === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort.postMessage({ closed: true }));
  }
});
`;

export async function startWorkerServer(
  options: { failOnceEvery?: number } = {},
): Promise<WorkerServer> {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: { failOnceEvery: options.failOnceEvery ?? 0 },
  });
  const next = <T>(): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      worker.once('error', onError);
      worker.once('message', (m: T) => {
        worker.off('error', onError);
        resolve(m);
      });
    });
  const { port } = await next<{ port: number }>();
  return {
    url: `http://127.0.0.1:${port}`,
    async report() {
      const reply = next<{ arrivals: number[]; userAgents: string[]; failedOnce: number }>();
      worker.postMessage('report');
      return reply;
    },
    async close() {
      const closed = next<{ closed: true }>();
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
