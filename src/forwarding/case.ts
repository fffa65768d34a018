/**
 * A case: a submitted incident note and everything that happens to it. Plain data, stored as one
 * JSON blob per case (note content encrypted by the store).
 */
export type Urgency = 'P1' | 'P2' | 'P3' | 'P4';
export type CaseCategory = 'possibleMinor' | 'adultExploitation' | 'other';
export type CaseStatus = 'received' | 'delivered' | 'acknowledged' | 'taken' | 'closed' | 'withdrawn';

/** The note as submitted: answers by field id, and what the form computed from them. */
export interface CaseNote {
  readonly formId: string;
  readonly formVersion: number;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly urgency: Urgency;
  readonly category: CaseCategory;
}

/** Who reported, as ids only: enough to check "status" and to reach the reporter's chat later. */
export interface Reporter {
  /** Teams user id in the bot's conversation (29:…), or the AAD object id when known. */
  readonly userId: string;
  readonly aadObjectId?: string;
  /** The reporter's conversation reference, opaque to the domain (stored for proactive messages). */
  readonly conversationRef: Readonly<Record<string, unknown>>;
  readonly locale: 'sv' | 'en';
}

export interface CaseEvent {
  readonly at: string;
  readonly action: 'received' | 'delivered' | 'acknowledged' | 'taken' | 'closed' | 'withdrawn' | 'reopened' | 'escalated' | 'infoAdded';
  /** An actor id (coordinator AAD id, 'reporter' or 'system'); never a name. */
  readonly by: string;
}

export interface Case {
  readonly id: string;
  /** Short code the reporter can quote, e.g. K-7F3Q. */
  readonly code: string;
  readonly status: CaseStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly note: CaseNote;
  readonly reporter: Reporter;
  readonly history: readonly CaseEvent[];
}

/** What the reporter may be told about their case (secrecy: nothing more). */
export type ReporterStatus = 'received' | 'acknowledged' | 'closed' | 'withdrawn';

export function reporterStatusOf(c: Pick<Case, 'status'>): ReporterStatus {
  switch (c.status) {
    case 'received':
    case 'delivered':
      return 'received';
    case 'acknowledged':
    case 'taken':
      return 'acknowledged';
    case 'closed':
      return 'closed';
    case 'withdrawn':
      return 'withdrawn';
  }
}
