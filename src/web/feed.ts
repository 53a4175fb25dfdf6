import type { KeywordHitFact } from '../alerts/types.js';
import type { SectionDiff } from '../diff/types.js';
import { summarizeAlert, watchPagePath } from '../notify/render/alert-summary.js';
import type { FeedAlert } from '../store/history.js';
import { escapeHtml, seg } from './layout.js';
import { renderRedline } from './redline.js';

/** Characters XML 1.0 cannot carry at all, even escaped (filings hold form feeds and NULs). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NOT_XML_ALL = new RegExp(NOT_XML.source, 'gu');

/** Text for an XML element or attribute: invalid characters dropped, markup escaped. */
export function escapeXml(s: string): string {
  return escapeHtml(NOT_XML.test(s) ? s.replace(NOT_XML_ALL, '') : s);
}

/** Stable ids: tag URIs (RFC 4151) built from what never changes, so a reader never shows an entry twice. */
const TAG = 'tag:regwatch,2026:';
export const feedEntryId = (alert: Pick<FeedAlert, 'dedupeKey'>) =>
  `${TAG}alert/${seg(alert.dedupeKey)}`;

/** One feed entry's inputs: the alert and, for a filing diff, its stored changes. */
export interface FeedEntryInput {
  alert: FeedAlert;
  diff: Pick<SectionDiff, 'changes'> | null;
}

export interface FeedMeta {
  /** Absolute base URL of the listener (no trailing slash), for links. */
  base: string;
  /** The narrowing asked for: `{watch}` or `{group}`, or none. */
  filter: { watch: string } | { group: string } | null;
  /** The feed's updated time when it has no entries (the newest entry's otherwise). */
  emptyUpdated: string;
  /** Changes shown per entry; the rest are one click away. */
  changesPerEntry: number;
}

type Payload = Record<string, unknown>;
const str = (p: Payload, k: string): string | null =>
  typeof p[k] === 'string' ? (p[k] as string) : null;

function hitsHtml(p: Payload): string {
  const hits = Array.isArray(p.keywordHits) ? (p.keywordHits as KeywordHitFact[]) : [];
  if (!hits.length) return '';
  const items = hits.map((h) => {
    const sentence = h.sentence ? `: ${escapeHtml(h.sentence)}` : '';
    return `<li>“${escapeHtml(h.keyword)}” (${escapeHtml(h.kind)}) in “${escapeHtml(h.heading)}”${sentence}</li>`;
  });
  return `<p>Watched phrases:</p><ul>${items.join('')}</ul>`;
}

function reasonsHtml(p: Payload): string {
  const reasons = Array.isArray(p.reasons)
    ? (p.reasons as { tag: string; sentence: string | null }[])
    : [];
  if (!reasons.length) return '';
  const items = reasons.map(
    (r) => `<li>${escapeHtml(r.tag)}${r.sentence ? `: “${escapeHtml(r.sentence)}”` : ''}</li>`,
  );
  return `<p>Why it matched:</p><ul>${items.join('')}</ul>`;
}

/** Where an entry links: the redline page, the watch's history, or the document itself. */
export function entryLink(a: FeedAlert, base: string): string {
  if (a.diffId !== null) return `${base}/diff/${seg(a.diffId)}`;
  const watchPage = watchPagePath(a.watches);
  if (watchPage) return `${base}${watchPage}`;
  return str(a.payload, 'htmlUrl') ?? str(a.payload, 'url') ?? `${base}/`;
}

function contentHtml(e: FeedEntryInput, meta: FeedMeta, summaryText: string): string {
  const p = e.alert.payload;
  const summary = `<p>${escapeHtml(summaryText)}</p>`;
  const redline = e.diff
    ? renderRedline(e.diff, {
        limit: meta.changesPerEntry,
        moreHref: entryLink(e.alert, meta.base),
      })
    : '';
  const list = Array.isArray(p.categories) ? (p.categories as string[]) : [];
  const categories = list.length ? `<p>Categories: ${list.map(escapeHtml).join('; ')}</p>` : '';
  return `${summary}${hitsHtml(p)}${reasonsHtml(p)}${categories}${redline}`;
}

function renderEntry(e: FeedEntryInput, meta: FeedMeta): string {
  const a = e.alert;
  // A diff's entry counts what matters, as its mail's subject does (the stored changes say it).
  const summary = summarizeAlert(a, e.diff?.changes ?? null);
  const related = str(a.payload, 'url') ?? str(a.payload, 'htmlUrl');
  return `<entry>
<id>${escapeXml(feedEntryId(a))}</id>
<title type="text">${escapeXml(a.title)}</title>
<updated>${escapeXml(a.createdAt)}</updated>
<published>${escapeXml(a.createdAt)}</published>
<link rel="alternate" type="text/html" href="${escapeXml(entryLink(a, meta.base))}"/>
${related ? `<link rel="related" href="${escapeXml(related)}"/>\n` : ''}<category term="${escapeXml(a.kind)}"/>
${a.watches.map((w) => `<category term="${escapeXml(w)}" scheme="${TAG}watch"/>`).join('')}
<summary type="text">${escapeXml(summary)}</summary>
<content type="html">${escapeXml(contentHtml(e, meta, summary))}</content>
</entry>`;
}

/** The feed's path and query for `filter`, for its self link and the page's alternate link. */
export function feedPath(filter: FeedMeta['filter']): string {
  if (filter === null) return '/feed.atom';
  return 'watch' in filter
    ? `/feed.atom?watch=${seg(filter.watch)}`
    : `/feed.atom?group=${seg(filter.group)}`;
}

/**
 * The Atom feed (RFC 4287) of `entries`, newest first. Pure: the same entries and meta give
 * the same bytes, so the body's hash is a sound ETag.
 */
export function renderAtom(entries: FeedEntryInput[], meta: FeedMeta): string {
  const f = meta.filter;
  const name = f === null ? '' : 'watch' in f ? `watch/${f.watch}` : `group/${f.group}`;
  const title =
    f === null ? 'regwatch' : 'watch' in f ? `regwatch: ${f.watch}` : `regwatch: group ${f.group}`;
  const updated = entries[0]?.alert.createdAt ?? meta.emptyUpdated;
  const alternate =
    f !== null && 'watch' in f ? `${meta.base}/watch/${seg(f.watch)}` : `${meta.base}/`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${escapeXml(`${TAG}feed${name ? `/${seg(name)}` : ''}`)}</id>
<title type="text">${escapeXml(title)}</title>
<subtitle type="text">Risk-factor changes in SEC filings and Federal Register documents, as regwatch found them</subtitle>
<updated>${escapeXml(updated)}</updated>
<author><name>regwatch</name></author>
<generator>regwatch</generator>
<link rel="self" type="application/atom+xml" href="${escapeXml(meta.base + feedPath(f))}"/>
<link rel="alternate" type="text/html" href="${escapeXml(alternate)}"/>
${entries.map((e) => renderEntry(e, meta)).join('\n')}
</feed>
`;
}
