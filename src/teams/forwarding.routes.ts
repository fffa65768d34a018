import type { AdaptiveCard as TeamsAiCard, Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { aadObjectIdOf, addressOf } from './conversation-refs';
import { caseCard } from '../cards/case-card';
import { caseListCard } from '../cards/case-list-card';
import { selectCases, type CaseIndex, type CaseSummary, type CaseView } from '../forwarding/case-index';
import { deadlineFrom, type EscalationPolicy } from '../forwarding/escalation';
import { cardActivity } from './knowledge.routes';
import type { CardPayload } from '../cards/payloads';
import { Verb } from '../cards/verbs';
import { onCardExecute, onCardSubmit } from './card-actions';

/** The verbs of the actions on a case card. */
type CaseVerb = typeof Verb.CaseRefresh | typeof Verb.CaseAcknowledge | typeof Verb.CaseTake | typeof Verb.CaseClose | typeof Verb.CaseAsk | typeof Verb.CaseReply | typeof Verb.CaseNeedsRoutine;
import { handedOffQuestion, type Case } from '../forwarding/case';
import { transition, type CaseAction } from '../forwarding/case-lifecycle';
import type { Deliverer } from '../forwarding/deliverer';
import type { ForwardingService } from '../forwarding/forwarding-service';
import { isCoordinatorFor, regionalView, type RoutingDirectory } from '../forwarding/routing-directory';
import type { TargetLinkStore } from '../forwarding/target-links';
import type { FormDefinition } from '../intake/form-types';
import { errorFields } from '../log';
import type { Clock } from '../clock';
import { DateTime } from 'luxon';
import { normalizeCaseCode } from '../forwarding/case-code';
import type { CaseStore } from '../forwarding/case-store';
import { caseExport, caseTrail, daysOf } from '../forwarding/case-trail';
import { audit, type TeamsDeps } from './deps';
import { isPersonalChat, turnLogger } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';
import { LANGUAGES } from '../i18n/languages';

export interface ForwardingRouteDeps {
  readonly directory: RoutingDirectory;
  readonly service: ForwardingService;
  readonly links: TargetLinkStore;
  readonly deliverer: Deliverer;
  readonly form: FormDefinition;
  readonly timeZone: string;
  readonly clock: Clock;
  /** Run the outbox now (after a link, waiting notes go at once). */
  readonly kick?: () => void;
  readonly index: CaseIndex;
  readonly escalation: EscalationPolicy;
  /** For the administrators' `audit` and `export` of one case. */
  readonly cases: CaseStore;
}

const LINK = /^\s*(link|länka)(?:\s+(\S+))?\s*$/i;
const DEAD_LETTERS = /^\s*(dead letters|olevererade)\s*$/i;
const REDRIVE = /^\s*(redrive|skicka om)\s+([0-9a-z.-]{1,200})\s*$/i;
const TRAIL = /^\s*(audit|granska)\s+(K-?\s?[0-9A-Za-z]{4})\s*$/i;
const EXPORT = /^\s*(export|exportera)\s+(K-?\s?[0-9A-Za-z]{4})\s*$/i;

/** Everyone on the case's ladder may act on it. */
function ladder(c: Case): string[] {
  const r = c.routing;
  return r ? [...new Set([...r.targets, r.primary, r.deputy, r.next, ...(r.outOfHours ? [r.outOfHours] : [])])] : [];
}

/**
 * The coordinator's side: link a channel or chat to a directory target, and act on a case card
 * (Universal Actions). Every change is written with the case's ETag; a refused or forged action is
 * logged as an audit event and changes nothing.
 */
export function registerForwardingRoutes(app: Application<AppTurnState>, deps: TeamsDeps, f: ForwardingRouteDeps): void {
  const t = (context: TurnContext, state: AppTurnState) => deps.i18n.t(turnLocale(context, deps.defaultLocale, state));

  app.message(LINK, async (context, state) => {
    const tr = t(context, state);
    const targetId = LINK.exec(context.activity.text ?? '')?.[2]?.toLowerCase();
    if (!targetId) return void (await context.sendActivity(tr('forwarding:link.usage')));
    const target = f.directory.targets[targetId];
    if (!target) return void (await context.sendActivity(tr('forwarding:link.unknownTarget', { id: targetId })));
    const user = (await aadObjectIdOf(context))?.toLowerCase() ?? '';
    const isAdmin = f.directory.admins.some((a) => a.toLowerCase() === user);
    const selfLink = isPersonalChat(context) && target.kind === 'person' && target.members.some((m) => m.toLowerCase() === user);
    if (!isAdmin && !selfLink) {
      turnLogger(deps.logger, context).warn('audit: link refused', { targetId });
      await audit(deps, { actor: user || 'unknown', action: 'link', result: 'refused', targetId });
      return void (await context.sendActivity(tr('forwarding:link.notAdmin')));
    }
    await f.links.set({ targetId, conversationRef: addressOf(context), linkedBy: user, linkedAt: f.clock.now().toISOString() });
    // Notes that waited for this target go now.
    await f.service.retryWaitingFor(targetId);
    f.kick?.();
    turnLogger(deps.logger, context).info('audit: target linked', { targetId });
    await audit(deps, { actor: user, action: 'link', result: 'ok', targetId });
    await context.sendActivity(tr('forwarding:link.done', { label: target.label }));
  });

  /** Administrators see what could not be delivered, and queue it again once the channel works. */
  const isAdmin = async (context: TurnContext) => {
    const user = (await aadObjectIdOf(context))?.toLowerCase() ?? '';
    return user !== '' && f.directory.admins.some((a) => a.toLowerCase() === user) ? user : undefined;
  };
  app.message(DEAD_LETTERS, async (context, state) => {
    const tr = t(context, state);
    const admin = await isAdmin(context);
    if (!admin) {
      await audit(deps, { actor: (await aadObjectIdOf(context)) ?? 'unknown', action: 'deadLetters', result: 'refused' });
      return void (await context.sendActivity(tr('forwarding:admin.deadLetters.notAdmin')));
    }
    const dead = await f.service.deadLetters();
    if (dead.length === 0) return void (await context.sendActivity(tr('forwarding:admin.deadLetters.none')));
    const lines = await Promise.all(
      dead.slice(0, 50).map(async (d) => {
        const c = await f.service.updateCase(d.caseId, () => undefined).catch(() => undefined);
        return `- ${tr('forwarding:admin.deadLetters.item', { id: d.id, code: c?.code ?? '?', target: d.targetId, reason: d.lastError ?? '', attempts: d.attempts })}`;
      }),
    );
    await context.sendActivity(`${tr('forwarding:admin.deadLetters.heading', { count: dead.length })}\n\n${lines.join('\n')}`);
  });
  app.message(REDRIVE, async (context, state) => {
    const tr = t(context, state);
    const admin = await isAdmin(context);
    const id = REDRIVE.exec(context.activity.text ?? '')?.[2]?.toLowerCase() ?? '';
    if (!admin) {
      await audit(deps, { actor: (await aadObjectIdOf(context)) ?? 'unknown', action: 'redrive', result: 'refused' });
      return void (await context.sendActivity(tr('forwarding:admin.deadLetters.notAdmin')));
    }
    const ok = await f.service.redrive(id);
    await audit(deps, { actor: admin, action: 'redrive', result: ok ? 'ok' : 'refused' });
    if (ok) f.kick?.();
    await context.sendActivity(tr(ok ? 'forwarding:admin.deadLetters.redriven' : 'forwarding:admin.deadLetters.notFound', { id }));
  });

  /**
   * An administrator's look at one case: `audit K-XXXX` (the trail: who did what when, pseudonymous)
   * and `export K-XXXX` (the whole case as JSON, for a legal request). Personal chat only; both are
   * audited, and so is every refusal.
   */
  const adminCaseCommand = (re: RegExp, action: 'trail' | 'export') =>
    app.message(re, async (context, state) => {
      const tr = t(context, state);
      const admin = await isAdmin(context);
      const code = normalizeCaseCode(re.exec(context.activity.text ?? '')?.[2] ?? '');
      if (!admin || !isPersonalChat(context)) {
        await audit(deps, { actor: (await aadObjectIdOf(context)) ?? 'unknown', action, result: 'refused', reason: admin ? 'notPersonalChat' : 'notAdmin' });
        return void (await context.sendActivity(tr(admin ? 'forwarding:status.personalOnly' : 'forwarding:admin.caseNotAdmin')));
      }
      const found = code ? await f.cases.getByCode(code) : undefined;
      if (!found) return void (await context.sendActivity(tr('forwarding:admin.caseNotFound', { code: code ?? '' })));
      await audit(deps, { actor: admin, action, result: 'ok', caseId: found.id });
      turnLogger(deps.logger, context).info('audit: administrator read a case', { caseId: found.id, action });
      if (action === 'export') return void (await context.sendActivity(`${tr('forwarding:admin.exportHeading', { code: found.code })}\n\n\`\`\`json\n${caseExport(found)}\n\`\`\``));
      const events = (await Promise.all(daysOf(found, f.clock.now()).map((day) => deps.audit?.read(day) ?? Promise.resolve([])))).flat();
      const when = (at: string) => DateTime.fromISO(at, { zone: 'utc' }).setZone(f.timeZone).toFormat('yyyy-MM-dd HH:mm');
      const lines = caseTrail(found, events).map((l) => `- ${when(l.at)} · ${l.who} · ${l.what}${l.refused ? ` (${tr('forwarding:admin.refused')}: ${l.refused})` : ''}`);
      await context.sendActivity(`${tr('forwarding:admin.trailHeading', { code: found.code })}\n\n${lines.join('\n')}`);
    });
  adminCaseCommand(TRAIL, 'trail');
  adminCaseCommand(EXPORT, 'export');

  const act = <V extends CaseVerb>(verb: V, toAction: (data: CardPayload<V>) => CaseAction | undefined) =>
    onCardExecute(app, deps, verb, async (context, state, data) => {
      const tr = t(context, state);
      const log = turnLogger(deps.logger, context);
      const found = await f.service.updateCase(data.caseId, () => undefined);
      const render = (c: Case, canAct: boolean, notice?: string) => renderCase(c, tr, canAct, notice);
      if (!found) return tr('forwarding:card.notFound');
      const actor = await aadObjectIdOf(context);
      const allowed = isCoordinatorFor(f.directory, ladder(found), actor);
      const action = toAction(data);
      if (!action) return render(found, allowed); // refresh: the card as it is, for this viewer
      if (!allowed) {
        log.warn('audit: case action refused', { caseId: found.id, verb });
        await audit(deps, { actor: actor ?? 'unknown', action: verb, result: 'refused', caseId: found.id, reason: 'notCoordinator' });
        return render(found, false, tr('forwarding:card.notAllowed'));
      }
      let refusal: string | undefined;
      let changed = false;
      const updated = await f.service.updateCase(found.id, (c) => {
        const r = transition(c, action, actor!, f.clock.now());
        if (!r.ok) {
          refusal =
            r.reason === 'alreadyTaken'
              ? tr('forwarding:card.alreadyTaken', { name: c.assigneeName ?? '' })
              : r.reason === 'closed'
                ? tr('forwarding:card.closed')
                : r.reason === 'notAQuestion'
                  ? tr('forwarding:question.notAQuestion')
                  : action.kind === 'askReporter'
                    ? tr('forwarding:card.askRequired')
                    : action.kind === 'reply'
                      ? tr('forwarding:question.replyRequired')
                      : tr('forwarding:card.outcomeRequired');
          return undefined;
        }
        changed = r.changed;
        return r.changed && action.kind === 'take' ? { ...r.case, assigneeName: context.activity.from?.name ?? '' } : r.changed ? r.case : undefined;
      });
      if (!updated) return tr('forwarding:card.notFound');
      log.info('audit: case action', { caseId: updated.id, verb, changed, refused: !!refusal });
      await audit(deps, { actor: actor!, action: verb, result: refusal ? 'refused' : 'ok', caseId: updated.id });
      if (changed) await afterChange(found, updated, log);
      return render(updated, true, refusal);
    });

  /** The case card for the viewer of this turn (with or without actions). */
  const renderCase = (c: Case, tr: ReturnType<typeof t>, canAct: boolean, notice?: string) =>
    caseCard(c, tr, { form: f.form, timeZone: f.timeZone, canAct, ...(notice ? { notice } : {}), ...regionalView(f.directory, c.routing?.municipality) }) as unknown as TeamsAiCard;

  /**
   * Rule R2: a coordinator of the case chooses to involve the regional coordinator and records the
   * victim's consent (yes / no / not asked). Audited with the consent; with consent the card is queued
   * for the regional coordinator, without it nothing from the note is sent. Never automatic.
   */
  onCardExecute(app, deps, Verb.CaseConsultRegional, async (context, state, data) => {
    const tr = t(context, state);
    const log = turnLogger(deps.logger, context);
    const found = await f.service.updateCase(data.caseId, () => undefined);
    if (!found) return tr('forwarding:card.notFound');
    const actor = await aadObjectIdOf(context);
    if (!isCoordinatorFor(f.directory, ladder(found), actor)) {
      log.warn('audit: case action refused', { caseId: found.id, verb: Verb.CaseConsultRegional });
      await audit(deps, { actor: actor ?? 'unknown', action: Verb.CaseConsultRegional, result: 'refused', caseId: found.id, reason: 'notCoordinator' });
      return renderCase(found, tr, false, tr('forwarding:card.notAllowed'));
    }
    if (!data.consent) return renderCase(found, tr, true, tr('forwarding:regional.consentRequired'));
    const r = await f.service.consultRegional(found.id, actor!, data.consent);
    if (!r.ok) {
      await audit(deps, { actor: actor!, action: Verb.CaseConsultRegional, result: 'refused', caseId: found.id, reason: r.reason, consent: data.consent });
      return r.reason === 'notFound' ? tr('forwarding:card.notFound') : renderCase(found, tr, true, tr(`forwarding:regional.refused.${r.reason}`));
    }
    log.info('audit: case action', { caseId: found.id, verb: Verb.CaseConsultRegional, consent: data.consent });
    await audit(deps, { actor: actor!, action: Verb.CaseConsultRegional, result: 'ok', caseId: found.id, consent: data.consent });
    if (r.shared) f.kick?.();
    await f.service.refreshCards(r.case);
    const label = regionalView(f.directory, r.case.routing?.municipality).regional?.label ?? '';
    return renderCase(r.case, tr, true, tr(r.shared ? 'forwarding:regional.sent' : 'forwarding:regional.notSent', { label }));
  });

  /**
   * Tell the reporter (received → acknowledged, and closed: nothing more; a handed-off question gets
   * its answer), tell the routine owners when a question needs a routine, and refresh every posted card.
   */
  async function afterChange(before: Case, after: Case, log: ReturnType<typeof turnLogger>): Promise<void> {
    const reporterT = deps.i18n.t(after.reporter.locale);
    const question = handedOffQuestion(after);
    const wasOpen = before.status === 'received' || before.status === 'delivered';
    const seen = wasOpen && (after.status === 'acknowledged' || after.status === 'taken');
    const notice = question
      ? seen
        ? 'forwarding:notify.questionSeen'
        : undefined
      : after.status === 'closed'
        ? 'forwarding:notify.closed'
        : seen
          ? 'forwarding:notify.acknowledged'
          : undefined;
    const asked = (after.questions?.length ?? 0) > (before.questions?.length ?? 0) ? after.questions?.at(-1) : undefined;
    const replied = question && after.outcome?.code === 'answered' && before.outcome === undefined ? after.outcome.reason : undefined;
    // The reporter learns only that "the coordinator for <municipality>" asks or answers: no names either way.
    const who = reporterT('forwarding:relay.who', { municipality: f.directory.municipalities[after.routing?.municipality ?? '']?.name ?? '' });
    const messages = [
      ...(notice ? [reporterT(notice, { code: after.code })] : []),
      ...(asked ? [reporterT('forwarding:relay.question', { who, code: after.code, question: asked.text })] : []),
      ...(replied !== undefined ? [reporterT('forwarding:relay.reply', { who, code: after.code, answer: replied })] : []),
    ];
    const routineRequested = (c: Case) => c.history.some((h) => h.action === 'routineRequested');
    if (question && routineRequested(after) && !routineRequested(before)) await tellRoutineOwners(after, question, log);
    for (const message of messages) {
      try {
        await f.deliverer.sendText(after.reporter.conversationRef, message);
      } catch (err) {
        log.warn('reporter could not be told', { caseId: after.id, ...errorFields(err) });
      }
    }
    await f.service.refreshCards(after);
  }

  /** The routine owners (the directory's knowledgeOwners, else the administrators) learn what was asked, in their personal chat. */
  async function tellRoutineOwners(c: Case, q: NonNullable<ReturnType<typeof handedOffQuestion>>, log: ReturnType<typeof turnLogger>): Promise<void> {
    const t = deps.i18n.t(deps.defaultLocale);
    const text = t('forwarding:admin.needsRoutine', {
      code: c.code,
      language: t(`forwarding:question.languages.${q.language}`),
      audience: t(`forwarding:question.audiences.${q.audience}`),
      question: q.question,
    });
    for (const owner of f.directory.knowledgeOwners ?? f.directory.admins) {
      try {
        const ref = await deps.people?.get(owner);
        if (ref) await f.deliverer.sendText(ref, text);
        else log.warn('routine owner has no personal chat with the bot yet', { caseId: c.id });
      } catch (err) {
        log.warn('routine owner could not be told', { caseId: c.id, ...errorFields(err) });
      }
    }
  }

  /** "my cases", "open cases", "overdue": from the open-case index, never by reading every case. */
  const VIEWS = ['mine', 'open', 'overdue'] as const;
  const viewOf = (text: string): CaseView | undefined => {
    const said = text.trim().toLowerCase();
    return VIEWS.find((v) => LANGUAGES.some((lng) => (deps.i18n.t(lng)(`forwarding:list.words.${v}`, { returnObjects: true }) as unknown as string[]).includes(said)));
  };
  async function showCases(context: TurnContext, state: AppTurnState, view: CaseView, page: number): Promise<void> {
    const tr = t(context, state);
    const me = (await aadObjectIdOf(context))?.toLowerCase() ?? '';
    const targets = Object.entries(f.directory.targets)
      .filter(([, target]) => target.members.some((m) => m.toLowerCase() === me))
      .map(([id]) => id);
    if (!me || targets.length === 0) {
      turnLogger(deps.logger, context).info('case list refused: not a coordinator');
      await context.sendActivity(tr('forwarding:list.notCoordinator'));
      return;
    }
    const now = f.clock.now();
    const all = await f.index.open();
    const overdue = (s: CaseSummary) => {
      if (s.status !== 'received' && s.status !== 'delivered') return false;
      const deadline = deadlineFrom(new Date(s.levelAt), s.urgency, s.category, f.escalation, f.directory, f.timeZone);
      return !!deadline && deadline.getTime() <= now.getTime();
    };
    const cases = selectCases(all, view, { aadObjectId: me, targets }, overdue);
    turnLogger(deps.logger, context).info('case list shown', { view, count: cases.length, page });
    await context.sendActivity(cardActivity(caseListCard(cases, view, page, tr, now)));
  }
  app.message(
    async (context) => viewOf(context.activity.text ?? '') !== undefined,
    async (context, state) => showCases(context, state, viewOf(context.activity.text ?? '')!, 0),
  );
  onCardSubmit(app, deps, Verb.CaseList, (context, state, { view, page }) => showCases(context, state, view, page));

  act(Verb.CaseRefresh, () => undefined);
  act(Verb.CaseAcknowledge, () => ({ kind: 'acknowledge' }));
  act(Verb.CaseTake, () => ({ kind: 'take' }));
  act(Verb.CaseAsk, (d) => ({ kind: 'askReporter', text: d.question }));
  act(Verb.CaseReply, (d) => ({ kind: 'reply', text: d.answer }));
  act(Verb.CaseNeedsRoutine, () => ({ kind: 'requestRoutine' }));
  act(Verb.CaseClose, (d) => ({ kind: 'close', outcome: d.outcome, reason: d.reason }));
}
