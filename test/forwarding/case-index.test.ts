import { describe, expect, it } from 'vitest';
import { ageOf, caseListCard } from '../../src/cards/case-list-card';
import { selectCases, type CaseSummary } from '../../src/forwarding/case-index';
import { BlobCaseStore } from '../../src/storage/blob-case-store';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { cardProblems } from '../support/adaptive-card-validator';
import { caseIndexOn, freshContainers } from '../support/azurite';
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

  it('marks a handed-off question as a question, not by its urgency', () => {
    const t = (key: string) => key;
    const card = JSON.stringify(caseListCard([summary('Q', { category: 'question', urgency: 'P4' }), summary('N')], 'open', 0, t, new Date('2026-11-23T11:00:00Z')));
    expect((card.match(/forwarding:list\.question/g) ?? []).length).toBe(1);
    expect((card.match(/intake:urgency\.P3/g) ?? []).length).toBe(1);
    expect(card).not.toContain('intake:urgency.P4');
  });
});

describe('the open-case index with 1,000 stored cases (real Azurite)', () => {
  it('answers from the index: the right cases, and only open ones', async () => {
    const c = await freshContainers('index');
    const store = new JsonBlobStore(c.data);
    const cases = new BlobCaseStore(store, new NoteCipher(Buffer.alloc(32, 7)));
    const index = caseIndexOn(c);
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
    const index = caseIndexOn(c);
    const open = await storeManyCases(cases, caseIndexOn(c), 12, 12);
    // Close half of them concurrently, and re-put an older snapshot of another after its newer one.
    await Promise.all(open.slice(0, 6).map((o) => index.put({ ...o, status: 'closed', updatedAt: new Date().toISOString() })));
    const newer = { ...open[6]!, status: 'acknowledged' as const, updatedAt: new Date(Date.now() + 1000).toISOString() };
    await index.put(newer);
    await index.put(open[6]!);
    const all = await index.open();
    expect(all.map((s) => s.id).sort()).toEqual(open.slice(6).map((o) => o.id).sort());
    expect(all.find((s) => s.id === newer.id)?.status).toBe('acknowledged');
  }, 60_000);

  it('lists awaiting cases for escalation, never brings back a closed case from an older snapshot, and finds closed cases by age', async () => {
    const c = await freshContainers('index-life');
    const cases = new BlobCaseStore(new JsonBlobStore(c.data), new NoteCipher(Buffer.alloc(32, 7)));
    const index = caseIndexOn(c);
    const now = new Date('2026-11-23T12:00:00Z');
    const open = await storeManyCases(cases, index, 20, 9, now);
    expect((await index.awaiting()).map((s) => s.id).sort()).toEqual(open.filter((o) => o.status === 'delivered').map((o) => o.id).sort());

    // A case is closed; then a slower writer's older snapshot of it (still open) arrives.
    const closed = { ...open[1]!, status: 'closed' as const, updatedAt: '2026-11-23T12:30:00Z' };
    await index.put(closed);
    await index.put(open[1]!);
    expect((await index.open()).map((s) => s.id)).not.toContain(closed.id);
    expect((await index.awaiting()).map((s) => s.id)).not.toContain(closed.id);

    // Closed cases are found by age (retention), oldest first across months, and can be forgotten.
    const october = { ...open[2]!, id: 'closed-in-october', status: 'closed' as const, updatedAt: '2026-10-31T23:59:00Z' };
    await index.put(october);
    const old = await index.closedBefore(new Date('2026-11-23T12:00:00Z'), 5);
    expect(old).toHaveLength(5);
    expect(old[0]!.id).toBe('closed-in-october');
    expect(old.every((s) => s.status === 'closed' && s.updatedAt < '2026-11-23T12:00:00Z')).toBe(true);
    expect(old.map((s) => s.updatedAt)).toEqual([...old.map((s) => s.updatedAt)].sort());
    await index.forget(old[0]!);
    expect((await index.closedBefore(new Date('2026-11-23T12:00:00Z'), 100)).map((s) => s.id)).not.toContain(old[0]!.id);
    // Tombstones of closed cases leave the open partition after their day.
    expect(await index.prune(new Date('2026-11-25T00:00:00Z'))).toBe(12);
    expect((await index.open()).map((s) => s.id).sort()).toEqual(open.filter((o) => o.id !== closed.id).map((o) => o.id).sort());
  }, 60_000);
});
