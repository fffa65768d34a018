import { describe, expect, it } from 'vitest';
import { ageOf, caseListCard } from '../../src/cards/case-list-card';
import { selectCases, type CaseSummary } from '../../src/forwarding/case-index';
import { BlobCaseIndex } from '../../src/storage/blob-case-index';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { cardProblems } from '../support/adaptive-card-validator';
import { freshContainers } from '../support/azurite';
import { MEGAN_AAD, storeManyCases } from '../support/many-cases';

const summary = (id: string, over: Partial<CaseSummary> = {}): CaseSummary => ({
  id,
  code: `K-${id}`,
  status: 'delivered',
  urgency: 'P3',
  category: 'other',
  createdAt: '2026-11-23T08:00:00Z',
  updatedAt: '2026-11-23T08:00:00Z',
  levelAt: '2026-11-23T08:00:00Z',
  targets: ['demo-coordinators'],
  ...over,
});

describe('selectCases', () => {
  const all = [
    summary('A', { urgency: 'P3', createdAt: '2026-11-23T07:00:00Z' }),
    summary('B', { urgency: 'P1', status: 'taken', assignee: 'megan' }),
    summary('C', { targets: ['region-coordinator'] }),
    summary('D', { urgency: 'P1', createdAt: '2026-11-23T06:00:00Z' }),
  ];
  const viewer = { aadObjectId: 'MEGAN', targets: ['demo-coordinators'] };

  it('lists my cases, the open cases on my targets, and the overdue ones, most urgent and oldest first', () => {
    expect(selectCases(all, 'mine', viewer, () => false).map((s) => s.id)).toEqual(['B']);
    expect(selectCases(all, 'open', viewer, () => false).map((s) => s.id)).toEqual(['D', 'B', 'A']);
    expect(selectCases(all, 'overdue', viewer, (s) => s.id === 'A' || s.id === 'C').map((s) => s.id)).toEqual(['A']);
  });

  it('renders a valid paged card with age and urgency', () => {
    const many = Array.from({ length: 23 }, (_, i) => summary(String(i).padStart(4, '2')));
    const t = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;
    const page2 = caseListCard(many, 'open', 1, t, new Date('2026-11-23T11:00:00Z'));
    expect(cardProblems(page2)).toEqual([]);
    const json = JSON.stringify(page2);
    expect(json).toContain('forwarding:list.page{\\"page\\":2,\\"pages\\":3}');
    expect((json.match(/"K-/g) ?? []).length).toBe(10);
    expect(json).toContain('"3 h"');
    expect(ageOf('2026-11-20T11:00:00Z', new Date('2026-11-23T11:00:00Z'))).toBe('3 d');
  });
});

describe('the open-case index with 1,000 stored cases (real Azurite)', () => {
  it('answers from the index: the right cases, and only open ones', async () => {
    const c = await freshContainers('index');
    const store = new JsonBlobStore(c.data);
    const cases = new BlobCaseStore(store, new NoteCipher(Buffer.alloc(32, 7)));
    const index = new BlobCaseIndex(store);
    const open = await storeManyCases(cases, index, 1000, 30);
    const all = await index.open();
    expect(all).toHaveLength(30);
    const mine = selectCases(all, 'mine', { aadObjectId: MEGAN_AAD, targets: ['demo-coordinators'] }, () => false);
    expect(mine.map((s) => s.id).sort()).toEqual(open.filter((o) => o.assignee === MEGAN_AAD).map((o) => o.id).sort());
    expect(mine).toHaveLength(10);
  }, 60_000);

  it('keeps every entry when many cases change at once, and the newer snapshot of a case wins', async () => {
    const c = await freshContainers('index-race');
    const store = new JsonBlobStore(c.data);
    const cases = new BlobCaseStore(store, new NoteCipher(Buffer.alloc(32, 7)));
    const index = new BlobCaseIndex(store);
    const open = await storeManyCases(cases, new BlobCaseIndex(new JsonBlobStore(c.data)), 12, 12);
    // Close half of them concurrently, and re-put an older snapshot of another after its newer one.
    await Promise.all(open.slice(0, 6).map((o) => index.put({ ...o, status: 'closed', updatedAt: new Date().toISOString() })));
    const newer = { ...open[6]!, status: 'acknowledged' as const, updatedAt: new Date(Date.now() + 1000).toISOString() };
    await index.put(newer);
    await index.put(open[6]!);
    const all = await index.open();
    expect(all.map((s) => s.id).sort()).toEqual(open.slice(6).map((o) => o.id).sort());
    expect(all.find((s) => s.id === newer.id)?.status).toBe('acknowledged');
  }, 60_000);

  it('reconciles with the case blobs after a crash left it behind, without undoing newer entries', async () => {
    const c = await freshContainers('index-heal');
    const store = new JsonBlobStore(c.data);
    const cases = new BlobCaseStore(store, new NoteCipher(Buffer.alloc(32, 7)));
    const index = new BlobCaseIndex(store);
    const open = await storeManyCases(cases, index, 20, 6);
    // A crash: one open case never reached the index, and a closed one is still listed.
    const all0 = await index.open();
    const missing = open[0]!;
    const stale = (await cases.summaries()).find((s) => s.status === 'closed')!;
    await store.put('index/open-cases.json', Object.fromEntries([...all0.filter((s) => s.id !== missing.id), { ...stale, status: 'delivered' as const, updatedAt: '2000-01-01T00:00:00Z' }].map((s) => [s.id, s])));
    // Meanwhile an instance wrote a newer state of another case.
    const newer = { ...open[1]!, status: 'taken' as const, updatedAt: new Date(Date.now() + 60_000).toISOString() };
    await index.put(newer);

    await index.reconcile(await cases.summaries());
    const ids = (await index.open()).map((s) => s.id).sort();
    expect(ids).toEqual(open.map((o) => o.id).sort());
    expect((await index.open()).find((s) => s.id === newer.id)?.status).toBe('taken');
  }, 60_000);
});
