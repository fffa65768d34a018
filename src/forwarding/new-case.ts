import type { Turn } from '../conversation/turn';
import type { Language } from '../i18n/languages';
import type { Case, CaseNote, CaseOrigin, Reporter } from './case';
import { caseIdFor } from './case-code';

/** The person sending this turn as a case's reporter: ids and where to reach them, never a name. */
export function reporterOf(turn: Pick<Turn, 'user' | 'conversation'>, locale: Language): Reporter {
  const { id, aadObjectId } = turn.user;
  return { userId: id, ...(aadObjectId ? { aadObjectId } : {}), conversationRef: turn.conversation.address, locale };
}

/**
 * A new case as it is submitted (a note, or a question handed off to a coordinator): received, by
 * its reporter, with an id derived from the submission, so a repeated submission names the same case.
 */
export function newCase(submission: string, note: CaseNote, reporter: Reporter, now: Date, origin?: CaseOrigin): Omit<Case, 'code' | 'routing'> {
  const at = now.toISOString();
  return {
    id: caseIdFor(submission),
    status: 'received',
    createdAt: at,
    updatedAt: at,
    note,
    reporter,
    history: [{ at, action: 'received', by: 'reporter' }],
    ...(origin ? { origin } : {}),
  };
}
