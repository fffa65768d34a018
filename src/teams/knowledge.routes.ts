import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { answerCard, type AnswerCardLabels } from '../cards/answer-card';
import { dangerCard } from '../cards/danger-card';
import { noAnswerCard } from '../cards/no-answer-card';
import { Verb } from '../cards/verbs';
import type { SupportedLocale } from '../config';
import type { Translate } from '../i18n/create-i18n';
import { canRead, type Article, type Audience, type KbLanguage } from '../knowledge/article';
import { answerQuestion } from '../knowledge/answer';
import { phraseWithGuard, type AnswerPhraser } from '../knowledge/answer-phraser';
import type { FeedbackStore } from '../knowledge/feedback-store';
import { answerText } from '../cards/answer-text';
import { fillPlaceholders, type PlaceholderValues } from '../knowledge/placeholders';
import type { Clock } from '../clock';
import { caseIdFor } from '../forwarding/case-code';
import { questionNote, type Case } from '../forwarding/case';
import { originChoices } from '../forwarding/case-origin';
import { reporterOf } from './conversation-refs';
import type { CurrentKnowledgeBase } from '../knowledge/knowledge-base-holder';
import { detectLanguage } from '../knowledge/text-analysis';
import type { Access } from '../access/role-resolver';
import { onCardSubmit } from './card-actions';
import type { TeamsDeps } from './deps';
import { conversationTag, isPersonalChat, turnLogger } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';
import { errorFields } from '../log';

export interface KnowledgeDeps {
  /** The knowledge base being served (swapped when a new version is published): read once per turn. */
  readonly knowledgeBase: CurrentKnowledgeBase;
  readonly placeholders: Readonly<Record<KbLanguage, PlaceholderValues>>;
  readonly feedback: FeedbackStore;
  /** Store a case and queue it for its coordinators (a handed-off question is one). */
  readonly submitCase: (draft: Omit<Case, 'code' | 'routing'>) => Promise<Case>;
  readonly clock: Clock;
  /** Who is asking (role, audience, sites), resolved per turn. */
  readonly access: (context: TurnContext) => Promise<Access>;
  readonly municipalities: Readonly<Record<string, { readonly name: string }>>;
  readonly defaultMunicipality: string;
  readonly minConfidence: number;
  /** Count a question no routine answered, for the statistics (week and municipality only: no text, no user id). */
  readonly countUnanswered?: (access: Access) => Promise<void>;
  /** The generative mode's model for this turn, when ANSWER_MODE=generative. */
  readonly phraserFor?: (context: TurnContext, state: AppTurnState) => AnswerPhraser;
  /** Is the routine past its review interval (front matter and recorded reviews)? Shown to staff and coordinators. */
  readonly isReviewOverdue?: (articleId: string) => Promise<boolean>;
}

export function answerCardLabels(t: Translate): AnswerCardLabels {
  return {
    dangerBanner: t('knowledge:answer.dangerBanner'),
    escalation: t('knowledge:answer.escalation'),
    sources: t('knowledge:answer.sources'),
    lastReviewed: (date, owner) => t('knowledge:answer.lastReviewed', { date, owner }),
    related: t('knowledge:answer.related'),
    helpful: t('knowledge:answer.helpful'),
    yes: t('knowledge:answer.yes'),
    no: t('knowledge:answer.no'),
    report: t('knowledge:answer.report'),
    reportThis: t('knowledge:answer.reportThis'),
    askCoordinator: t('knowledge:answer.askCoordinator'),
    reviewOverdue: t('knowledge:answer.reviewOverdue'),
  };
}

export function cardActivity(card: AdaptiveCard) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Answers routine questions typed in chat, and the answer card's buttons. */
export function registerKnowledgeRoutes(
  app: Application<AppTurnState>,
  deps: TeamsDeps,
  kb: KnowledgeDeps,
): { answerTyped: (context: TurnContext, state: AppTurnState, text: string) => Promise<void> } {
  const uiLocale = (context: TurnContext, state: AppTurnState): SupportedLocale => turnLocale(context, deps.defaultLocale, state);
  const audienceOf = async (context: TurnContext): Promise<Audience> => (await kb.access(context)).audience;

  /** Staff and coordinators are told when a routine is past its review; partners get the routine as it is. */
  const reviewOverdueFor = async (context: TurnContext, audience: Audience, articleId: string): Promise<boolean> => {
    if (audience === 'partner' || !kb.isReviewOverdue) return false;
    try {
      return await kb.isReviewOverdue(articleId);
    } catch (err) {
      // The routine matters more than its review mark: storage that does not answer must not cost the answer.
      turnLogger(deps.logger, context).warn('review state not read', { articleId, ...errorFields(err) });
      return false;
    }
  };

  const sendArticle = async (context: TurnContext, article: Article, related: readonly Article[], lng: KbLanguage, audience: Audience, generated?: string, situation = false) => {
    const t = deps.i18n.t(lng);
    const extra = generated ? { text: generated, label: t('knowledge:answer.generatedLabel') } : undefined;
    const overdue = await reviewOverdueFor(context, audience, article.id);
    await context.sendActivity(cardActivity(answerCard(article, related, answerCardLabels(t), kb.placeholders[lng], extra, situation, overdue)));
  };

  const articleNotFound = async (context: TurnContext, state: AppTurnState) => void (await context.sendActivity(deps.i18n.t(uiLocale(context, state))('knowledge:article.notFound')));
  onCardSubmit(app, deps, Verb.KnowledgeShowArticle, async (context, state, { articleId }) => {
    const lng = uiLocale(context, state);
    const audience = await audienceOf(context);
    const index = kb.knowledgeBase.current().index;
    const article = index.article(articleId, lng);
    // A forged id, or an article for another audience, gets the same answer as a missing one.
    if (!article || !canRead(audience, article)) {
      await context.sendActivity(deps.i18n.t(lng)('knowledge:article.notFound'));
      return;
    }
    const related = article.related.map((id) => index.article(id, lng)).filter((a): a is Article => !!a && canRead(audience, a));
    await sendArticle(context, article, related, lng, audience);
  }, articleNotFound);

  const unknownArticle = async (context: TurnContext, state: AppTurnState) => void (await context.sendActivity(deps.i18n.t(uiLocale(context, state))('knowledge:feedback.unknownArticle')));
  onCardSubmit(app, deps, Verb.KnowledgeFeedback, async (context, state, { articleId, helpful }) => {
    const lng = uiLocale(context, state);
    const t = deps.i18n.t(lng);
    if (!kb.knowledgeBase.current().index.article(articleId, lng)) {
      turnLogger(deps.logger, context).warn('feedback refused: unknown article');
      return unknownArticle(context, state);
    }
    await kb.feedback.record(articleId, lng, helpful);
    turnLogger(deps.logger, context).info('feedback recorded', { articleId, helpful });
    await context.sendActivity(t('knowledge:feedback.thanks'));
  }, unknownArticle);

  /**
   * "Ask a coordinator": the question becomes a case of its own kind, delivered through the outbox
   * to the coordinators like a note, whose answer comes back to this chat. Personal chat only: the
   * answer must not land in a channel. No name goes with it, only the kind of user who asked.
   */
  onCardSubmit(app, deps, Verb.KnowledgeAskCoordinator, async (context, state, data) => {
    const lng = uiLocale(context, state);
    const t = deps.i18n.t(lng);
    if (!isPersonalChat(context)) {
      await context.sendActivity(t('knowledge:handoff.personalOnly'));
      return;
    }
    const pending = state.conversation.pendingQuestion;
    if (!pending) {
      await context.sendActivity(t('knowledge:handoff.nothingToSend'));
      return;
    }
    const audience = await audienceOf(context);
    const shown = data.articleId ? kb.knowledgeBase.current().index.article(data.articleId, pending.language) : undefined;
    const articleTitle = shown && canRead(audience, shown) ? shown.title : undefined;
    const now = kb.clock.now().toISOString();
    // One hand-off per question: a second press, or a retried submit, finds the same case id.
    const token = pending.token ?? randomUUID();
    // The asker's municipality's coordinators get it (their site's, when that is unambiguous).
    const choices = originChoices(await kb.access(context), kb.municipalities, kb.defaultMunicipality);
    const origin = new Set(choices.map((c) => c.origin.municipality)).size === 1 ? { municipality: choices[0]!.origin.municipality, municipalityName: choices[0]!.origin.municipalityName } : undefined;
    const stored = await kb.submitCase({
      id: caseIdFor(`handoff:${conversationTag(context.activity.conversation?.id)}:${token}`),
      status: 'received',
      createdAt: now,
      updatedAt: now,
      note: questionNote({ question: pending.text, language: pending.language, audience, ...(articleTitle ? { articleTitle } : {}) }),
      reporter: reporterOf(context, lng),
      history: [{ at: now, action: 'received', by: 'reporter' }],
      ...(origin ? { origin } : {}),
    });
    delete state.conversation.pendingQuestion;
    turnLogger(deps.logger, context).info('question handed off to coordinator', { caseId: stored.id });
    await context.sendActivity(fillPlaceholders(t('knowledge:handoff.saved', { code: stored.code }), kb.placeholders[lng]));
  });

  /** Answer one typed question (also used for a question asked in the middle of a report). */
  const answerTyped = async (context: TurnContext, state: AppTurnState, text: string): Promise<void> => {
    const fallbackLng = uiLocale(context, state);
    // The question's own words decide its language; the client's setting decides when they do not.
    const lng = detectLanguage(text) ?? fallbackLng;
    const t = deps.i18n.t(lng);
    const audience: Audience = await audienceOf(context);
    const result = answerQuestion(text, kb.knowledgeBase.current().index, { language: lng, audience, minConfidence: kb.minConfidence });
    const log = turnLogger(deps.logger, context);
    if (result.type === 'answer') {
      log.info('question answered', { articleId: result.article.id, confidence: Number(result.confidence.toFixed(2)), audience, kind: result.kind, danger: result.danger });
      // Someone may be in danger now: 112 comes first, before anything else.
      if (result.danger) await context.sendActivity(cardActivity(dangerCard({ title: t('intake:emergency.title'), message: t('intake:emergency.message') })));
      state.conversation.pendingQuestion = { text, language: lng, token: randomUUID() };
      let generated: string | undefined;
      if (kb.phraserFor) {
        const phrased = await phraseWithGuard(kb.phraserFor(context, state), {
          question: text,
          language: lng,
          sources: [{ id: result.article.id, title: result.article.title, text: answerText(result.article, answerCardLabels(t), kb.placeholders[lng]) }],
        });
        // Only the mode and the rejected facts' count are logged: never the question or the model's text.
        log.info('answer phrased', phrased.mode === 'generated' ? { mode: 'generated' } : { mode: 'plain', reason: phrased.reason, unsupported: phrased.unsupported.length });
        if (phrased.mode === 'generated') generated = phrased.text;
      }
      // A described situation offers "Report this": a note with the description filled in, for review.
      await sendArticle(context, result.article, result.related, lng, audience, generated, result.kind === 'situation');
      return;
    }
    log.info('question not answered', { reason: result.reason, confidence: Number(result.bestConfidence.toFixed(2)), audience });
    if (result.reason === 'lowConfidence') {
      // A count for the statistics; losing one must not cost the asker their answer.
      await kb.countUnanswered?.(await kb.access(context)).catch((err: unknown) => log.warn('unanswered question not counted', errorFields(err)));
      state.conversation.pendingQuestion = { text, language: lng, token: randomUUID() };
      const choices = result.choices.map((a) => ({ id: a.id, title: a.title }));
      const message = t(choices.length > 0 ? 'knowledge:noAnswer.choices' : 'knowledge:noAnswer.lowConfidence');
      await context.sendActivity(cardActivity(noAnswerCard({ message, danger: t('knowledge:noAnswer.danger'), askCoordinator: t('knowledge:answer.askCoordinator') }, choices)));
      return;
    }
    await context.sendActivity(t(`knowledge:noAnswer.${result.reason}`));
  };

  // Every other text message is a question for the knowledge base. Registered last (catch-all).
  app.activity(ActivityTypes.Message, async (context, state) => {
    const text = (context.activity.text ?? '').trim();
    if (!text) {
      const hasSubmit = context.activity.value !== undefined;
      await context.sendActivity(deps.i18n.t(uiLocale(context, state))(hasSubmit ? 'common:fallback.notUnderstood' : 'common:input.unsupported'));
      return;
    }
    await answerTyped(context, state, text);
  });

  return { answerTyped };
}
