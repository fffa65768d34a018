/**
 * Who did what to which case, when: ids and action names only, never note content or free text.
 * Kept apart from the operational log so it can be retained and reviewed on its own.
 */
export interface AuditEvent {
  readonly at: string;
  /** Entra ID object id, 'reporter' or 'system'; for the knowledge-base commands, the operator's name as given. */
  readonly actor: string;
  readonly action: string;
  readonly result: 'ok' | 'refused';
  readonly caseId?: string;
  readonly targetId?: string;
  /** The routine a knowledge-base action was about (kb.reviewed). */
  readonly articleId?: string;
  /** The knowledge-base version published or made current (kb.publish, kb.rollback). */
  readonly version?: number;
  /** Why a request was refused (a reason code, e.g. notReporter, notPersonalChat, tokenNotYours). */
  readonly reason?: string;
  /** The victim's consent a coordinator recorded when involving the regional coordinator (rule R2). */
  readonly consent?: 'yes' | 'no' | 'notAsked';
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** The events of one UTC day (YYYY-MM-DD), in the order they were recorded. */
  read(day: string): Promise<AuditEvent[]>;
}
