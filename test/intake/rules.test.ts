import { describe, expect, it } from 'vitest';
import { RESOURCES } from './support';
import { categoryOf, FORM_RULES, urgencyOf, urgencyReasons, URGENCY_RULES, type Category, type NoteUrgency, type RuleId } from '../../src/intake/rules';

type Answers = Record<string, string | string[]>;
/** The answers every row starts from: no danger, no minor, not going on now. */
const calm: Answers = { immediate_danger: 'no', possible_minor: 'no', ongoing: 'no' };

/**
 * One row per rule and per edge of it: the answers, the urgency and category they give, the rules
 * that set the urgency, and whether the 112 screen is shown (the form's `needs112` rule).
 */
const rows: { rule: RuleId; name: string; answers: Answers; urgency: NoteUrgency; category: Category; because: RuleId[]; call112: boolean }[] = [
  // G1 (domain C1 gate 1, C4 P1; review U4): danger now, violence, or someone asking for help now.
  { rule: 'G1', name: 'danger yes', answers: { ...calm, immediate_danger: 'yes' }, urgency: 'P1', category: 'other', because: ['G1'], call112: true },
  { rule: 'G1', name: 'danger unsure', answers: { ...calm, immediate_danger: 'unsure' }, urgency: 'P1', category: 'other', because: ['G1'], call112: true },
  { rule: 'G1', name: 'danger unsure with a possible minor, going on', answers: { immediate_danger: 'unsure', possible_minor: 'yes', ongoing: 'yes' }, urgency: 'P1', category: 'possibleMinor', because: ['G1', 'D1'], call112: true },
  // D1/U1 (review §2 D1, §5 U1): a possible minor and still going on → 112 screen and P1, although the danger gate said no.
  { rule: 'D1', name: 'possible minor yes, still going on', answers: { ...calm, possible_minor: 'yes', ongoing: 'yes' }, urgency: 'P1', category: 'possibleMinor', because: ['D1'], call112: true },
  { rule: 'D1', name: 'possible minor unsure, going on unsure', answers: { ...calm, possible_minor: 'unsure', ongoing: 'unsure' }, urgency: 'P1', category: 'possibleMinor', because: ['D1'], call112: true },
  { rule: 'D1', name: 'gate said no, but a sign of a child is ticked and it goes on', answers: { ...calm, ongoing: 'yes', indicators: ['looks_under_18'] }, urgency: 'P1', category: 'possibleMinor', because: ['D1'], call112: true },
  { rule: 'D1', name: 'teenagers in the lobby (housekeeping sign), going on', answers: { ...calm, ongoing: 'yes', indicators: ['teenagers_lobby'] }, urgency: 'P1', category: 'possibleMinor', because: ['D1'], call112: true },
  { rule: 'D1', name: 'an adult, still going on: not D1', answers: { ...calm, ongoing: 'yes', indicators: ['many_visitors'] }, urgency: 'P3', category: 'adultExploitation', because: ['U2'], call112: false },
  // G2 (domain C1 gate 2, C4 P2): a possible minor, over → P2, no 112 screen.
  { rule: 'G2', name: 'possible minor yes, over', answers: { ...calm, possible_minor: 'yes' }, urgency: 'P2', category: 'possibleMinor', because: ['G2'], call112: false },
  { rule: 'G2', name: 'possible minor unsure, over', answers: { ...calm, possible_minor: 'unsure' }, urgency: 'P2', category: 'possibleMinor', because: ['G2'], call112: false },
  { rule: 'G2', name: 'looks under 18 although the gate said no', answers: { ...calm, indicators: ['looks_under_18'] }, urgency: 'P2', category: 'possibleMinor', because: ['G2'], call112: false },
  // U3 (review §5 U3; domain C4 P2): a controller present or visible injuries → P2.
  { rule: 'U3', name: 'someone waiting or watching (sign)', answers: { ...calm, indicators: ['person_waiting'] }, urgency: 'P2', category: 'adultExploitation', because: ['U3'], call112: false },
  { rule: 'U3', name: 'fearful or visible injuries', answers: { ...calm, indicators: ['fearful_injuries'] }, urgency: 'P2', category: 'adultExploitation', because: ['U3'], call112: false },
  { rule: 'U3', name: 'someone who seems to control another (role)', answers: { ...calm, persons_role: ['possible_controller'] }, urgency: 'P2', category: 'adultExploitation', because: ['U3'], call112: false },
  { rule: 'U3', name: 'someone waiting or keeping watch (role)', answers: { ...calm, persons_role: ['waiting_watching'] }, urgency: 'P2', category: 'adultExploitation', because: ['U3'], call112: false },
  // S2 (domain C4 P2; review U4 for asks_for_help = earlier or indirect): strong signs → P2.
  { rule: 'S2', name: 'documents held by someone else', answers: { ...calm, indicators: ['documents_held'] }, urgency: 'P2', category: 'adultExploitation', because: ['S2'], call112: false },
  { rule: 'S2', name: 'seems controlled', answers: { ...calm, indicators: ['many_visitors', 'seems_controlled'] }, urgency: 'P2', category: 'adultExploitation', because: ['S2'], call112: false },
  { rule: 'S2', name: 'has shown earlier or indirectly they want help (not the gate)', answers: { ...calm, indicators: ['asks_for_help'] }, urgency: 'P2', category: 'adultExploitation', because: ['S2'], call112: false },
  // U2 (review §5 U2): a submitted note is never below P3, whatever is (not) ticked.
  { rule: 'U2', name: 'pattern signs only', answers: { ...calm, indicators: ['many_visitors', 'refuses_cleaning'] }, urgency: 'P3', category: 'adultExploitation', because: ['U2'], call112: false },
  { rule: 'U2', name: 'a campsite sign', answers: { ...calm, indicators: ['campsite_visits'] }, urgency: 'P3', category: 'adultExploitation', because: ['U2'], call112: false },
  { rule: 'U2', name: 'no signs ticked, free text only', answers: { ...calm, persons_role: ['unknown'], observations: 'Något allvarligt hände i korridoren.' }, urgency: 'P3', category: 'other', because: ['U2'], call112: false },
  { rule: 'U2', name: 'no answers at all', answers: {}, urgency: 'P3', category: 'other', because: ['U2'], call112: false },
  { rule: 'U2', name: 'a visitor and a guest of the room: observable roles only', answers: { ...calm, persons_role: ['room_guest', 'visitor'] }, urgency: 'P3', category: 'other', because: ['U2'], call112: false },
  { rule: 'U2', name: 'a version-1 note that named a possible buyer', answers: { immediate_danger: 'no', possible_minor: 'no', persons_role: ['possible_buyer'] }, urgency: 'P3', category: 'adultExploitation', because: ['U2'], call112: false },
];

describe('urgency rules (content review 2026-11-30, domain C4)', () => {
  it.each(rows)('$rule: $name → $urgency, $category', ({ answers, urgency, category, because, call112 }) => {
    expect(urgencyOf(answers)).toBe(urgency);
    expect(categoryOf(answers)).toBe(category);
    expect(urgencyReasons(answers)).toEqual(because);
    expect(FORM_RULES.needs112!.holds(answers)).toBe(call112);
  });

  it('has a row for every rule, and every rule says where it comes from', () => {
    for (const r of URGENCY_RULES) {
      expect(rows.some((row) => row.rule === r.id), r.id).toBe(true);
      expect(r.source.length, r.id).toBeGreaterThan(5);
    }
  });

  it('never gives P4 to a submitted note (U2): P4 is left for questions handed to a coordinator', () => {
    const values = ['yes', 'no', 'unsure'];
    for (const immediate_danger of values)
      for (const possible_minor of values)
        for (const ongoing of values) expect(urgencyOf({ immediate_danger, possible_minor, ongoing })).not.toBe('P4');
  });
});

/**
 * The typical receptionist's report (brief U4): a young woman, many men visiting her room at night,
 * paid in cash, she seemed scared. The receptionist takes her for an adult and nobody asks for help
 * now. Many visitors and cash are pattern signs (P3 at least, U2); "seemed scared" is the
 * fearful-or-injuries sign, which the review's U3 raises to P2. Nothing makes it P1: the danger gate
 * is no, and D1 needs a possible minor.
 */
describe('the receptionist report', () => {
  const report: Answers = {
    immediate_danger: 'no',
    possible_minor: 'no',
    ongoing: 'yes',
    site_area: 'room',
    how_known: 'saw_myself',
    persons_role: ['possible_exploited', 'visitor'],
    persons_age_band: 'age_18_25',
    indicators: ['many_visitors', 'short_visits_not_guests', 'cash_several_rooms', 'fearful_injuries'],
  };

  it('comes out P2, same day, by U3 (she seemed scared), as an adult-exploitation note', () => {
    expect(urgencyOf(report)).toBe('P2');
    expect(urgencyReasons(report)).toEqual(['U3']);
    expect(categoryOf(report)).toBe('adultExploitation');
    expect(FORM_RULES.needs112!.holds(report)).toBe(false);
  });

  it('comes out P1 with the 112 screen (D1) if the receptionist is not sure she is 18 and it is still going on', () => {
    const unsure = { ...report, possible_minor: 'unsure' };
    expect(urgencyOf(unsure)).toBe('P1');
    expect(urgencyReasons(unsure)).toEqual(['D1']);
    expect(FORM_RULES.needs112!.holds(unsure)).toBe(true);
  });

  it('stays P3 (U2) when only the free text tells it and no sign is ticked: the coordinator reads the text', () => {
    expect(urgencyOf({ immediate_danger: 'no', possible_minor: 'no', ongoing: 'yes', observations: 'Ung kvinna, många män på rummet i natt, kontant, verkade rädd.' })).toBe('P3');
  });
});

/**
 * U4 (review §5 U4): the danger gate is about asking for help *now* (G1, P1); the `asks_for_help`
 * sign is about earlier or indirect signs (S2, P2). The two must read apart in both languages.
 */
describe('U4: the gate and the sign say different things', () => {
  const intake = (lng: string) => RESOURCES[lng]!.intake as { field: { immediate_danger: { prompt: string }; indicators: { option: { asks_for_help: string } } } };
  it.each([
    ['sv', 'ber någon om hjälp just nu', 'tidigare eller indirekt'],
    ['en', 'someone asking for help right now', 'earlier or indirectly'],
  ])('%s', (lng, gate, sign) => {
    expect(intake(lng).field.immediate_danger.prompt).toContain(gate);
    expect(intake(lng).field.indicators.option.asks_for_help).toContain(sign);
    expect(urgencyOf({ immediate_danger: 'yes' })).toBe('P1');
    expect(urgencyOf({ immediate_danger: 'no', indicators: ['asks_for_help'] })).toBe('P2');
  });
});
