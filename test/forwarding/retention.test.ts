import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { BlobStatisticsStore } from '../../src/storage/blob-statistics-store';
import { forwardingOnAzurite } from '../support/forwarding';

const DAY = 24 * 3_600_000;

describe('retention (real Azurite, test clock)', () => {
  it('deletes closed and withdrawn cases after the period, keeps open ones, and keeps only counts', async () => {
    const { store, cases, clock, service, index } = await forwardingOnAzurite('retention', new Date('2026-11-23T10:00:00Z'));
    const make = async (status: Case['status'], daysAgo: number) => {
      const at = new Date(clock.t.getTime() - daysAgo * DAY).toISOString();
      const c = await cases.create({
        id: randomUUID(),
        status,
        createdAt: at,
        updatedAt: at,
        note: { formId: 'f', formVersion: 1, answers: { observations: 'secret' }, urgency: 'P2', category: 'possibleMinor' },
        reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
        history: [],
      });
      await index.put(c); // as every case write does
      return c;
    };
    const oldClosed = await make('closed', 40);
    const oldWithdrawn = await make('withdrawn', 31);
    const recentClosed = await make('closed', 5);
    const oldOpen = await make('taken', 90);
    const statistics = new BlobStatisticsStore(store);

    expect(await service.applyRetention(0, statistics)).toBe(0); // 0 = keep everything
    expect(await service.applyRetention(30, statistics)).toBe(2);

    expect(await cases.get(oldClosed.id)).toBeUndefined();
    expect(await cases.get(oldWithdrawn.id)).toBeUndefined();
    expect(await cases.getByCode(oldClosed.code)).toBeUndefined();
    expect(await cases.get(recentClosed.id)).toBeDefined();
    expect(await cases.get(oldOpen.id)).toBeDefined();
    const months = [oldClosed, oldWithdrawn].map((x) => x.createdAt.slice(0, 7));
    const counts = await Promise.all([...new Set(months)].map((m) => statistics.month(m)));
    expect(counts.reduce((n, s) => n + (s?.total ?? 0), 0)).toBe(2);
    expect(JSON.stringify(counts)).not.toContain('secret');
    expect(await service.applyRetention(30, statistics)).toBe(0); // nothing twice
  });
});
