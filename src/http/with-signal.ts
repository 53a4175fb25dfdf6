import type { GetOptions, HttpClient, HttpResponse } from './types.js';

/**
 * The same client, with every request also bound to `signal` (a run's deadline or the
 * daemon's stop): sources need no signal parameter of their own for their requests to end
 * when the cycle does.
 */
export function withSignal(client: HttpClient, signal: AbortSignal): HttpClient {
  return {
    name: client.name,
    get(url: string, options: GetOptions = {}): Promise<HttpResponse> {
      const bound = options.signal ? AbortSignal.any([signal, options.signal]) : signal;
      return client.get(url, { ...options, signal: bound });
    },
  };
}
