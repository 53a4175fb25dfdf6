import cron from 'node-cron';
import { z } from 'zod';

/** A cron expression node-cron accepts (5 or 6 fields). */
const CronExpr = z.string().refine((s) => cron.validate(s), { message: 'expected a cron expression such as "*/10 6-20 * * 1-5"' });

/** 10-digit zero-padded CIK, as EDGAR's submissions API wants it; shorter numbers are padded. */
const Cik = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .refine((s) => /^\d{1,10}$/.test(s), { message: 'expected a CIK of 1 to 10 digits, e.g. "0001234567"' })
  .transform((s) => s.padStart(10, '0'));

const FormList = z.array(z.string().min(1)).min(1);

const SecConfig = z
  .object({
    userAgent: z
      .string()
      .refine((s) => /\S+\s+\S+@\S+\.\S+/.test(s.trim()), {
        message: 'expected "Name or Company contact@example.com" (the SEC refuses requests without a contact)',
      })
      .optional(),
    baseUrl: z.url().default('https://www.sec.gov'),
    dataUrl: z.url().default('https://data.sec.gov'),
    eftsUrl: z.url().default('https://efts.sec.gov'),
    maxRequestsPerSecond: z.number().positive().max(10, { message: 'the SEC allows at most 10 requests per second' }).default(5),
  })
  .strict();

const FederalRegisterConfig = z
  .object({
    baseUrl: z.url().default('https://www.federalregister.gov/api/v1'),
    agencies: z.array(z.string().min(1)).default(['commerce-department', 'industry-and-security-bureau']),
    types: z.array(z.enum(['RULE', 'PRORULE', 'NOTICE', 'PRESDOCU'])).default(['RULE', 'PRORULE', 'NOTICE']),
    publicInspection: z.boolean().default(true),
    keywords: z.array(z.string().min(1)).default([]),
    notify: z.array(z.string().min(1)).default(['default']),
    // The maintainers ask for at most 5 requests/second; lower it to share the limit.
    maxRequestsPerSecond: z.number().positive().max(5, { message: 'the Federal Register maintainers ask for at most 5 requests per second' }).default(5),
    // Business days before today re-polled each time (the publisher re-imports metadata through the day).
    lookbackDays: z.number().int().min(0).max(10).default(3),
  })
  .strict();

const WatchBase = {
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, { message: 'expected a short name of letters, digits, ".", "_" or "-"' }),
  forms: FormList.default(['S-1', 'S-1/A', 'F-1', 'F-1/A', '424B4', '424B1', '10-K']),
  keywords: z.array(z.string().min(1)).default([]),
  notify: z.array(z.string().min(1)).min(1).default(['default']),
};

const Watch = z
  .object({
    ...WatchBase,
    cik: Cik.optional(),
    ticker: z.string().regex(/^[A-Za-z0-9.-]{1,10}$/).transform((s) => s.toUpperCase()).optional(),
    newRegistrants: z
      .object({ forms: FormList.default(['S-1', 'F-1']), keywords: z.array(z.string().min(1)).default([]) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((w) => [w.cik, w.ticker, w.newRegistrants].filter((x) => x !== undefined).length === 1, {
    message: 'a watch needs exactly one of cik, ticker or newRegistrants',
  });

const Recipient = z
  .object({
    emails: z.array(z.email()).min(1),
    mode: z.enum(['immediate', 'digest']).default('immediate'),
    digest: z.object({ cron: CronExpr }).strict().optional(),
  })
  .strict()
  .refine((r) => r.mode !== 'digest' || r.digest !== undefined, {
    message: 'mode "digest" needs digest.cron, e.g. digest: {cron: "0 7 * * 1-5"}',
    path: ['digest'],
  });

/** The whole configuration file. Every key has a default except the SEC contact. */
export const Config = z
  .object({
    sec: SecConfig.default(SecConfig.parse({})),
    federalRegister: FederalRegisterConfig.default(FederalRegisterConfig.parse({})),
    watches: z.array(Watch).default([]),
    recipients: z.record(z.string(), Recipient).default({}),
    mail: z
      .object({ from: z.string().min(3).default('regwatch <regwatch@localhost>'), outboxDir: z.string().min(1).default('data/outbox') })
      .strict()
      .default({ from: 'regwatch <regwatch@localhost>', outboxDir: 'data/outbox' }),
    database: z.object({ path: z.string().min(1).default('data/regwatch.db') }).strict().default({ path: 'data/regwatch.db' }),
    timezone: z
      .string()
      .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', { message: 'expected an IANA time zone such as "America/New_York"' })
      .default('America/New_York'),
    schedule: z
      .object({ edgar: CronExpr.default('*/2 6-22 * * 1-5'), federalRegister: CronExpr.default('*/10 6-20 * * 1-5') })
      .strict()
      .default({ edgar: '*/2 6-22 * * 1-5', federalRegister: '*/10 6-20 * * 1-5' }),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const names = new Set(Object.keys(cfg.recipients));
    const check = (list: string[], path: (string | number)[]) =>
      list.forEach((r, i) => {
        if (!names.has(r)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown recipient group "${r}"; define it under recipients:` });
      });
    cfg.watches.forEach((w, i) => check(w.notify, ['watches', i, 'notify']));
    check(cfg.federalRegister.notify, ['federalRegister', 'notify']);
    const seen = new Set<string>();
    cfg.watches.forEach((w, i) => {
      if (seen.has(w.name)) ctx.addIssue({ code: 'custom', path: ['watches', i, 'name'], message: `duplicate watch name "${w.name}"` });
      seen.add(w.name);
    });
  });

export type Config = z.infer<typeof Config>;
export type Watch = Config['watches'][number];
