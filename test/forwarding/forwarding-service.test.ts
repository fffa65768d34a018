import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { DeliveryError, type Deliverer } from '../../src/forwarding/deliverer';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';
import { forwardingOnAzurite } from '../support/forwarding';

/** ForwardingService on real Azurite, with a scripted Deliverer (Teams' connector cannot run here). */
async function setup(deliverer: Deliverer, now = new Date('2026-11-23T09:00:00Z')) {
  const notices: { problem: string; code?: string }[] = [];
  const { store, clock, service } = await forwardingOnAzurite('fwd', now, {
    deliverer,
    caseCard: (x: Case) => ({ code: x.code }),
    policy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
    notifyAdmins: async (problem, _item, x) => {
      notices.push({ problem, ...(x ? { code: x.code } : {}) });
    },
  });
  const draft = (urgency: 'P1' | 'P3' = 'P3'): Omit<Case, 'code' | 'routing'> => ({
    id: randomUUID(),
    status: 'received',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency, category: 'other' },
    reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
    history: [],
  });
  const link = (targetId: string) =>
    new BlobTargetLinkStore(store).set({ targetId, conversationRef: { conversation: { id: targetId } }, linkedBy: 't', linkedAt: now.toISOString() });
  return { service, store, notices, clock, draft, link };
}

describe('ForwardingService', () => {
  it('routes an out-of-hours P1 to the out-of-hours target, and office-hours notes to the coordinators', async () => {
    const night = await setup({ sendCard: async () => ({ activityId: 'a' }), sendText: async () => undefined, updateCard: async () => undefined }, new Date('2026-11-23T22:00:00Z'));
    expect((await night.service.submit(night.draft('P1'))).routing?.targets).toEqual(['demo-out-of-hours']);
    expect((await night.service.submit(night.draft('P3'))).routing?.targets).toEqual(['demo-coordinators']);
  });

  it('dead-letters a delivery the channel refuses for good, tells the administrators, and keeps the case', async () => {
    const s = await setup({
      sendCard: async () => {
        throw new DeliveryError('NOT_FOUND');
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    await s.link('demo-coordinators');
    const c = await s.service.submit(s.draft());
    expect(await s.service.dispatchDue()).toEqual({ delivered: 0, retried: 0, dead: 1 });
    expect(s.notices).toEqual([{ problem: 'dead', code: c.code }]);
    const [item] = await Promise.all((await s.store.list('outbox/')).map((n) => s.store.get<{ status: string; lastError: string }>(n)));
    expect(item?.value).toMatchObject({ status: 'dead', lastError: 'NOT_FOUND' });
    expect(await s.service.dispatchDue()).toEqual({ delivered: 0, retried: 0, dead: 0 }); // never picked again
  });

  it('retries a failing channel with back-off and gives up after the last attempt', async () => {
    let calls = 0;
    const s = await setup({
      sendCard: async () => {
        calls++;
        throw new DeliveryError('CHANNEL_FAILED');
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    await s.link('demo-coordinators');
    await s.service.submit(s.draft());
    for (let i = 0; i < 5; i++) {
      await s.service.dispatchDue();
      s.clock.t = new Date(s.clock.t.getTime() + 60_000);
    }
    expect(calls).toBe(3);
    expect(s.notices.map((n) => n.problem)).toEqual(['dead']);
  });

  it('keeps a note for an unlinked target waiting, tells the administrators once, and sends it once linked', async () => {
    const sent: unknown[] = [];
    const s = await setup({
      sendCard: async (_ref, card) => {
        sent.push(card);
        return { activityId: 'act-1' };
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    const c = await s.service.submit(s.draft());
    await s.service.dispatchDue();
    s.clock.t = new Date(s.clock.t.getTime() + 120_000);
    await s.service.dispatchDue();
    expect(sent).toEqual([]);
    expect(s.notices).toEqual([{ problem: 'unlinked', code: c.code }]);
    await s.link('demo-coordinators');
    await s.service.retryWaitingFor('demo-coordinators');
    expect(await s.service.dispatchDue()).toEqual({ delivered: 1, retried: 0, dead: 0 });
    expect(sent).toEqual([{ code: c.code }]);
  });
});
