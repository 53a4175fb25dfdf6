import type { SectionDiff } from '../diff/types.js';
import type {
  DiffSides,
  MatchedFrDocument,
  TimelineFiling,
  WatchOverview,
} from '../store/history.js';
import { describeChanges } from '../notify/render/alert-summary.js';
import { feedPath } from './feed.js';
import { escapeHtml as h, renderPage, seg } from './layout.js';
import { renderRedline } from './redline.js';

/** A link whose target came from stored data: only http(s) URLs become links, anything else is text. */
function outLink(url: string | null, text: string): string {
  return url && /^https?:\/\//i.test(url)
    ? `<a href="${h(url)}" rel="noreferrer">${h(text)}</a>`
    : h(text);
}

const date = (iso: string) => h(iso.slice(0, 10));

/** `GET /`: every watch with its latest change, then the latest Federal Register documents. */
export function renderIndex(watches: WatchOverview[], fr: MatchedFrDocument[]): string {
  const items = watches.map((w) => {
    const redline =
      w.latest?.diffId != null ? ` · <a href="/diff/${seg(w.latest.diffId)}">redline</a>` : '';
    const latest = w.latest
      ? `<div>${date(w.latest.createdAt)}: ${h(w.latest.title)}${redline}</div>`
      : '<div class="muted">no change yet</div>';
    const company = w.company ? ` · ${h(w.company)}` : '';
    const removed = w.removedAt
      ? ` · <span class="muted">removed from the configuration ${date(w.removedAt)}</span>`
      : '';
    const count = `<span class="muted count">${w.filings} filing${w.filings === 1 ? '' : 's'}</span>`;
    return `<li><a href="/watch/${seg(w.name)}"><strong>${h(w.name)}</strong></a>${company} ${count}${removed}${latest}</li>`;
  });
  const body = `<h1>regwatch</h1>
<nav><a href="${feedPath(null)}">Atom feed</a> of every alert</nav>
<h2>Watches</h2>
${items.length ? `<ul class="list">${items.join('\n')}</ul>` : '<p class="muted">No watch has been configured yet.</p>'}
<h2>Federal Register: latest documents</h2>
${renderFrList(fr)}`;
  return renderPage({ title: 'regwatch', body, feedHref: feedPath(null) });
}

function renderFrList(docs: MatchedFrDocument[]): string {
  if (!docs.length) return '<p class="muted">None matched.</p>';
  const items = docs.map((d) => {
    const reasons = d.reasons
      .map((r) => `<li>${h(r.tag)}${r.sentence ? `: “${h(r.sentence)}”` : ''}</li>`)
      .join('');
    const why = d.watchReason ? `<div class="reason">${h(d.watchReason)}</div>` : '';
    const when = d.publicationDate ? date(d.publicationDate) : h(d.status);
    const facts = `<div class="muted">${h(d.type)} · ${h(d.documentNumber)} · ${when}</div>`;
    return `<li>${outLink(d.htmlUrl, d.title)}${facts}${why}${reasons ? `<ul class="reason">${reasons}</ul>` : ''}</li>`;
  });
  return `<ul class="list">${items.join('\n')}</ul>`;
}

/** What one filing on the timeline brought. */
function stepText(f: TimelineFiling): string {
  if (f.status === 'failed')
    return `<div class="warn">could not be processed: ${h(f.lastError ?? 'no reason stored')}</div>`;
  if (f.status !== 'processed')
    return `<div class="muted">${h(f.status)}${f.lastError ? `: ${h(f.lastError)}` : ''}</div>`;
  if (!f.section) return '<div class="muted">stored without risk factors</div>';
  if (!f.section.found)
    return `<div class="warn">filed; its risk factors could not be read: ${h(f.section.reason ?? 'no reason stored')}</div>`;
  if (!f.diff) return `<div>first version seen: ${f.section.riskFactors} risk factors</div>`;
  const prev = f.diff.previous;
  const what = h(describeChanges(f.diff.summary, f.diff.similarity));
  return `<div>vs ${h(prev.form)} (${date(prev.filingDate)}): ${what} · <a href="/diff/${seg(f.diff.id)}">redline</a></div>`;
}

/** Filings grouped by lineage: each offering (SEC file number) apart, annual reports together. */
function lineages(filings: TimelineFiling[]): [string, TimelineFiling[]][] {
  const groups = new Map<string, TimelineFiling[]>();
  for (const f of filings) {
    const key = /^(10-K|20-F)/.test(f.form)
      ? 'Annual reports'
      : f.fileNumber
        ? `Offering ${f.fileNumber}`
        : 'Other filings';
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  return [...groups];
}

/** `GET /watch/NAME`: the filing timeline by lineage, then the Federal Register documents that matched. */
export function renderWatch(
  name: string,
  filings: TimelineFiling[],
  fr: MatchedFrDocument[],
): string {
  const company = [...filings].reverse().find((f) => f.company)?.company;
  const timeline = lineages(filings).map(([label, list]) => {
    const steps = list.map(
      (f) =>
        `<li><span class="form">${h(f.form)}</span> <span class="muted">${date(f.filingDate)} · ${outLink(f.sourceUrl, f.accession)}</span>` +
        `${stepText(f)}</li>`,
    );
    return `<h3>${h(label)}</h3><ol class="timeline">${steps.join('\n')}</ol>`;
  });
  const feed = feedPath({ watch: name });
  const body = `<nav><a href="/">All watches</a> · <a href="${h(feed)}">Atom feed of this watch</a></nav>
<h1>${h(name)}${company ? ` <span class="muted">${h(company)}</span>` : ''}</h1>
<h2>Filings</h2>
${timeline.length ? timeline.join('\n') : '<p class="muted">No filing seen yet.</p>'}
<h2>Federal Register documents that matched</h2>
${renderFrList(fr)}`;
  return renderPage({ title: `${name}: regwatch`, body, feedHref: feed });
}

/** `GET /diff/ID`: one comparison in full, every change with its redline. */
export function renderDiffPage(sides: DiffSides, diff: SectionDiff): string {
  const title = `${sides.company ?? sides.cik} ${sides.new.form} (${sides.new.filingDate}) vs ${sides.old.form} (${sides.old.filingDate})`;
  const s = diff.summary;
  const row = (k: string, v: string | number) =>
    `<tr><td class="muted">${k}</td><td><strong>${v}</strong></td></tr>`;
  const watches = sides.watches.map((w) => `<a href="/watch/${seg(w)}">${h(w)}</a>`).join(' · ');
  const side = (f: DiffSides['old']) => outLink(f.sourceUrl, `${f.form} ${f.accession}`);
  const counts: [string, number | string][] = [
    ['Added', s.added],
    ['Removed', s.removed],
    ['Reworded', s.modified],
    ['Moved', s.moved],
    ['Unchanged', s.unchanged],
    ['Risk factors', `${diff.old.riskFactors} → ${diff.new.riskFactors}`],
  ];
  const rows = counts.map(([k, v]) => row(k, v)).join('');
  const body = `<nav><a href="/">All watches</a>${watches ? ` · ${watches}` : ''}</nav>
<h1>${h(title)}</h1>
<p class="muted">Risk Factors: ${side(sides.new)} compared with ${side(sides.old)}</p>
<p>${h(describeChanges(s, diff.similarity))}</p>
<table class="summary">${rows}</table>
<h2>Redline</h2>
<p class="muted"><ins>underlined green</ins> = inserted, <del>struck red</del> = deleted</p>
${renderRedline(diff)}`;
  return renderPage({ title: `${title}: regwatch`, body });
}

/** A 404 or other short answer as a page. */
export function renderMessage(title: string, message: string): string {
  return renderPage({
    title,
    body: `<nav><a href="/">All watches</a></nav><h1>${h(title)}</h1><p>${h(message)}</p>`,
  });
}
