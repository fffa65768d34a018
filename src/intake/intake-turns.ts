import { randomUUID } from 'node:crypto';
import { intakeEmergencyCard } from '../cards/intake-emergency-card';
import { DATE_SUFFIX, intakeFormCard, TIME_SUFFIX } from '../cards/intake-form-card';
import { intakeOriginCard } from '../cards/intake-origin-card';
import { intakeConfirmCancelCard, intakeResumeCard, intakeReviewCard } from '../cards/intake-review-card';
import { intakeStepCard } from '../cards/intake-step-card';
import { Verb } from '../cards/verbs';
import type { Clock } from '../clock';
import type { SupportedLocale } from '../config';
import { actorOf, isPersonalChat, type Turn } from '../conversation/turn';
import { audit, type TurnDeps } from '../conversation/turn-deps';
import { onCardSubmit, onMessage, type TurnRoute } from '../conversation/turn-routes';
import type { Case, CaseOrigin } from '../forwarding/case';
import { originChoices } from '../forwarding/case-origin';
import { newCase, reporterOf } from '../forwarding/new-case';
import { LANGUAGES } from '../i18n/languages';
import { commandPattern } from '../i18n/locale';
import type { KbLanguage } from '../knowledge/article';
import type { PlaceholderValues } from '../knowledge/placeholders';
import { advance, resume } from './advance';
import { COMMAND_WORDS } from './reasons';
import type { FormDefinition } from './form-types';
import type { IncidentNote } from './incident-note';
import type { IntakeContext, IntakeInput, IntakeOutcome } from './intake-outcome';
import { categoryOf, urgencyOf } from './rules';
import { isExpired } from './session';
import { validateAnswers } from './validate-note';

export interface IntakeTurnDeps {
  readonly form: FormDefinition;
  /** Stores a submitted note as a case and queues its delivery (idempotent per case id). */
  readonly submitCase: (draft: Omit<Case, 'code' | 'routing'>) => Promise<Case>;
  readonly labelsOf: (key: string) => string[];
  readonly timeZone: string;
  readonly draftTtlMs: number;
  readonly clock: Clock;
  readonly placeholders: Readonly<Record<KbLanguage, PlaceholderValues>>;
  readonly municipalities: Readonly<Record<string, { readonly name: string }>>;
  readonly defaultMunicipality: string;
}

/** The intake's handlers: the typed-text interceptor (runs before every route), and its routes. */
export interface IntakeTurns {
  readonly beforeMessage: (turn: Turn) => Promise<boolean>;
  readonly routes: TurnRoute[];
}

/** The last few one-card forms sent, so a repeated press is recognised (bounded: state stays small). */
const recent = (sent: Record<string, string> | undefined) => Object.fromEntries(Object.entries(sent ?? {}).slice(-19));

const norm = (s: string) => s.trim().toLowerCase().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');

/**
 * The guided note: start (report / practice), every typed or card answer through the pure engine,
 * the outcome rendered as a card, and a submitted note stored as a case. Reports are taken in
 * personal chat only, so nobody else in a channel sees them. `answerTyped` answers a routine
 * question asked in the middle of a report (the knowledge capability's).
 */
export function intakeTurns(deps: TurnDeps, intake: IntakeTurnDeps, answerTyped: (turn: Turn, text: string) => Promise<void>): IntakeTurns {
  /** Which language's start words the text is, if any. */
  const startLanguage = (text: string, key: string): SupportedLocale | undefined => LANGUAGES.find((lng) => deps.i18n.words(lng, key).map(norm).includes(norm(text)));
  const engineContext = (): IntakeContext => ({ now: intake.clock.now(), timeZone: intake.timeZone, labelsOf: intake.labelsOf });
  const words = (key: string) => intake.labelsOf(key).map(norm);
  const say = (turn: Turn, text: string) => turn.send({ text });
  /** "question: …" (the locales' words): a routine question asked in the middle of a report. */
  const QUESTION = new RegExp(`^(${commandPattern(deps.i18n.words, 'question')})\\s*:\\s*`, 'i');
  // A report keeps the language it was started in ("rapportera" → Swedish): turn.locale decides.
  const t = (turn: Turn) => deps.i18n.t(turn.locale);

  const noticeTexts = (ids: readonly string[], lng: SupportedLocale) => {
    const tr = deps.i18n.t(lng);
    return ids.flatMap((id) => {
      const n = intake.form.notices[id];
      return n ? [{ title: tr(n.titleKey), body: tr(n.bodyKey, { socialjourRoute: intake.placeholders[lng].socialjourRoute }) }] : [];
    });
  };

  /** Store the note under its origin, clear the draft, and tell the reporter the code and where it went. */
  async function finishSubmit(turn: Turn, note: IncidentNote, submission: string, formToken: string | undefined, origin: CaseOrigin) {
    const tr = t(turn);
    const state = turn.state.conversation;
    // Store first; only a stored case clears the draft (a storage fault keeps it for another try).
    const caseNote = { formId: note.formId, formVersion: note.formVersion, answers: note.answers, urgency: note.urgency, category: note.category };
    const stored = await intake.submitCase(newCase(submission, caseNote, reporterOf(turn, turn.locale), intake.clock.now(), origin));
    if (state.intake?.startedAt === note.startedAt) {
      delete state.intake;
      delete state.intakeLocale;
    }
    delete state.pendingNote;
    if (formToken) state.sentForms = { ...recent(state.sentForms), [formToken]: stored.code };
    turn.log.info('case created', { caseId: stored.id, urgency: stored.note.urgency, category: stored.note.category });
    // The receipt says what is true now: stored and queued; `status` tells when a coordinator has it.
    const lng = turn.locale;
    await say(
      turn,
      [
        tr('intake:submitted.body'),
        tr('intake:submittedCase.code', { code: stored.code }),
        ...(origin.site ? [tr('intake:origin.from', { site: origin.site.name, municipality: origin.municipalityName })] : []),
        tr('intake:origin.to', { municipality: origin.municipalityName }),
        // D2: the bot's note is not the concern report; the reporter makes it.
        ...(stored.note.category === 'possibleMinor' ? [tr('intake:submittedCase.childProtection', { socialjourRoute: intake.placeholders[lng].socialjourRoute })] : []),
        tr('intake:submittedCase.urgent'),
      ].join('\n\n'),
    );
  }

  /** Show an outcome and keep the session it carries. */
  async function render(turn: Turn, outcome: IntakeOutcome, lead?: string, formToken?: string): Promise<void> {
    const lng = turn.locale;
    const tr = deps.i18n.t(lng);
    const log = turn.log;
    const state = turn.state.conversation;
    switch (outcome.type) {
      case 'ask':
        state.intake = outcome.session;
        log.info('intake step', { step: outcome.step.id, attempt: outcome.attempt, reason: outcome.reasonKey ?? 'none' });
        await turn.send({
          card: intakeStepCard(outcome.step, tr, {
            revision: outcome.session.revision,
            practice: outcome.session.practice,
            notices: noticeTexts(outcome.notices, lng),
            ...(outcome.reasonKey ? { reason: tr(outcome.reasonKey, outcome.reasonParams) } : {}),
            canGoBack: outcome.canGoBack,
            offerSkip: outcome.offerSkip,
            offerStop: outcome.offerStop,
            ...(lead ? { lead } : {}),
            ...(outcome.current !== undefined ? { current: outcome.current } : {}),
            offerForm: outcome.session.revision === 0 && !outcome.canGoBack,
          }),
        });
        return;
      case 'emergency':
        state.intake = outcome.session;
        log.info('intake emergency screen', { again: !!outcome.reasonKey });
        if (outcome.reasonKey) await say(turn, tr(outcome.reasonKey));
        await turn.send({
          card: intakeEmergencyCard(outcome.step, tr, outcome.session.revision, outcome.session.practice, {
            notices: noticeTexts(outcome.notices, lng),
            ...(outcome.because.includes('D1') && !outcome.because.includes('G1') ? { lead: tr('intake:emergency.becauseMinor') } : {}),
          }),
        });
        return;
      case 'review':
        state.intake = outcome.session;
        log.info('intake review', { items: outcome.items.length });
        await turn.send({
          card: intakeReviewCard(outcome, tr, {
            timeZone: intake.timeZone,
            notices: noticeTexts(outcome.notices, lng),
            ...(outcome.reasonKey ? { reason: tr(outcome.reasonKey) } : {}),
          }),
        });
        return;
      case 'help':
        state.intake = outcome.session;
        await say(turn, tr(outcome.helpKey));
        return render(turn, outcome.then);
      case 'confirmCancel':
        state.intake = outcome.session;
        await turn.send({ card: intakeConfirmCancelCard(tr, outcome.session.revision) });
        return;
      case 'cancelled':
        delete state.intake;
        delete state.intakeLocale;
        log.info('intake cancelled', { practice: outcome.practice });
        await say(turn, tr('intake:cancelled.body'));
        return;
      case 'submitted': {
        if (outcome.note.practice) {
          delete state.intake;
          log.info('intake practice finished');
          await say(turn, tr('intake:submitted.practice'));
          return;
        }
        // The case id comes from who, where and which draft or form: another user's token can never name it.
        const submission = `${turn.conversation.id}|${actorOf(turn)}|${formToken ? `form:${formToken}` : outcome.note.startedAt}`;
        const choices = originChoices(await turn.access(), intake.municipalities, intake.defaultMunicipality);
        if (choices.length === 1) return finishSubmit(turn, outcome.note, submission, formToken, choices[0]!.origin);
        // Several sites (or municipalities): the finished note waits, in this conversation's sealed
        // state, until the reporter picks one; nothing is sent before that.
        const token = randomUUID();
        state.pendingNote = { note: outcome.note, submission, token, ...(formToken ? { formToken } : {}) };
        log.info('intake waits for its origin', { choices: choices.length });
        await turn.send({ card: intakeOriginCard(choices, tr, token) });
        return;
      }
      case 'rejected':
        log.warn('intake input rejected', { reason: outcome.reasonKey });
        await say(turn, tr(outcome.reasonKey, outcome.reasonParams));
        if (outcome.session) await render(turn, resume(intake.form, outcome.session));
        else await say(turn, tr('intake:start.notActive'));
        return;
    }
  }

  /** The draft in this conversation, dropped (with a word to the user) once expired. */
  async function currentSession(turn: Turn) {
    const state = turn.state.conversation;
    const session = state.intake;
    if (session && isExpired(session, intake.clock.now(), intake.draftTtlMs)) {
      delete state.intake;
      await say(turn, t(turn)('intake:draft.expired'));
      return undefined;
    }
    return session;
  }

  async function start(turn: Turn, practice: boolean, force = false, lng?: SupportedLocale, prefill?: Readonly<Record<string, string>>): Promise<void> {
    if (lng) turn.state.conversation.intakeLocale = lng;
    const tr = t(turn);
    if (!isPersonalChat(turn)) return say(turn, tr('intake:start.personalOnly'));
    const existing = await currentSession(turn);
    if (existing && !force) return turn.send({ card: intakeResumeCard(tr, practice) });
    turn.log.info('intake started', { practice, prefilled: prefill !== undefined });
    await render(turn, advance(intake.form, undefined, { kind: 'start', practice, ...(prefill ? { prefill } : {}) }, engineContext()));
  }

  async function step(turn: Turn, input: IntakeInput): Promise<void> {
    const session = await currentSession(turn);
    await render(turn, advance(intake.form, session, input, engineContext()));
  }

  const isStartWord = (said: string) => words('intake:start.words').includes(said) || words('intake:start.practiceWords').includes(said);
  const startFromWords = (turn: Turn, said: string) => {
    const practice = words('intake:start.practiceWords').includes(said);
    return start(turn, practice, false, startLanguage(said, practice ? 'intake:start.practiceWords' : 'intake:start.words'));
  };

  // Typed text while a report is in progress belongs to the report, before any other route sees it.
  const beforeMessage = async (turn: Turn): Promise<boolean> => {
    if (turn.hasCardData) return true;
    const text = (turn.text ?? '').trim();
    if (!text) return true;
    const state = turn.state.conversation;
    if (state.pendingNote) {
      await chooseTypedOrigin(turn, text);
      return false;
    }
    if (!state.intake) return true;
    const session = await currentSession(turn);
    if (!session) return true;
    const said = norm(text);
    if (words('intake:draft.resumeWords').includes(said)) {
      await render(turn, resume(intake.form, session), t(turn)('intake:start.resumed'));
      return false;
    }
    if (isStartWord(said)) {
      await startFromWords(turn, said);
      return false;
    }
    const current = resume(intake.form, session);
    // A routine question in the middle of the form: answer it, then go on where we were.
    const isQuestion = QUESTION.test(text) || (text.endsWith('?') && !(current.type === 'ask' && current.step.type === 'text'));
    if (isQuestion) {
      await answerTyped(turn, text.replace(QUESTION, ''));
      await render(turn, current, t(turn)('intake:start.resumed'));
      return false;
    }
    await step(turn, { kind: 'text', text });
    return false;
  };

  /** The origin typed instead of pressed: its number on the card, or the start of its name. */
  async function chooseTypedOrigin(turn: Turn, text: string): Promise<void> {
    const state = turn.state.conversation;
    const pending = state.pendingNote!;
    const choices = originChoices(await turn.access(), intake.municipalities, intake.defaultMunicipality);
    const said = norm(text);
    // "cancel" while choosing: nothing is sent; a guided note goes back to its review, where it can be cancelled for good.
    if (words(COMMAND_WORDS.cancel).includes(said)) {
      delete state.pendingNote;
      const session = await currentSession(turn);
      if (session) return render(turn, resume(intake.form, session));
      return say(turn, t(turn)('intake:cancelled.body'));
    }
    const byNumber = /^\d+$/.test(said) ? choices[Number(said) - 1] : undefined;
    const byName = choices.filter((c) => norm(c.origin.site?.name ?? c.origin.municipalityName).startsWith(said));
    const choice = byNumber ?? (byName.length === 1 ? byName[0] : undefined);
    if (choice) return finishSubmit(turn, pending.note, pending.submission, pending.formToken, choice.origin);
    await turn.send({ card: intakeOriginCard(choices, t(turn), pending.token) });
  }

  async function sendFormCard(turn: Turn, practice: boolean, values?: Record<string, unknown>, errors?: Record<string, string>, token: string = randomUUID()) {
    const lng = turn.locale;
    const tr = deps.i18n.t(lng);
    if (!isPersonalChat(turn)) return say(turn, tr('intake:start.personalOnly'));
    const notices = noticeTexts([...intake.form.reviewNotices], lng);
    const state = turn.state.conversation;
    // The token is bound to this user in this conversation: nobody else can send it.
    state.issuedForms = { ...recent(state.issuedForms), [token]: actorOf(turn) };
    await turn.send({ card: intakeFormCard(intake.form, tr, { practice, token, notices, ...(values ? { values } : {}), ...(errors ? { errors } : {}) }) });
  }

  const staleOrigin = (turn: Turn) => say(turn, t(turn)('intake:origin.stale'));
  const staleCard = (turn: Turn) => say(turn, t(turn)('intake:reason.stale'));
  /** A malformed dialog card: refused like a wrong answer, and the current question is shown again. */
  const invalidStep = (turn: Turn) => step(turn, { kind: 'answer', fieldId: '', value: undefined });

  const routes: TurnRoute[] = [
    onMessage(
      (text) => isStartWord(norm(text)),
      (turn) => startFromWords(turn, norm(turn.text ?? '')),
    ),
    onCardSubmit(deps, Verb.IntakeStart, async (turn, d) => {
      // The answer card that offered "Report" was in the question's language: the report follows it.
      const lng = d.lang;
      if (lng) turn.state.conversation.intakeLocale = lng;
      if (d.form === true) return sendFormCard(turn, d.practice === true);
      // "Report this" under a described situation: the description is proposed as the observation.
      const described = d.situation === true ? turn.state.conversation.pendingQuestion?.text : undefined;
      const field = intake.form.situationField;
      await start(turn, d.practice === true, false, lng, described && field ? { [field]: described } : undefined);
    }),
    onCardSubmit(
      deps,
      Verb.IntakeOrigin,
      async (turn, data) => {
        const tr = t(turn);
        const pending = turn.state.conversation.pendingNote;
        if (!pending || pending.token !== data.token) {
          turn.log.warn('origin choice refused: stale or invalid');
          return say(turn, tr('intake:origin.stale'));
        }
        // Only an origin this reporter may choose now counts: a forged site id is refused like a stale card.
        const choice = originChoices(await turn.access(), intake.municipalities, intake.defaultMunicipality).find((c) => c.id === data.origin);
        if (!choice) {
          turn.log.warn("origin choice refused: not one of the reporter's");
          await audit(deps, { actor: actorOf(turn) || 'unknown', action: 'intake.origin', result: 'refused' });
          return say(turn, tr('intake:origin.stale'));
        }
        await finishSubmit(turn, pending.note, pending.submission, pending.formToken, choice.origin);
      },
      staleOrigin,
    ),
    onMessage(
      (text) => words('intake:start.formWords').includes(norm(text)),
      (turn) => sendFormCard(turn, false),
    ),
    // The one-card form: the same validation as the guided dialog, then the same case.
    onCardSubmit(
      deps,
      Verb.IntakeForm,
      async (turn, data) => {
        const tr = t(turn);
        const state = turn.state.conversation;
        const { verb: _verb, practice, token, ...raw } = data;
        // A token issued to someone else, or in another conversation: refused like a stale card, revealing nothing.
        if (state.issuedForms?.[token] !== actorOf(turn)) {
          turn.log.warn('audit: one-card form refused: token not issued to this user here');
          await audit(deps, { actor: actorOf(turn) || 'unknown', action: Verb.IntakeForm, result: 'refused', reason: 'tokenNotYours' });
          return say(turn, tr('intake:reason.stale'));
        }
        // One card, one case: a second press (or a retried delivery) of the same card creates nothing.
        const sent = state.sentForms?.[token];
        if (sent) return say(turn, tr('intake:submittedCase.code', { code: sent }));
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
          turn.log.info('one-card form refused', { errors: result.errors.length });
          const errors = Object.fromEntries(result.errors.map((e) => [e.fieldId, tr(e.reasonKey, e.params)]));
          return sendFormCard(turn, practice === true, values, errors, token);
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
        await render(turn, { type: 'submitted', note }, undefined, token);
      },
      staleCard,
    ),
    onCardSubmit(
      deps,
      Verb.IntakeResume,
      async (turn, { choice, practice }) => {
        const session = await currentSession(turn);
        if (choice === 'resume' && session) return render(turn, resume(intake.form, session), t(turn)('intake:start.resumed'));
        return start(turn, practice === true, true);
      },
      staleCard,
    ),
    onCardSubmit(
      deps,
      Verb.IntakeAnswer,
      async (turn, d) => {
        // Input.Date and Input.Time arrive apart; the engine takes one local date-time.
        const value = d.value !== undefined ? d.value : d.date ? `${d.date}T${d.time ?? ''}` : undefined;
        await step(turn, { kind: 'answer', fieldId: d.fieldId, value, revision: d.revision });
      },
      invalidStep,
    ),
    onCardSubmit(deps, Verb.IntakeCommand, (turn, d) => step(turn, { kind: 'command', command: d.command, revision: d.revision }), invalidStep),
    onCardSubmit(deps, Verb.IntakeEdit, (turn, d) => step(turn, { kind: 'edit', fieldId: d.fieldId, revision: d.revision }), invalidStep),
    onCardSubmit(
      deps,
      Verb.IntakeEmergency,
      (turn, d) =>
        step(turn, {
          kind: 'emergency',
          outcome: d.outcome,
          ...(d.eventNumber?.trim() ? { eventNumber: d.eventNumber.trim().slice(0, 40) } : {}),
          revision: d.revision,
        }),
      invalidStep,
    ),
  ];
  return { beforeMessage, routes };
}
