import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { reporterOf } from './conversation-refs';
import { intakeEmergencyCard } from '../cards/intake-emergency-card';
import { DATE_SUFFIX, intakeFormCard, TIME_SUFFIX } from '../cards/intake-form-card';
import { intakeConfirmCancelCard, intakeResumeCard, intakeReviewCard } from '../cards/intake-review-card';
import { intakeStepCard } from '../cards/intake-step-card';
import { intakeOriginCard } from '../cards/intake-origin-card';
import type { Access } from '../access/role-resolver';
import { originChoices } from '../forwarding/case-origin';
import { Verb } from '../cards/verbs';
import type { Clock } from '../clock';
import type { SupportedLocale } from '../config';
import { caseIdFor } from '../forwarding/case-code';
import type { Case, CaseOrigin } from '../forwarding/case';
import {
  advance,
  categoryOf,
  isExpired,
  resume,
  urgencyOf,
  validateAnswers,
  type FormDefinition,
  type IncidentNote,
  type IntakeContext,
  type IntakeInput,
  type IntakeOutcome,
} from '../intake';
import type { KbLanguage } from '../knowledge/article';
import type { PlaceholderValues } from '../knowledge/placeholders';
import { onCardSubmit } from './card-actions';
import { audit, type TeamsDeps } from './deps';
import { cardActivity } from './knowledge.routes';
import { actorOf, isPersonalChat, turnLogger } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';
import { LANGUAGES } from '../i18n/languages';

export interface IntakeDeps {
  readonly form: FormDefinition;
  /** Stores a submitted note as a case and queues its delivery (idempotent per case id). */
  readonly submitCase: (draft: Omit<Case, 'code' | 'routing'>) => Promise<Case>;
  readonly labelsOf: (key: string) => string[];
  readonly timeZone: string;
  readonly draftTtlMs: number;
  readonly clock: Clock;
  readonly placeholders: Readonly<Record<KbLanguage, PlaceholderValues>>;
  /** Who is reporting (role, partner sites), resolved per turn. */
  readonly access: (context: TurnContext) => Promise<Access>;
  readonly municipalities: Readonly<Record<string, { readonly name: string }>>;
  readonly defaultMunicipality: string;
}

type AnswerTyped = (context: TurnContext, state: AppTurnState, text: string) => Promise<void>;

/** The last few one-card forms sent, so a repeated press is recognised (bounded: state stays small). */
const recent = (sent: Record<string, string> | undefined) => Object.fromEntries(Object.entries(sent ?? {}).slice(-19));


const from = (context: TurnContext) => actorOf(context) ?? '';

const norm = (s: string) => s.trim().toLowerCase().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');

/**
 * The guided note in Teams: start (report / practice), every typed or card answer through the pure
 * engine, the outcome rendered as a card, and a submitted note stored as a case. Reports are taken
 * in personal chat only, so nobody else in a channel sees them.
 */
export function registerIntakeRoutes(app: Application<AppTurnState>, deps: TeamsDeps, intake: IntakeDeps, answerTyped: () => AnswerTyped): void {
  // A report keeps the language it was started in ("rapportera" → Swedish), whatever the client says (turnLocale decides).
  const locale = (context: TurnContext, state: AppTurnState): SupportedLocale => turnLocale(context, deps.defaultLocale, state);
  /** Which language's start words the text is, if any. */
  const startLanguage = (text: string, key: string): SupportedLocale | undefined =>
    LANGUAGES.find((lng) => (deps.i18n.t(lng)(key, { returnObjects: true }) as unknown as string[]).map(norm).includes(norm(text)));
  const engineContext = (): IntakeContext => ({ now: intake.clock.now(), timeZone: intake.timeZone, labelsOf: intake.labelsOf });
  const words = (key: string) => intake.labelsOf(key).map(norm);

  const noticeTexts = (ids: readonly string[], lng: SupportedLocale) => {
    const t = deps.i18n.t(lng);
    return ids.flatMap((id) => {
      const n = intake.form.notices[id];
      return n ? [{ title: t(n.titleKey), body: t(n.bodyKey, { socialjourRoute: intake.placeholders[lng].socialjourRoute }) }] : [];
    });
  };

  async function storeCase(context: TurnContext, note: IncidentNote, lng: SupportedLocale, submissionKey: string, origin: CaseOrigin) {
    const now = intake.clock.now().toISOString();
    return intake.submitCase({
      id: caseIdFor(submissionKey),
      status: 'received',
      createdAt: now,
      updatedAt: now,
      note: { formId: note.formId, formVersion: note.formVersion, answers: note.answers, urgency: note.urgency, category: note.category },
      reporter: reporterOf(context, lng),
      history: [{ at: now, action: 'received', by: 'reporter' }],
      origin,
    });
  }

  /** Store the note under its origin, clear the draft, and tell the reporter the code and where it went. */
  async function finishSubmit(context: TurnContext, state: AppTurnState, note: IncidentNote, submission: string, formToken: string | undefined, origin: CaseOrigin) {
    const t = deps.i18n.t(locale(context, state));
    // Store first; only a stored case clears the draft (a storage fault keeps it for another try).
    const stored = await storeCase(context, note, locale(context, state), submission, origin);
    if (state.conversation.intake?.startedAt === note.startedAt) {
      delete state.conversation.intake;
      delete state.conversation.intakeLocale;
    }
    delete state.conversation.pendingNote;
    if (formToken) state.conversation.sentForms = { ...recent(state.conversation.sentForms), [formToken]: stored.code };
    turnLogger(deps.logger, context).info('case created', { caseId: stored.id, urgency: stored.note.urgency, category: stored.note.category });
    // The receipt says what is true now: stored and queued; `status` tells when a coordinator has it.
    const lng = locale(context, state);
    await context.sendActivity(
      [
        t('intake:submitted.body'),
        t('intake:submittedCase.code', { code: stored.code }),
        ...(origin.site ? [t('intake:origin.from', { site: origin.site.name, municipality: origin.municipalityName })] : []),
        t('intake:origin.to', { municipality: origin.municipalityName }),
        // D2: the bot's note is not the concern report; the reporter makes it.
        ...(stored.note.category === 'possibleMinor' ? [t('intake:submittedCase.childProtection', { socialjourRoute: intake.placeholders[lng].socialjourRoute })] : []),
        t('intake:submittedCase.urgent'),
      ].join('\n\n'),
    );
  }

  /** Show an outcome and keep the session it carries. */
  async function render(context: TurnContext, state: AppTurnState, outcome: IntakeOutcome, lead?: string, formToken?: string): Promise<void> {
    const lng = locale(context, state);
    const t = deps.i18n.t(lng);
    const log = turnLogger(deps.logger, context);
    switch (outcome.type) {
      case 'ask':
        state.conversation.intake = outcome.session;
        log.info('intake step', { step: outcome.step.id, attempt: outcome.attempt, reason: outcome.reasonKey ?? 'none' });
        await context.sendActivity(
          cardActivity(
            intakeStepCard(outcome.step, t, {
              revision: outcome.session.revision,
              practice: outcome.session.practice,
              notices: noticeTexts(outcome.notices, lng),
              ...(outcome.reasonKey ? { reason: t(outcome.reasonKey, outcome.reasonParams) } : {}),
              canGoBack: outcome.canGoBack,
              offerSkip: outcome.offerSkip,
              offerStop: outcome.offerStop,
              ...(lead ? { lead } : {}),
              ...(outcome.current !== undefined ? { current: outcome.current } : {}),
              offerForm: outcome.session.revision === 0 && !outcome.canGoBack,
            }),
          ),
        );
        return;
      case 'emergency':
        state.conversation.intake = outcome.session;
        log.info('intake emergency screen', { again: !!outcome.reasonKey });
        if (outcome.reasonKey) await context.sendActivity(t(outcome.reasonKey));
        await context.sendActivity(
          cardActivity(
            intakeEmergencyCard(outcome.step, t, outcome.session.revision, outcome.session.practice, {
              notices: noticeTexts(outcome.notices, lng),
              ...(outcome.because.includes('D1') && !outcome.because.includes('G1') ? { lead: t('intake:emergency.becauseMinor') } : {}),
            }),
          ),
        );
        return;
      case 'review':
        state.conversation.intake = outcome.session;
        log.info('intake review', { items: outcome.items.length });
        await context.sendActivity(
          cardActivity(
            intakeReviewCard(outcome, t, {
              timeZone: intake.timeZone,
              notices: noticeTexts(outcome.notices, lng),
              ...(outcome.reasonKey ? { reason: t(outcome.reasonKey) } : {}),
            }),
          ),
        );
        return;
      case 'help':
        state.conversation.intake = outcome.session;
        await context.sendActivity(t(outcome.helpKey));
        return render(context, state, outcome.then);
      case 'confirmCancel':
        state.conversation.intake = outcome.session;
        await context.sendActivity(cardActivity(intakeConfirmCancelCard(t, outcome.session.revision)));
        return;
      case 'cancelled':
        delete state.conversation.intake;
        delete state.conversation.intakeLocale;
        log.info('intake cancelled', { practice: outcome.practice });
        await context.sendActivity(t('intake:cancelled.body'));
        return;
      case 'submitted': {
        if (outcome.note.practice) {
          delete state.conversation.intake;
          log.info('intake practice finished');
          await context.sendActivity(t('intake:submitted.practice'));
          return;
        }
        // The case id comes from who, where and which draft or form: another user's token can never name it.
        const submission = `${context.activity.conversation?.id ?? ''}|${from(context)}|${formToken ? `form:${formToken}` : outcome.note.startedAt}`;
        const choices = originChoices(await intake.access(context), intake.municipalities, intake.defaultMunicipality);
        if (choices.length === 1) return finishSubmit(context, state, outcome.note, submission, formToken, choices[0]!.origin);
        // Several sites (or municipalities): the finished note waits, in this conversation's sealed
        // state, until the reporter picks one; nothing is sent before that.
        const token = randomUUID();
        state.conversation.pendingNote = { note: outcome.note, submission, token, ...(formToken ? { formToken } : {}) };
        log.info('intake waits for its origin', { choices: choices.length });
        await context.sendActivity(cardActivity(intakeOriginCard(choices, t, token)));
        return;
      }
      case 'rejected':
        log.warn('intake input rejected', { reason: outcome.reasonKey });
        await context.sendActivity(t(outcome.reasonKey, outcome.reasonParams));
        if (outcome.session) await render(context, state, resume(intake.form, outcome.session));
        else await context.sendActivity(t('intake:start.notActive'));
        return;
    }
  }

  /** The draft in this conversation, dropped (with a word to the user) once expired. */
  async function currentSession(context: TurnContext, state: AppTurnState) {
    const session = state.conversation.intake;
    if (session && isExpired(session, intake.clock.now(), intake.draftTtlMs)) {
      delete state.conversation.intake;
      await context.sendActivity(deps.i18n.t(locale(context, state))('intake:draft.expired'));
      return undefined;
    }
    return session;
  }

  async function start(
    context: TurnContext,
    state: AppTurnState,
    practice: boolean,
    force = false,
    lng?: SupportedLocale,
    prefill?: Readonly<Record<string, string>>,
  ): Promise<void> {
    if (lng) state.conversation.intakeLocale = lng;
    const t = deps.i18n.t(locale(context, state));
    if (!isPersonalChat(context)) {
      await context.sendActivity(t('intake:start.personalOnly'));
      return;
    }
    const existing = await currentSession(context, state);
    if (existing && !force) {
      await context.sendActivity(cardActivity(intakeResumeCard(t, practice)));
      return;
    }
    turnLogger(deps.logger, context).info('intake started', { practice, prefilled: prefill !== undefined });
    await render(context, state, advance(intake.form, undefined, { kind: 'start', practice, ...(prefill ? { prefill } : {}) }, engineContext()));
  }

  async function step(context: TurnContext, state: AppTurnState, input: IntakeInput): Promise<void> {
    const session = await currentSession(context, state);
    await render(context, state, advance(intake.form, session, input, engineContext()));
  }

  // Typed text while a report is in progress belongs to the report, before any other route sees it.
  app.turn('beforeTurn', async (context, state) => {
    const a = context.activity;
    if (a.type !== (ActivityTypes.Message as string) || a.value !== undefined) return true;
    const text = (a.text ?? '').trim();
    if (!text) return true;
    if (state.conversation.pendingNote) {
      await chooseTypedOrigin(context, state, text);
      return false;
    }
    if (!state.conversation.intake) return true;
    const session = await currentSession(context, state);
    if (!session) return true;
    const said = norm(text);
    if (words('intake:draft.resumeWords').includes(said)) {
      await render(context, state, resume(intake.form, session), deps.i18n.t(locale(context, state))('intake:start.resumed'));
      return false;
    }
    if (words('intake:start.words').includes(said) || words('intake:start.practiceWords').includes(said)) {
      const practice = words('intake:start.practiceWords').includes(said);
      await start(context, state, practice, false, startLanguage(said, practice ? 'intake:start.practiceWords' : 'intake:start.words'));
      return false;
    }
    const current = resume(intake.form, session);
    // A routine question in the middle of the form: answer it, then go on where we were.
    const isQuestion = /^(fråga|question)\s*:/i.test(text) || (text.endsWith('?') && !(current.type === 'ask' && current.step.type === 'text'));
    if (isQuestion) {
      await answerTyped()(context, state, text.replace(/^(fråga|question)\s*:\s*/i, ''));
      await render(context, state, current, deps.i18n.t(locale(context, state))('intake:start.resumed'));
      return false;
    }
    await step(context, state, { kind: 'text', text });
    return false;
  });

  app.message(
    async (context) => {
      const said = norm(context.activity.text ?? '');
      return words('intake:start.words').includes(said) || words('intake:start.practiceWords').includes(said);
    },
    async (context, state) => {
      const said = norm(context.activity.text ?? '');
      const practice = words('intake:start.practiceWords').includes(said);
      await start(context, state, practice, false, startLanguage(said, practice ? 'intake:start.practiceWords' : 'intake:start.words'));
    },
  );

  onCardSubmit(app, deps, Verb.IntakeStart, async (context, state, d) => {
    // The answer card that offered "Report" was in the question's language: the report follows it.
    const lng = d.lang;
    if (lng) state.conversation.intakeLocale = lng;
    if (d.form === true) return sendFormCard(context, state, d.practice === true);
    // "Report this" under a described situation: the description is proposed as the observation.
    const described = d.situation === true ? state.conversation.pendingQuestion?.text : undefined;
    const field = intake.form.situationField;
    await start(context, state, d.practice === true, false, lng, described && field ? { [field]: described } : undefined);
  });

  /** The origin typed instead of pressed: its number on the card, or the start of its name. */
  async function chooseTypedOrigin(context: TurnContext, state: AppTurnState, text: string): Promise<void> {
    const pending = state.conversation.pendingNote!;
    const choices = originChoices(await intake.access(context), intake.municipalities, intake.defaultMunicipality);
    const said = norm(text);
    // "cancel" while choosing: nothing is sent; a guided note goes back to its review, where it can be cancelled for good.
    if (words('intake:words.cancel').includes(said)) {
      delete state.conversation.pendingNote;
      const session = await currentSession(context, state);
      if (session) return render(context, state, resume(intake.form, session));
      return void (await context.sendActivity(deps.i18n.t(locale(context, state))('intake:cancelled.body')));
    }
    const byNumber = /^\d+$/.test(said) ? choices[Number(said) - 1] : undefined;
    const byName = choices.filter((c) => norm(c.origin.site?.name ?? c.origin.municipalityName).startsWith(said));
    const choice = byNumber ?? (byName.length === 1 ? byName[0] : undefined);
    if (choice) return finishSubmit(context, state, pending.note, pending.submission, pending.formToken, choice.origin);
    await context.sendActivity(cardActivity(intakeOriginCard(choices, deps.i18n.t(locale(context, state)), pending.token)));
  }

  const staleOrigin = async (context: TurnContext, state: AppTurnState) => void (await context.sendActivity(deps.i18n.t(locale(context, state))('intake:origin.stale')));
  onCardSubmit(app, deps, Verb.IntakeOrigin, async (context, state, data) => {
    const t = deps.i18n.t(locale(context, state));
    const pending = state.conversation.pendingNote;
    if (!pending || pending.token !== data.token) {
      turnLogger(deps.logger, context).warn('origin choice refused: stale or invalid');
      await context.sendActivity(t('intake:origin.stale'));
      return;
    }
    // Only an origin this reporter may choose now counts: a forged site id is refused like a stale card.
    const choice = originChoices(await intake.access(context), intake.municipalities, intake.defaultMunicipality).find((c) => c.id === data.origin);
    if (!choice) {
      turnLogger(deps.logger, context).warn('origin choice refused: not one of the reporter\'s');
      await audit(deps, { actor: from(context) || 'unknown', action: 'intake.origin', result: 'refused' });
      await context.sendActivity(t('intake:origin.stale'));
      return;
    }
    await finishSubmit(context, state, pending.note, pending.submission, pending.formToken, choice.origin);
  }, staleOrigin);

  async function sendFormCard(
    context: TurnContext,
    state: AppTurnState,
    practice: boolean,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
    token: string = randomUUID(),
  ) {
    const lng = locale(context, state);
    const t = deps.i18n.t(lng);
    if (!isPersonalChat(context)) {
      await context.sendActivity(t('intake:start.personalOnly'));
      return;
    }
    const notices = noticeTexts([...intake.form.reviewNotices], lng);
    // The token is bound to this user in this conversation: nobody else can send it.
    state.conversation.issuedForms = { ...recent(state.conversation.issuedForms), [token]: from(context) };
    await context.sendActivity(cardActivity(intakeFormCard(intake.form, t, { practice, token, notices, ...(values ? { values } : {}), ...(errors ? { errors } : {}) })));
  }

  app.message(
    async (context) => words('intake:start.formWords').includes(norm(context.activity.text ?? '')),
    async (context, state) => sendFormCard(context, state, false),
  );

  // The one-card form: the same validation as the guided dialog, then the same case.
  const staleCard = async (context: TurnContext, state: AppTurnState) => void (await context.sendActivity(deps.i18n.t(locale(context, state))('intake:reason.stale')));
  onCardSubmit(app, deps, Verb.IntakeForm, async (context, state, data) => {
    const lng = locale(context, state);
    const t = deps.i18n.t(lng);
    const { verb: _verb, practice, token, ...raw } = data;
    // A token issued to someone else, or in another conversation: refused like a stale card, revealing nothing.
    if (state.conversation.issuedForms?.[token] !== from(context)) {
      turnLogger(deps.logger, context).warn('audit: one-card form refused: token not issued to this user here');
      await audit(deps, { actor: from(context) || 'unknown', action: Verb.IntakeForm, result: 'refused', reason: 'tokenNotYours' });
      await context.sendActivity(t('intake:reason.stale'));
      return;
    }
    // One card, one case: a second press (or a retried delivery) of the same card creates nothing.
    const sent = state.conversation.sentForms?.[token];
    if (sent) {
      await context.sendActivity(t('intake:submittedCase.code', { code: sent }));
      return;
    }
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key.endsWith(DATE_SUFFIX)) {
        const id = key.slice(0, -DATE_SUFFIX.length);
        const time = raw[id + TIME_SUFFIX];
        if (typeof value === 'string' && value) values[id] = `${value}T${typeof time === 'string' ? time : ''}`;
      } else if (!key.endsWith(TIME_SUFFIX) && value !== '') values[key] = value;
    }
    const ctx = engineContext();
    const result = validateAnswers(intake.form, values, ctx);
    if (!result.ok) {
      turnLogger(deps.logger, context).info('one-card form refused', { errors: result.errors.length });
      const errors = Object.fromEntries(result.errors.map((e) => [e.fieldId, t(e.reasonKey, e.params)]));
      await sendFormCard(context, state, practice === true, values, errors, token);
      return;
    }
    const now = ctx.now.toISOString();
    const note: IncidentNote = {
      formId: intake.form.id,
      formVersion: intake.form.version,
      practice: practice === true,
      startedAt: now,
      submittedAt: now,
      urgency: urgencyOf(result.answers),
      category: categoryOf(result.answers),
      answers: result.answers,
    };
    await render(context, state, { type: 'submitted', note }, undefined, token);
  }, staleCard);

  onCardSubmit(app, deps, Verb.IntakeResume, async (context, state, { choice, practice }) => {
    const session = await currentSession(context, state);
    if (choice === 'resume' && session) return render(context, state, resume(intake.form, session), deps.i18n.t(locale(context, state))('intake:start.resumed'));
    return start(context, state, practice === true, true);
  }, staleCard);

  /** A malformed dialog card: refused like a wrong answer, and the current question is shown again. */
  const invalidStep = (context: TurnContext, state: AppTurnState) => step(context, state, { kind: 'answer', fieldId: '', value: undefined });

  onCardSubmit(
    app,
    deps,
    Verb.IntakeAnswer,
    async (context, state, d) => {
      // Input.Date and Input.Time arrive apart; the engine takes one local date-time.
      const value = d.value !== undefined ? d.value : d.date ? `${d.date}T${d.time ?? ''}` : undefined;
      await step(context, state, { kind: 'answer', fieldId: d.fieldId, value, revision: d.revision });
    },
    invalidStep,
  );

  onCardSubmit(app, deps, Verb.IntakeCommand, (context, state, d) => step(context, state, { kind: 'command', command: d.command, revision: d.revision }), invalidStep);

  onCardSubmit(app, deps, Verb.IntakeEdit, (context, state, d) => step(context, state, { kind: 'edit', fieldId: d.fieldId, revision: d.revision }), invalidStep);

  onCardSubmit(
    app,
    deps,
    Verb.IntakeEmergency,
    (context, state, d) =>
      step(context, state, {
        kind: 'emergency',
        outcome: d.outcome,
        ...(d.eventNumber?.trim() ? { eventNumber: d.eventNumber.trim().slice(0, 40) } : {}),
        revision: d.revision,
      }),
    invalidStep,
  );
}
