import type { FilingDiffPayload, KeywordHitFact } from '../../alerts/types.js';
import { collapseEqual, type DisplayOp } from '../../diff/collapse.js';
import { rankChanges } from '../../diff/materiality.js';
import { topicLabel } from '../../alerts/topic-vocabulary.js';
import { topicsOfChange } from '../../diff/topics.js';
import type { Change, FigureChange, MaterialityClass } from '../../diff/types.js';
import type { StoredDiff } from '../../store/outbox.js';
import { esc, SANS } from './html.js';
import { materialityOf, materialityPhrase } from './materiality-phrase.js';

/** A change as a reader is shown it: its class, why, its topics and the watched phrases in it (each once). */
export interface ReaderChange {
  change: Change;
  class: MaterialityClass;
  reason: string;
  figures: FigureChange[];
  topics: string[];
  phrases: { phrase: string; sentence: string | null }[];
}

/** The changes of a stored diff by materiality, each group in the order a reader wants. Pure. */
export interface ReaderChanges {
  substantive: ReaderChange[];
  figures: ReaderChange[];
  editorial: ReaderChange[];
}

const INS = 'color:#116329;background-color:#dafbe1;text-decoration:underline;';
const DEL = 'color:#a40e26;background-color:#ffebe9;text-decoration:line-through;';
const FONT =
  "font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:1.5;color:#1f2328;";

/** The heading a change is known by (new wording when it has one). */
export function headingOfChange(c: Change): string {
  if (c.kind === 'added' || c.kind === 'moved' || c.kind === 'modified') return c.new.heading;
  if (c.kind === 'removed') return c.old.heading;
  return c.kind === 'preamble'
    ? 'Introduction of the Risk Factors section'
    : `Introduction of "${c.category}"`;
}

/** Stored factor changes and section-text changes together, as changes (section text first). */
export function allChanges(stored: StoredDiff): Change[] {
  const text: Change[] = stored.sectionChanges.map((s) =>
    s.kind === 'preamble'
      ? {
          kind: 'preamble',
          wordsAdded: s.wordsAdded,
          wordsRemoved: s.wordsRemoved,
          redline: s.redline,
          materiality: s.materiality,
          topics: s.topics,
        }
      : {
          kind: 'category-intro',
          category: s.category ?? '',
          wordsAdded: s.wordsAdded,
          wordsRemoved: s.wordsRemoved,
          redline: s.redline,
          materiality: s.materiality,
          topics: s.topics,
        },
  );
  return [...text, ...stored.diff.changes];
}

/** Watched phrases of one change: each phrase once, its sentence only when it is not the heading itself. */
function phrasesOf(c: Change, hits: KeywordHitFact[]): ReaderChange['phrases'] {
  const headings = new Set([headingOfChange(c), 'old' in c ? c.old.heading : '']);
  const out = new Map<string, string | null>();
  for (const h of hits) {
    if (h.kind === 'present' || !headings.has(h.heading)) continue;
    const key = h.keyword.toLowerCase();
    const sentence =
      h.sentence && h.sentence.trim() !== h.heading.trim() ? h.sentence.trim() : null;
    if (!out.has(key)) out.set(key, sentence);
    else if (!out.get(key) && sentence) out.set(key, sentence);
  }
  // A sentence holding two phrases is shown once, with the first.
  const shown = new Set<string>();
  return [...out].map(([phrase, sentence]) => {
    const s = sentence && !shown.has(sentence) ? sentence : null;
    if (s) shown.add(s);
    return { phrase: hits.find((h) => h.keyword.toLowerCase() === phrase)!.keyword, sentence: s };
  });
}

/** Groups a stored diff's changes for a reader: substantive (asked-for first, then larger), figures, editorial. */
export function readerChanges(
  stored: StoredDiff,
  hits: KeywordHitFact[],
  topics: Set<string> = new Set(),
): ReaderChanges {
  const watchedHeadings = new Set(hits.filter((h) => h.kind !== 'present').map((h) => h.heading));
  const ranked = rankChanges(allChanges(stored), { watchedHeadings, topics });
  const out: ReaderChanges = { substantive: [], figures: [], editorial: [] };
  for (const c of ranked) {
    const m = materialityOf(c);
    // Rows stored before materiality existed are classified and tagged here, the same way.
    const topics = c.topics ?? topicsOfChange({ ...c, materiality: m });
    out[m.class].push({
      change: c,
      class: m.class,
      reason: m.reason,
      figures: m.figures,
      topics,
      phrases: phrasesOf(c, hits),
    });
  }
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A diff's headline, as the subject and the digest give it: "Example Corp S-1/A: 1 substantive change". */
export function diffHeadline(
  p: Pick<FilingDiffPayload, 'company' | 'form'>,
  r: ReaderChanges,
): string {
  return `${p.company} ${p.form}: ${materialityPhrase([...r.substantive, ...r.figures, ...r.editorial])}`;
}

/** What kind of change it is, in a reader's words. */
function kindWords(c: Change): string {
  switch (c.kind) {
    case 'added':
      return 'New risk factor';
    case 'removed':
      return 'Risk factor removed';
    case 'moved':
      return 'Moved';
    case 'modified':
      return c.headingChanged ? 'Reworded (heading and text)' : 'Reworded';
    default:
      return 'Section text changed';
  }
}

function opsHtml(ops: DisplayOp[]): string {
  return ops
    .map((o) =>
      o.op === 'skip'
        ? `<span style="color:#57606a;font-style:italic;">[&hellip; ${o.words} unchanged words &hellip;]</span>`
        : o.op === 'insert'
          ? `<span style="${INS}">${esc(o.text)}</span>`
          : o.op === 'delete'
            ? `<span style="${DEL}">${esc(o.text)}</span>`
            : esc(o.text),
    )
    .join(' ');
}

function opsText(ops: DisplayOp[]): string {
  return ops
    .map((o) =>
      o.op === 'skip'
        ? `[… ${o.words} unchanged words …]`
        : o.op === 'insert'
          ? `{+${o.text}+}`
          : o.op === 'delete'
            ? `[-${o.text}-]`
            : o.text,
    )
    .join(' ');
}

function headingHtml(c: Change): string {
  if (c.kind === 'modified' && c.headingChanged) return opsHtml(c.headingRedline);
  if (c.kind === 'added') return `<span style="${INS}">${esc(c.new.heading)}</span>`;
  if (c.kind === 'removed') return `<span style="${DEL}">${esc(c.old.heading)}</span>`;
  return esc(headingOfChange(c));
}

function headingText(c: Change): string {
  if (c.kind === 'modified' && c.headingChanged) return opsText(c.headingRedline);
  return headingOfChange(c);
}

function bodyHtml(c: Change): string {
  if (c.kind === 'added')
    return c.text
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => `<p style="margin:0 0 10px 0;"><span style="${INS}">${esc(p.trim())}</span></p>`)
      .join('');
  if (c.kind === 'removed')
    return c.text
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => `<p style="margin:0 0 10px 0;"><span style="${DEL}">${esc(p.trim())}</span></p>`)
      .join('');
  if (c.kind === 'moved') return '';
  return `<p style="margin:0 0 10px 0;">${opsHtml(collapseEqual(c.redline))}</p>`;
}

function bodyText(c: Change): string {
  if (c.kind === 'added' || c.kind === 'removed') return c.text.trim();
  if (c.kind === 'moved') return '';
  return opsText(collapseEqual(c.redline));
}

/** Why it matters and what it is about; a new or removed factor says so in its kind already. */
function aboutLine(r: ReaderChange): string {
  const parts =
    r.change.kind === 'added' || r.change.kind === 'removed'
      ? []
      : [r.reason.charAt(0).toUpperCase() + r.reason.slice(1)];
  if (r.topics.length) parts.push(`Topics: ${r.topics.map(topicLabel).join(', ')}`);
  return parts.join(' · ');
}

/** One substantive change in HTML: what it is, why it matters, its phrases, its redline. */
export function substantiveHtml(r: ReaderChange): string {
  const about = aboutLine(r);
  const phrases = r.phrases.length
    ? `<div style="${SANS}font-size:13px;background-color:#fff8c5;padding:6px 8px;margin:6px 0;"><strong>Watched ${r.phrases.length === 1 ? 'phrase' : 'phrases'}:</strong> ${r.phrases
        .map(
          (p) =>
            `&ldquo;${esc(p.phrase)}&rdquo;${p.sentence ? ` (&ldquo;${esc(p.sentence)}&rdquo;)` : ''}`,
        )
        .join('; ')}</div>`
    : '';
  return `<tr><td style="padding:14px 16px;border-top:1px solid #d0d7de;${FONT}"><div style="${SANS}font-size:12px;color:#57606a;"><strong style="color:#1f2328;">${esc(kindWords(r.change))}</strong>${about ? ` &middot; ${esc(about)}` : ''}</div>
<p style="margin:8px 0;font-weight:bold;">${headingHtml(r.change)}</p>${phrases}${bodyHtml(r.change)}</td></tr>`;
}

export function substantiveText(r: ReaderChange): string {
  const about = aboutLine(r);
  const lines = [
    `* ${kindWords(r.change)}: ${headingText(r.change)}`,
    ...(about ? [`  ${about}`] : []),
  ];
  for (const p of r.phrases)
    lines.push(`  Watched phrase "${p.phrase}"${p.sentence ? `: ${p.sentence}` : ''}`);
  const body = bodyText(r.change);
  if (body) lines.push('', body);
  return lines.join('\n');
}

/** Figures as a table: the risk factor, old -> new, and the sentence. */
export function figuresHtml(list: ReaderChange[]): string {
  const rows = list.flatMap((r) =>
    (r.figures.length ? r.figures : [{ old: '', new: '', sentence: r.reason }]).map(
      (
        f,
      ) => `<tr><td style="${SANS}font-size:13px;padding:6px 8px;border-top:1px solid #d0d7de;vertical-align:top;">${esc(headingOfChange(r.change))}</td>
<td style="${SANS}font-size:13px;padding:6px 8px;border-top:1px solid #d0d7de;vertical-align:top;white-space:nowrap;"><span style="${DEL}">${esc(f.old)}</span> &rarr; <span style="${INS}">${esc(f.new)}</span></td>
<td style="${FONT}font-size:13px;padding:6px 8px;border-top:1px solid #d0d7de;vertical-align:top;">${esc(f.sentence)}</td></tr>`,
    ),
  );
  return `<tr><td style="padding:14px 16px;border-top:1px solid #d0d7de;"><div style="${SANS}font-size:14px;font-weight:bold;margin-bottom:6px;">Figures updated</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><th align="left" style="${SANS}font-size:12px;color:#57606a;padding:4px 8px;">Risk factor</th><th align="left" style="${SANS}font-size:12px;color:#57606a;padding:4px 8px;">Old &rarr; new</th><th align="left" style="${SANS}font-size:12px;color:#57606a;padding:4px 8px;">Sentence</th></tr>
${rows.join('\n')}</table></td></tr>`;
}

export function figuresText(list: ReaderChange[]): string {
  const lines = ['Figures updated (old -> new):'];
  for (const r of list) {
    for (const f of r.figures)
      lines.push(`* ${f.old || '(none)'} -> ${f.new || '(none)'}: ${f.sentence}`);
  }
  return lines.join('\n');
}

/** Editorial changes: one line with a count, the redline in the attached full report. */
export function editorialLine(list: ReaderChange[], attachment: string | null): string {
  if (list.length === 0) return '';
  const n = plural(list.length, 'editorial change', 'editorial changes');
  return `${n} (wording, punctuation or order; no new information)${attachment ? `: their redline is in the full report attached (${attachment})` : ''}.`;
}
