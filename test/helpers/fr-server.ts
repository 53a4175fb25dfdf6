import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer, type LocalServer } from './http-server.js';
import { pollWindow } from '../../src/sources/federal-register/parse.js';

/**
 * A local stand-in for the Federal Register API, speaking its formats (modelled on the real
 * responses in ../shared/corpus/federal-register): `documents.json` search pages filtered by
 * publication date, agency slugs and type codes, with `next_page_url` carrying a
 * `search_after_cursor` (or, in legacy mode, plain page numbers that reset past page 50, as
 * the API does); zero results without a `results` key; single documents; the public
 * inspection list; full-text HTML and text pages; and scripted faults.
 */

/** A document as the API returns it (display-name `type`, agencies with slugs, URLs on this server). */
export type FrJson = Record<string, unknown> & {
  document_number: string;
  publication_date?: string | null;
  type?: string | null;
};

/** A scripted answer to the next matching request instead of the normal one. */
export interface Fault {
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Wait before answering (a slow server; the client's timeout should fire). */
  delayMs?: number;
}

export interface FakeFederalRegister {
  /** `federalRegister.baseUrl` for the config: `http://127.0.0.1:<port>/api/v1`. */
  apiBase: string;
  origin: string;
  requests: LocalServer['requests'];
  /** Published documents, by document number (searchable unless listed in `hiddenFromSearch`). */
  documents: Map<string, FrJson>;
  /** Numbers the search does not return (still served by `/documents/{n}.json`). */
  hiddenFromSearch: Set<string>;
  /** The public-inspection list; empty: served without a `results` key. */
  publicInspection: FrJson[];
  /** Full-text pages by path (`/documents/full_text/html/...`). */
  pages: Map<string, { body: string; contentType: string }>;
  /** Results per page the server uses whatever `per_page` asks (to force paging in tests). */
  pageSize: number | null;
  /** true: `next_page_url` carries page numbers only, and a page above 50 silently serves page 1. */
  legacyPaging: boolean;
  /** Queues faults for requests whose path starts with `pathPrefix` (consumed in order). */
  fault(pathPrefix: string, ...faults: Fault[]): void;
  /** Faults queued but never answered (`prefix status`): a test expecting more tries than were made. */
  pendingFaults(): string[];
  /** Paths of requests made, without the query. */
  paths(): string[];
  close(): Promise<void>;
}

const TYPE_CODES: Record<string, string> = {
  RULE: 'Rule',
  PRORULE: 'Proposed Rule',
  NOTICE: 'Notice',
  PRESDOCU: 'Presidential Document',
};

export const AGENCIES = {
  commerce: {
    raw_name: 'DEPARTMENT OF COMMERCE',
    name: 'Commerce Department',
    id: 54,
    url: 'https://www.federalregister.gov/agencies/commerce-department',
    json_url: 'https://www.federalregister.gov/api/v1/agencies/54',
    parent_id: null,
    slug: 'commerce-department',
  },
  bis: {
    raw_name: 'Bureau of Industry and Security',
    name: 'Industry and Security Bureau',
    id: 241,
    url: 'https://www.federalregister.gov/agencies/industry-and-security-bureau',
    json_url: 'https://www.federalregister.gov/api/v1/agencies/241',
    parent_id: 54,
    slug: 'industry-and-security-bureau',
  },
  ita: {
    raw_name: 'International Trade Administration',
    name: 'International Trade Administration',
    id: 261,
    url: 'https://www.federalregister.gov/agencies/international-trade-administration',
    json_url: 'https://www.federalregister.gov/api/v1/agencies/261',
    parent_id: 54,
    slug: 'international-trade-administration',
  },
  epa: {
    raw_name: 'ENVIRONMENTAL PROTECTION AGENCY',
    name: 'Environmental Protection Agency',
    id: 145,
    url: 'https://www.federalregister.gov/agencies/environmental-protection-agency',
    json_url: 'https://www.federalregister.gov/api/v1/agencies/145',
    parent_id: null,
    slug: 'environmental-protection-agency',
  },
};

function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'application/json; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body);
}

function slugs(doc: FrJson): string[] {
  return ((doc.agencies as { slug?: string | null }[] | undefined) ?? [])
    .map((a) => a.slug ?? '')
    .filter(Boolean);
}

export async function startFakeFederalRegister(): Promise<FakeFederalRegister> {
  const faults: { prefix: string; fault: Fault }[] = [];
  let origin = '';
  const state = {
    documents: new Map<string, FrJson>(),
    hiddenFromSearch: new Set<string>(),
    publicInspection: [] as FrJson[],
    pages: new Map<string, { body: string; contentType: string }>(),
    pageSize: null as number | null,
    legacyPaging: false,
  };

  function search(u: URL, res: ServerResponse): void {
    const q = u.searchParams;
    const date = q.get('conditions[publication_date][is]');
    const agencies = q.getAll('conditions[agencies][]');
    const types = q.getAll('conditions[type][]').map((t) => TYPE_CODES[t] ?? `unknown code ${t}`);
    const matching = [...state.documents.values()]
      .filter((d) => !state.hiddenFromSearch.has(d.document_number))
      .filter((d) => date === null || d.publication_date === date)
      .filter((d) => agencies.length === 0 || slugs(d).some((s) => agencies.includes(s)))
      .filter(
        (d) => types.length === 0 || types.includes(String(d.type)) || d.type === 'Correction',
      )
      .sort((a, b) => a.document_number.localeCompare(b.document_number, 'en', { numeric: true }));
    const perPage = state.pageSize ?? Number(q.get('per_page') ?? 20);
    const totalPages = Math.min(50, Math.ceil(matching.length / perPage));
    const description = `Documents published on ${date ?? 'any date'}`;
    if (matching.length === 0)
      return send(res, 200, JSON.stringify({ count: 0, description, total_pages: 0 }));
    let start: number;
    let page = Number(q.get('page') ?? 1);
    const cursor = q.get('search_after_cursor');
    if (!state.legacyPaging && cursor) {
      const after = (
        JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string]
      )[1];
      start = matching.findIndex((d) => d.document_number === after) + 1;
    } else {
      if (page > 50) page = 1; // the API's silent reset
      start = (page - 1) * perPage;
    }
    const results = matching.slice(start, start + perPage);
    const more = start + perPage < matching.length;
    let next: string | null = null;
    if (more) {
      // As the API does: the next link drops `.json`, adds format=json, and (newer) a cursor.
      const n = new URL(`${origin}/api/v1/documents`);
      for (const [k, v] of q)
        if (k !== 'page' && k !== 'search_after_cursor') n.searchParams.append(k, v);
      n.searchParams.set('format', 'json');
      n.searchParams.set('page', String(page + 1));
      if (!state.legacyPaging)
        n.searchParams.set(
          'search_after_cursor',
          Buffer.from(JSON.stringify([1733400000000, results.at(-1)!.document_number])).toString(
            'base64url',
          ),
        );
      next = n.toString();
    }
    send(
      res,
      200,
      JSON.stringify({
        description,
        count: matching.length,
        total_pages: totalPages,
        next_page_url: next,
        results,
      }),
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const u = new URL(req.url ?? '/', origin);
    const i = faults.findIndex((f) => u.pathname.startsWith(f.prefix));
    if (i !== -1) {
      const { fault } = faults.splice(i, 1)[0]!;
      const answer = () =>
        send(
          res,
          fault.status ?? 200,
          fault.body ?? '',
          fault.contentType ?? 'application/json',
          fault.headers,
        );
      if (fault.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
      return;
    }
    const path = u.pathname;
    if (
      path === '/api/v1/documents.json' ||
      (path === '/api/v1/documents' && u.searchParams.get('format') === 'json')
    )
      return search(u, res);
    const single = /^\/api\/v1\/documents\/([^/]+)\.json$/.exec(path);
    if (single) {
      const doc = state.documents.get(decodeURIComponent(single[1]!));
      if (!doc)
        return send(
          res,
          404,
          JSON.stringify({ status: 404, message: `Document number ${single[1]} not found` }),
        );
      return send(res, 200, JSON.stringify(doc));
    }
    if (path === '/api/v1/public-inspection-documents/current.json') {
      const list = state.publicInspection;
      const body = list.length
        ? {
            count: list.length,
            regular_filings_updated_at: '2024-12-05T08:45:00.000-05:00',
            special_filings_updated_at: '2024-12-05T16:15:00.000-05:00',
            results: list,
          }
        : {
            count: 0,
            regular_filings_updated_at: '2024-12-05T08:45:00.000-05:00',
            special_filings_updated_at: null,
          };
      return send(res, 200, JSON.stringify(body));
    }
    const page = state.pages.get(path);
    if (page) return send(res, 200, page.body, page.contentType);
    send(res, 404, '<html><body><h1>404 Not Found</h1></body></html>', 'text/html');
  }

  const server = await startServer(handle);
  origin = server.url;
  return {
    apiBase: `${origin}/api/v1`,
    origin,
    requests: server.requests,
    ...state,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(v) {
      state.pageSize = v;
    },
    get legacyPaging() {
      return state.legacyPaging;
    },
    set legacyPaging(v) {
      state.legacyPaging = v;
    },
    get publicInspection() {
      return state.publicInspection;
    },
    set publicInspection(v) {
      state.publicInspection = v;
    },
    fault: (prefix, ...list) => {
      for (const fault of list) faults.push({ prefix, fault });
    },
    pendingFaults: () => faults.map((f) => `${f.prefix} ${f.fault.status ?? 200}`),
    paths: () => server.requests.map((r) => r.url.split('?')[0]!),
    close: () => server.close(),
  };
}

/** A published document on the fake server, with its full-text page registered. */
/** The newest date the Register can have published on at `now`: today on a business day, else the last one. */
export function latestPublicationDate(now: Date): string {
  return pollWindow(now, 1)[0]!;
}

export function publishDocument(
  fr: FakeFederalRegister,
  doc: Partial<FrJson> & { document_number: string; publication_date: string; title: string },
  body?: string,
): FrJson {
  const n = doc.document_number;
  const [y, m, d] = doc.publication_date.split('-');
  const htmlPath = `/documents/full_text/html/${y}/${m}/${d}/${n}.html`;
  const full: FrJson = {
    type: 'Rule',
    abstract: null,
    action: 'Final rule.',
    dates: null,
    effective_on: null,
    comments_close_on: null,
    html_url: `${fr.origin}/documents/${y}/${m}/${d}/${n}/document`,
    pdf_url: `https://www.govinfo.gov/content/pkg/FR-${doc.publication_date}/pdf/${n}.pdf`,
    public_inspection_pdf_url: `https://public-inspection.federalregister.gov/${n}.pdf?1733300000`,
    body_html_url: `${fr.origin}${htmlPath}`,
    raw_text_url: `${fr.origin}/documents/full_text/text/${y}/${m}/${d}/${n}.txt`,
    citation: '89 FR 96790',
    agencies: [AGENCIES.commerce, AGENCIES.bis],
    cfr_references: [],
    docket_ids: [],
    regulation_id_numbers: [],
    correction_of: null,
    corrections: [],
    ...doc,
  };
  fr.documents.set(n, full);
  fr.pages.set(htmlPath, {
    body:
      body ??
      `<div id="fulltext_content_area"><h1>${doc.title}</h1><p>${doc.abstract ?? 'No summary.'}</p></div>`,
    contentType: 'text/html; charset=utf-8',
  });
  return full;
}

/** A document on public inspection (fields as `current.json` lists them), its raw text registered. */
export function fileForInspection(
  fr: FakeFederalRegister,
  doc: Partial<FrJson> & { document_number: string; publication_date: string; title: string },
  text?: string,
): FrJson {
  const n = doc.document_number;
  const textPath = `/public-inspection/raw/${n}.txt`;
  const item: FrJson = {
    type: 'Rule',
    filing_type: 'regular',
    filed_at: '2024-12-05T08:45:00.000-05:00',
    editorial_note: null,
    agencies: [AGENCIES.commerce, AGENCIES.bis],
    docket_numbers: [],
    num_pages: 4,
    html_url: `${fr.origin}/public-inspection/${n}/document`,
    pdf_url: `https://public-inspection.federalregister.gov/${n}.pdf`,
    pdf_updated_at: '2024-12-05T08:40:00.000-05:00',
    raw_text_url: `${fr.origin}${textPath}`,
    ...doc,
  };
  fr.publicInspection = [...fr.publicInspection.filter((d) => d.document_number !== n), item];
  fr.pages.set(textPath, {
    body: text ?? `${doc.title}\n\nBILLING CODE 3510-33-P`,
    contentType: 'text/plain; charset=utf-8',
  });
  return item;
}
