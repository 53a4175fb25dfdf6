import { z } from 'zod';

/**
 * Zod schemas for the Federal Register API's JSON (https://www.federalregister.gov/developers/documentation/api/v1).
 * Only the fields regwatch reads are declared; unknown ones are ignored, so the publisher may
 * add fields without breaking a poll. Nullable wherever the API has been seen to send null.
 */

const Text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** An agency as listed on a document. `slug` is missing for agencies the register does not index. */
export const FrAgency = z.object({
  raw_name: Text,
  name: Text,
  slug: Text,
});
export type FrAgency = z.infer<typeof FrAgency>;

/** A CFR reference; `title` arrives as a number, `part` as a string ("744"). */
export const FrCfrReference = z.object({
  title: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? null : Number(v))),
  part: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? null : String(v))),
});
export type FrCfrReference = z.infer<typeof FrCfrReference>;

/**
 * A correction link: the API lists corrections as URLs; older fixtures carry objects. Either
 * way it becomes one string that identifies the correction.
 */
const CorrectionRef = z.union([
  z.string(),
  z
    .object({
      document_number: z.string().nullish(),
      json_url: z.string().nullish(),
      html_url: z.string().nullish(),
    })
    .transform((o) => o.document_number ?? o.json_url ?? o.html_url ?? JSON.stringify(o)),
]);

/** A published document: a search result (with the `fields[]` regwatch asks for) or `/documents/{n}.json`. */
export const FrDocument = z.object({
  document_number: z.string().min(1),
  title: z.string(),
  type: z.string(),
  abstract: Text,
  action: Text,
  dates: Text,
  effective_on: Text,
  comments_close_on: Text,
  publication_date: Text,
  html_url: Text,
  pdf_url: Text,
  public_inspection_pdf_url: Text,
  body_html_url: Text,
  raw_text_url: Text,
  citation: Text,
  agencies: z
    .array(FrAgency)
    .nullish()
    .transform((v) => v ?? []),
  cfr_references: z
    .array(FrCfrReference)
    .nullish()
    .transform((v) => v ?? []),
  docket_ids: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  regulation_id_numbers: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  correction_of: z
    .union([z.string(), z.null()])
    .nullish()
    .transform((v) => v ?? null),
  corrections: z
    .array(CorrectionRef)
    .nullish()
    .transform((v) => v ?? []),
});
export type FrDocument = z.infer<typeof FrDocument>;

/**
 * One page of `/documents.json`. With zero results the body has no `results` key at all
 * (a trap the guide names): it reads as an empty list.
 */
export const FrSearchPage = z.object({
  count: z
    .number()
    .int()
    .nonnegative()
    .nullish()
    .transform((v) => v ?? 0),
  description: Text,
  total_pages: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  next_page_url: Text,
  // Items are validated one by one (parse.ts), so one malformed document does not hide a page.
  results: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
});
export type FrSearchPage = z.infer<typeof FrSearchPage>;

/** A document on public inspection (filed the day before publication, or a special filing). */
export const FrPublicInspectionDocument = z.object({
  document_number: z.string().min(1),
  title: Text,
  toc_subject: Text,
  toc_doc: Text,
  type: Text,
  filed_at: Text,
  filing_type: z
    .string()
    .nullish()
    .transform((v) => (v === 'regular' || v === 'special' ? v : null)),
  publication_date: Text,
  editorial_note: Text,
  agencies: z
    .array(FrAgency)
    .nullish()
    .transform((v) => v ?? []),
  docket_numbers: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  num_pages: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
  html_url: Text,
  pdf_url: Text,
  raw_text_url: Text,
});
export type FrPublicInspectionDocument = z.infer<typeof FrPublicInspectionDocument>;

/** `/public-inspection-documents/current.json`; `results` may be missing when nothing is on inspection. */
export const FrPublicInspectionList = z.object({
  count: z
    .number()
    .int()
    .nonnegative()
    .nullish()
    .transform((v) => v ?? 0),
  regular_filings_updated_at: Text,
  special_filings_updated_at: Text,
  results: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
});
export type FrPublicInspectionList = z.infer<typeof FrPublicInspectionList>;
