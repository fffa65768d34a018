import type { IntakeCommand, IntakeInput } from '../../src/intake/intake-outcome';

/**
 * Conversation cases for advance(), in the style of core-bot's bookingDialogTestCases: each turn is
 * an input, the exact outcome summary (type, step, reason, notices, help key) and optionally more
 * properties the outcome must have. Every case starts from no session with a `start` input.
 */
export interface Expected {
  type: string;
  step?: string;
  reasonKey?: string;
  notices?: string[];
  helpKey?: string;
  then?: string;
}
export type Turn = [input: IntakeInput, expected: Expected, also?: Record<string, unknown>];
export interface AdvanceCase {
  name: string;
  practice?: boolean;
  turns: Turn[];
}

const say = (text: string): IntakeInput => ({ kind: 'text', text });
const answer = (fieldId: string, value: unknown, revision?: number): IntakeInput =>
  revision === undefined ? { kind: 'answer', fieldId, value } : { kind: 'answer', fieldId, value, revision };
const cmd = (command: IntakeCommand, revision?: number): IntakeInput => (revision === undefined ? { kind: 'command', command } : { kind: 'command', command, revision });
const edit = (fieldId: string): IntakeInput => ({ kind: 'edit', fieldId });
const ask = (step: string, more: Omit<Expected, 'type' | 'step'> = {}): Expected => ({ type: 'ask', step, ...more });
const rejected = (reason: string): Expected => ({ type: 'rejected', reasonKey: `intake:reason.${reason}` });
const reason = (r: string) => `intake:reason.${r}`;
const REVIEW: Expected = { type: 'review', notices: ['minimisation', 'beforeSubmit'] };
const EMERGENCY: Expected = { type: 'emergency', step: 'emergency_call_made' };
const STILL_EMERGENCY: Expected = { ...EMERGENCY, reasonKey: reason('emergencyFirst') };

/** Typed Swedish answers from the start to the question "when did it start?". */
const SV_TO_OBSERVED_FROM: Turn[] = [
  [say('nej'), ask('possible_minor')],
  [say('Nej'), ask('site_area', { notices: ['minimisation'] })],
  [say('rum'), ask('unit_ref')],
  [say('hoppa över'), ask('observed_from')],
];

/** Card answers from the start to the question "when did it start?". */
const CARD_TO_OBSERVED_FROM: Turn[] = [
  [answer('immediate_danger', 'no'), ask('possible_minor')],
  [answer('possible_minor', 'no'), ask('site_area', { notices: ['minimisation'] })],
  [answer('site_area', 'room'), ask('unit_ref')],
  [cmd('skip'), ask('observed_from')],
];

/** Card answers from "when did it start?" to the review (no danger, no minor, no signs). */
const CARD_TO_REVIEW: Turn[] = [
  [answer('observed_from', '2026-11-23T21:00'), ask('observed_to')],
  [cmd('skip'), ask('how_known')],
  [answer('how_known', 'saw_myself'), ask('persons_role')],
  [answer('persons_role', ['unknown']), ask('persons_count')],
  [answer('persons_count', 1), ask('persons_age_band')],
  [cmd('skip'), ask('vehicles')],
  [cmd('skip'), ask('observations')],
  [answer('observations', 'Någon knackade länge på en dörr.'), ask('indicators')],
  [cmd('skip'), ask('actions_taken')],
  [answer('actions_taken', ['none']), ask('reporter_role')],
  [answer('reporter_role', 'reception'), ask('reporter_phone')],
  [cmd('skip'), REVIEW, { urgency: 'P4' }],
];

export const cases: AdvanceCase[] = [
  {
    name: 'typed Swedish, no danger and no minor, from start to submitted note (P3, adult)',
    turns: [
      ...SV_TO_OBSERVED_FROM,
      [say('igår 23:10'), ask('observed_to')],
      [say('-'), ask('how_known')],
      [say('1'), ask('persons_role')],
      [say('1, 3'), ask('persons_count')],
      [say('ca 3'), ask('persons_age_band')],
      [say('18-25'), ask('vehicles')],
      [say('hoppa över'), ask('observations')],
      [say('Tre män kom ensamma till samma rum med tio minuters mellanrum.'), ask('indicators')],
      [say('1, 15'), ask('actions_taken')],
      [say('Jag har berättat för min chef, tipsat polisen på 114 14'), ask('police_tip_ref')],
      [say('hoppa över'), ask('reporter_role')],
      [say('reception'), ask('reporter_phone')],
      [say('070-123 45 67'), REVIEW, { urgency: 'P3' }],
      [
        say('Skicka'),
        { type: 'submitted' },
        {
          note: {
            formId: 'incident-note',
            formVersion: 1,
            practice: false,
            startedAt: '2026-11-23T21:30:00.000Z',
            submittedAt: '2026-11-23T21:30:00.000Z',
            urgency: 'P3',
            category: 'adultExploitation',
            answers: {
              immediate_danger: 'no',
              possible_minor: 'no',
              site_area: 'room',
              observed_from: '2026-11-22T22:10:00Z',
              how_known: 'saw_myself',
              persons_role: ['possible_exploited', 'possible_buyer'],
              persons_count: 3,
              persons_age_band: 'age_18_25',
              observations: 'Tre män kom ensamma till samma rum med tio minuters mellanrum.',
              indicators: ['many_visitors', 'short_visits_not_guests'],
              actions_taken: ['informed_manager', 'police_tip'],
              reporter_role: 'reception',
              reporter_phone: '070-123 45 67',
            },
          },
        },
      ],
    ],
  },
  {
    name: 'typed English with danger: 112 first, other input re-shows it, then a note (P1, possible minor)',
    turns: [
      [say('yes'), EMERGENCY, { eventNumber: { id: 'police_event_number' } }],
      [say('what should I do?'), STILL_EMERGENCY],
      [say('ring'), STILL_EMERGENCY],
      [say('1'), STILL_EMERGENCY],
      [say('cancel'), { type: 'confirmCancel' }],
      [say('no'), EMERGENCY],
      [say('called'), ask('police_event_number')],
      [say('skip'), ask('possible_minor')],
      [say("don't know"), ask('site_area', { notices: ['childProtection', 'minimisation'] })],
      [say('Other'), ask('site_area_other')],
      [say('The back yard behind the kitchen'), ask('unit_ref')],
      [say('skip'), ask('observed_from')],
      [say('now'), ask('observed_to')],
      [say('skip'), ask('how_known')],
      [say('I saw it myself'), ask('persons_role')],
      [say('someone who may be exploited'), ask('persons_count')],
      [say('2'), ask('vehicles')],
      [say('none'), ask('observations')],
      [say('A very young girl was led to room 12 by an older man.'), ask('indicators')],
      [say('13'), ask('actions_taken')],
      [say('Called 112'), ask('reporter_role')],
      [say('night staff'), ask('reporter_phone')],
      [say('skip'), REVIEW, { urgency: 'P1' }],
      [
        say('send'),
        { type: 'submitted' },
        {
          note: {
            urgency: 'P1',
            category: 'possibleMinor',
            answers: {
              immediate_danger: 'yes',
              emergency_call_made: 'yes',
              emergency_call_at: '2026-11-23T21:30:00Z',
              possible_minor: 'unsure',
              site_area: 'other',
              site_area_other: 'The back yard behind the kitchen',
              observed_from: '2026-11-23T21:30:00Z',
              how_known: 'saw_myself',
              persons_role: ['possible_exploited'],
              persons_count: 2,
              observations: 'A very young girl was led to room 12 by an older man.',
              indicators: ['looks_under_18'],
              actions_taken: ['called_112'],
              reporter_role: 'night_staff',
            },
          },
        },
      ],
    ],
  },
  {
    name: 'card answers only, practice: notice first, minor gate, event number from the 112 card, practice note (P1)',
    practice: true,
    turns: [
      [answer('immediate_danger', 'unsure'), EMERGENCY],
      [answer('possible_minor', 'no'), STILL_EMERGENCY],
      [cmd('skip'), STILL_EMERGENCY],
      [cmd('review'), STILL_EMERGENCY],
      [cmd('help'), { type: 'help', helpKey: 'intake:emergency.help', then: 'emergency_call_made' }],
      [{ kind: 'emergency', outcome: 'called', eventNumber: 'x'.repeat(41) }, rejected('tooLong')],
      [{ kind: 'emergency', outcome: 'called', eventNumber: ' 5000-K123456-26 ' }, ask('possible_minor')],
      [answer('possible_minor', 'yes'), ask('site_area', { notices: ['childProtection', 'minimisation'] })],
      [answer('site_area', 'parking'), ask('unit_ref')],
      [answer('unit_ref', 'P12'), ask('observed_from')],
      [answer('observed_from', '2026-11-23T20:00:00+01:00'), ask('observed_to')],
      [answer('observed_to', '2026-11-23T22:15'), ask('how_known')],
      [answer('how_known', 'told_by_colleague'), ask('persons_role')],
      [answer('persons_role', ['possible_controller', 'possible_exploited']), ask('persons_count')],
      [answer('persons_count', '2'), ask('vehicles')],
      [answer('vehicles', 'Vit skåpbil'), ask('observations')],
      [answer('observations', 'En man väntade i bilen och hämtade en ung tjej.'), ask('indicators')],
      [answer('indicators', 'person_waiting,seems_controlled'), ask('actions_taken')],
      [answer('actions_taken', ['called_112', 'other']), ask('actions_taken_other')],
      [answer('actions_taken_other', 'Informerade kvällsansvarig'), ask('reporter_role')],
      [answer('reporter_role', 'security'), ask('reporter_phone')],
      [answer('reporter_phone', '+46 70 000 00 00'), REVIEW, { urgency: 'P1' }],
      [
        cmd('submit'),
        { type: 'submitted' },
        {
          note: {
            practice: true,
            urgency: 'P1',
            category: 'possibleMinor',
            answers: {
              immediate_danger: 'unsure',
              emergency_call_made: 'yes',
              emergency_call_at: '2026-11-23T21:30:00Z',
              police_event_number: '5000-K123456-26',
              possible_minor: 'yes',
              site_area: 'parking',
              unit_ref: 'P12',
              observed_from: '2026-11-23T19:00:00Z',
              observed_to: '2026-11-23T21:15:00Z',
              how_known: 'told_by_colleague',
              persons_role: ['possible_exploited', 'possible_controller'],
              persons_count: 2,
              vehicles: 'Vit skåpbil',
              observations: 'En man väntade i bilen och hämtade en ung tjej.',
              indicators: ['seems_controlled', 'person_waiting'],
              actions_taken: ['called_112', 'other'],
              actions_taken_other: 'Informerade kvällsansvarig',
              reporter_role: 'security',
              reporter_phone: '+46 70 000 00 00',
            },
          },
        },
      ],
    ],
  },
  {
    name: '"not needed after all" on the 112 screen records no call and asks no event number',
    turns: [
      [answer('immediate_danger', 'yes'), EMERGENCY],
      [say('Det behövdes inte ändå'), ask('possible_minor'), { session: { answers: { immediate_danger: 'yes', emergency_call_made: 'no', emergency_call_at: '2026-11-23T21:30:00Z' } } }],
      [say('nej'), ask('site_area', { notices: ['minimisation'] })],
      [cmd('back'), ask('possible_minor')],
      [cmd('back'), ask('immediate_danger'), { current: 'yes', canGoBack: false }],
      [say('nej'), ask('possible_minor'), { current: 'no', session: { answers: { immediate_danger: 'no', possible_minor: 'no' } } }],
      [cmd('back'), ask('immediate_danger')],
      [say('vet inte'), EMERGENCY],
    ],
  },
  {
    name: 'invalid dates are asked again with distinct reasons, and two failures offer stop',
    turns: [
      ...SV_TO_OBSERVED_FROM,
      [say('idag 23:59'), ask('observed_from', { reasonKey: reason('dateInFuture') }), { attempt: 1, offerSkip: false, offerStop: false }],
      [say('2024-01-01 10:00'), ask('observed_from', { reasonKey: reason('dateTooOld') }), { attempt: 2, offerSkip: false, offerStop: true }],
      [say('i förrgår på kvällen'), ask('observed_from', { reasonKey: reason('dateFormat') }), { attempt: 3, offerStop: true }],
      [say('23:59'), ask('observed_to'), { session: { attempts: 0, answers: { immediate_danger: 'no', possible_minor: 'no', site_area: 'room', observed_from: '2026-11-22T22:59:00Z' } } }],
      [say('22/11 21:00'), ask('observed_to', { reasonKey: reason('endBeforeStart') }), { attempt: 1 }],
      [say('nästa vecka'), ask('observed_to', { reasonKey: reason('dateFormat') }), { attempt: 2, offerSkip: true, offerStop: true }],
      [cmd('skip'), ask('how_known')],
    ],
  },
  {
    name: 'invalid card values: a bad date is asked again, a forged value is rejected unchanged',
    turns: [
      ...CARD_TO_OBSERVED_FROM,
      [answer('observed_from', '2026-11-24T12:00'), ask('observed_from', { reasonKey: reason('dateInFuture') }), { attempt: 1 }],
      [answer('observed_from', 'yesterday'), rejected('dateFormat')],
      [answer('observed_from', 1732395600), rejected('wrongType')],
      [answer('observed_from', '2026-11-23T21:00'), ask('observed_to')],
    ],
  },
  {
    name: 'back goes to the previous answered step; at the first step it is refused',
    turns: [
      [cmd('back'), rejected('atFirstStep')],
      ...SV_TO_OBSERVED_FROM,
      [say('tillbaka'), ask('unit_ref'), { canGoBack: true }],
      [say('Back'), ask('site_area'), { current: 'room' }],
      [say('bakåt'), ask('possible_minor'), { current: 'no' }],
      [say('nej'), ask('site_area'), { current: 'room' }],
      [say('rum'), ask('unit_ref')],
      [say('hoppa över'), ask('observed_from')],
    ],
  },
  {
    name: 'conditions are re-evaluated: a changed answer drops the follow-up, and back skips it',
    turns: [
      [say('nej'), ask('possible_minor')],
      [say('nej'), ask('site_area', { notices: ['minimisation'] })],
      [say('annat'), ask('site_area_other')],
      [say('Gården'), ask('unit_ref')],
      [cmd('back'), ask('site_area_other'), { current: 'Gården' }],
      [cmd('back'), ask('site_area'), { current: 'other' }],
      [say('korridor'), ask('unit_ref'), { session: { answers: { immediate_danger: 'no', possible_minor: 'no', site_area: 'corridor' } } }],
      [cmd('back'), ask('site_area')],
    ],
  },
  {
    name: 'skip: optional fields can be skipped, required ones are refused unchanged',
    turns: [
      [cmd('skip'), rejected('cannotSkipRequired')],
      [say('hoppa över'), rejected('cannotSkipRequired')],
      [say('nej'), ask('possible_minor')],
      [say('nej'), ask('site_area', { notices: ['minimisation'] })],
      [say('rum'), ask('unit_ref')],
      [say('skip'), ask('observed_from'), { session: { done: ['immediate_danger', 'possible_minor', 'site_area', 'unit_ref'] } }],
    ],
  },
  {
    name: 'cancel asks for confirmation; confirming cancels',
    turns: [
      [say('nej'), ask('possible_minor')],
      [say('avbryt'), { type: 'confirmCancel' }],
      [cmd('confirmCancel'), { type: 'cancelled' }, { practice: false }],
    ],
  },
  {
    name: 'cancel then keep going returns to the same step; typed "nej" and "ja" answer the question',
    turns: [
      [say('nej'), ask('possible_minor')],
      [cmd('cancel'), { type: 'confirmCancel' }],
      [cmd('keepGoing'), ask('possible_minor')],
      [say('cancel'), { type: 'confirmCancel' }],
      [say('nej'), ask('possible_minor')],
      [cmd('confirmCancel'), rejected('nothingToConfirm')],
      [say('stopp'), { type: 'confirmCancel' }],
      [answer('possible_minor', 'no'), ask('site_area', { notices: ['minimisation'] })],
      [say('avbryt'), { type: 'confirmCancel' }],
      [say('ja'), { type: 'cancelled' }],
    ],
  },
  {
    name: 'two invalid typed answers to an optional choice offer skip and stop',
    turns: [
      ...SV_TO_OBSERVED_FROM,
      [say('nu'), ask('observed_to')],
      [say('hoppa över'), ask('how_known')],
      [say('sa'), ask('how_known', { reasonKey: reason('notUnderstood') }), { reasonParams: { count: 5 }, attempt: 1 }],
      [say('9'), ask('how_known', { reasonKey: reason('notUnderstood') }), { attempt: 2, offerSkip: false, offerStop: true }],
      [say('en kollega'), ask('persons_role')],
      [say('4'), ask('persons_count')],
      [say('många'), ask('persons_count', { reasonKey: reason('notANumber') })],
      [say('51'), ask('persons_count', { reasonKey: reason('numberRange') }), { reasonParams: { min: 1, max: 50 }, attempt: 2, offerSkip: false, offerStop: true }],
      [say('1'), ask('persons_age_band')],
      [say('gammal'), ask('persons_age_band', { reasonKey: reason('notUnderstood') })],
      [say('äldre'), ask('persons_age_band', { reasonKey: reason('notUnderstood') }), { attempt: 2, offerSkip: true, offerStop: true }],
      [say('hoppa över'), ask('vehicles'), { session: { attempts: 0 } }],
    ],
  },
  {
    name: 'help shows the step help, then the same step; the 112 screen stays put',
    turns: [
      [say('hjälp'), { type: 'help', helpKey: 'intake:field.immediate_danger.help', then: 'immediate_danger' }],
      [say('nej'), ask('possible_minor')],
      [say('nej'), ask('site_area', { notices: ['minimisation'] })],
      [cmd('help'), { type: 'help', helpKey: 'intake:help.general', then: 'site_area' }],
      [say('rum'), ask('unit_ref')],
    ],
  },
  {
    name: 'review, edit an answer, answer a newly needed follow-up, back to review, submit',
    turns: [
      ...CARD_TO_OBSERVED_FROM,
      ...CARD_TO_REVIEW,
      [say('hej'), { ...REVIEW, reasonKey: reason('useReviewActions') }],
      [edit('site_area'), ask('site_area'), { current: 'room' }],
      [answer('site_area', 'other'), ask('site_area_other')],
      [answer('site_area_other', 'Lastkajen'), REVIEW],
      [edit('immediate_danger'), ask('immediate_danger'), { current: 'no' }],
      [answer('immediate_danger', 'yes'), EMERGENCY],
      [{ kind: 'emergency', outcome: 'notNeeded' }, REVIEW, { urgency: 'P1' }],
      [edit('emergency_call_made'), rejected('notEditable')],
      [edit('police_event_number'), rejected('notEditable')],
      [edit('nope'), rejected('unknownField')],
      [edit('observations'), ask('observations')],
      [cmd('back'), ask('vehicles')],
      [cmd('review'), REVIEW],
      [
        cmd('submit'),
        { type: 'submitted' },
        {
          note: {
            urgency: 'P1',
            category: 'other',
            answers: {
              immediate_danger: 'yes',
              emergency_call_made: 'no',
              emergency_call_at: '2026-11-23T21:30:00Z',
              possible_minor: 'no',
              site_area: 'other',
              site_area_other: 'Lastkajen',
              observed_from: '2026-11-23T20:00:00Z',
              how_known: 'saw_myself',
              persons_role: ['unknown'],
              persons_count: 1,
              observations: 'Någon knackade länge på en dörr.',
              actions_taken: ['none'],
              reporter_role: 'reception',
            },
          },
        },
      ],
    ],
  },
  {
    name: 'forged and stale input is rejected and changes nothing',
    turns: [
      [answer('possible_minor', 'no'), rejected('notCurrentStep')],
      [answer('no_such_field', 'x'), rejected('unknownField')],
      [answer('immediate_danger', 'maybe'), rejected('notAnOption')],
      [answer('immediate_danger', ['no']), rejected('wrongType')],
      [{ kind: 'emergency', outcome: 'called' }, rejected('notCurrentStep')],
      [cmd('submit'), rejected('notInReview')],
      [edit('site_area'), rejected('notInReview')],
      [answer('immediate_danger', 'no', 7), rejected('stale')],
      [answer('immediate_danger', 'no', 0), ask('possible_minor'), { session: { revision: 1 } }],
      [answer('immediate_danger', 'no', 0), rejected('stale')],
      [answer('immediate_danger', 'no'), rejected('notCurrentStep')],
      [say('nej'), ask('site_area', { notices: ['minimisation'] })],
      [say('rum'), ask('unit_ref')],
      [answer('unit_ref', 'x'.repeat(41)), rejected('tooLong')],
      [say('x'.repeat(41)), ask('unit_ref', { reasonKey: reason('tooLong') }), { reasonParams: { max: 40 } }],
      [cmd('review'), rejected('reviewNotYet')],
    ],
  },
  {
    name: 'the review command skips the optional questions left once every required one is answered',
    turns: [
      ...CARD_TO_OBSERVED_FROM,
      [answer('observed_from', '2026-11-23T21:00'), ask('observed_to')],
      [cmd('skip'), ask('how_known')],
      [answer('how_known', 'saw_myself'), ask('persons_role')],
      [answer('persons_role', ['unknown']), ask('persons_count')],
      [answer('persons_count', 1), ask('persons_age_band')],
      [cmd('skip'), ask('vehicles')],
      [cmd('skip'), ask('observations')],
      [answer('observations', 'Text'), ask('indicators')],
      [cmd('review'), rejected('reviewNotYet')],
      [cmd('skip'), ask('actions_taken')],
      [answer('actions_taken', ['none']), ask('reporter_role')],
      [answer('reporter_role', 'manager'), ask('reporter_phone')],
      [answer('reporter_phone', '12'), ask('reporter_phone', { reasonKey: reason('phone') })],
      [say('granska'), REVIEW],
      [cmd('submit', 1), rejected('stale')],
      [edit('reporter_phone'), ask('reporter_phone')],
      [say('hoppa över'), REVIEW],
      [say('tillbaka'), ask('reporter_phone')],
      [say('granska'), REVIEW],
      [cmd('submit'), { type: 'submitted' }, { note: { urgency: 'P4', category: 'other' } }],
    ],
  },
];
