import { InvalidArgumentError, type Command } from 'commander';
import { openApp, printJson, type GlobalOptions } from '../context.js';

const DAY_MS = 86_400_000;

/** `--since`: a date (YYYY-MM-DD) or a number of days back (`7d`). */
export function parseSince(value: string, now: Date = new Date()): string {
  const days = /^(\d{1,3})d$/.exec(value.trim());
  if (days) return new Date(now.getTime() - Number(days[1]) * DAY_MS).toISOString().slice(0, 10);
  if (
    /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) &&
    !Number.isNaN(Date.parse(`${value.trim()}T00:00:00Z`))
  )
    return value.trim();
  throw new InvalidArgumentError(
    `expected a date such as 2024-07-29 or a number of days such as 7d, got "${value}"`,
  );
}

export function registerNotices(program: Command): void {
  program
    .command('notices')
    .description('list the stored Federal Register (Commerce) documents with their tags and status')
    .option(
      '--since <date>',
      'publication date to start from (YYYY-MM-DD, or 7d for seven days back)',
      (v) => parseSince(v),
      undefined,
    )
    .option(
      '--tag <tag>',
      'only documents with this tag (entity-list, export-control, keyword:<phrase>, watch:<name>)',
    )
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
Examples:
  regwatch notices                          the last seven days
  regwatch notices --since 2024-07-01       everything published since 1 July 2024
  regwatch notices --tag entity-list --json Entity List rules, for a script`,
    )
    .action(async (opts: { since?: string; tag?: string; json?: boolean }, cmd: Command) => {
      const since = opts.since ?? parseSince('7d');
      const app = await openApp(cmd.optsWithGlobals<GlobalOptions>());
      const { listFrNotices, findFrDocument } = await import('../../store/fr.js');
      const { entityListFacts, parseEntityListChanges } =
        await import('../../pipeline/federal-register/entity-list.js');
      try {
        const docs = listFrNotices(app.db, since).filter(
          (d) => opts.tag === undefined || d.tags.includes(opts.tag),
        );
        if (opts.json) {
          // Entity List rules carry the entries they add, remove and revise, as their alerts do.
          const withEntries = docs.map((d) => {
            if (!d.tags.includes('entity-list')) return d;
            const text = findFrDocument(app.db, d.normalizedNumber)?.fullText;
            return text
              ? { ...d, entityList: entityListFacts(parseEntityListChanges(text), []) }
              : d;
          });
          return printJson({ since, count: docs.length, documents: withEntries });
        }
        if (docs.length === 0) {
          console.log(
            `no Federal Register documents stored since ${since}${opts.tag ? ` tagged ${opts.tag}` : ''} (a poll runs with \`regwatch run --once\`)`,
          );
          return;
        }
        console.log(
          `${docs.length} Federal Register document(s) since ${since}${opts.tag ? ` tagged ${opts.tag}` : ''}:`,
        );
        for (const d of docs) {
          const tags = d.tags.length ? ` [${d.tags.join(', ')}]` : '';
          const status = d.status === 'published' ? '' : ` (${d.status})`;
          console.log(
            `${d.publicationDate ?? '          '}  ${(d.publishedNumber ?? d.documentNumber).padEnd(12)} ${d.type}${status}${tags}`,
          );
          console.log(`    ${d.title}`);
          for (const r of d.reasons.filter((x) => x.sentence && x.tag !== 'agency'))
            console.log(`    ${r.tag}: ${r.sentence}`);
          if (d.htmlUrl) console.log(`    ${d.htmlUrl}`);
        }
      } finally {
        app.close();
      }
    });
}
