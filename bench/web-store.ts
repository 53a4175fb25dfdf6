// A generated store for bench:web: a year of data for 100 watches, written through the
// store's own functions (the rows the pipeline writes) with real diffs of generated sections.
import { createHash } from 'node:crypto';
import type { NewAlert } from '../src/alerts/types.js';
import { Config } from '../src/config/schema.js';
import { diffSections } from '../src/diff/diff-sections.js';
import type { ExtractionResult, RiskFactor } from '../src/extract/types.js';
import { insertAlert } from '../src/store/alerts.js';
import { insertDiff } from '../src/store/diffs.js';
import {
  insertDiscoveredFiling,
  linkFilingWatch,
  markFilingProcessed,
} from '../src/store/filings.js';
import { saveFrDocument } from '../src/store/fr.js';
import type { Db } from '../src/store/open-database.js';
import { insertSection } from '../src/store/sections.js';
import { syncWatches } from '../src/store/watches.js';

export const WATCHES = 100;
/** Per watch and year: an offering (S-1, three S-1/As, the 424B4) and two 10-Ks (last year's and this year's). */
const OFFERING = ['S-1', 'S-1/A', 'S-1/A', 'S-1/A', '424B4'];
const FACTORS = 60;
/** Commerce and BIS put about six documents a business day in the Federal Register. */
const FR_DOCUMENTS = 1500;

const WORDS =
  'the company may could our results revenue customers export control license foundry supply chain China tariffs competition regulation capital market price volatility shares dilution litigation cybersecurity personnel'.split(
    ' ',
  );

/** Deterministic pseudo-random numbers (a generated store is the same every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  return `${out.join(' ')}.`;
}

function factor(heading: string, text: string, category: string): RiskFactor {
  return {
    id: createHash('sha1').update(heading).digest('hex').slice(0, 12),
    heading,
    text,
    category,
    wordCount: text.split(' ').length,
  };
}

function firstSection(r: () => number, watch: number): RiskFactor[] {
  return Array.from({ length: FACTORS }, (_, i) =>
    factor(
      `Risk ${watch}-${i}: ${sentence(r, 8)}`,
      Array.from({ length: 6 }, () => sentence(r, 25)).join(' '),
      `Category ${i % 5}`,
    ),
  );
}

/** The edits an amendment makes: two factors added, one removed, a few sentences reworded. */
function amend(r: () => number, list: RiskFactor[], step: number): RiskFactor[] {
  const out = list.map((f) => ({ ...f }));
  for (let k = 0; k < 4; k++) {
    const f = out[Math.floor(r() * out.length)]!;
    f.text = f.text.replace(/\b(may|our)\b/, k % 2 ? 'could' : 'the') + ` ${sentence(r, 12)}`;
  }
  out.splice(Math.floor(r() * out.length), 1);
  for (let k = 0; k < 2; k++)
    out.splice(
      Math.floor(r() * out.length),
      0,
      factor(
        `New risk ${step}-${k}: ${sentence(r, 8)}`,
        Array.from({ length: 5 }, () => sentence(r, 25)).join(' '),
        'Category 0',
      ),
    );
  return out;
}

function extraction(form: string, factors: RiskFactor[]): ExtractionResult {
  const wordCount = factors.reduce((n, f) => n + f.wordCount, 0);
  return {
    form,
    found: true,
    reason: null,
    section: { heading: 'Risk Factors', wordCount, firstWords: '', lastWords: '' },
    categories: [...new Set(factors.map((f) => f.category!))],
    riskFactors: factors,
    preamble: '',
    summary: null,
    categoryIntros: [],
    warnings: [],
    confidence: { level: 'high', reasons: [] },
  };
}

export const BENCH_CONFIG = Config.parse({
  sec: { userAgent: 'Bench bench@example.com' },
  recipients: {
    investors: { emails: ['pm@example.com'] },
    analysts: { emails: ['a@example.com', 'b@example.com'] },
  },
  federalRegister: { notify: ['analysts'] },
  watches: Array.from({ length: WATCHES }, (_, i) => ({
    name: `watch-${String(i).padStart(3, '0')}`,
    cik: String(1_000_000 + i),
    notify: [i % 2 ? 'investors' : 'analysts'],
  })),
});

const day = (start: Date, days: number) => new Date(start.getTime() + days * 86_400_000);

/** Writes one watch's year: its offering and two 10-Ks, each later version diffed against the one before, each with its alert. */
function writeWatch(db: Db, i: number, start: Date): void {
  const r = rng(i + 1);
  const name = BENCH_CONFIG.watches[i]!.name;
  const cik = String(1_000_000 + i).padStart(10, '0');
  const company = `Company ${i} Inc`;
  const lineages = [
    OFFERING.map((form, k) => ({ form, at: 20 + i + k * 30, fileNumber: `333-${200000 + i}` })),
    ['10-K', '10-K'].map((form, k) => ({ form, at: k * 360, fileNumber: `001-${30000 + i}` })),
  ];
  let seq = 0;
  for (const versions of lineages) {
    let prev: { sectionId: number; factors: RiskFactor[]; form: string; date: string } | null =
      null;
    for (const v of versions) {
      const now = day(start, Math.min(v.at, 364));
      const date = now.toISOString().slice(0, 10);
      const accession = `${cik}-26-${String(++seq).padStart(6, '0')}`;
      const url = `https://www.sec.gov/Archives/edgar/data/${Number(cik)}/${accession.replace(/-/g, '')}/`;
      db.transaction(() => {
        const { id } = insertDiscoveredFiling(
          db,
          {
            accession,
            cik,
            companyName: company,
            form: v.form,
            fileNumber: v.fileNumber,
            filingDate: date,
            acceptedAt: now.toISOString(),
            primaryDocument: 'doc.htm',
            sourceUrl: url,
            discoveredVia: 'atom',
            history: false,
          },
          now,
        );
        linkFilingWatch(db, id, name, 'cik');
        markFilingProcessed(
          db,
          id,
          {
            fileNumber: v.fileNumber,
            primaryDocument: 'doc.htm',
            companyName: company,
            acceptedAt: now.toISOString(),
          },
          now,
        );
        const factors = prev ? amend(r, prev.factors, seq) : firstSection(r, i);
        const sectionId = insertSection(db, id, extraction(v.form, factors), 'bench', now);
        const facts = {
          cik,
          company,
          form: v.form,
          accession,
          fileNumber: v.fileNumber,
          filingDate: date,
          url,
          documentUrl: null,
        };
        let alert: NewAlert;
        if (prev) {
          const diff = diffSections({ riskFactors: prev.factors }, { riskFactors: factors });
          const diffId = insertDiff(db, prev.sectionId, sectionId, diff, now);
          const payload = {
            ...facts,
            previous: { ...facts, form: prev.form, filingDate: prev.date },
            summary: diff.summary,
            similarity: diff.similarity,
            keywordHits: [],
          };
          alert = {
            dedupeKey: `diff:${accession}`,
            kind: 'filing-diff',
            source: 'edgar',
            title: `${company} ${v.form}: ${diff.summary.added} added, ${diff.summary.modified} reworded`,
            payload,
            threadKey: v.fileNumber,
            filingId: id,
            diffId,
            watches: [{ name, reason: 'cik' }],
            recipientGroups: BENCH_CONFIG.watches[i]!.notify,
          };
        } else {
          const payload = {
            ...facts,
            riskFactorCount: factors.length,
            categories: [],
            sectionWords: 0,
            keywordHits: [],
            warnings: [],
          };
          alert = {
            dedupeKey: `new:${accession}`,
            kind: 'filing-new',
            source: 'edgar',
            title: `${company} filed ${v.form}: ${factors.length} risk factors`,
            payload,
            threadKey: v.fileNumber,
            filingId: id,
            watches: [{ name, reason: 'cik' }],
            recipientGroups: BENCH_CONFIG.watches[i]!.notify,
          };
        }
        insertAlert(db, alert, BENCH_CONFIG.recipients, now);
        prev = { sectionId, factors, form: v.form, date };
      })();
    }
  }
}

function writeFrDocuments(db: Db, start: Date): void {
  const r = rng(999);
  db.transaction(() => {
    for (let k = 0; k < FR_DOCUMENTS; k++) {
      const now = day(start, Math.floor((k / FR_DOCUMENTS) * 365));
      const number = `2026-${String(10000 + k)}`;
      const named = k % 10 === 0 ? [BENCH_CONFIG.watches[k % WATCHES]!.name] : [];
      const reasons = [
        { tag: k % 3 ? 'export-control' : 'entity-list', sentence: sentence(r, 20) },
      ];
      const title = `Additions to the Entity List: ${sentence(r, 6)}`;
      saveFrDocument(
        db,
        {
          documentNumber: number,
          normalizedNumber: number,
          publishedNumber: number,
          status: 'published',
          type: 'Rule',
          title,
          agencies: ['industry-and-security-bureau'],
          abstract: sentence(r, 40),
          publicationDate: now.toISOString().slice(0, 10),
          effectiveOn: null,
          htmlUrl: `https://www.federalregister.gov/d/${number}`,
          pdfUrl: null,
          filedAt: null,
          filingType: null,
          tags: [reasons[0]!.tag],
          reasons,
          matchedWatches: named,
          fullText: Array.from({ length: 30 }, () => sentence(r, 25)).join(' '),
        },
        now,
      );
      const payload = {
        documentNumber: number,
        title,
        type: 'Rule',
        agencies: ['industry-and-security-bureau'],
        abstract: null,
        publicationDate: now.toISOString().slice(0, 10),
        effectiveOn: null,
        htmlUrl: `https://www.federalregister.gov/d/${number}`,
        pdfUrl: null,
        reasons,
        watches: named,
      };
      const watches = [
        { name: '@federal-register', reason: reasons[0]!.tag },
        ...named.map((w) => ({ name: w, reason: 'names the company' })),
      ];
      insertAlert(
        db,
        {
          dedupeKey: `fr:${number}`,
          kind: 'fr-document',
          source: 'federal-register',
          title,
          payload,
          threadKey: number,
          frDocument: number,
          watches,
          recipientGroups: ['analysts'],
        },
        BENCH_CONFIG.recipients,
        now,
      );
    }
  })();
}

/** Fills an empty, migrated store with the year. */
export function generateStore(db: Db, start = new Date('2026-01-02T15:00:00Z')): void {
  syncWatches(db, BENCH_CONFIG.watches, start);
  for (let i = 0; i < WATCHES; i++) writeWatch(db, i, start);
  writeFrDocuments(db, start);
}
