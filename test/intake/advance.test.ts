import { describe, expect, it } from 'vitest';
import { advance, resume } from '../../src/intake/advance';
import type { IntakeInput, IntakeOutcome } from '../../src/intake/intake-outcome';
import type { IntakeSession } from '../../src/intake/session';
import { cases, type Expected } from './advance.cases';
import { context, FORM } from './support';

/** The exact core of an outcome: what the edge renders first. */
function summarize(o: IntakeOutcome): Expected {
  const notices = (list: readonly string[]) => (list.length > 0 ? { notices: [...list] } : {});
  const reason = (key: string | undefined) => (key === undefined ? {} : { reasonKey: key });
  switch (o.type) {
    case 'ask':
    case 'emergency':
      return { type: o.type, step: o.step.id, ...reason(o.reasonKey), ...notices(o.notices) };
    case 'review':
      return { type: o.type, ...reason(o.reasonKey), ...notices(o.notices) };
    case 'help':
      return { type: o.type, helpKey: o.helpKey, then: o.then.type === 'review' ? 'review' : o.then.step.id };
    case 'rejected':
      return { type: o.type, reasonKey: o.reasonKey };
    default:
      return { type: o.type };
  }
}

/** Answers are compared exactly (toMatchObject would let a dropped answer linger unnoticed). */
function expectAlso(outcome: IntakeOutcome, also: Record<string, unknown>): void {
  const { session, note, ...rest } = also as { session?: { answers?: unknown }; note?: { answers?: unknown } };
  expect(outcome).toMatchObject(rest);
  for (const [holder, expected] of [['session', session], ['note', note]] as const) {
    if (!expected) continue;
    const actual = (outcome as unknown as Record<string, { answers?: unknown }>)[holder];
    const { answers, ...others } = expected;
    expect(actual).toMatchObject(others);
    if (answers !== undefined) expect(actual?.answers).toEqual(answers);
  }
}

describe('advance', () => {
  it.each(cases)('$name', ({ turns, practice = false }) => {
    const ctx = context();
    const first = advance(FORM, undefined, { kind: 'start', practice }, ctx);
    expect(summarize(first)).toEqual({ type: 'ask', step: 'immediate_danger', ...(practice ? { notices: ['practice'] } : {}) });
    let session: IntakeSession | undefined = 'session' in first ? first.session : undefined;

    turns.forEach(([input, expected, also], i) => {
      const before = structuredClone(session);
      const outcome = advance(FORM, session, input, ctx);
      const where = `turn ${i + 1}: ${JSON.stringify(input).slice(0, 80)}`;
      expect(summarize(outcome), where).toEqual(expected);
      if (also) expectAlso(outcome, also);
      if (outcome.type === 'rejected' || (outcome.type === 'emergency' && outcome.reasonKey)) {
        expect(outcome.session, `${where} must leave the session unchanged`).toEqual(before);
      }
      session = 'session' in outcome ? outcome.session : undefined;
      if (session) expect(JSON.parse(JSON.stringify(session)), `${where} session is plain JSON`).toEqual(session);
    });
  });

  it('refuses input without a session, and a session of another form version', () => {
    const ctx = context();
    expect(advance(FORM, undefined, { kind: 'text', text: 'nej' }, ctx)).toEqual({ type: 'rejected', reasonKey: 'intake:reason.noSession', session: undefined });
    const started = advance(FORM, undefined, { kind: 'start', practice: false }, ctx);
    if (started.type !== 'ask') throw new Error('expected ask');
    const old = { ...started.session, formVersion: 0 };
    expect(advance(FORM, old, { kind: 'text', text: 'nej' }, ctx)).toEqual({ type: 'rejected', reasonKey: 'intake:reason.formChanged', session: old });
  });

  it('carries a draft of form version 1 over to version 2: kept answers stay, a retired option and the new questions are asked', () => {
    const ctx = context();
    // A version-1 draft at "how many?", with a role version 2 no longer offers.
    const v1: IntakeSession = {
      formId: 'incident-note',
      formVersion: 1,
      practice: false,
      startedAt: '2026-11-23T21:00:00.000Z',
      updatedAt: '2026-11-23T21:20:00.000Z',
      revision: 9,
      answers: { immediate_danger: 'no', possible_minor: 'no', site_area: 'room', observed_from: '2026-11-23T20:00:00Z', how_known: 'saw_myself', persons_role: ['possible_exploited', 'possible_buyer'] },
      done: ['immediate_danger', 'possible_minor', 'site_area', 'unit_ref', 'observed_from', 'observed_to', 'how_known', 'persons_role'],
      attempts: 0,
      cancelPending: false,
      noticesShown: ['minimisation'],
    };
    const resumed = resume(FORM, v1, ctx);
    // The question version 2 adds after the gates comes first.
    expect(summarize(resumed)).toEqual({ type: 'ask', step: 'ongoing' });
    expect(resumed.session).toMatchObject({ formVersion: 2, revision: 9 });
    expect(resumed.session.answers).toEqual({ immediate_danger: 'no', possible_minor: 'no', site_area: 'room', observed_from: '2026-11-23T20:00:00Z', how_known: 'saw_myself' });
    let outcome = advance(FORM, v1, { kind: 'text', text: 'nej' }, ctx);
    expect(summarize(outcome)).toEqual({ type: 'ask', step: 'observed_to' });
    for (const text of ['hoppa över', 'hoppa över', 'hoppa över']) outcome = advance(FORM, 'session' in outcome ? outcome.session : undefined, { kind: 'text', text }, ctx);
    // The retired "possible buyer" is not an answer any more: the roles are asked again.
    expect(summarize(outcome)).toEqual({ type: 'ask', step: 'persons_role' });
  });

  it('asks every step of a note started from a described situation, and shows the description at the observation step for review', () => {
    const ctx = context();
    const described = 'Many different men went to room 12 tonight, one after another.';
    let outcome = advance(FORM, undefined, { kind: 'start', practice: false, prefill: { observations: ` ${described} `, persons_count: 'x', unknown: 'y' } }, ctx);
    // Danger is asked first, as in every note; a proposal for a non-text or unknown field is dropped.
    expect(summarize(outcome)).toMatchObject({ type: 'ask', step: 'immediate_danger' });
    if (outcome.type !== 'ask') throw new Error('expected ask');
    expect(outcome.session.answers).toEqual({ observations: described });
    for (const text of ['nej', 'nej', 'nej', 'rum', 'hoppa över', 'igår 23:10', 'hoppa över', 'hoppa över', '1', 'hoppa över', '4', '1', 'hoppa över', 'hoppa över']) {
      outcome = advance(FORM, 'session' in outcome ? outcome.session : undefined, { kind: 'text', text }, ctx);
    }
    expect(outcome).toMatchObject({ type: 'ask', step: { id: 'observations' }, current: described });
    expect(FORM.situationField).toBe('observations');
  });

  it('keeps the session small: answers and progress, no rendered text', () => {
    const started = advance(FORM, undefined, { kind: 'start', practice: false }, context());
    if (started.type !== 'ask') throw new Error('expected ask');
    expect(Object.keys(started.session).sort()).toEqual(
      ['answers', 'attempts', 'cancelPending', 'done', 'formId', 'formVersion', 'noticesShown', 'practice', 'revision', 'startedAt', 'updatedAt'].sort(),
    );
  });

  it('resumes a stored session where it stood, without showing notices again', () => {
    const ctx = context();
    let outcome = advance(FORM, undefined, { kind: 'start', practice: false }, ctx);
    for (const text of ['nej', 'ja', 'nej']) outcome = advance(FORM, 'session' in outcome ? outcome.session : undefined, { kind: 'text', text }, ctx);
    expect(summarize(outcome)).toEqual({ type: 'ask', step: 'site_area', notices: ['minimisation'] });
    if (outcome.type !== 'ask') throw new Error('expected ask');
    expect(summarize(resume(FORM, JSON.parse(JSON.stringify(outcome.session)) as IntakeSession))).toEqual({ type: 'ask', step: 'site_area' });
  });

  it('updates updatedAt on every move but keeps startedAt', () => {
    const start = advance(FORM, undefined, { kind: 'start', practice: false }, context(new Date('2026-11-23T21:00:00Z')));
    if (start.type !== 'ask') throw new Error('expected ask');
    const next = advance(FORM, start.session, { kind: 'text', text: 'nej' }, context(new Date('2026-11-23T21:10:00Z')));
    if (next.type !== 'ask') throw new Error('expected ask');
    expect(next.session).toMatchObject({ startedAt: '2026-11-23T21:00:00.000Z', updatedAt: '2026-11-23T21:10:00.000Z' });
  });

  it('validates the whole note again on submit and asks the first field that no longer holds', () => {
    const ctx = context();
    const inputs: IntakeInput[] = [
      ...['nej', 'nej', 'nej', 'rum', 'hoppa över', 'igår 23:10', 'hoppa över', 'hoppa över', '1', 'hoppa över', '4', '1', 'hoppa över', 'hoppa över', 'Text', 'hoppa över', '1', 'chef', 'hoppa över'].map(
        (text): IntakeInput => ({ kind: 'text', text }),
      ),
    ];
    let outcome = advance(FORM, undefined, { kind: 'start', practice: false }, ctx);
    for (const input of inputs) outcome = advance(FORM, 'session' in outcome ? outcome.session : undefined, input, ctx);
    expect(summarize(outcome)).toEqual({ type: 'review', notices: ['minimisation', 'beforeSubmit'] });
    if (outcome.type !== 'review') throw new Error('expected review');
    const late = advance(FORM, outcome.session, { kind: 'command', command: 'submit' }, context(new Date('2027-11-23T12:00:00Z')));
    expect(summarize(late)).toEqual({ type: 'ask', step: 'observed_from', reasonKey: 'intake:reason.dateTooOld' });
    expect(late).toMatchObject({ current: '2026-11-22T22:10:00Z' });
  });
});
