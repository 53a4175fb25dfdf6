import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a receiver got: its path, headers and the exact body bytes (as text). */
export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedHook[];
  /** Posts seen per Idempotency-Key. */
  byKey(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * A real node:http receiver on a free loopback port. `answer` picks the status for each POST
 * (0-based count of POSTs so far); 'hold' never answers (the sender is mid-delivery), and
 * `onHold` is called then; 'drop' closes the connection after reading the body, without an
 * answer. Default: 200 for all.
 */
export async function startWebhookReceiver(
  options: {
    answer?: (hook: ReceivedHook, index: number) => number | 'hold' | 'drop';
    onHold?: () => void;
    port?: number;
  } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = received.length;
      received.push(hook);
      const status = options.answer?.(hook, index) ?? 200;
      if (status === 'drop') {
        req.socket.destroy();
        return;
      }
      if (status === 'hold') {
        held.push(res);
        options.onHold?.();
        return;
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    byKey: () => {
      const m = new Map<string, number>();
      for (const h of received)
        m.set(
          String(h.headers['idempotency-key']),
          (m.get(String(h.headers['idempotency-key'])) ?? 0) + 1,
        );
      return m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of held) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
