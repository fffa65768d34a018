import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/forwarding/case';
import { transition } from '../../src/forwarding/case-lifecycle';
import { DEFAULT_ESCALATION_POLICY, deadlineOf, escalationDue } from '../../src/forwarding/escalation';
import { queuedDeliveries } from '../support/azurite';
import { DEMO_DIRECTORY, drainOutbox, forwardingOnAzurite } from '../support/forwarding';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';

const directory = DEMO_DIRECTORY;
const TZ = 'Europe/Stockholm';
const MONDAY_10 = new Date('2026-11-23T09:00:00Z'); // Monday 10:00 in Stockholm, office hours
const min = (n: number) => n * 60_000;

async function setup() {
  const { store, clock, cases, newService, containers } = await forwardingOnAzurite('esc', MONDAY_10);
  const service = newService;
  const submit = (urgency: Case['note']['urgency']) =>
    service().submit({
      id: randomUUID(),
      status: 'received',
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
      note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency, category: 'other' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at: clock.now().toISOString(), action: 'received', by: 'reporter' }],
    });
  const outboxTargets = async () => (await queuedDeliveries(containers)).map((d) => d.targetId).sort();
  return { store, clock, cases, service, submit, outboxTargets };
}

describe('escalation with a test clock (real Azurite)', () => {
  it('sends an unacknowledged P1 to the deputy after 15 minutes, then to the next level after the next 15', async () => {
    const s = await setup();
    const c = await s.submit('P1');
    expect(await s.outboxTargets()).toEqual(['demo-coordinators']);

    s.clock.advance(min(14));
    expect(await s.service().escalateDue()).toBe(0);
    s.clock.advance(min(1));
    expect(await s.service().escalateDue()).toBe(1);
    expect((await s.cases.get(c.id))!.case.routing?.targets).toEqual(['demo-coordinators', 'demo-deputy']);
    expect(await s.outboxTargets()).toEqual(['demo-coordinators', 'demo-deputy']);

    s.clock.advance(min(10));
    expect(await s.service().escalateDue()).toBe(0); // the deputy's 15 minutes count from the escalation
    s.clock.advance(min(5));
    expect(await s.service().escalateDue()).toBe(1);
    const top = (await s.cases.get(c.id))!.case;
    // The ladder ends at the municipality's on-call person, never the regional coordinator (R2).
    expect(top.routing?.targets).toEqual(['demo-coordinators', 'demo-deputy', 'demo-out-of-hours']);
    expect(top.history.filter((h) => h.action === 'escalated')).toHaveLength(2);

    s.clock.advance(min(60));
    expect(await s.service().escalateDue()).toBe(0); // the top of the ladder: nobody further to ask
  });

  it('never escalates an acknowledged case', async () => {
    const s = await setup();
    const c = await s.submit('P1');
    const found = (await s.cases.get(c.id))!;
    const ack = transition(found.case, { kind: 'acknowledge' }, 'aad-megan', s.clock.now());
    if (ack.ok) await s.cases.update(ack.case, found.etag);
    s.clock.advance(min(120));
    expect(await s.service().escalateDue()).toBe(0);
    expect((await s.cases.get(c.id))!.case.routing?.targets).toEqual(['demo-coordinators']);
  });

  it('escalates once when two instances check at the same moment', async () => {
    const s = await setup();
    const c = await s.submit('P1');
    s.clock.advance(min(16));
    const results = await Promise.all([s.service().escalateDue(), s.service().escalateDue(), s.service().escalateDue()]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    const after = (await s.cases.get(c.id))!.case;
    expect(after.history.filter((h) => h.action === 'escalated')).toHaveLength(1);
    expect(await s.outboxTargets()).toEqual(['demo-coordinators', 'demo-deputy']);
  });
});

describe('deadlines', () => {
  const base = (urgency: Case['note']['urgency'], at: Date): Case =>
    ({
      id: 'x',
      code: 'K-2222',
      status: 'delivered',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      note: { formId: 'f', formVersion: 1, answers: {}, urgency, category: 'other' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at: at.toISOString(), action: 'received', by: 'reporter' }],
      routing: { municipality: 'demo', primary: 'demo-coordinators', deputy: 'demo-deputy', next: 'region-coordinator', targets: ['demo-coordinators'] },
    });

  it.each([
    ['P1', MONDAY_10, '2026-11-23T09:15:00.000Z'],
    ['P2', MONDAY_10, '2026-11-23T13:00:00.000Z'],
    ['P3', MONDAY_10, '2026-11-24T11:00:00.000Z'], // Tuesday 12:00 Stockholm
    ['P3', new Date('2026-11-27T15:00:00Z'), '2026-11-30T11:00:00.000Z'], // Friday → Monday 12:00
    ['P3', new Date('2026-12-23T10:00:00Z'), '2026-12-28T11:00:00.000Z'], // over the Christmas holidays
  ] as const)('%s received %s must be acknowledged by %s', (urgency, at, expected) => {
    expect(deadlineOf(base(urgency, at), DEFAULT_ESCALATION_POLICY, directory, TZ)?.toISOString()).toBe(expected);
  });

  it('never escalates a question handed to a coordinator (P4)', () => {
    const question = { ...base('P4', MONDAY_10), note: { formId: 'question', formVersion: 1, answers: {}, urgency: 'P4' as const, category: 'question' as const } };
    expect(escalationDue(question, new Date('2027-01-01T00:00:00Z'), DEFAULT_ESCALATION_POLICY, directory, TZ)).toBeUndefined();
  });

  it('U2: an incident note stored as P4 (before the rule) still escalates, on the P3 deadline', () => {
    expect(deadlineOf(base('P4', MONDAY_10), DEFAULT_ESCALATION_POLICY, directory, TZ)?.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(escalationDue(base('P4', MONDAY_10), new Date('2026-11-24T11:00:00Z'), DEFAULT_ESCALATION_POLICY, directory, TZ)).toMatchObject({ to: 'demo-deputy' });
  });

  it('updates every card already posted for the case when it escalates, so nobody looks at a stale "received"', async () => {
    const updates: { activityId: string; card: unknown }[] = [];
    const { clock, service, outbox, store } = await forwardingOnAzurite('esc-cards', MONDAY_10, {
      deliverer: {
        sendCard: async () => ({ activityId: 'card-1' }),
        sendText: async () => undefined,
        updateCard: async (_ref, activityId, card) => void updates.push({ activityId, card }),
      },
      caseCard: (x: Case) => ({ escalations: x.history.filter((h) => h.action === 'escalated').length }),
    });
    await new BlobTargetLinkStore(store).set({ targetId: 'demo-coordinators', conversationRef: { conversation: { id: 'c' } }, linkedBy: 't', linkedAt: MONDAY_10.toISOString() });
    const c = await service.submit({
      id: randomUUID(),
      status: 'received',
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
      note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency: 'P1', category: 'other' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at: clock.now().toISOString(), action: 'received', by: 'reporter' }],
    });
    expect(await drainOutbox(outbox, service)).toEqual(['delivered']);
    clock.advance(min(15));
    expect(await service.escalateDue()).toBe(1);
    expect(updates).toEqual([{ activityId: 'card-1', card: { escalations: 1 } }]);
    expect(c.code).toMatch(/^K-/);
  });

  it('drops an index row whose case was never written (its submit failed and was not retried)', async () => {
    const { index, service, clock } = await forwardingOnAzurite('esc-ghost', MONDAY_10);
    const at = clock.now().toISOString();
    const ghost: Case = {
      id: randomUUID(), code: 'K-2222', status: 'received', createdAt: at, updatedAt: at,
      note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency: 'P1', category: 'other' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' }, history: [],
      routing: { municipality: 'demo', primary: 'demo-coordinators', deputy: 'demo-deputy', next: 'region-coordinator', targets: ['demo-coordinators'] },
    };
    await index.put(ghost);
    expect((await index.open()).map((s) => s.id)).toEqual([ghost.id]);
    clock.advance(min(20));
    expect(await service.escalateDue()).toBe(0);
    expect(await index.open()).toEqual([]);
  });
});
