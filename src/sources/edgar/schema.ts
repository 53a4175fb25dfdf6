/**
 * zod schemas of every JSON response EDGAR gives regwatch. Unknown keys are ignored (EDGAR
 * adds fields); the keys regwatch reads are required, so a changed shape fails loudly.
 */
import { z } from 'zod';

const stringOrEmpty = z
  .string()
  .nullable()
  .transform((s) => s ?? '');

/**
 * The parallel arrays of `filings.recent`, and the whole body of an overflow page
 * (`CIK##########-submissions-001.json`). `fileNumber`, `primaryDocument` and `size` are
 * absent from some very old pages: they default to empty.
 */
export const SubmissionsRecent = z
  .object({
    accessionNumber: z.array(z.string()),
    filingDate: z.array(z.string()),
    acceptanceDateTime: z.array(stringOrEmpty),
    form: z.array(z.string()),
    fileNumber: z.array(stringOrEmpty).optional(),
    primaryDocument: z.array(stringOrEmpty).optional(),
    size: z.array(z.number().nullable()).optional(),
  })
  .superRefine((r, ctx) => {
    const n = r.accessionNumber.length;
    for (const key of [
      'filingDate',
      'acceptanceDateTime',
      'form',
      'fileNumber',
      'primaryDocument',
      'size',
    ] as const) {
      const arr = r[key];
      if (arr !== undefined && arr.length !== n) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${arr.length} entries where accessionNumber has ${n}`,
        });
      }
    }
  });
export type SubmissionsRecent = z.infer<typeof SubmissionsRecent>;

/** One overflow page named in `filings.files`. The name is checked so it cannot steer a URL elsewhere. */
export const SubmissionsFileRef = z.object({
  name: z.string().regex(/^CIK\d{10}-submissions-\d{3}\.json$/, {
    message: 'expected CIK##########-submissions-NNN.json',
  }),
  filingCount: z.number().optional(),
  filingFrom: z.string().optional(),
  filingTo: z.string().optional(),
});
export type SubmissionsFileRef = z.infer<typeof SubmissionsFileRef>;

/** `https://data.sec.gov/submissions/CIK##########.json`. `cik` is a string, unpadded for some companies. */
export const SubmissionsResponse = z.object({
  cik: z.union([z.string().regex(/^\d{1,10}$/), z.number().int().nonnegative()]),
  name: z.string(),
  tickers: z.array(z.string()).default([]),
  sic: z.string().nullable().optional(),
  formerNames: z.array(z.object({ name: z.string() })).default([]),
  filings: z.object({
    recent: SubmissionsRecent,
    files: z.array(SubmissionsFileRef).default([]),
  }),
});
export type SubmissionsResponse = z.infer<typeof SubmissionsResponse>;

/** `https://www.sec.gov/files/company_tickers.json`: `{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."}, ...}`. */
export const CompanyTickersResponse = z.record(
  z.string(),
  z.object({
    cik_str: z.number().int().nonnegative(),
    ticker: z.string().min(1),
    title: z.string(),
  }),
);
export type CompanyTickersResponse = z.infer<typeof CompanyTickersResponse>;

/** The filing folder listing `Archives/edgar/data/{cik}/{acc}/index.json`. `size` is "" for generated files. */
export const FolderIndexResponse = z.object({
  directory: z.object({
    name: z.string().optional(),
    item: z.array(
      z.object({
        name: z.string().min(1),
        type: z.string().optional(),
        size: z.union([z.string(), z.number()]).optional(),
        'last-modified': z.string().optional(),
      }),
    ),
  }),
});
export type FolderIndexResponse = z.infer<typeof FolderIndexResponse>;
