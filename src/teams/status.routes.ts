import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { reporterStatusOf, type Case } from '../forwarding/case';
import { normalizeCaseCode } from '../forwarding/case-code';
import type { CaseStore } from '../forwarding/case-store';
import { transition, type CaseAction } from '../forwarding/case-lifecycle';
import type { ForwardingService } from '../forwarding/forwarding-service';
import type { Clock } from '../clock';
import { audit, type TeamsDeps } from './deps';
import { actorOf, isPersonalChat, turnLogger } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';

const STATUS = /^\s*(status|läge|ärende)\b\s*(.*)$/i;

const requester = (context: TurnContext) => actorOf(context) ?? 'unknown';

/** Only the reporter may ask about a case; anyone else is told it does not exist (no enumeration). */
export function isReporterOf(c: Case, from: { id?: string; aadObjectId?: string }): boolean {
  if (c.reporter.aadObjectId && from.aadObjectId) return c.reporter.aadObjectId === from.aadObjectId;
  return !!from.id && c.reporter.userId === from.id;
}

/** "status K-7F3Q": the reporter's view of their case (received, acknowledged, closed: nothing more). */
const WITHDRAW = /^\s*(dra tillbaka|återkalla|withdraw)\s+(\S+)\s*$/i;
const ANSWER = /^\s*(svar|answer)\s+(K-?\s?[0-9A-Za-z]{4})\s*:?\s*([\s\S]+)$/i;
const ADD_INFO = /^\s*(tillägg|lägg till|add|add info)\s+(K-?\s?[0-9A-Za-z]{4})\s*:?\s*([\s\S]+)$/i;

export function registerStatusRoutes(app: Application<AppTurnState>, deps: TeamsDeps, cases: CaseStore, forwarding: ForwardingService, clock: Clock): void {
  /**
   * The one check for the reporter's case commands: personal chat only (a channel would let everyone
   * read the answer), and only the case's own reporter; every refusal is audited and answered as if
   * the code did not exist, so nothing about another person's case is revealed.
   */
  async function reporterCase(context: TurnContext, command: string, code: string): Promise<{ case?: Case; refusal?: 'notPersonalChat' | 'unknownCode' | 'notReporter' }> {
    if (!isPersonalChat(context)) {
      await audit(deps, { actor: requester(context), action: command, result: 'refused', reason: 'notPersonalChat' });
      return { refusal: 'notPersonalChat' };
    }
    const found = await cases.getByCode(code);
    if (!found || !isReporterOf(found, context.activity.from ?? {})) {
      const reason = found ? 'notReporter' : 'unknownCode';
      turnLogger(deps.logger, context).info('audit: case command refused', { command, reason });
      await audit(deps, { actor: requester(context), action: command, result: 'refused', reason, ...(found ? { caseId: found.id } : {}) });
      return { refusal: reason };
    }
    return { case: found };
  }

  /** The reporter withdraws an open case, or adds information to it; the coordinators' cards follow. */
  const reporterAction = (re: RegExp, toAction: (m: RegExpExecArray) => CaseAction, okKey: string, refusedKey = 'forwarding:status.notOpen') =>
    app.message(re, async (context, state) => {
      const t = deps.i18n.t(turnLocale(context, deps.defaultLocale, state));
      const m = re.exec(context.activity.text ?? '')!;
      const code = normalizeCaseCode(m[2] ?? '');
      if (!code) return void (await context.sendActivity(t('forwarding:status.usage')));
      const { case: found, refusal: denied } = await reporterCase(context, toAction(m).kind, code);
      if (!found) return void (await context.sendActivity(t(denied === 'notPersonalChat' ? 'forwarding:status.personalOnly' : 'forwarding:status.notFound', { code })));
      let refusal: string | undefined;
      const updated = await forwarding.updateCase(found.id, (c) => {
        const r = transition(c, toAction(m), 'reporter', clock.now());
        if (!r.ok) refusal = r.reason === 'closed' ? 'forwarding:status.notOpen' : refusedKey;
        return r.ok && r.changed ? r.case : undefined;
      });
      if (refusal || !updated) {
        await context.sendActivity(t(refusal ?? 'forwarding:status.notOpen', { code }));
        return;
      }
      turnLogger(deps.logger, context).info('audit: reporter action', { caseId: updated.id, action: toAction(m).kind });
      await audit(deps, { actor: 'reporter', action: toAction(m).kind, result: 'ok', caseId: updated.id });
      await forwarding.refreshCards(updated);
      await context.sendActivity(t(okKey, { code }));
    });
  reporterAction(WITHDRAW, () => ({ kind: 'withdraw' }), 'forwarding:status.withdrawnNow');
  reporterAction(ADD_INFO, (m) => ({ kind: 'addInfo', text: m[3] ?? '' }), 'forwarding:status.infoAdded');
  reporterAction(ANSWER, (m) => ({ kind: 'answerQuestion', text: m[3] ?? '' }), 'forwarding:relay.answered', 'forwarding:relay.noQuestion');

  app.message(STATUS, async (context, state) => {
    const t = deps.i18n.t(turnLocale(context, deps.defaultLocale, state));
    const rest = STATUS.exec(context.activity.text ?? '')?.[2] ?? '';
    const code = normalizeCaseCode(rest);
    if (!code) {
      await context.sendActivity(t('forwarding:status.usage'));
      return;
    }
    const { case: found, refusal } = await reporterCase(context, 'status', code);
    if (!found) return void (await context.sendActivity(t(refusal === 'notPersonalChat' ? 'forwarding:status.personalOnly' : 'forwarding:status.notFound', { code })));
    await context.sendActivity(t(`forwarding:status.${reporterStatusOf(found)}`, { code }));
  });
}
