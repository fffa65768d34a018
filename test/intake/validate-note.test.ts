import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../src/intake/validate-note';
import { context, FORM } from './support';

const MINIMAL = {
  immediate_danger: 'no',
  possible_minor: 'no',
  ongoing: 'no',
  site_area: 'room',
  observed_from: '2026-11-23T21:00',
  how_known: 'saw_myself',
  persons_role: ['unknown'],
  persons_count: 1,
  observations: 'Något hände.',
  actions_taken: ['none'],
  reporter_role: 'reception',
};
const STORED = { ...MINIMAL, observed_from: '2026-11-23T20:00:00Z' };
const r = (key: string) => `intake:reason.${key}`;

describe('validateAnswers (the one-card form)', () => {
  it.each([
    ['a minimal note', {}, { ok: true, answers: STORED }],
    ['blank optional values are left out', { unit_ref: '  ', vehicles: '', indicators: [] }, { ok: true, answers: STORED }],
    ['keys that are not fields are ignored', { verb: 'intake.submit' }, { ok: true, answers: STORED }],
    ['values of fields whose condition does not hold are dropped', { site_area_other: 'x', police_tip_ref: 'x' }, { ok: true, answers: STORED }],
    ['numbers and multi-choice as Adaptive Cards send them', { persons_count: '3', indicators: 'person_waiting,many_visitors' }, { ok: true, answers: { ...STORED, persons_count: 3, indicators: ['many_visitors', 'person_waiting'] } }],
    [
      'danger: the call outcome is required',
      { immediate_danger: 'yes' },
      { ok: false, errors: [{ fieldId: 'emergency_call_made', reasonKey: r('required') }] },
    ],
    [
      'danger: the call time defaults to now and the event number is kept',
      { immediate_danger: 'unsure', emergency_call_made: 'yes', police_event_number: 'K-1' },
      { ok: true, answers: { ...STORED, immediate_danger: 'unsure', emergency_call_made: 'yes', emergency_call_at: '2026-11-23T21:30:00Z', police_event_number: 'K-1' } },
    ],
    ['"other" needs its text', { site_area: 'other' }, { ok: false, errors: [{ fieldId: 'site_area_other', reasonKey: r('required') }] }],
    [
      'every problem at once, in form order',
      { possible_minor: undefined, persons_count: 0, observations: 'x'.repeat(1001), reporter_phone: 'ring mig' },
      {
        ok: false,
        errors: [
          { fieldId: 'possible_minor', reasonKey: r('required') },
          { fieldId: 'persons_count', reasonKey: r('numberRange'), params: { min: 1, max: 50 } },
          { fieldId: 'observations', reasonKey: r('tooLong'), params: { max: 1000 } },
          { fieldId: 'reporter_phone', reasonKey: r('phone') },
        ],
      },
    ],
    [
      'wrong types and values outside the choices',
      { site_area: 'roof', persons_role: 'unknown,boss', persons_count: [1], how_known: 3 },
      {
        ok: false,
        errors: [
          { fieldId: 'site_area', reasonKey: r('notAnOption') },
          { fieldId: 'how_known', reasonKey: r('wrongType') },
          { fieldId: 'persons_role', reasonKey: r('notAnOption') },
          { fieldId: 'persons_count', reasonKey: r('wrongType') },
        ],
      },
    ],
    [
      'times in the future, too old, or before the start',
      { observed_from: '2025-11-01T10:00', observed_to: '2026-11-24T10:00' },
      { ok: false, errors: [{ fieldId: 'observed_from', reasonKey: r('dateTooOld') }, { fieldId: 'observed_to', reasonKey: r('dateInFuture') }] },
    ],
    ['an end before the start', { observed_to: '2026-11-23T20:59' }, { ok: false, errors: [{ fieldId: 'observed_to', reasonKey: r('endBeforeStart') }] }],
    ['a card\'s "now" button', { observed_from: 'now' }, { ok: true, answers: { ...STORED, observed_from: '2026-11-23T21:30:00Z' } }],
    ['a date without a time', { observed_from: '2026-11-23' }, { ok: false, errors: [{ fieldId: 'observed_from', reasonKey: r('dateFormat') }] }],
    [
      'D1 on one card: a possible minor, still going on, needs the 112 answer although the danger gate says no',
      { possible_minor: 'yes', ongoing: 'yes' },
      { ok: false, errors: [{ fieldId: 'emergency_call_made', reasonKey: r('required') }] },
    ],
    [
      'D1 on one card, answered: the call is kept, and no end time while it goes on',
      { possible_minor: 'unsure', ongoing: 'yes', emergency_call_made: 'no', observed_to: '2026-11-23T21:10' },
      { ok: true, answers: { ...STORED, emergency_call_made: 'no', emergency_call_at: '2026-11-23T21:30:00Z', possible_minor: 'unsure', ongoing: 'yes' } },
    ],
    ['a 112 answer nobody was asked for is dropped', { emergency_call_made: 'yes' }, { ok: true, answers: STORED }],
    ['emoji alone is not an observation', { observations: ' 👀🙈 ' }, { ok: false, errors: [{ fieldId: 'observations', reasonKey: r('tooFewLetters'), params: { min: 3 } }] }],
    ['the retired "possible buyer" is no answer for a new note', { persons_role: ['possible_buyer'] }, { ok: false, errors: [{ fieldId: 'persons_role', reasonKey: r('notAnOption') }] }],
    [
      'the new questions of version 2',
      { happened_before: 'regularly', how_known: 'told_by_person', others_saw: 'unsure', persons_role: ['room_guest', 'waiting_watching'], indicators: 'teenagers_lobby' },
      { ok: true, answers: { ...STORED, happened_before: 'regularly', how_known: 'told_by_person', others_saw: 'unsure', persons_role: ['room_guest', 'waiting_watching'], indicators: ['teenagers_lobby'] } },
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(validateAnswers(FORM, { ...MINIMAL, ...overrides }, context())).toEqual(expected);
  });
});
