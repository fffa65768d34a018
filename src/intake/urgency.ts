import type { AnswerValue } from './session';

/** P1 acute, P2 same day, P3 routine, P4 question or unclear (domain.md C4). */
export type Urgency = 'P1' | 'P2' | 'P3' | 'P4';
/** Who the note is for, for routing: a possible child, possible exploitation of an adult, or other. */
export type Category = 'possibleMinor' | 'adultExploitation' | 'other';

type AnswerMap = Readonly<Record<string, AnswerValue | undefined>>;

const YES_OR_UNSURE: readonly unknown[] = ['yes', 'unsure'];
/** Signs that on their own make a note urgent (C4 P2: documents held, a controller, asking for help). */
export const STRONG_INDICATORS = ['documents_held', 'seems_controlled', 'asks_for_help'] as const;
/** Signs that a child may be involved; they count like a "yes" at the possible-minor gate. */
export const MINOR_INDICATORS = ['looks_under_18'] as const;
const EXPLOITATION_ROLES = ['possible_exploited', 'possible_controller', 'possible_buyer'];

function list(value: AnswerValue | undefined): readonly string[] {
  return Array.isArray(value) ? value : [];
}

function mayInvolveMinor(answers: AnswerMap): boolean {
  return YES_OR_UNSURE.includes(answers.possible_minor) || list(answers.indicators).some((v) => (MINOR_INDICATORS as readonly string[]).includes(v));
}

/**
 * The urgency of a note from its answers (field ids of the default incident-note form):
 * P1 danger yes/unsure; P2 a possible minor or a strong sign; P3 any other sign; P4 nothing of that.
 * @example urgencyOf({ immediate_danger: 'no', possible_minor: 'unsure' }) === 'P2'
 */
export function urgencyOf(answers: AnswerMap): Urgency {
  if (YES_OR_UNSURE.includes(answers.immediate_danger)) return 'P1';
  const indicators = list(answers.indicators);
  if (mayInvolveMinor(answers) || indicators.some((v) => (STRONG_INDICATORS as readonly string[]).includes(v))) return 'P2';
  if (indicators.length > 0) return 'P3';
  return 'P4';
}

/**
 * The routing category: possibleMinor wins; then adultExploitation when any sign is ticked or a
 * possibly exploited person, controller or buyer is described; otherwise other.
 * @example categoryOf({ possible_minor: 'no', indicators: ['many_visitors'] }) === 'adultExploitation'
 */
export function categoryOf(answers: AnswerMap): Category {
  if (mayInvolveMinor(answers)) return 'possibleMinor';
  if (list(answers.indicators).length > 0 || list(answers.persons_role).some((r) => EXPLOITATION_ROLES.includes(r))) return 'adultExploitation';
  return 'other';
}
