import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { questionNote, type Case } from '../../src/forwarding/case';
import { transition } from '../../src/forwarding/case-lifecycle';
import { chooseRoute, firstTarget, isOfficeHours, loadRoutingDirectory, parseRoutingDirectory } from '../../src/forwarding/routing-directory';
import { PROJECT_ROOT } from '../../src/paths';
import { forwardingOnAzurite } from '../support/forwarding';

const NOW = new Date('2026-11-23T10:00:00Z');

function newCase(): Omit<Case, 'code'> {
  return {
    id: randomUUID(),
    status: 'delivered',
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    note: { formId: 'incident-note', formVersion: 1, answers: {}, urgency: 'P3', category: 'other' },
    reporter: { userId: 'r', conversationRef: {}, locale: 'sv' },
    history: [{ at: NOW.toISOString(), action: 'received', by: 'reporter' }],
  };
}

describe('transition', () => {
  const c = { ...newCase(), code: 'K-2345' } as Case;

  it('answers a handed-off question once (closing it), marks "needs a routine" once, and refuses both on a note', () => {
    const q = { ...c, note: questionNote({ question: 'How long is the investigation?', language: 'en', audience: 'partner' }) } as Case;
    const replied = transition(q, { kind: 'reply', text: '  Usually months. ' }, 'aad-1', NOW);
    expect(replied).toMatchObject({ ok: true, changed: true, case: { status: 'closed', outcome: { code: 'answered', reason: 'Usually months.' } } });
    if (replied.ok) expect(transition(replied.case, { kind: 'reply', text: 'again' }, 'aad-1', NOW)).toMatchObject({ ok: false, reason: 'closed' });
    expect(transition(q, { kind: 'reply', text: ' ' }, 'aad-1', NOW)).toMatchObject({ ok: false, reason: 'outcomeRequired' });
    const marked = transition(q, { kind: 'requestRoutine' }, 'aad-1', NOW);
    expect(marked).toMatchObject({ ok: true, changed: true });
    if (marked.ok) expect(transition(marked.case, { kind: 'requestRoutine' }, 'aad-2', NOW)).toMatchObject({ ok: true, changed: false });
    expect(transition(c, { kind: 'reply', text: 'x' }, 'aad-1', NOW)).toMatchObject({ ok: false, reason: 'notAQuestion' });
    expect(transition(c, { kind: 'requestRoutine' }, 'aad-1', NOW)).toMatchObject({ ok: false, reason: 'notAQuestion' });
  });
  it('acknowledges once; a second acknowledge changes nothing', () => {
    const r = transition(c, { kind: 'acknowledge' }, 'aad-1', NOW);
    expect(r).toMatchObject({ ok: true, changed: true, case: { status: 'acknowledged' } });
    if (r.ok) expect(transition(r.case, { kind: 'acknowledge' }, 'aad-2', NOW)).toMatchObject({ ok: true, changed: false });
  });

  it('take acknowledges too and names the assignee; another take is refused with who has it', () => {
    const r = transition(c, { kind: 'take' }, 'aad-1', NOW);
    expect(r).toMatchObject({ ok: true, case: { status: 'taken', assignee: 'aad-1' } });
    if (!r.ok) return;
    expect(r.case.history.map((h) => h.action)).toEqual(['received', 'acknowledged', 'taken']);
    expect(transition({ ...r.case, assigneeName: 'Adele' }, { kind: 'take' }, 'aad-2', NOW)).toEqual({ ok: false, reason: 'alreadyTaken', takenBy: 'aad-1' });
  });

  it.each([
    [{ kind: 'close', outcome: 'noAction', reason: '  ' }, 'outcomeRequired'],
    [{ kind: 'close', outcome: 'made-up', reason: 'why' }, 'outcomeRequired'],
    [{ kind: 'close', outcome: 'other', reason: 'x'.repeat(1001) }, 'reasonTooLong'],
    [{ kind: 'reopen' }, 'notClosed'],
  ] as const)('refuses %j (%s)', (action, reason) => {
    expect(transition(c, action, 'aad-1', NOW)).toMatchObject({ ok: false, reason });
  });

  it('closes with an outcome, refuses further actions, and can be reopened', () => {
    const closed = transition(c, { kind: 'close', outcome: 'referredPolice', reason: 'Tipped 114 14.' }, 'aad-1', NOW);
    expect(closed).toMatchObject({ ok: true, case: { status: 'closed', outcome: { code: 'referredPolice', reason: 'Tipped 114 14.' } } });
    if (!closed.ok) return;
    expect(transition(closed.case, { kind: 'take' }, 'aad-1', NOW)).toMatchObject({ ok: false, reason: 'closed' });
    expect(transition(closed.case, { kind: 'reopen' }, 'aad-1', NOW)).toMatchObject({ ok: true, case: { status: 'acknowledged' } });
  });
});

describe('relayed questions', () => {
  const c = { ...newCase(), code: 'K-2345' } as Case;
  it('answers the oldest open question, and refuses an answer when none is open', () => {
    expect(transition(c, { kind: 'answerQuestion', text: 'hello' }, 'reporter', NOW)).toMatchObject({ ok: false, reason: 'noQuestion' });
    const one = transition(c, { kind: 'askReporter', text: 'Which floor?' }, 'aad-1', NOW);
    if (!one.ok) throw new Error('ask refused');
    const two = transition(one.case, { kind: 'askReporter', text: 'How many?' }, 'aad-1', NOW);
    if (!two.ok) throw new Error('ask refused');
    const answered = transition(two.case, { kind: 'answerQuestion', text: 'Third' }, 'reporter', NOW);
    expect(answered).toMatchObject({ ok: true, case: { questions: [{ text: 'Which floor?', answer: 'Third' }, { text: 'How many?' }] } });
    expect(transition(c, { kind: 'askReporter', text: '  ' }, 'aad-1', NOW)).toMatchObject({ ok: false, reason: 'outcomeRequired' });
  });
});

describe('two coordinators press "Take" at once (real Azurite, ETags)', () => {
  it('has one winner, and the history shows one assignee', async () => {
    const { cases, service } = await forwardingOnAzurite('take-race', NOW);
    const created = await cases.create(newCase());
    const outcomes: string[] = [];
    const take = (who: string) =>
      service.updateCase(created.id, (cur) => {
        const r = transition(cur, { kind: 'take' }, who, NOW);
        outcomes.push(r.ok ? `${who}:ok` : `${who}:${r.reason}`);
        return r.ok && r.changed ? r.case : undefined;
      });
    await Promise.all([take('aad-megan'), take('aad-adele')]);
    const final = (await cases.get(created.id))!.case;
    expect(final.status).toBe('taken');
    expect(final.history.filter((h) => h.action === 'taken')).toHaveLength(1);
    const loser = final.assignee === 'aad-megan' ? 'aad-adele' : 'aad-megan';
    // The loser's retry saw the winner's change and was refused with who has the case.
    expect(outcomes).toContain(`${loser}:alreadyTaken`);
  });
});

describe('routing directory', () => {
  it('routes out-of-hours P1 to the out-of-hours target and office-hours notes to the primary', () => {
    const d = loadRoutingDirectory(`${PROJECT_ROOT}/src/forwarding/directories/playground-demo.yaml`);
    const route = chooseRoute(d, 'demo', 'possibleMinor', 'P1');
    expect(isOfficeHours(d, new Date('2026-11-23T09:00:00Z'), 'Europe/Stockholm')).toBe(true); // Monday 10:00
    expect(isOfficeHours(d, new Date('2026-11-23T22:00:00Z'), 'Europe/Stockholm')).toBe(false); // Monday 23:00
    expect(isOfficeHours(d, new Date('2026-12-24T10:00:00Z'), 'Europe/Stockholm')).toBe(false); // holiday
    expect(firstTarget(route, 'P1', 'other', false)).toBe('demo-out-of-hours');
    expect(firstTarget(route, 'P1', 'other', true)).toBe('demo-coordinators');
    expect(firstTarget(route, 'P3', 'other', false)).toBe('demo-coordinators');
    // R1: a possible child out of hours goes to the out-of-hours target, whatever its urgency.
    expect(firstTarget(route, 'P2', 'possibleMinor', false)).toBe('demo-out-of-hours');
  });

  const badDirectory = (admin: string) => `
admins: ["${admin}"]
defaultMunicipality: nowhere
officeHours: { days: [mon], start: "17:00", end: "08:00" }
targets:
  a: { kind: channel, label: A, members: ["00000000-0000-0000-0000-000000000001"] }
municipalities:
  town:
    name: Town
    routes:
      - { category: possibleMinor, primary: a, deputy: ghost, next: a }
`;

  it('refuses a directory whose entries break the schema, naming each entry', () => {
    const r = parseRoutingDirectory(badDirectory('not-a-guid'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toContain('admins.0: must be an Entra ID object id');
  });

  it('names unknown targets, a missing default route and bad office hours', () => {
    const r = parseRoutingDirectory(badDirectory('00000000-0000-0000-0000-000000000001'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.join('\n');
    expect(text).toContain('defaultMunicipality: "nowhere" is not a municipality');
    expect(text).toContain('officeHours: start must be before end');
    expect(text).toContain('municipalities.town.routes.0.deputy: "ghost" is not a target');
    expect(text).toContain('municipalities.town.routes: needs a default route');
  });
});
