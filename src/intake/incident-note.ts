import type { Answers } from './session';
import type { Category, Urgency } from './urgency';

/** A submitted note: what forwarding stores and delivers. The reporter's Teams identity is added by the edge. */
export interface IncidentNote {
  readonly formId: string;
  readonly formVersion: number;
  /** A practice note is never stored as a case or sent. */
  readonly practice: boolean;
  /** ISO UTC. */
  readonly startedAt: string;
  /** ISO UTC. */
  readonly submittedAt: string;
  readonly urgency: Urgency;
  readonly category: Category;
  /** Validated answers of the fields whose conditions hold, in form order; skipped fields are absent. */
  readonly answers: Answers;
}
