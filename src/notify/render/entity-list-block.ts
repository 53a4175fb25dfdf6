import type { EntityListEntryFact } from '../../alerts/types.js';
import { esc, SANS } from './html.js';

const ACTION_TITLE: Record<EntityListEntryFact['action'], string> = {
  added: 'Added to the Entity List',
  removed: 'Removed from the Entity List',
  revised: 'Entries revised',
};

/** "China, People's Republic of" from "CHINA, PEOPLE'S REPUBLIC OF". */
export function readableCountry(country: string): string {
  if (country === '') return 'country not stated';
  return country
    .toLowerCase()
    .replace(/(^|[\s(,-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase())
    .replace(/\b(Of|And|The)\b/g, (w) => w.toLowerCase())
    .replace(/^./, (c) => c.toUpperCase());
}

/** "Adds 12 entities to the Entity List, removes 1": why an Entity List rule matters, in words. */
export function entityListWhy(entries: EntityListEntryFact[]): string | null {
  const n = (a: EntityListEntryFact['action']) => entries.filter((e) => e.action === a).length;
  const words = (k: number, verb: string, tail = '') =>
    k ? `${verb} ${k} ${k === 1 ? 'entity' : 'entities'}${tail}` : '';
  const parts = [
    words(n('added'), 'adds', ' to the Entity List'),
    words(n('removed'), 'removes'),
    words(n('revised'), 'revises'),
  ].filter(Boolean);
  const watched = entries.filter((e) => e.watched).map((e) => e.name);
  if (parts.length === 0) return null;
  const text = parts.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${watched.length ? `; among them ${watched.join(', ')}, a company you follow` : ''}`;
}

function groups(
  entries: EntityListEntryFact[],
): [EntityListEntryFact['action'], EntityListEntryFact[]][] {
  return (['added', 'removed', 'revised'] as const)
    .map(
      (a) =>
        [a, entries.filter((e) => e.action === a)] as [
          EntityListEntryFact['action'],
          EntityListEntryFact[],
        ],
    )
    .filter(([, list]) => list.length > 0);
}

/** Watched entries first within each group (the payload already orders them so). */
export function entityListHtml(entries: EntityListEntryFact[]): string {
  if (entries.length === 0) return '';
  const blocks = groups(entries).map(
    ([
      action,
      list,
    ]) => `<div style="${SANS}font-size:14px;font-weight:bold;margin:10px 0 4px 0;">${esc(ACTION_TITLE[action])} (${list.length})</div>
<ul style="${SANS}font-size:14px;margin:0;padding-left:18px;">${list
      .map(
        (e) =>
          `<li style="margin:0 0 3px 0;">${e.watched ? '<strong>' : ''}${esc(e.name)}${e.watched ? '</strong> (a company you follow)' : ''} &mdash; ${esc(readableCountry(e.country))}</li>`,
      )
      .join('')}</ul>`,
  );
  return `<tr><td style="padding:12px 16px;border-top:1px solid #d0d7de;">${blocks.join('\n')}</td></tr>`;
}

export function entityListText(entries: EntityListEntryFact[]): string {
  return groups(entries)
    .map(
      ([action, list]) =>
        `${ACTION_TITLE[action]} (${list.length}):\n${list.map((e) => `* ${e.name}${e.watched ? ' (a company you follow)' : ''} - ${readableCountry(e.country)}`).join('\n')}`,
    )
    .join('\n\n');
}
