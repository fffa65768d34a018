import type { FormDefinition } from './form-types';

/** A stored answer: text, a choice value, choice values, a whole number, or an ISO UTC date-time. */
export type AnswerValue = string | number | string[];
export type Answers = Readonly<Record<string, AnswerValue>>;

/**
 * A draft in progress. Plain JSON (it lives in blob-backed conversation state and survives restarts),
 * and small: answers and progress only, never rendered text. The current step is derived, not stored:
 * the first field whose condition holds and that is not done, or the review when none is left.
 */
export interface IntakeSession {
  readonly formId: string;
  readonly formVersion: number;
  readonly practice: boolean;
  /** ISO UTC. */
  readonly startedAt: string;
  /** ISO UTC; drafts expire from here (see isExpired). */
  readonly updatedAt: string;
  /** Grows whenever answers or the current step change; a card may echo it so old cards are refused. */
  readonly revision: number;
  readonly answers: Answers;
  /** Fields answered or skipped; a field not in here is still to be asked. */
  readonly done: readonly string[];
  /** Invalid attempts at the current step. */
  readonly attempts: number;
  /** The user asked to cancel and has not yet confirmed or gone on. */
  readonly cancelPending: boolean;
  /** Once-only notices already shown. */
  readonly noticesShown: readonly string[];
}

/** A new, empty draft of `form`. */
export function createSession(form: FormDefinition, practice: boolean, now: Date): IntakeSession {
  const at = now.toISOString();
  return {
    formId: form.id,
    formVersion: form.version,
    practice,
    startedAt: at,
    updatedAt: at,
    revision: 0,
    answers: {},
    done: [],
    attempts: 0,
    cancelPending: false,
    noticesShown: [],
  };
}

/** True when the draft has not been touched for longer than `ttlMs`. */
export function isExpired(session: IntakeSession, now: Date, ttlMs: number): boolean {
  return now.getTime() - Date.parse(session.updatedAt) > ttlMs;
}
