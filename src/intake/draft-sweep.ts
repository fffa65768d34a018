import { isExpired, type IntakeSession } from './session';

/**
 * The state cleaner for the draft sweep: a conversation's expired report draft (and its pending
 * question) is removed, so an abandoned report does not stay in storage. Undefined: nothing to do.
 */
export function withoutExpiredDraft(now: Date, ttlMs: number): (item: Record<string, unknown>) => Record<string, unknown> | undefined {
  return (item) => {
    const draft = item.intake as IntakeSession | undefined;
    if (!draft || typeof draft.updatedAt !== 'string' || !isExpired(draft, now, ttlMs)) return undefined;
    const { intake: _intake, intakeLocale: _locale, pendingQuestion: _question, ...rest } = item;
    return rest;
  };
}
