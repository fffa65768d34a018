import type { Answers } from './session';
import type { Category, NoteUrgency } from './rules';

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
  /** Never P4: a submitted note always has a deadline (rule U2). */
  readonly urgency: NoteUrgency;
  readonly category: Category;
  /** Validated answers of the fields whose conditions hold, in form order; skipped fields are absent. */
  readonly answers: Answers;
}
