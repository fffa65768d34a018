import { DateTime } from 'luxon';
import { caseCard } from '../cards/case-card';
import { caseListCard } from '../cards/case-list-card';
import type { CardPayload } from '../cards/payloads';
import { Verb, type VerbName } from '../cards/verbs';
import type { Clock } from '../clock';
import { isPersonalChat, type Reply, type Turn } from '../conversation/turn';
import { audit, type TurnDeps } from '../conversation/turn-deps';
import { onCardExecute, onCardSubmit, onMessage, type TurnRoute } from '../conversation/turn-routes';
import type { Translate } from '../i18n/create-i18n';
import { LANGUAGES } from '../i18n/languages';
import { commandPattern, type Command } from '../i18n/locale';
import type { FormDefinition } from '../intake/form-types';
import { errorFields, type Logger } from '../log';
import { handedOffQuestion, type Case } from './case';
import { normalizeCaseCode } from './case-code';
import { selectCases, type CaseIndex, type CaseSummary, type CaseView } from './case-index';
import type { CaseAction } from './case-lifecycle';
import type { CaseStore } from './case-store';
import { caseExport, caseTrail, daysOf } from './case-trail';
import { changeCase } from './change-case';
import type { Deliverer } from './deliverer';
import { deadlineFrom, type EscalationPolicy } from './escalation';
import type { ForwardingService } from './forwarding-service';
import { isCoordinatorFor, regionalView, type RoutingDirectory } from './routing-directory';
import type { TargetLinkStore } from './target-links';

export interface CaseTurnDeps {
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

/** The verbs of the actions on a case card. */
type CaseVerb = typeof Verb.CaseRefresh | typeof Verb.CaseAcknowledge | typeof Verb.CaseTake | typeof Verb.CaseClose | typeof Verb.CaseAsk | typeof Verb.CaseReply | typeof Verb.CaseNeedsRoutine;

/** "my cases", "open cases", "overdue": from the open-case index, never by reading every case. */
const VIEWS = ['mine', 'open', 'overdue'] as const;

/** Everyone on the case's ladder may act on it. */
function ladder(c: Case): string[] {
  const r = c.routing;
  return r ? [...new Set([...r.targets, r.primary, r.deputy, r.next, ...(r.outOfHours ? [r.outOfHours] : [])])] : [];
}

/**
 * The coordinator's side: link a channel or chat to a directory target, act on a case card
 * (Universal Actions), the case lists, and the administrators' dead letters, trail and export.
 * Every change is written with the case's ETag; a refused or forged action is audited and changes nothing.
 */
export function caseTurns(deps: TurnDeps, f: CaseTurnDeps): TurnRoute[] {
  const t = (turn: Turn) => deps.i18n.t(turn.locale);
  const say = (turn: Turn, text: string) => turn.send({ text });
  // The command words are the locales' (common:commands.*), in every language.
  const said = (command: Command) => commandPattern(deps.i18n.words, command);
  const LINK = new RegExp(`^\\s*(${said('link')})(?:\\s+(\\S+))?\\s*$`, 'i');
  const DEAD_LETTERS = new RegExp(`^\\s*(${said('deadLetters')})\\s*$`, 'i');
  const REDRIVE = new RegExp(`^\\s*(${said('redrive')})\\s+([0-9a-z.-]{1,200})\\s*$`, 'i');
  const TRAIL = new RegExp(`^\\s*(${said('audit')})\\s+(K-?\\s?[0-9A-Za-z]{4})\\s*$`, 'i');
  const EXPORT = new RegExp(`^\\s*(${said('export')})\\s+(K-?\\s?[0-9A-Za-z]{4})\\s*$`, 'i');

  /** An administrator's Entra id, as the directory lists them (compared in lower case). */
  const isAdminId = (user: string) => user !== '' && f.directory.admins.some((a) => a.toLowerCase() === user);

  const link = onMessage(LINK, async (turn) => {
    const tr = t(turn);
    const targetId = LINK.exec(turn.text ?? '')?.[2]?.toLowerCase();
    if (!targetId) return say(turn, tr('forwarding:link.usage'));
    const target = f.directory.targets[targetId];
    if (!target) return say(turn, tr('forwarding:link.unknownTarget', { id: targetId }));
    const user = (await turn.aadObjectId())?.toLowerCase() ?? '';
    const selfLink = isPersonalChat(turn) && target.kind === 'person' && target.members.some((m) => m.toLowerCase() === user);
    if (!isAdminId(user) && !selfLink) {
      turn.log.warn('audit: link refused', { targetId });
      await audit(deps, { actor: user || 'unknown', action: 'link', result: 'refused', targetId });
      return say(turn, tr('forwarding:link.notAdmin'));
    }
    await f.links.set({ targetId, conversationRef: turn.conversation.address, linkedBy: user, linkedAt: f.clock.now().toISOString() });
    // Notes that waited for this target go now.
    await f.service.retryWaitingFor(targetId);
    f.kick?.();
    turn.log.info('audit: target linked', { targetId });
    await audit(deps, { actor: user, action: 'link', result: 'ok', targetId });
    await say(turn, tr('forwarding:link.done', { label: target.label }));
  });

  /** Administrators see what could not be delivered, and queue it again once the channel works. */
  const isAdmin = async (turn: Turn) => {
    const user = (await turn.aadObjectId())?.toLowerCase() ?? '';
    return isAdminId(user) ? user : undefined;
  };
  const deadLetters = onMessage(DEAD_LETTERS, async (turn) => {
    const tr = t(turn);
    const admin = await isAdmin(turn);
    if (!admin) {
      await audit(deps, { actor: (await turn.aadObjectId()) ?? 'unknown', action: 'deadLetters', result: 'refused' });
      return say(turn, tr('forwarding:admin.deadLetters.notAdmin'));
    }
    const dead = await f.service.deadLetters();
    if (dead.length === 0) return say(turn, tr('forwarding:admin.deadLetters.none'));
    const lines = await Promise.all(
      dead.slice(0, 50).map(async (d) => {
        const c = await f.service.updateCase(d.caseId, () => undefined).catch(() => undefined);
        return `- ${tr('forwarding:admin.deadLetters.item', { id: d.id, code: c?.code ?? '?', target: d.targetId, reason: d.lastError ?? '', attempts: d.attempts })}`;
      }),
    );
    await say(turn, `${tr('forwarding:admin.deadLetters.heading', { count: dead.length })}\n\n${lines.join('\n')}`);
  });
  const redrive = onMessage(REDRIVE, async (turn) => {
    const tr = t(turn);
    const admin = await isAdmin(turn);
    const id = REDRIVE.exec(turn.text ?? '')?.[2]?.toLowerCase() ?? '';
    if (!admin) {
      await audit(deps, { actor: (await turn.aadObjectId()) ?? 'unknown', action: 'redrive', result: 'refused' });
      return say(turn, tr('forwarding:admin.deadLetters.notAdmin'));
    }
    const ok = await f.service.redrive(id);
    await audit(deps, { actor: admin, action: 'redrive', result: ok ? 'ok' : 'refused' });
    if (ok) f.kick?.();
    await say(turn, tr(ok ? 'forwarding:admin.deadLetters.redriven' : 'forwarding:admin.deadLetters.notFound', { id }));
  });

  /**
   * An administrator's look at one case: `audit K-XXXX` (the trail: who did what when, pseudonymous)
   * and `export K-XXXX` (the whole case as JSON, for a legal request). Personal chat only; both are
   * audited, and so is every refusal.
   */
  const adminCaseCommand = (re: RegExp, action: 'trail' | 'export') =>
    onMessage(re, async (turn) => {
      const tr = t(turn);
      const admin = await isAdmin(turn);
      const code = normalizeCaseCode(re.exec(turn.text ?? '')?.[2] ?? '');
      if (!admin || !isPersonalChat(turn)) {
        await audit(deps, { actor: (await turn.aadObjectId()) ?? 'unknown', action, result: 'refused', reason: admin ? 'notPersonalChat' : 'notAdmin' });
        return say(turn, tr(admin ? 'forwarding:status.personalOnly' : 'forwarding:admin.caseNotAdmin'));
      }
      const found = code ? await f.cases.getByCode(code) : undefined;
      if (!found) return say(turn, tr('forwarding:admin.caseNotFound', { code: code ?? '' }));
      await audit(deps, { actor: admin, action, result: 'ok', caseId: found.id });
      turn.log.info('audit: administrator read a case', { caseId: found.id, action });
      if (action === 'export') return say(turn, `${tr('forwarding:admin.exportHeading', { code: found.code })}\n\n\`\`\`json\n${caseExport(found)}\n\`\`\``);
      const events = (await Promise.all(daysOf(found, f.clock.now()).map((day) => deps.audit?.read(day) ?? Promise.resolve([])))).flat();
      const when = (at: string) => DateTime.fromISO(at, { zone: 'utc' }).setZone(f.timeZone).toFormat('yyyy-MM-dd HH:mm');
      const lines = caseTrail(found, events).map((l) => `- ${when(l.at)} · ${l.who} · ${l.what}${l.refused ? ` (${tr('forwarding:admin.refused')}: ${l.refused})` : ''}`);
      await say(turn, `${tr('forwarding:admin.trailHeading', { code: found.code })}\n\n${lines.join('\n')}`);
    });

  /** The case card for the viewer of this turn (with or without actions). */
  const renderCase = (c: Case, tr: Translate, canAct: boolean, notice?: string): Reply => ({
    card: caseCard(c, tr, { form: f.form, timeZone: f.timeZone, canAct, ...(notice ? { notice } : {}), ...regionalView(f.directory, c.routing?.municipality) }),
  });

  /** Someone not on the case's ladder pressed one of its actions: audited, and shown the card without actions. */
  const refuseNotCoordinator = async (turn: Turn, tr: Translate, found: Case, verb: VerbName, actor: string | undefined): Promise<Reply> => {
    turn.log.warn('audit: case action refused', { caseId: found.id, verb });
    await audit(deps, { actor: actor ?? 'unknown', action: verb, result: 'refused', caseId: found.id, reason: 'notCoordinator' });
    return renderCase(found, tr, false, tr('forwarding:card.notAllowed'));
  };

  const act = <V extends CaseVerb>(verb: V, toAction: (data: CardPayload<V>) => CaseAction | undefined) =>
    onCardExecute(deps, verb, async (turn, data) => {
      const tr = t(turn);
      const found = await f.service.updateCase(data.caseId, () => undefined);
      if (!found) return { text: tr('forwarding:card.notFound') };
      const actor = await turn.aadObjectId();
      const allowed = isCoordinatorFor(f.directory, ladder(found), actor);
      const action = toAction(data);
      if (!action) return renderCase(found, tr, allowed); // refresh: the card as it is, for this viewer
      if (!allowed || !actor) return refuseNotCoordinator(turn, tr, found, verb, actor);
      const change = await changeCase(f.service, found.id, action, actor, f.clock.now(), (c) => (action.kind === 'take' ? { ...c, assigneeName: turn.user.name ?? '' } : c));
      const refused = change.refused;
      const refusal = !refused
        ? undefined
        : refused.reason === 'alreadyTaken'
          ? tr('forwarding:card.alreadyTaken', { name: refused.case.assigneeName ?? '' })
          : refused.reason === 'closed'
            ? tr('forwarding:card.closed')
            : refused.reason === 'notAQuestion'
              ? tr('forwarding:question.notAQuestion')
              : action.kind === 'askReporter'
                ? tr('forwarding:card.askRequired')
                : action.kind === 'reply'
                  ? tr('forwarding:question.replyRequired')
                  : tr('forwarding:card.outcomeRequired');
      const updated = change.case;
      if (!updated) return { text: tr('forwarding:card.notFound') };
      turn.log.info('audit: case action', { caseId: updated.id, verb, changed: change.changed, refused: !!refusal });
      await audit(deps, { actor, action: verb, result: refusal ? 'refused' : 'ok', caseId: updated.id });
      if (change.changed) await afterChange(found, updated, turn.log);
      return renderCase(updated, tr, true, refusal);
    });

  /**
   * Rule R2: a coordinator of the case chooses to involve the regional coordinator and records the
   * victim's consent (yes / no / not asked). Audited with the consent; with consent the card is queued
   * for the regional coordinator, without it nothing from the note is sent. Never automatic.
   */
  const consultRegional = onCardExecute(deps, Verb.CaseConsultRegional, async (turn, data) => {
    const tr = t(turn);
    const found = await f.service.updateCase(data.caseId, () => undefined);
    if (!found) return { text: tr('forwarding:card.notFound') };
    const actor = await turn.aadObjectId();
    if (!isCoordinatorFor(f.directory, ladder(found), actor) || !actor) return refuseNotCoordinator(turn, tr, found, Verb.CaseConsultRegional, actor);
    if (!data.consent) return renderCase(found, tr, true, tr('forwarding:regional.consentRequired'));
    const r = await f.service.consultRegional(found.id, actor, data.consent);
    if (!r.ok) {
      await audit(deps, { actor, action: Verb.CaseConsultRegional, result: 'refused', caseId: found.id, reason: r.reason, consent: data.consent });
      return r.reason === 'notFound' ? { text: tr('forwarding:card.notFound') } : renderCase(found, tr, true, tr(`forwarding:regional.refused.${r.reason}`));
    }
    turn.log.info('audit: case action', { caseId: found.id, verb: Verb.CaseConsultRegional, consent: data.consent });
    await audit(deps, { actor, action: Verb.CaseConsultRegional, result: 'ok', caseId: found.id, consent: data.consent });
    if (r.shared) f.kick?.();
    await f.service.refreshCards(r.case);
    const label = regionalView(f.directory, r.case.routing?.municipality).regional?.label ?? '';
    return renderCase(r.case, tr, true, tr(r.shared ? 'forwarding:regional.sent' : 'forwarding:regional.notSent', { label }));
  });

  /**
   * Tell the reporter (received → acknowledged, and closed: nothing more; a handed-off question gets
   * its answer), tell the routine owners when a question needs a routine, and refresh every posted card.
   */
  async function afterChange(before: Case, after: Case, log: Logger): Promise<void> {
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
  async function tellRoutineOwners(c: Case, q: NonNullable<ReturnType<typeof handedOffQuestion>>, log: Logger): Promise<void> {
    const tr = deps.i18n.t(deps.defaultLocale);
    const text = tr('forwarding:admin.needsRoutine', {
      code: c.code,
      language: tr(`forwarding:question.languages.${q.language}`),
      audience: tr(`forwarding:question.audiences.${q.audience}`),
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

  const viewOf = (text: string): CaseView | undefined => {
    const said = text.trim().toLowerCase();
    return VIEWS.find((v) => LANGUAGES.some((lng) => deps.i18n.words(lng, `forwarding:list.words.${v}`).includes(said)));
  };
  async function showCases(turn: Turn, view: CaseView, page: number): Promise<void> {
    const tr = t(turn);
    const me = (await turn.aadObjectId())?.toLowerCase() ?? '';
    const targets = Object.entries(f.directory.targets)
      .filter(([, target]) => target.members.some((m) => m.toLowerCase() === me))
      .map(([id]) => id);
    if (!me || targets.length === 0) {
      turn.log.info('case list refused: not a coordinator');
      return say(turn, tr('forwarding:list.notCoordinator'));
    }
    const now = f.clock.now();
    const all = await f.index.open();
    const overdue = (s: CaseSummary) => {
      if (s.status !== 'received' && s.status !== 'delivered') return false;
      const deadline = deadlineFrom(new Date(s.levelAt), s.urgency, s.category, f.escalation, f.directory, f.timeZone);
      return !!deadline && deadline.getTime() <= now.getTime();
    };
    const cases = selectCases(all, view, { aadObjectId: me, targets }, overdue);
    turn.log.info('case list shown', { view, count: cases.length, page });
    await turn.send({ card: caseListCard(cases, view, page, tr, now) });
  }

  return [
    link,
    deadLetters,
    redrive,
    adminCaseCommand(TRAIL, 'trail'),
    adminCaseCommand(EXPORT, 'export'),
    consultRegional,
    onMessage(
      (text) => viewOf(text) !== undefined,
      (turn) => showCases(turn, viewOf(turn.text ?? '')!, 0),
    ),
    onCardSubmit(deps, Verb.CaseList, (turn, { view, page }) => showCases(turn, view, page)),
    act(Verb.CaseRefresh, () => undefined),
    act(Verb.CaseAcknowledge, () => ({ kind: 'acknowledge' })),
    act(Verb.CaseTake, () => ({ kind: 'take' })),
    act(Verb.CaseAsk, (d) => ({ kind: 'askReporter', text: d.question })),
    act(Verb.CaseReply, (d) => ({ kind: 'reply', text: d.answer })),
    act(Verb.CaseNeedsRoutine, () => ({ kind: 'requestRoutine' })),
    act(Verb.CaseClose, (d) => ({ kind: 'close', outcome: d.outcome, reason: d.reason })),
  ];
}
