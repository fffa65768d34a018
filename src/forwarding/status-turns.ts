import type { Clock } from '../clock';
import { actorOf, isPersonalChat, type Turn } from '../conversation/turn';
import { audit, type TurnDeps } from '../conversation/turn-deps';
import { onMessage, type TurnRoute } from '../conversation/turn-routes';
import { reporterStatusOf, type Case } from './case';
import { normalizeCaseCode } from './case-code';
import type { CaseAction } from './case-lifecycle';
import type { CaseStore } from './case-store';
import { changeCase } from './change-case';
import type { ForwardingService } from './forwarding-service';
import { commandPattern, type Command } from '../i18n/locale';

/** Only the reporter may ask about a case; anyone else is told it does not exist (no enumeration). */
export function isReporterOf(c: Case, from: { id?: string; aadObjectId?: string }): boolean {
  if (c.reporter.aadObjectId && from.aadObjectId) return c.reporter.aadObjectId === from.aadObjectId;
  return !!from.id && c.reporter.userId === from.id;
}

export interface StatusTurnDeps {
  readonly cases: CaseStore;
  readonly forwarding: ForwardingService;
  readonly clock: Clock;
}

/**
 * The reporter's side of a case: "status K-7F3Q" (received, acknowledged, closed: nothing more),
 * withdraw it, add information, answer a coordinator's question.
 */
export function statusTurns(deps: TurnDeps, s: StatusTurnDeps): TurnRoute[] {
  // The command words are the locales' (common:commands.*), in every language.
  const said = (command: Command) => commandPattern(deps.i18n.words, command);
  const STATUS = new RegExp(`^\\s*(${said('status')})\\b\\s*(.*)$`, 'i');
  const WITHDRAW = new RegExp(`^\\s*(${said('withdraw')})\\s+(\\S+)\\s*$`, 'i');
  const ANSWER = new RegExp(`^\\s*(${said('answer')})\\s+(K-?\\s?[0-9A-Za-z]{4})\\s*:?\\s*([\\s\\S]+)$`, 'i');
  const ADD_INFO = new RegExp(`^\\s*(${said('addInfo')})\\s+(K-?\\s?[0-9A-Za-z]{4})\\s*:?\\s*([\\s\\S]+)$`, 'i');

  /**
   * The one check for the reporter's case commands: personal chat only (a channel would let everyone
   * read the answer), and only the case's own reporter; every refusal is audited and answered as if
   * the code did not exist, so nothing about another person's case is revealed.
   */
  async function reporterCase(turn: Turn, command: string, code: string): Promise<{ case?: Case; refusal?: 'notPersonalChat' | 'unknownCode' | 'notReporter' }> {
    if (!isPersonalChat(turn)) {
      await audit(deps, { actor: actorOf(turn) || 'unknown', action: command, result: 'refused', reason: 'notPersonalChat' });
      return { refusal: 'notPersonalChat' };
    }
    const found = await s.cases.getByCode(code);
    if (!found || !isReporterOf(found, turn.user)) {
      const reason = found ? 'notReporter' : 'unknownCode';
      turn.log.info('audit: case command refused', { command, reason });
      await audit(deps, { actor: actorOf(turn) || 'unknown', action: command, result: 'refused', reason, ...(found ? { caseId: found.id } : {}) });
      return { refusal: reason };
    }
    return { case: found };
  }

  /** The reporter withdraws an open case, or adds information to it; the coordinators' cards follow. */
  const reporterAction = (re: RegExp, toAction: (m: RegExpExecArray) => CaseAction, okKey: string, refusedKey = 'forwarding:status.notOpen') =>
    onMessage(re, async (turn) => {
      const t = deps.i18n.t(turn.locale);
      const m = re.exec(turn.text ?? '')!;
      const code = normalizeCaseCode(m[2] ?? '');
      if (!code) return turn.send({ text: t('forwarding:status.usage') });
      const action = toAction(m);
      const { case: found, refusal: denied } = await reporterCase(turn, action.kind, code);
      if (!found) return turn.send({ text: t(denied === 'notPersonalChat' ? 'forwarding:status.personalOnly' : 'forwarding:status.notFound', { code }) });
      const change = await changeCase(s.forwarding, found.id, action, 'reporter', s.clock.now());
      const updated = change.case;
      if (change.refused || !updated) {
        const refusal = change.refused ? (change.refused.reason === 'closed' ? 'forwarding:status.notOpen' : refusedKey) : 'forwarding:status.notOpen';
        return turn.send({ text: t(refusal, { code }) });
      }
      turn.log.info('audit: reporter action', { caseId: updated.id, action: action.kind });
      await audit(deps, { actor: 'reporter', action: action.kind, result: 'ok', caseId: updated.id });
      await s.forwarding.refreshCards(updated);
      await turn.send({ text: t(okKey, { code }) });
    });

  return [
    reporterAction(WITHDRAW, () => ({ kind: 'withdraw' }), 'forwarding:status.withdrawnNow'),
    reporterAction(ADD_INFO, (m) => ({ kind: 'addInfo', text: m[3] ?? '' }), 'forwarding:status.infoAdded'),
    reporterAction(ANSWER, (m) => ({ kind: 'answerQuestion', text: m[3] ?? '' }), 'forwarding:relay.answered', 'forwarding:relay.noQuestion'),
    onMessage(STATUS, async (turn) => {
      const t = deps.i18n.t(turn.locale);
      const code = normalizeCaseCode(STATUS.exec(turn.text ?? '')?.[2] ?? '');
      if (!code) return turn.send({ text: t('forwarding:status.usage') });
      const { case: found, refusal } = await reporterCase(turn, 'status', code);
      if (!found) return turn.send({ text: t(refusal === 'notPersonalChat' ? 'forwarding:status.personalOnly' : 'forwarding:status.notFound', { code }) });
      await turn.send({ text: t(`forwarding:status.${reporterStatusOf(found)}`, { code }) });
    }),
  ];
}
