import { describe, expect, it } from 'vitest';
import type { FrDocumentPayload } from '../../src/alerts/types.js';
import { renderAlertMessage } from '../../src/notify/render/alert-message.js';
import { renderDigestMessage } from '../../src/notify/render/digest-message.js';
import type { AlertRecord } from '../../src/store/outbox.js';

const payload: FrDocumentPayload = {
  documentNumber: '2026-05501',
  title: 'Additions to the Entity List',
  type: 'Rule',
  agencies: ['industry-and-security-bureau'],
  abstract: 'BIS adds two entities to the Entity List.',
  publicationDate: '2026-12-04',
  effectiveOn: '2026-12-04',
  commentsCloseOn: '2027-01-04',
  htmlUrl: 'https://www.federalregister.gov/documents/2026/12/04/2026-05501/x',
  pdfUrl: null,
  reasons: [
    { tag: 'entity-list', sentence: 'Additions to the Entity List' },
    { tag: 'keyword:export controls', sentence: 'These export controls apply to all items.' },
    {
      tag: 'watch:acme-robotics',
      sentence: 'By adding under CHINA ... “Acme Robotics (Shenzhen) Co., Ltd.”',
    },
  ],
  watches: ['acme-robotics'],
  entityList: [
    {
      action: 'added',
      name: 'Acme Robotics (Shenzhen) Co., Ltd.',
      country: "CHINA, PEOPLE'S REPUBLIC OF",
      watched: true,
    },
    { action: 'added', name: 'Tehran Example Trading Company', country: 'IRAN' },
  ],
};

const alert: AlertRecord = {
  id: 41,
  dedupeKey: 'fr:new:2026-05501',
  kind: 'fr-document',
  source: 'federal-register',
  title: '[Entity List] Rule: Additions to the Entity List',
  payload,
  threadKey: 'fr:2026-05501',
  filingId: null,
  diffId: null,
  frDocument: '2026-05501',
  createdAt: '2026-12-04T11:00:00.000Z',
  watches: [
    { name: '@federal-register', reason: 'entity-list: Additions to the Entity List' },
    { name: 'acme-robotics', reason: 'lists "Acme Robotics"' },
  ],
};

const INTERNAL =
  /Matched|entity-list|keyword:|watch:|acme-robotics|@federal-register|\(alert 41\)|digest 7\b/;

describe('a Federal Register Entity List alert, in plain words', () => {
  it('says why, the summary, the dates, and lists the entries with their countries; no internal tags', () => {
    const m = renderAlertMessage({
      alert,
      stored: null,
      recipient: { email: 'desk@example.com', group: 'desk' },
      thread: [],
      now: new Date('2026-12-04T12:00:00Z'),
      maxHtmlBytes: 100_000,
    });
    expect(m.text).toContain(
      '* Adds 2 entities to the Entity List; among them Acme Robotics (Shenzhen) Co., Ltd., a company you follow',
    );
    expect(m.text).toContain('* Summary: BIS adds two entities to the Entity List.');
    expect(m.text).toContain('Effective: 2026-12-04');
    expect(m.text).toContain('Comments due: 2027-01-04');
    expect(m.text).toContain(
      '* Mentions "export controls": "These export controls apply to all items."',
    );
    expect(m.text).toContain(
      "Added to the Entity List (2):\n* Acme Robotics (Shenzhen) Co., Ltd. (a company you follow) - China, People's Republic of\n* Tehran Example Trading Company - Iran",
    );
    expect(m.html).toContain(
      '<strong>Acme Robotics (Shenzhen) Co., Ltd.</strong> (a company you follow) &mdash; China, People&#39;s Republic of',
    );
    expect(m.text).not.toMatch(INTERNAL);
    expect(m.html).not.toMatch(INTERNAL);
  });

  it('a digest lists the same entries', () => {
    const d = renderDigestMessage({
      digestId: 7,
      recipient: { email: 'desk@example.com', group: 'desk' },
      periodStart: null,
      periodEnd: '2026-12-04T12:00:00.000Z',
      entries: [{ alert, stored: null }],
      timezone: 'UTC',
      now: new Date('2026-12-04T12:00:00Z'),
    });
    expect(d.text).toContain(
      "* Acme Robotics (Shenzhen) Co., Ltd. (a company you follow) - China, People's Republic of",
    );
    expect(d.html).toContain('Tehran Example Trading Company');
    expect(d.text).not.toMatch(INTERNAL);
  });
});
