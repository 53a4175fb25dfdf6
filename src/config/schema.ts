import cron from 'node-cron';
import { z } from 'zod';
import { TOPIC_IDS } from '../alerts/topic-vocabulary.js';
import { KNOWN_FORMS, normalizeForm } from '../forms.js';
import {
  FEDERAL_REGISTER_MAX_REQUESTS_PER_SECOND,
  SEC_MAX_REQUESTS_PER_SECOND,
} from './rate-ceilings.js';

/** The Federal Register's document type codes (the API's `type` filter; results carry display names). */
export const FR_DOCUMENT_TYPES = ['RULE', 'PRORULE', 'NOTICE', 'PRESDOCU'] as const;
export type FrDocumentType = (typeof FR_DOCUMENT_TYPES)[number];

/** A cron expression node-cron accepts (5 or 6 fields). */
const CronExpr = z.string().refine((s) => cron.validate(s), {
  message: 'expected a cron expression such as "*/10 6-20 * * 1-5"',
});

/** 10-digit zero-padded CIK, as EDGAR's submissions API wants it; shorter numbers are padded. */
const Cik = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .refine((s) => /^\d{1,10}$/.test(s), {
    message: 'expected a CIK of 1 to 10 digits, e.g. "0001234567"',
  })
  .transform((s) => s.padStart(10, '0'));

/** A known EDGAR form, normalised (`10-k` -> `10-K`); an unknown one is refused with the list. */
const Form = z.string().transform((s, ctx) => {
  const form = normalizeForm(s);
  if (form === null) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown form "${s}"; known forms: ${KNOWN_FORMS.join(', ')}`,
    });
    return z.NEVER;
  }
  return form;
});

const FormList = z.array(Form).min(1);

/** A case-insensitive regular expression matched against filer names; it must compile. */
const NamePattern = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    try {
      new RegExp(s, 'i');
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid regular expression: ${(err as Error).message}`,
      });
    }
  });

/** "Name <address@host>" or a bare "address@host": what a mail's From: header accepts. */
const MailFrom = z
  .string()
  .refine((s) => /^(?:[^<>@]*<\s*[^\s<>@]+@[^\s<>@]+\s*>|[^\s<>@]+@[^\s<>@]+)$/.test(s.trim()), {
    message:
      'expected a mail address such as "regwatch <alerts@example.com>" or "alerts@example.com"',
  });

const SecConfig = z
  .object({
    userAgent: z
      .string()
      .refine((s) => /\S+\s+\S+@\S+\.\S+/.test(s.trim()), {
        message:
          'expected your name (or company) and e-mail address, as in "Your Name you@your-company.com" (the SEC refuses requests without a contact)',
      })
      .optional(),
    baseUrl: z.url().default('https://www.sec.gov'),
    dataUrl: z.url().default('https://data.sec.gov'),
    eftsUrl: z.url().default('https://efts.sec.gov'),
    maxRequestsPerSecond: z
      .number()
      .positive()
      .max(SEC_MAX_REQUESTS_PER_SECOND, {
        message: `the SEC allows at most ${SEC_MAX_REQUESTS_PER_SECOND} requests per second`,
      })
      .default(5),
  })
  .strict();

const FederalRegisterConfig = z
  .object({
    baseUrl: z.url().default('https://www.federalregister.gov/api/v1'),
    agencies: z
      .array(z.string().min(1))
      .default(['commerce-department', 'industry-and-security-bureau']),
    types: z.array(z.enum(FR_DOCUMENT_TYPES)).default(['RULE', 'PRORULE', 'NOTICE']),
    publicInspection: z.boolean().default(true),
    keywords: z.array(z.string().min(1)).default([]),
    notify: z.array(z.string().min(1)).default(['default']),
    // The maintainers' ceiling is the default; lower it to share the limit.
    maxRequestsPerSecond: z
      .number()
      .positive()
      .max(FEDERAL_REGISTER_MAX_REQUESTS_PER_SECOND, {
        message: `the Federal Register maintainers ask for at most ${FEDERAL_REGISTER_MAX_REQUESTS_PER_SECOND} requests per second`,
      })
      .default(FEDERAL_REGISTER_MAX_REQUESTS_PER_SECOND),
    // Business days before today re-polled each time (the publisher re-imports metadata through the day).
    lookbackDays: z.number().int().min(0).max(10).default(3),
  })
  .strict();

const WatchBase = {
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, {
    message: 'expected a short name of letters, digits, ".", "_" or "-"',
  }),
  forms: FormList.default(['S-1', 'S-1/A', 'F-1', 'F-1/A', '424B4', '424B1', '10-K']),
  keywords: z.array(z.string().min(1)).default([]),
  // Themes instead of phrase lists (src/alerts/topic-vocabulary.ts): changes touching them come first.
  topics: z
    .array(
      z.enum(TOPIC_IDS as [string, ...string[]], {
        message: `expected one of ${TOPIC_IDS.join(', ')}`,
      }),
    )
    .default([]),
  notify: z.array(z.string().min(1)).min(1).default(['default']),
};

const Watch = z
  .object({
    ...WatchBase,
    cik: Cik.optional(),
    ticker: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,10}$/, {
        message: 'expected a ticker of 1 to 10 letters, digits, "." or "-", e.g. "NVDA"',
      })
      .transform((s) => s.toUpperCase())
      .optional(),
    /** A company name (pre-IPO companies have no ticker), matched against EDGAR filer names. */
    company: z
      .string()
      .trim()
      .min(1, { message: 'expected a company name, e.g. "Acme AI"' })
      .optional(),
    newRegistrants: z
      .object({
        forms: FormList.default(['S-1', 'F-1']),
        keywords: z.array(z.string().min(1)).default([]),
        /** Case-insensitive regular expression over filer names; only matching registrants alert. */
        namePattern: NamePattern.optional(),
      })
      .strict()
      .optional(),
  })
  // "Exactly one of cik, ticker, company or newRegistrants" is a cross-key check (crossCheck), so
  // it is reported with the field problems of the same file, not in a second round.
  .strict();

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: 'expected the name of an environment variable, e.g. "SLACK_WEBHOOK_URL"',
});

/** A webhook endpoint: the URL itself, or the environment variable holding it (Slack's URLs are secrets). */
const Webhook = z
  .object({
    url: z
      .url({
        protocol: /^https?$/,
        message: 'expected an http(s) URL such as "https://hooks.example.com/regwatch"',
      })
      .optional(),
    urlEnv: EnvName.optional(),
    format: z.enum(['json', 'slack']).default('json'),
    // Signs each body: X-Regwatch-Signature: sha256=<hex HMAC> under this variable's value.
    secretEnv: EnvName.optional(),
  })
  .strict()
  .refine((w) => (w.url === undefined) !== (w.urlEnv === undefined), {
    message: 'a webhook needs exactly one of url or urlEnv',
  });

const Recipient = z
  .object({
    emails: z
      .array(z.email({ message: 'expected an email address such as pm@example.com' }))
      .default([]),
    // Webhooks get every alert of the group at once (digests are e-mail only).
    webhooks: z.array(Webhook).default([]),
    mode: z.enum(['immediate', 'digest']).default('immediate'),
    digest: z.object({ cron: CronExpr }).strict().optional(),
  })
  .strict()
  .refine((r) => r.emails.length + r.webhooks.length > 0, {
    message: 'a recipient group needs emails or webhooks',
    path: ['emails'],
  })
  .refine((r) => r.mode !== 'digest' || r.digest !== undefined, {
    message: 'mode "digest" needs digest.cron, e.g. digest: {cron: "0 7 * * 1-5"}',
    path: ['digest'],
  });

/**
 * When the sources run (cron ticks in `timezone`, six fields = with seconds). A tick runs the
 * source inside its busy hours (src/calendar/busy-hours.ts: EDGAR 06:00-22:00 ET, the Federal
 * Register around 06:00 and 08:45 ET, business days), otherwise at most every `offHoursMinutes`.
 */
const Schedule = z
  .object({
    edgar: CronExpr.default('*/20 * * * * *'),
    federalRegister: CronExpr.default('0 */2 * * * *'),
    offHoursMinutes: z.number().int().min(1).max(1440).default(10),
    // One cycle of the sources, side by side: a source still going then fails that cycle, the others go on.
    cycleDeadlineSeconds: z.number().min(5).max(3600).default(90),
  })
  .strict();

/**
 * The whole configuration file. Every key has a default except the SEC contact; each default is
 * written once, on its key (`prefault({})` runs an absent section through its keys' defaults).
 */
export const Config = z
  .object({
    sec: SecConfig.prefault({}),
    federalRegister: FederalRegisterConfig.prefault({}),
    watches: z.array(Watch).default([]),
    recipients: z.record(z.string(), Recipient).default({}),
    mail: z
      .object({
        from: MailFrom.default('regwatch <regwatch@localhost>'),
        outboxDir: z.string().min(1).default('data/outbox'),
        // Immediate alerts due inside this window (local time in `timezone`) wait for its end; never dropped.
        quietHours: z
          .object({
            start: z
              .string()
              .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected HH:MM, e.g. "22:00"' }),
            end: z
              .string()
              .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected HH:MM, e.g. "07:00"' }),
          })
          .strict()
          .optional(),
        // Recipient groups told (once) about dead deliveries; default: the first recipient group.
        operator: z.array(z.string().min(1)).optional(),
        // HTML bodies above this are cut, the full redline attached (Gmail clips near 100 KB).
        maxHtmlBytes: z.number().int().min(10_000).default(100_000),
        // The sender's pace, also when a backlog goes out after an outage (mail providers throttle bursts).
        maxPerMinute: z.number().int().min(1).max(6000).default(120),
      })
      .strict()
      .prefault({}),
    database: z
      .object({ path: z.string().min(1).default('data/regwatch.db') })
      .strict()
      .prefault({}),
    timezone: z
      .string()
      .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', {
        message: 'expected an IANA time zone such as "America/New_York"',
      })
      .default('America/New_York'),
    schedule: Schedule.prefault({}),
    // Health and metrics listener (/healthz, /metrics), off unless `listen` is set. It has no auth: keep it on loopback.
    http: z
      .object({
        listen: z
          .string()
          .regex(/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, {
            message: 'expected host:port such as "127.0.0.1:9464"',
          })
          .refine((s) => Number(s.slice(s.lastIndexOf(':') + 1)) <= 65535, {
            message: 'port must be 0-65535',
          })
          .optional(),
        // One request to the SEC or the Federal Register, headers and body together; retries are new requests.
        requestTimeoutSeconds: z.number().min(1).max(600).default(30),
        // The web views (feed, history pages) answer loopback clients only, unless this names the
        // environment variable holding a bearer token the others must send.
        tokenEnv: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
            message: 'expected the name of an environment variable, e.g. "REGWATCH_WEB_TOKEN"',
          })
          .optional(),
        // The listener's address as readers reach it (a proxy's), for links in the feed.
        publicUrl: z
          .url({
            protocol: /^https?$/,
            message: 'expected an http(s) URL such as "https://regwatch.example.com"',
          })
          .optional(),
        // Entries in the Atom feed, newest first (default 50; src/web/options.ts).
        feedEntries: z.number().int().min(1).max(500).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    for (const issue of crossCheck(cfg)) ctx.addIssue({ code: 'custom', ...issue });
  });

const WATCH_KINDS = ['cik', 'ticker', 'company', 'newRegistrants'] as const;

/**
 * Checks across keys: each watch names exactly one kind, recipient groups named by watches exist, watch names are unique. Runs on
 * raw input too, so these problems are reported with the first round of field problems.
 */
export function crossCheck(cfg: unknown): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const obj = (v: unknown): Record<string, unknown> | null =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  const root = obj(cfg);
  if (!root) return issues;
  const recipients = obj(root.recipients);
  const names = recipients ? new Set(Object.keys(recipients)) : null;
  const check = (list: unknown, path: (string | number)[]) => {
    if (!names || !Array.isArray(list)) return;
    list.forEach((r, i) => {
      if (typeof r === 'string' && !names.has(r))
        issues.push({
          path: [...path, i],
          message: `unknown recipient group "${r}"; define it under recipients:`,
        });
    });
  };
  const watches = Array.isArray(root.watches) ? root.watches : [];
  watches.forEach((w, i) => {
    const o = obj(w);
    if (!o) return;
    const named = WATCH_KINDS.filter((k) => o[k] !== undefined);
    if (named.length !== 1) {
      const which = named.length === 0 ? 'it names none' : `it names ${named.join(' and ')}`;
      issues.push({
        path: ['watches', i],
        message: `a watch needs exactly one of cik, ticker, company or newRegistrants (${which})`,
      });
    }
  });
  watches.forEach((w, i) => check(obj(w)?.notify ?? ['default'], ['watches', i, 'notify']));
  check(obj(root.federalRegister)?.notify ?? ['default'], ['federalRegister', 'notify']);
  const seen = new Set<string>();
  watches.forEach((w, i) => {
    const name = obj(w)?.name;
    if (typeof name !== 'string') return;
    if (seen.has(name))
      issues.push({ path: ['watches', i, 'name'], message: `duplicate watch name "${name}"` });
    seen.add(name);
  });
  return issues;
}

export type Config = z.infer<typeof Config>;
export type Watch = Config['watches'][number];
export type WebhookConfig = Config['recipients'][string]['webhooks'][number];
