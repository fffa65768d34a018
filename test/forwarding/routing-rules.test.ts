import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Case, CaseCategory, Urgency } from '../../src/forwarding/case';
import { caseTrail } from '../../src/forwarding/case-trail';
import { chooseRoute, firstTarget, parseRoutingDirectory } from '../../src/forwarding/routing-directory';
import { automaticLadder, deadlineUrgency, goesOutOfHoursFirst, mayShareWithRegional } from '../../src/forwarding/routing-rules';
import { BlobTargetLinkStore } from '../../src/storage/blob-target-link-store';
import { queuedDeliveries } from '../support/azurite';
import { DEMO_DIRECTORY, drainOutbox, forwardingOnAzurite } from '../support/forwarding';

const MONDAY_10 = new Date('2026-11-23T09:00:00Z'); // office hours in Stockholm
const FRIDAY_22 = new Date('2026-11-27T21:00:00Z'); // out of hours
const HOUR = 3_600_000;

describe('R1: out of hours, a P1 or a possible child goes to the out-of-hours target first (content-review §5 R1)', () => {
  it.each<[Urgency, CaseCategory, boolean, string]>([
    ['P1', 'other', false, 'demo-out-of-hours'],
    ['P2', 'possibleMinor', false, 'demo-out-of-hours'],
    ['P3', 'possibleMinor', false, 'demo-out-of-hours'],
    ['P2', 'adultExploitation', false, 'demo-coordinators'],
    ['P3', 'other', false, 'demo-coordinators'],
    ['P1', 'possibleMinor', true, 'demo-coordinators'],
    ['P2', 'possibleMinor', true, 'demo-coordinators'],
  ])('%s %s, office hours %s → %s', (urgency, category, officeHours, target) => {
    expect(goesOutOfHoursFirst(urgency, category)).toBe(urgency === 'P1' || category === 'possibleMinor');
    expect(firstTarget(chooseRoute(DEMO_DIRECTORY, 'demo', category, urgency), urgency, category, officeHours)).toBe(target);
  });

  it('a P2 child note on a Friday at 22:00 is queued for the out-of-hours person, not the office-hours channel', async () => {
    const { service, containers, clock } = await forwardingOnAzurite('r1', FRIDAY_22);
    const at = clock.now().toISOString();
    await service.submit({
      id: randomUUID(), status: 'received', createdAt: at, updatedAt: at,
      note: { formId: 'incident-note', formVersion: 2, answers: {}, urgency: 'P2', category: 'possibleMinor' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at, action: 'received', by: 'reporter' }],
      origin: { municipality: 'demo', municipalityName: 'Demokommun' },
    });
    expect((await queuedDeliveries(containers)).map((d) => d.targetId)).toEqual(['demo-out-of-hours']);
  });
});

describe('U2 for deadlines: only a handed-off question has none (content-review §5 U2)', () => {
  it.each<[Urgency, CaseCategory, Urgency]>([
    ['P4', 'question', 'P4'],
    ['P4', 'other', 'P3'],
    ['P4', 'adultExploitation', 'P3'],
    ['P3', 'other', 'P3'],
    ['P1', 'possibleMinor', 'P1'],
  ])('%s %s → deadline of %s', (urgency, category, expected) => {
    expect(deadlineUrgency(urgency, category)).toBe(expected);
  });
});

describe('R2/D6: the regional coordinator is a coordinator\'s choice, with consent, never an automatic step (content-review §2 D6, §5 R2)', () => {
  it.each([
    ['office hours', ['demo-coordinators'], ['demo-coordinators', 'demo-deputy', 'demo-out-of-hours']],
    ['out of hours', ['demo-out-of-hours'], ['demo-out-of-hours', 'demo-deputy']],
  ])('the automatic ladder (%s) ends at the municipality\'s on-call person', (_when, targets, ladder) => {
    const routing = { primary: 'demo-coordinators', deputy: 'demo-deputy', next: 'demo-out-of-hours', targets };
    expect(automaticLadder(routing, (t) => DEMO_DIRECTORY.targets[t]?.regional === true)).toEqual(ladder);
    // Even a directory entry that put the regional coordinator on the ladder would not reach them.
    expect(automaticLadder({ ...routing, next: 'region-coordinator' }, (t) => DEMO_DIRECTORY.targets[t]?.regional === true)).not.toContain('region-coordinator');
  });

  it.each([
    ['yes', true],
    ['no', false],
    ['notAsked', false],
  ] as const)('consent %s: case content may go to the regional coordinator: %s', (consent, shared) => {
    expect(mayShareWithRegional(consent)).toBe(shared);
  });

  const directoryWith = (route: string, regional = 'r') => `
admins: ["00000000-0000-0000-0000-000000000001"]
defaultMunicipality: town
officeHours: { days: [mon], start: "08:00", end: "17:00" }
targets:
  a: { kind: channel, label: A, members: ["00000000-0000-0000-0000-000000000001"] }
  r: { kind: person, label: Regionkoordinatorn, members: ["00000000-0000-0000-0000-000000000002"], regional: true }
municipalities:
  town:
    name: Town
    regionalCoordinator: ${regional}
    routes:
      - ${route}
`;

  it('refuses a directory that puts a regional coordinator on a ladder, or names a non-regional target as one', () => {
    const onLadder = parseRoutingDirectory(directoryWith('{ primary: a, deputy: a, next: r }'));
    expect(onLadder.ok).toBe(false);
    if (!onLadder.ok) expect(onLadder.problems).toContain('municipalities.town.routes.0.next: "r" is a regional coordinator, who is reached only by a coordinator\'s decision (regionalCoordinator), never automatically');
    const notRegional = parseRoutingDirectory(directoryWith('{ primary: a, deputy: a, next: a }', 'a'));
    expect(notRegional.ok).toBe(false);
    if (!notRegional.ok) expect(notRegional.problems).toContain('municipalities.town.regionalCoordinator: "a" is not marked regional: true');
    expect(parseRoutingDirectory(directoryWith('{ primary: a, deputy: a, next: a }')).ok).toBe(true);
  });

  it.each<[Urgency, CaseCategory, Date]>([
    ['P1', 'possibleMinor', MONDAY_10],
    ['P1', 'other', FRIDAY_22],
    ['P2', 'possibleMinor', FRIDAY_22],
    ['P2', 'adultExploitation', MONDAY_10],
    ['P3', 'other', MONDAY_10],
  ])('is never reached without a coordinator\'s decision: %s %s, however long nobody answers', async (urgency, category, start) => {
    const { service, containers, clock, outbox, store } = await forwardingOnAzurite('r2-ladder', start);
    // Every target is linked, so every escalation is delivered.
    for (const targetId of Object.keys(DEMO_DIRECTORY.targets)) {
      await new BlobTargetLinkStore(store).set({ targetId, conversationRef: { conversation: { id: targetId } }, linkedBy: 't', linkedAt: start.toISOString() });
    }
    const at = clock.now().toISOString();
    const c = await service.submit({
      id: randomUUID(), status: 'received', createdAt: at, updatedAt: at,
      note: { formId: 'incident-note', formVersion: 2, answers: {}, urgency, category },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at, action: 'received', by: 'reporter' }],
    });
    for (let day = 0; day < 10; day++) {
      await drainOutbox(outbox, service);
      clock.advance(24 * HOUR);
      await service.escalateDue();
    }
    await drainOutbox(outbox, service);
    const after = (await service.updateCase(c.id, () => undefined))!;
    // In office hours: primary → deputy → on-call person. Out of hours a P1 or a child starts at the on-call person (R1).
    const ladder = after.routing?.targets[0] === 'demo-out-of-hours' ? ['demo-out-of-hours', 'demo-deputy'] : ['demo-coordinators', 'demo-deputy', 'demo-out-of-hours'];
    expect(after.routing?.targets).toEqual(ladder);
    expect(after.deliveries?.map((d) => d.targetId)).not.toContain('region-coordinator');
    expect((await queuedDeliveries(containers)).map((d) => d.targetId)).not.toContain('region-coordinator');
  });

  it('goes there only when a coordinator chooses it with the victim\'s consent; without consent the decision is recorded and nothing is sent', async () => {
    const cards: { targetId?: string }[] = [];
    const { service, containers, clock, outbox, store } = await forwardingOnAzurite('r2-consult', MONDAY_10, {
      caseCard: (_c: Case, o?: { targetId?: string }) => {
        cards.push({ ...(o?.targetId ? { targetId: o.targetId } : {}) });
        return {};
      },
    });
    for (const targetId of ['demo-coordinators', 'region-coordinator']) {
      await new BlobTargetLinkStore(store).set({ targetId, conversationRef: { conversation: { id: targetId } }, linkedBy: 't', linkedAt: MONDAY_10.toISOString() });
    }
    const at = clock.now().toISOString();
    const c = await service.submit({
      id: randomUUID(), status: 'received', createdAt: at, updatedAt: at,
      note: { formId: 'incident-note', formVersion: 2, answers: {}, urgency: 'P2', category: 'adultExploitation' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at, action: 'received', by: 'reporter' }],
    });
    await drainOutbox(outbox, service);
    const megan = '00000000-0000-0000-0000-0000000000021';

    for (const consent of ['notAsked', 'no'] as const) {
      clock.advance(60_000);
      const r = await service.consultRegional(c.id, megan, consent);
      expect(r).toMatchObject({ ok: true, shared: false });
      expect(await queuedDeliveries(containers)).toEqual([]);
    }
    clock.advance(60_000);
    expect(await service.consultRegional(c.id, megan, 'yes')).toMatchObject({ ok: true, shared: true });
    expect((await queuedDeliveries(containers)).map((d) => d.targetId)).toEqual(['region-coordinator']);
    expect(await drainOutbox(outbox, service)).toEqual(['delivered']);

    const after = (await service.updateCase(c.id, () => undefined))!;
    expect(after.consultations?.map((x) => [x.by, x.targetId, x.consent])).toEqual([
      [megan, 'region-coordinator', 'notAsked'],
      [megan, 'region-coordinator', 'no'],
      [megan, 'region-coordinator', 'yes'],
    ]);
    expect(after.deliveries?.map((d) => d.targetId)).toEqual(['demo-coordinators', 'region-coordinator']);
    // The regional coordinator's card was built as theirs (no actions), and the ladder did not change.
    expect(cards.at(-1)).toEqual({ targetId: 'region-coordinator' });
    expect(after.routing?.targets).toEqual(['demo-coordinators']);
    // The trail shows each decision with its consent (pseudonymous, no content).
    expect(caseTrail(after, []).filter((l) => l.what.startsWith('regionalConsulted')).map((l) => l.what)).toEqual([
      'regionalConsulted (consent: notAsked)',
      'regionalConsulted (consent: no)',
      'regionalConsulted (consent: yes)',
    ]);
    // A second "yes" sends nothing twice.
    await service.consultRegional(c.id, megan, 'yes');
    expect(await drainOutbox(outbox, service)).toEqual(['skipped']);
  });

  it('is not offered for a handed-off question, nor where the directory names no regional coordinator', async () => {
    const { service, clock } = await forwardingOnAzurite('r2-refused', MONDAY_10);
    const at = clock.now().toISOString();
    const question = await service.submit({
      id: randomUUID(), status: 'received', createdAt: at, updatedAt: at,
      note: { formId: 'question', formVersion: 1, answers: { question: 'Q?', language: 'sv', audience: 'partner' }, urgency: 'P4', category: 'question' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at, action: 'received', by: 'reporter' }],
    });
    expect(await service.consultRegional(question.id, 'x', 'yes')).toEqual({ ok: false, reason: 'aQuestion' });
    const { service: noRegion, clock: clock2 } = await forwardingOnAzurite('r2-none', MONDAY_10, {
      directory: { ...DEMO_DIRECTORY, municipalities: { demo: { ...DEMO_DIRECTORY.municipalities.demo!, regionalCoordinator: undefined } } },
    });
    const at2 = clock2.now().toISOString();
    const note = await noRegion.submit({
      id: randomUUID(), status: 'received', createdAt: at2, updatedAt: at2,
      note: { formId: 'incident-note', formVersion: 2, answers: {}, urgency: 'P3', category: 'other' },
      reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
      history: [{ at: at2, action: 'received', by: 'reporter' }],
    });
    expect(await noRegion.consultRegional(note.id, 'x', 'yes')).toEqual({ ok: false, reason: 'noRegionalCoordinator' });
  });
});
