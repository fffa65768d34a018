/**
 * The urgency rules of the incident note, each named as in the content review
 * (../shared/content-review.md, 2026-11-30, sections 2 and 5) or in domain.md C1/C4, with its source.
 * `urgencyOf` takes the highest level any rule gives; the form's 112 screen is shown by the same
 * rules (G1, D1: the `needs112` form rule), so the screen and P1 can never disagree.
 * Field and option ids are those of the default form (forms/incident-note.form.yaml).
 */

/** P1 acute, P2 same day, P3 routine (domain.md C4). P4 is for questions handed to a coordinator only (U2). */
export type Urgency = 'P1' | 'P2' | 'P3' | 'P4';
/** The levels a submitted incident note can have: never P4 (U2). */
export type NoteUrgency = Exclude<Urgency, 'P4'>;

/** Answers by field id: a draft's, a note's, or a stored case's (read as they are; anything unexpected never holds). */
export type AnswerMap = Readonly<Record<string, unknown>>;

export type RuleId = 'G1' | 'D1' | 'G2' | 'U3' | 'S2' | 'U2';

export interface UrgencyRule {
  readonly id: RuleId;
  readonly level: NoteUrgency;
  /** Where the rule comes from (review row, domain section). */
  readonly source: string;
  /** The answers the rule reads (field ids), so a form that uses it can be checked. */
  readonly reads: readonly string[];
  holds(answers: AnswerMap): boolean;
}

const YES_OR_UNSURE: readonly unknown[] = ['yes', 'unsure'];

function list(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
const ticked = (answers: AnswerMap, field: string, values: readonly string[]) => list(answers[field]).some((v) => values.includes(v));

/** Signs that a child may be involved; they count like a "yes" at the possible-minor gate (review §5 gap 5: teenagers in the lobby). */
export const MINOR_INDICATORS = ['looks_under_18', 'teenagers_lobby'] as const;
/** Domain C4 P2 "strong trafficking indicators": documents held, seems controlled, (earlier or indirect) asking for help. */
export const STRONG_INDICATORS = ['documents_held', 'seems_controlled', 'asks_for_help'] as const;
/** Review U3: a controller present (`person_waiting`, C4 P2) or visible injuries (`fearful_injuries`). */
export const CONTROLLER_OR_INJURY_INDICATORS = ['person_waiting', 'fearful_injuries'] as const;
/** Review U3 for the people described: someone who seems to control another, or who waits or keeps watch. */
export const CONTROLLER_ROLES = ['possible_controller', 'waiting_watching'] as const;

/** A possible minor: the gate said yes or unsure, or a sign of a child was ticked (domain C1 gate 2, C3). */
export function mayInvolveMinor(answers: AnswerMap): boolean {
  return YES_OR_UNSURE.includes(answers.possible_minor) || ticked(answers, 'indicators', MINOR_INDICATORS);
}

/** Still going on: the reporter said yes or unsure to "is it still going on right now?" (review D1: no end time, or "now"). */
export function isStillGoingOn(answers: AnswerMap): boolean {
  return YES_OR_UNSURE.includes(answers.ongoing);
}

/**
 * The rules, most urgent first. Each rule's comment says what it does and where it comes from.
 */
export const URGENCY_RULES: readonly UrgencyRule[] = [
  {
    // G1: someone is in danger, violence is going on, or someone asks for help *now* → 112 screen, P1.
    // Domain C1 gate 1 and C4 P1; review U4 (the gate is about asking for help now, the indicator about earlier or indirect signs).
    id: 'G1',
    level: 'P1',
    source: 'domain.md C1 gate 1, C4 P1; content-review §5 U4',
    reads: ['immediate_danger'],
    holds: (a) => YES_OR_UNSURE.includes(a.immediate_danger),
  },
  {
    // D1/U1: a possible minor and it is still going on → 112 screen, P1 (a child sold for sex now is an
    // ongoing crime). Review §2 D1 and §5 U1; domain C4 P1 "a possible minor in an acute situation".
    id: 'D1',
    level: 'P1',
    source: 'content-review §2 D1, §5 U1; domain.md C4 P1',
    reads: ['possible_minor', 'indicators', 'ongoing'],
    holds: (a) => mayInvolveMinor(a) && isStillGoingOn(a),
  },
  {
    // G2: a possible minor (gate yes/unsure, or a sign of a child) → at least P2, child-protection notice.
    // Domain C1 gate 2 and C4 P2.
    id: 'G2',
    level: 'P2',
    source: 'domain.md C1 gate 2, C4 P2',
    reads: ['possible_minor', 'indicators'],
    holds: mayInvolveMinor,
  },
  {
    // U3: a controller present or visible injuries → at least P2 (the review: "Consider P2 for both").
    // Review §5 U3; domain C4 P2 "a controller present".
    id: 'U3',
    level: 'P2',
    source: 'content-review §5 U3; domain.md C4 P2',
    reads: ['indicators', 'persons_role'],
    holds: (a) => ticked(a, 'indicators', CONTROLLER_OR_INJURY_INDICATORS) || ticked(a, 'persons_role', CONTROLLER_ROLES),
  },
  {
    // S2: strong trafficking signs (documents held by someone else, seems controlled, has shown they want
    // help without being in acute danger) → P2. Domain C4 P2; review U4 for `asks_for_help`.
    id: 'S2',
    level: 'P2',
    source: 'domain.md C4 P2; content-review §5 U4',
    reads: ['indicators'],
    holds: (a) => ticked(a, 'indicators', STRONG_INDICATORS),
  },
  {
    // U2: a submitted incident note is never below P3, so it always has a deadline and escalates; P4 is
    // left for questions handed to a coordinator. Review §5 U2.
    id: 'U2',
    level: 'P3',
    source: 'content-review §5 U2',
    reads: [],
    holds: () => true,
  },
];

const ORDER: Record<NoteUrgency, number> = { P1: 0, P2: 1, P3: 2 };

/**
 * The urgency of a note from its answers: the highest level of the rules that hold, at least P3 (U2).
 * @example urgencyOf({ immediate_danger: 'no', possible_minor: 'unsure', ongoing: 'no' }) === 'P2'
 * @example urgencyOf({ immediate_danger: 'no', possible_minor: 'yes', ongoing: 'yes' }) === 'P1'
 */
export function urgencyOf(answers: AnswerMap): NoteUrgency {
  return URGENCY_RULES.filter((r) => r.holds(answers)).reduce<NoteUrgency>((best, r) => (ORDER[r.level] < ORDER[best] ? r.level : best), 'P3');
}

/**
 * The rules that set a note's urgency (those at its level), for the coordinator's card.
 * @example urgencyReasons({ immediate_danger: 'no', possible_minor: 'yes', ongoing: 'yes' }) → ['D1']
 */
export function urgencyReasons(answers: AnswerMap): RuleId[] {
  const level = urgencyOf(answers);
  return URGENCY_RULES.filter((r) => r.level === level && r.holds(answers)).map((r) => r.id);
}

/**
 * Rules a form may name in a condition (`when: { rule: needs112 }`): the same code decides the
 * question shown and the urgency given.
 */
export const FORM_RULES: Readonly<Record<string, { readonly reads: readonly string[]; holds(answers: AnswerMap): boolean }>> = {
  /** The 112 screen: G1 (danger now) or D1 (a possible minor, still going on). */
  needs112: {
    reads: ['immediate_danger', 'possible_minor', 'indicators', 'ongoing'],
    holds: (a) => URGENCY_RULES.some((r) => (r.id === 'G1' || r.id === 'D1') && r.holds(a)),
  },
};

/** Who the note is for, for routing: a possible child, possible exploitation of an adult, or other. */
export type Category = 'possibleMinor' | 'adultExploitation' | 'other';

/** Roles that describe exploitation (`possible_buyer` is kept for notes of form version 1). */
const EXPLOITATION_ROLES = ['possible_exploited', 'possible_controller', 'waiting_watching', 'possible_buyer'];

/**
 * The routing category: possibleMinor wins; then adultExploitation when any sign is ticked or a
 * possibly exploited person or a controller is described; otherwise other.
 * @example categoryOf({ possible_minor: 'no', indicators: ['many_visitors'] }) === 'adultExploitation'
 */
export function categoryOf(answers: AnswerMap): Category {
  if (mayInvolveMinor(answers)) return 'possibleMinor';
  if (list(answers.indicators).length > 0 || ticked(answers, 'persons_role', EXPLOITATION_ROLES)) return 'adultExploitation';
  return 'other';
}
