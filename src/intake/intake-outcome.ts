import type { FieldDef } from './form-types';
import type { IncidentNote } from './incident-note';
import type { ReasonParams } from './reasons';
import type { AnswerValue, IntakeSession } from './session';
import type { RuleId, Urgency } from './rules';

/** What the engine needs from the outside world; the edge builds it per turn. */
export interface IntakeContext {
  readonly now: Date;
  /** IANA zone typed times are read in, e.g. 'Europe/Stockholm'. */
  readonly timeZone: string;
  /** Every language's text for a key (option labels, word lists), for matching typed answers. */
  labelsOf(key: string): string[];
}

export type IntakeCommand = 'back' | 'skip' | 'cancel' | 'confirmCancel' | 'keepGoing' | 'help' | 'review' | 'submit';

/**
 * One user action. Card inputs may echo the session `revision` they were rendered from; a card
 * from an older revision is refused as stale.
 */
export type IntakeInput =
  /** `prefill`: text answers proposed in advance (a described situation as the observation); still asked, for review. */
  | { kind: 'start'; practice: boolean; prefill?: Readonly<Record<string, string>> }
  /** From a card: the value already typed (string, string[], number, ISO date-time string). */
  | { kind: 'answer'; fieldId: string; value: unknown; revision?: number }
  /** Typed in chat: read against the current step. */
  | { kind: 'text'; text: string }
  | { kind: 'command'; command: IntakeCommand; revision?: number }
  /** From the review card: change one answer, then come back to the review. */
  | { kind: 'edit'; fieldId: string; revision?: number }
  | { kind: 'emergency'; outcome: 'called' | 'notNeeded'; eventNumber?: string; revision?: number };

/** Ask one field. `notices` (ids in form.notices) are shown before the question. */
export interface AskOutcome {
  readonly type: 'ask';
  readonly session: IntakeSession;
  readonly step: FieldDef;
  /** Invalid attempts so far at this step (0 on first asking). */
  readonly attempt: number;
  readonly reasonKey?: string;
  readonly reasonParams?: ReasonParams;
  /** After two invalid attempts: offer to skip (optional fields) and to stop. */
  readonly offerSkip: boolean;
  readonly offerStop: boolean;
  readonly notices: readonly string[];
  /** The answer given earlier (after back or edit), to prefill. */
  readonly current?: AnswerValue;
  readonly canGoBack: boolean;
}

/** "Call 112 now, do not intervene": waits for "112 called" or "not needed after all". */
export interface EmergencyOutcome {
  readonly type: 'emergency';
  readonly session: IntakeSession;
  readonly step: FieldDef;
  /** The optional police event number input the 112 screen may show. */
  readonly eventNumber?: FieldDef;
  /** Set when other input arrived while the 112 screen was waiting. */
  readonly reasonKey?: string;
  readonly notices: readonly string[];
  /** Why the screen is shown: G1 (danger now) and/or D1 (a possible minor, still going on). */
  readonly because: readonly RuleId[];
}

export interface ReviewItem {
  readonly field: FieldDef;
  /** Absent for a skipped optional field. */
  readonly value?: AnswerValue;
  readonly editable: boolean;
}

/** Every answer in form order, the urgency it gives, and the notices to show before submitting. */
export interface ReviewOutcome {
  readonly type: 'review';
  readonly session: IntakeSession;
  readonly items: readonly ReviewItem[];
  readonly urgency: Urgency;
  readonly notices: readonly string[];
  readonly reasonKey?: string;
}

/** Where a session stands: the question, the 112 screen or the review. */
export type StepOutcome = AskOutcome | EmergencyOutcome | ReviewOutcome;

export type IntakeOutcome =
  | StepOutcome
  | { readonly type: 'help'; readonly session: IntakeSession; readonly helpKey: string; readonly then: StepOutcome }
  | { readonly type: 'confirmCancel'; readonly session: IntakeSession }
  | { readonly type: 'cancelled'; readonly practice: boolean }
  | { readonly type: 'submitted'; readonly note: IncidentNote }
  /** Stale, forged or impossible input: nothing changed; `session` is the one given (undefined if none). */
  | { readonly type: 'rejected'; readonly reasonKey: string; readonly reasonParams?: ReasonParams; readonly session: IntakeSession | undefined };
