import { describe, expect, it } from 'vitest';
import { advance } from '../../src/intake/advance';
import type { IntakeSession } from '../../src/intake/session';
import { context, FORM } from './support';

function atEmergency(): IntakeSession {
  const start = advance(FORM, undefined, { kind: 'start', practice: false }, context());
  if (start.type !== 'ask') throw new Error('expected the first question');
  const r = advance(FORM, start.session, { kind: 'text', text: 'ja' }, context());
  if (r.type !== 'emergency') throw new Error(`expected the 112 screen, got ${r.type}`);
  return r.session;
}

describe('the 112 screen', () => {
  it.each(['1', '2', 'ring', 'call', 'jag', 'klar', 'not', 'inte', 'beh', 'okej'])('does not take "%s" as an answer', (text) => {
    const session = atEmergency();
    const r = advance(FORM, session, { kind: 'text', text }, context());
    expect(r).toMatchObject({ type: 'emergency', reasonKey: 'intake:reason.emergencyFirst' });
    if (r.type === 'emergency') expect(r.session.answers).toEqual(session.answers);
  });

  it.each([
    ['ringt 112', 'yes'],
    ['Jag har ringt 112', 'yes'],
    ['behövs inte', 'no'],
    ['Det behövdes inte ändå', 'no'],
  ])('takes the whole words "%s" as %s', (text, value) => {
    const r = advance(FORM, atEmergency(), { kind: 'text', text }, context());
    expect(r.type).not.toBe('emergency');
    if ('session' in r && r.session) expect(r.session.answers.emergency_call_made).toBe(value);
  });

  it('lets the reporter stop, with confirmation, and go back to the screen', () => {
    const session = atEmergency();
    const asked = advance(FORM, session, { kind: 'text', text: 'avbryt' }, context());
    expect(asked.type).toBe('confirmCancel');
    if (asked.type !== 'confirmCancel') return;
    expect(advance(FORM, asked.session, { kind: 'command', command: 'keepGoing' }, context()).type).toBe('emergency');
    expect(advance(FORM, asked.session, { kind: 'command', command: 'confirmCancel' }, context())).toEqual({ type: 'cancelled', practice: false });
  });

  it('gives help and shows the screen again', () => {
    const r = advance(FORM, atEmergency(), { kind: 'command', command: 'help' }, context());
    expect(r).toMatchObject({ type: 'help', helpKey: 'intake:emergency.help', then: { type: 'emergency' } });
  });
});
