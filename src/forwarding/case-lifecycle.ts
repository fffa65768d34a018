import type { Case, CaseEvent, CloseOutcome } from './case';
import { CLOSE_OUTCOMES } from './case';

export type CaseAction =
  | { readonly kind: 'acknowledge' }
  | { readonly kind: 'take' }
  | { readonly kind: 'close'; readonly outcome: string; readonly reason: string }
  | { readonly kind: 'reopen' }
  /** The reporter's own actions. */
  | { readonly kind: 'withdraw' }
  | { readonly kind: 'addInfo'; readonly text: string }
  /** A coordinator's question relayed to the reporter, and the reporter's answer. */
  | { readonly kind: 'askReporter'; readonly text: string }
  | { readonly kind: 'answerQuestion'; readonly text: string }
  /** A handed-off question: the coordinator's reply (relayed to the asker; closes it), and "needs a routine". */
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'requestRoutine' }
  /** Involve the regional coordinator (rule R2): the target, and the victim's consent as the coordinator recorded it. */
  | { readonly kind: 'consultRegional'; readonly targetId: string; readonly consent: 'yes' | 'no' | 'notAsked' };

export type TransitionResult =
  | { readonly ok: true; readonly case: Case; readonly changed: boolean }
  | {
      readonly ok: false;
      readonly reason: 'alreadyTaken' | 'closed' | 'notClosed' | 'outcomeRequired' | 'reasonTooLong' | 'noQuestion' | 'notAQuestion' | 'aQuestion';
      readonly takenBy?: string;
    };

const OPEN = new Set(['received', 'delivered', 'acknowledged', 'taken']);

/**
 * The case life cycle as a pure function: received → delivered → acknowledged → taken → closed
 * (and reopened). Every change appends who and when to the history. Repeating an action that is
 * already done is not a change (a second "acknowledge" is harmless).
 */
export function transition(c: Case, action: CaseAction, actor: string, now: Date): TransitionResult {
  const at = now.toISOString();
  const event = (a: CaseEvent['action']): CaseEvent => ({ at, action: a, by: actor });
  const done = (next: Case): TransitionResult => ({ ok: true, case: { ...next, updatedAt: at }, changed: true });
  switch (action.kind) {
    case 'acknowledge':
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      if (c.status === 'acknowledged' || c.status === 'taken') return { ok: true, case: c, changed: false };
      return done({ ...c, status: 'acknowledged', history: [...c.history, event('acknowledged')] });
    case 'take':
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      if (c.status === 'taken') return c.assignee === actor ? { ok: true, case: c, changed: false } : { ok: false, reason: 'alreadyTaken', takenBy: c.assignee };
      // Taking implies acknowledging: nobody has to press two buttons at night.
      return done({
        ...c,
        status: 'taken',
        assignee: actor,
        history: [...c.history, ...(c.status === 'acknowledged' ? [] : [event('acknowledged')]), event('taken')],
      });
    case 'close': {
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      if (!(CLOSE_OUTCOMES as readonly string[]).includes(action.outcome) || action.reason.trim() === '') return { ok: false, reason: 'outcomeRequired' };
      if (action.reason.length > 1000) return { ok: false, reason: 'reasonTooLong' };
      return done({ ...c, status: 'closed', outcome: { code: action.outcome as CloseOutcome, reason: action.reason.trim() }, history: [...c.history, event('closed')] });
    }
    case 'reopen':
      if (c.status !== 'closed') return { ok: false, reason: 'notClosed' };
      return done({ ...c, status: 'acknowledged', history: [...c.history, event('reopened')] });
    case 'withdraw':
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      return done({ ...c, status: 'withdrawn', history: [...c.history, event('withdrawn')] });
    case 'addInfo':
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      if (action.text.trim() === '') return { ok: false, reason: 'outcomeRequired' };
      if (action.text.length > 1000) return { ok: false, reason: 'reasonTooLong' };
      return done({ ...c, additions: [...(c.additions ?? []), { at, text: action.text.trim() }], history: [...c.history, event('infoAdded')] });
    case 'askReporter':
    case 'answerQuestion': {
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      const text = action.text.trim();
      if (text === '') return { ok: false, reason: 'outcomeRequired' };
      if (text.length > 1000) return { ok: false, reason: 'reasonTooLong' };
      const questions = [...(c.questions ?? [])];
      if (action.kind === 'askReporter') {
        return done({ ...c, questions: [...questions, { at, text }], history: [...c.history, event('questionAsked')] });
      }
      // The answer goes to the oldest question still open.
      const i = questions.findIndex((q) => q.answer === undefined);
      if (i < 0) return { ok: false, reason: 'noQuestion' };
      questions[i] = { ...questions[i]!, answer: text, answeredAt: at };
      return done({ ...c, questions, history: [...c.history, event('questionAnswered')] });
    }
    case 'reply': {
      if (c.note.category !== 'question') return { ok: false, reason: 'notAQuestion' };
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      const text = action.text.trim();
      if (text === '') return { ok: false, reason: 'outcomeRequired' };
      if (text.length > 1000) return { ok: false, reason: 'reasonTooLong' };
      return done({ ...c, status: 'closed', outcome: { code: 'answered', reason: text }, history: [...c.history, event('replied'), event('closed')] });
    }
    case 'requestRoutine':
      if (c.note.category !== 'question') return { ok: false, reason: 'notAQuestion' };
      if (c.history.some((h) => h.action === 'routineRequested')) return { ok: true, case: c, changed: false };
      return done({ ...c, history: [...c.history, event('routineRequested')] });
    case 'consultRegional': {
      // A handed-off question is not a case for the regional coordinator.
      if (c.note.category === 'question') return { ok: false, reason: 'aQuestion' };
      if (!OPEN.has(c.status)) return { ok: false, reason: 'closed' };
      const consultation = { at, by: actor, targetId: action.targetId, consent: action.consent };
      return done({ ...c, consultations: [...(c.consultations ?? []), consultation], history: [...c.history, event('regionalConsulted')] });
    }
  }
}
