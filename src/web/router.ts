import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../store/open-database.js';
import {
  diffSides,
  feedAlerts,
  listWatchOverviews,
  readDiffForView,
  recentFrDocuments,
  watchExists,
  watchFrDocuments,
  watchTimeline,
} from '../store/history.js';
import { decideAccess } from './access.js';
import { renderAtom, type FeedMeta } from './feed.js';
import { CONTENT_SECURITY_POLICY } from './layout.js';
import type { WebOptions } from './options.js';
import { renderDiffPage, renderIndex, renderMessage, renderWatch } from './pages.js';

export interface WebDeps {
  db: Db;
  options: WebOptions;
  /** Told about a request that failed inside (the answer is a plain 500). */
  onError?: (err: unknown) => void;
}

export interface WebRequest {
  method: string;
  /** The request target as sent (`/feed.atom?watch=acme`). */
  url: string;
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
}

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const HTML = 'text/html; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const FR_ON_INDEX = 20;

/** Headers on every web answer: nothing loads or runs, nothing is framed or sniffed. */
const SAFE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'private, no-cache',
};

/** The paths this router answers; anything else is left to the listener (health, metrics, 404). */
export function isWebPath(path: string): boolean {
  return (
    path === '/' || path === '/feed.atom' || path.startsWith('/watch/') || path.startsWith('/diff/')
  );
}

/** Absolute base for the feed's links: the configured public URL, else the Host the client used. */
function baseUrl(req: WebRequest, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  const host = req.headers.host ?? '';
  return /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)
    ? `http://${host}`
    : 'http://localhost';
}

type Page = { status: number; type: string; body: string; lastModified?: string };

function feed(deps: WebDeps, req: WebRequest, query: URLSearchParams): Page {
  const { options, db } = deps;
  const watch = query.get('watch');
  const group = query.get('group');
  let filter: FeedMeta['filter'] = null;
  let watches: string[] | null = null;
  if (watch !== null) {
    if (!watchExists(db, watch))
      return { status: 404, type: TEXT, body: `no watch named "${watch}"\n` };
    filter = { watch };
    watches = [watch];
  } else if (group !== null) {
    const members = Object.hasOwn(options.groups, group) ? options.groups[group] : undefined;
    if (!members) return { status: 404, type: TEXT, body: `no recipient group named "${group}"\n` };
    filter = { group };
    watches = members;
  }
  const alerts = feedAlerts(db, { watches, limit: options.feedEntries });
  const entries = alerts.map((alert) => ({
    alert,
    diff:
      alert.kind === 'filing-diff' && alert.diffId !== null
        ? readDiffForView(db, alert.diffId)
        : null,
  }));
  // An empty feed still needs an updated time; a fixed one keeps its bytes (and ETag) stable.
  const meta: FeedMeta = {
    base: baseUrl(req, options.publicUrl),
    filter,
    emptyUpdated: '1970-01-01T00:00:00.000Z',
    changesPerEntry: 20,
  };
  return {
    status: 200,
    type: ATOM,
    body: renderAtom(entries, meta),
    lastModified: alerts[0]?.createdAt,
  };
}

function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null; // a malformed escape names nothing
  }
}

function route(deps: WebDeps, req: WebRequest, path: string, query: URLSearchParams): Page {
  const { db } = deps;
  if (path === '/feed.atom') return feed(deps, req, query);
  if (path === '/')
    return {
      status: 200,
      type: HTML,
      body: renderIndex(listWatchOverviews(db), recentFrDocuments(db, FR_ON_INDEX)),
    };
  const watch = /^\/watch\/([^/]+)$/.exec(path);
  if (watch) {
    const name = decodeSegment(watch[1]!);
    if (name === null || !watchExists(db, name)) {
      return {
        status: 404,
        type: HTML,
        body: renderMessage('Not found', `There is no watch named "${name ?? watch[1]!}".`),
      };
    }
    return {
      status: 200,
      type: HTML,
      body: renderWatch(name, watchTimeline(db, name), watchFrDocuments(db, name)),
    };
  }
  const diff = /^\/diff\/(\d{1,12})$/.exec(path);
  const sides = diff ? diffSides(db, Number(diff[1])) : null;
  const stored = diff && sides ? readDiffForView(db, Number(diff[1])) : null;
  if (sides && stored) return { status: 200, type: HTML, body: renderDiffPage(sides, stored) };
  return {
    status: 404,
    type: HTML,
    body: renderMessage('Not found', 'Nothing is stored under this address.'),
  };
}

/** Whether the client's validators match: If-None-Match wins; If-Modified-Since only without it. */
function notModified(
  headers: IncomingHttpHeaders,
  etag: string,
  lastModified: string | undefined,
): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined)
    return inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
  const ims = headers['if-modified-since'];
  if (ims === undefined || lastModified === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(Date.parse(lastModified) / 1000) * 1000 <= since;
}

/**
 * Answers a web request, or returns null for a path that is not the web views'. GET and HEAD
 * only; access is decided before any read; every answer carries the CSP and an ETag, and a
 * client holding a current one gets 304.
 */
export function routeWebRequest(deps: WebDeps, req: WebRequest): WebResponse | null {
  const url = new URL(req.url, 'http://localhost');
  if (!isWebPath(url.pathname)) return null;
  const plain = (status: number, body: string, extra: Record<string, string> = {}) => ({
    status,
    headers: { ...SAFE_HEADERS, 'content-type': TEXT, ...extra },
    body,
  });
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return plain(405, 'method not allowed: the web views are read-only\n', { allow: 'GET, HEAD' });
  const forwarded =
    req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  const access = decideAccess(
    { remoteAddress: req.remoteAddress, authorization: req.headers.authorization, forwarded },
    deps.options.token,
  );
  if (!access.ok)
    return plain(
      access.status,
      access.message,
      access.status === 401 ? { 'www-authenticate': 'Bearer realm="regwatch"' } : {},
    );
  let page: Page;
  try {
    page = route(deps, req, url.pathname, url.searchParams);
  } catch (err) {
    deps.onError?.(err);
    return plain(500, 'internal error; the daemon log has the details\n');
  }
  const etag = `"${createHash('sha256').update(page.body).digest('base64url').slice(0, 32)}"`;
  const headers: Record<string, string> = { ...SAFE_HEADERS, 'content-type': page.type, etag };
  if (page.lastModified) headers['last-modified'] = new Date(page.lastModified).toUTCString();
  if (page.status === 200 && notModified(req.headers, etag, page.lastModified))
    return { status: 304, headers, body: '' };
  return { status: page.status, headers, body: page.body };
}

/**
 * The listener's hook: answers the web paths on `res` and returns true, or returns false and
 * leaves the request to the caller.
 */
export function createWebHandler(
  deps: WebDeps,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const request = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
    };
    const answer = routeWebRequest(deps, request);
    if (!answer) return false;
    const length =
      answer.status === 304 ? {} : { 'content-length': String(Buffer.byteLength(answer.body)) };
    res.writeHead(answer.status, { ...answer.headers, ...length });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    return true;
  };
}
