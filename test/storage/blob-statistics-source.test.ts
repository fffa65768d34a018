import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { BlobDownloadStore } from '../../src/storage/blob-download-store';
import { BlobStatisticsSource } from '../../src/storage/blob-statistics-source';
import { BlobStatisticsStore } from '../../src/storage/blob-statistics-store';
import { BlobUnansweredCounter } from '../../src/storage/blob-unanswered-counter';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { caseIndexOn, freshContainers, type TestContainers } from '../support/azurite';
import { TEST_NOTE_KEY } from '../support/keys';

describe('statistics storage (Azurite)', () => {
  let c: TestContainers;
  let store: JsonBlobStore;
  beforeAll(async () => {
    c = await freshContainers('stats-store');
    store = new JsonBlobStore(c.data);
  });

  const draft = (o: Partial<Case> & Pick<Case, 'createdAt'>): Omit<Case, 'code'> => ({
    id: randomUUID(),
    status: 'delivered',
    updatedAt: o.createdAt,
    note: { formId: 'incident-note', formVersion: 1, answers: { observations: 'secret' }, urgency: 'P2', category: 'other' },
    reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
    history: [{ at: o.createdAt, action: 'received', by: 'reporter' }],
    routing: { municipality: 'demo', primary: 'a', deputy: 'b', next: 'c', targets: ['a'] },
    origin: { municipality: 'demo', municipalityName: 'Demo', site: { id: 's', name: 'Secret Site', kind: 'campsite' } },
    ...o,
  });

  it('reads the cases created in a period, open and closed, once each, and opens a seal only for a chosen incident note\'s kind of site', async () => {
    const opened: string[] = [];
    const cipher = new NoteCipher(TEST_NOTE_KEY);
    const open = cipher.open.bind(cipher);
    cipher.open = <T>(sealed: Parameters<NoteCipher['open']>[0], aad: string): T => {
      opened.push(aad);
      return open<T>(sealed, aad);
    };
    const cases = new BlobCaseStore(store, cipher);
    const index = caseIndexOn(c);
    const put = async (d: Omit<Case, 'code'>) => {
      const stored = await cases.create(d);
      await index.put(stored);
      return stored;
    };
    const note = await put(draft({ createdAt: '2026-10-05T08:00:00.000Z' }));
    const question = await put(draft({ createdAt: '2026-10-06T08:00:00.000Z', note: { formId: 'question', formVersion: 1, answers: {}, urgency: 'P4', category: 'question' }, origin: { municipality: 'demo', municipalityName: 'Demo' } }));
    const norrby = await put(draft({ createdAt: '2026-10-07T08:00:00.000Z', routing: { municipality: 'norrby', primary: 'n', deputy: 'n', next: 'n', targets: ['n'] } }));
    await put(draft({ createdAt: '2026-09-30T21:59:00.000Z' })); // 23:59 in Stockholm: September
    // Closed, reopened and closed again: two archive rows, one case.
    const closedTwice = await put(draft({ createdAt: '2026-10-08T08:00:00.000Z', status: 'closed', updatedAt: '2026-10-09T08:00:00.000Z', history: [{ at: '2026-10-08T08:00:00.000Z', action: 'received', by: 'r' }, { at: '2026-10-09T08:00:00.000Z', action: 'closed', by: 'x' }] }));
    await index.put({ ...closedTwice, status: 'acknowledged', updatedAt: '2026-10-10T08:00:00.000Z' });
    await index.put({ ...closedTwice, status: 'closed', updatedAt: '2026-11-02T08:00:00.000Z', history: [...closedTwice.history, { at: '2026-11-02T08:00:00.000Z', action: 'closed', by: 'x' }] });

    const source = new BlobStatisticsSource({ index, cases, retention: new BlobStatisticsStore(store), unansweredCounts: new BlobUnansweredCounter(store), defaultMunicipality: 'demo' });
    opened.length = 0;
    const facts = await source.cases({ start: new Date('2026-09-30T22:00:00.000Z'), end: new Date('2026-10-31T23:00:00.000Z') }, (m) => m === 'demo');
    expect(facts.map((f) => f.createdAt).sort()).toEqual([note.createdAt, question.createdAt, closedTwice.createdAt]);
    expect(facts.find((f) => f.createdAt === note.createdAt)?.siteKind).toBe('campsite');
    expect(facts.find((f) => f.createdAt === question.createdAt)?.siteKind).toBe('none');
    // Sealed parts opened: the two incident notes of Demokommun; never the question, never Norrby's note.
    expect(opened.sort()).toEqual([note.id, closedTwice.id].sort());
    expect(opened).not.toContain(norrby.id);
  });

  it('counts questions without a routine per week, none lost when instances count at once', async () => {
    const counter = new BlobUnansweredCounter(store);
    await Promise.all(Array.from({ length: 12 }, (_, i) => counter.record('2026-W44', i % 3 === 0 ? 'norrby' : 'demo')));
    expect(await counter.week('2026-W44')).toEqual({ demo: 8, norrby: 4 });
    await expect(counter.record('2026-44', 'demo')).rejects.toThrow(RangeError);
  });

  it('keeps a download behind its token until it expires, under a name that is not the token', async () => {
    const downloads = new BlobDownloadStore(store);
    const now = new Date('2026-11-30T10:00:00.000Z');
    const token = await downloads.put({ filename: 'a.csv', contentType: 'text/csv', body: 'x;y' }, new Date(now.getTime() + 60_000));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await downloads.get(token, now)).toEqual({ filename: 'a.csv', contentType: 'text/csv', body: 'x;y' });
    expect((await store.list('downloads/')).some((n) => n.includes(token))).toBe(false);
    expect(await downloads.get(`${token.slice(0, 42)}B`, now)).toBeUndefined();
    expect(await downloads.get('../cases/x', now)).toBeUndefined();
    expect(await downloads.get(token, new Date(now.getTime() + 60_001))).toBeUndefined();
    // Expired and read: deleted. Expired and never read: swept.
    const other = await downloads.put({ filename: 'b.csv', contentType: 'text/csv', body: '' }, new Date(now.getTime() + 1_000));
    const kept = await downloads.put({ filename: 'c.csv', contentType: 'text/csv', body: '' }, new Date(now.getTime() + 3_600_000));
    expect(await downloads.sweep(new Date(now.getTime() + 2_000))).toBe(1);
    expect(await downloads.get(other, now)).toBeUndefined();
    expect(await downloads.get(kept, now)).toBeDefined();
  });
});
