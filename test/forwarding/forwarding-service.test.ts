import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { DeliveryError, type Deliverer } from '../../src/forwarding/deliverer';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';
import { drainOutbox, forwardingOnAzurite } from '../support/forwarding';

/** ForwardingService on real Azurite, with a scripted Deliverer (Teams' connector cannot run here). */
async function setup(deliverer: Deliverer, now = new Date('2026-11-23T09:00:00Z')) {
  const notices: { problem: string; code?: string }[] = [];
  const { store, clock, service, outbox, cases } = await forwardingOnAzurite('fwd', now, {
    deliverer,
    caseCard: (x: Case, o) => ({ code: x.code, ...(o?.mayRepeat ? { mayRepeat: true } : {}) }),
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
  const drain = () => drainOutbox(outbox, service);
  return { service, store, notices, clock, draft, link, outbox, cases, drain };
}

describe('ForwardingService', () => {
  it('routes an out-of-hours P1 to the out-of-hours target, and office-hours notes to the coordinators', async () => {
    const night = await setup({ sendCard: async () => ({ activityId: 'a' }), sendText: async () => undefined, updateCard: async () => undefined }, new Date('2026-11-23T22:00:00Z'));
    expect((await night.service.submit(night.draft('P1'))).routing?.targets).toEqual(['demo-out-of-hours']);
    expect((await night.service.submit(night.draft('P3'))).routing?.targets).toEqual(['demo-coordinators']);
  });

  it('dead-letters a delivery the channel refuses for good, tells the administrators, keeps the case, and re-drives on request', async () => {
    let refuse = true;
    const s = await setup({
      sendCard: async () => {
        if (refuse) throw new DeliveryError('REFUSED');
        return { activityId: 'act-1' };
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    await s.link('demo-coordinators');
    const c = await s.service.submit(s.draft());
    expect(await s.drain()).toEqual(['dead']);
    expect(s.notices).toEqual([{ problem: 'dead', code: c.code }]);
    expect(await s.service.deadLetters()).toMatchObject([{ caseId: c.id, lastError: 'REFUSED', attempts: 1 }]);
    expect(await s.drain()).toEqual([]); // never picked again
    expect((await s.cases.get(c.id))?.case.status).toBe('received');

    refuse = false;
    expect(await s.service.redrive(`${c.id}.demo-coordinators`)).toBe(true);
    expect(await s.service.deadLetters()).toEqual([]);
    expect(await s.drain()).toEqual(['delivered']);
    expect((await s.cases.get(c.id))?.case.deliveries).toMatchObject([{ targetId: 'demo-coordinators', activityId: 'act-1' }]);
  });

  it('treats a send without an activity id as a failure, retries with back-off and gives up after the last attempt', async () => {
    let calls = 0;
    const s = await setup({
      sendCard: async () => {
        calls++;
        throw new DeliveryError(calls === 1 ? 'NO_ACTIVITY_ID' : 'CHANNEL_FAILED');
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    await s.link('demo-coordinators');
    const c = await s.service.submit(s.draft());
    const outcomes: string[] = [];
    // Count, don't wait: drain until the item is dead (each retry waits at least a second in the queue).
    while (!outcomes.includes('dead')) {
      outcomes.push(...(await s.drain()));
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(calls).toBe(3);
    expect(outcomes).toEqual(['retried', 'retried', 'dead']);
    expect(s.notices.map((n) => n.problem)).toEqual(['dead']);
    expect((await s.cases.get(c.id))?.case.deliveries ?? []).toEqual([]);
  }, 20_000);

  it('does not use up the attempts while Teams throttles: four 429s, then the card goes (three attempts allowed)', async () => {
    let calls = 0;
    const s = await setup({
      sendCard: async () => {
        if (++calls <= 4) throw new DeliveryError('THROTTLED', 100);
        return { activityId: 'act-1' };
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    await s.link('demo-coordinators');
    const c = await s.service.submit(s.draft());
    const outcomes: string[] = [];
    while (!outcomes.includes('delivered') && !outcomes.includes('dead')) {
      outcomes.push(...(await s.drain()));
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(outcomes).toEqual(['retried', 'retried', 'retried', 'retried', 'delivered']);
    expect(s.notices).toEqual([]);
    expect((await s.cases.get(c.id))?.case.deliveries).toHaveLength(1);
  }, 30_000);

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
    expect(await s.drain()).toEqual(['waiting']);
    expect(await s.drain()).toEqual([]);
    expect(sent).toEqual([]);
    expect(s.notices).toEqual([{ problem: 'unlinked', code: c.code }]);
    await s.link('demo-coordinators');
    expect(await s.service.retryWaitingFor('demo-coordinators')).toBe(1);
    expect(await s.drain()).toEqual(['delivered']);
    expect(sent).toEqual([{ code: c.code }]);
  });

  it('delivers once when the same delivery is queued twice (a retried submit), and P1 goes before P3', async () => {
    const sent: string[] = [];
    const s = await setup({
      sendCard: async (_ref, card) => {
        sent.push((card as { code: string }).code);
        return { activityId: `act-${sent.length}` };
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    await s.link('demo-coordinators');
    const p3 = await s.service.submit(s.draft('P3'));
    const p1draft = s.draft('P1');
    const [p1] = await Promise.all([s.service.submit(p1draft), s.service.submit(p1draft)]);
    const outcomes = await s.drain();
    expect(sent[0]).toBe(p1.code);
    expect(sent.filter((x) => x === p1.code)).toHaveLength(1);
    expect(sent.filter((x) => x === p3.code)).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'delivered')).toHaveLength(2);
  });

  it('re-posts a send whose outcome was lost as a card that says it may repeat, and records both cards on the one case', async () => {
    const sent: unknown[] = [];
    const s = await setup({
      sendCard: async (_ref, card) => {
        sent.push(card);
        return { activityId: `act-${sent.length}` };
      },
      sendText: async () => undefined,
      updateCard: async () => undefined,
    });
    await s.link('demo-coordinators');
    const c = await s.service.submit(s.draft());
    // A holder that died right after Teams accepted the card: its mark is on the case, no record.
    const [held] = await s.outbox.receive(1);
    await s.service.updateCase(c.id, (x) => ({ ...x, sending: [{ targetId: 'demo-coordinators', messageId: held!.messageId, since: s.clock.now().toISOString() }] }));
    // Its hold lapses (2 s here) and the item comes back to another worker.
    let outcomes: string[] = [];
    while (outcomes.length === 0) {
      await new Promise((r) => setTimeout(r, 250));
      outcomes = await s.drain();
    }
    expect(outcomes).toEqual(['delivered']);
    expect(sent).toEqual([{ code: c.code, mayRepeat: true }]);
    const stored = (await s.cases.get(c.id))!.case;
    expect(stored.deliveries).toMatchObject([{ targetId: 'demo-coordinators', activityId: 'act-1', mayRepeat: true }]);
    expect(stored.sending ?? []).toEqual([]);
  }, 20_000);
});
