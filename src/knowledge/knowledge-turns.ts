import { randomUUID } from 'node:crypto';
import type { Access } from '../access/role-resolver';
import { answerCard, type AnswerCardLabels } from '../cards/answer-card';
import { answerText } from '../cards/answer-text';
import { dangerCard } from '../cards/danger-card';
import { noAnswerCard } from '../cards/no-answer-card';
import { Verb } from '../cards/verbs';
import type { Clock } from '../clock';
import { isPersonalChat, type Turn } from '../conversation/turn';
import type { TurnDeps } from '../conversation/turn-deps';
import { onCardSubmit, type TurnRoute } from '../conversation/turn-routes';
import { questionNote, type Case } from '../forwarding/case';
import { originChoices } from '../forwarding/case-origin';
import { newCase, reporterOf } from '../forwarding/new-case';
import type { Translate } from '../i18n/create-i18n';
import { errorFields } from '../log';
import { answerQuestion } from './answer';
import { phraseWithGuard, type AnswerPhraser } from './answer-phraser';
import { canRead, type Article, type Audience, type KbLanguage } from './article';
import type { FeedbackStore } from './feedback-store';
import type { CurrentKnowledgeBase } from './knowledge-base-holder';
import { fillPlaceholders, type PlaceholderValues } from './placeholders';
import { detectLanguage } from './text-analysis';

export interface KnowledgeTurnDeps {
  /** The knowledge base being served (swapped when a new version is published): read once per turn. */
  readonly knowledgeBase: CurrentKnowledgeBase;
  readonly placeholders: Readonly<Record<KbLanguage, PlaceholderValues>>;
  readonly feedback: FeedbackStore;
  /** Store a case and queue it for its coordinators (a handed-off question is one). */
  readonly submitCase: (draft: Omit<Case, 'code' | 'routing'>) => Promise<Case>;
  readonly clock: Clock;
  readonly municipalities: Readonly<Record<string, { readonly name: string }>>;
  readonly defaultMunicipality: string;
  readonly minConfidence: number;
  /** Count a question no routine answered, for the statistics (week and municipality only: no text, no user id). */
  readonly countUnanswered?: (access: Access) => Promise<void>;
  /** The generative mode's model for this turn, when ANSWER_MODE=generative. */
  readonly phraserFor?: (turn: Turn) => AnswerPhraser;
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

/** The knowledge capability's handlers: the card buttons, a typed question, and every other message. */
export interface KnowledgeTurns {
  readonly routes: TurnRoute[];
  /** Answer one typed question (also used for a question asked in the middle of a report). */
  readonly answerTyped: (turn: Turn, text: string) => Promise<void>;
  /** Every message no other route took: a question for the knowledge base. */
  readonly otherMessage: (turn: Turn) => Promise<void>;
}

/** Answers routine questions typed in chat, and the answer card's buttons. */
export function knowledgeTurns(deps: TurnDeps, kb: KnowledgeTurnDeps): KnowledgeTurns {
  const audienceOf = async (turn: Turn): Promise<Audience> => (await turn.access()).audience;
  const say = (turn: Turn, text: string) => turn.send({ text });

  /** Staff and coordinators are told when a routine is past its review; partners get the routine as it is. */
  const reviewOverdueFor = async (turn: Turn, audience: Audience, articleId: string): Promise<boolean> => {
    if (audience === 'partner' || !kb.isReviewOverdue) return false;
    try {
      return await kb.isReviewOverdue(articleId);
    } catch (err) {
      // The routine matters more than its review mark: storage that does not answer must not cost the answer.
      turn.log.warn('review state not read', { articleId, ...errorFields(err) });
      return false;
    }
  };

  const sendArticle = async (turn: Turn, article: Article, related: readonly Article[], lng: KbLanguage, audience: Audience, generated?: string, situation = false) => {
    const t = deps.i18n.t(lng);
    const extra = generated ? { text: generated, label: t('knowledge:answer.generatedLabel') } : undefined;
    const overdue = await reviewOverdueFor(turn, audience, article.id);
    await turn.send({ card: answerCard(article, related, answerCardLabels(t), kb.placeholders[lng], extra, situation, overdue) });
  };

  const articleNotFound = (turn: Turn) => say(turn, deps.i18n.t(turn.locale)('knowledge:article.notFound'));
  const showArticle = onCardSubmit(
    deps,
    Verb.KnowledgeShowArticle,
    async (turn, { articleId }) => {
      const lng = turn.locale;
      const audience = await audienceOf(turn);
      const index = kb.knowledgeBase.current().index;
      const article = index.article(articleId, lng);
      // A forged id, or an article for another audience, gets the same answer as a missing one.
      if (!article || !canRead(audience, article)) return articleNotFound(turn);
      const related = article.related.map((id) => index.article(id, lng)).filter((a): a is Article => !!a && canRead(audience, a));
      await sendArticle(turn, article, related, lng, audience);
    },
    articleNotFound,
  );

  const unknownArticle = (turn: Turn) => say(turn, deps.i18n.t(turn.locale)('knowledge:feedback.unknownArticle'));
  const feedback = onCardSubmit(
    deps,
    Verb.KnowledgeFeedback,
    async (turn, { articleId, helpful }) => {
      const lng = turn.locale;
      if (!kb.knowledgeBase.current().index.article(articleId, lng)) {
        turn.log.warn('feedback refused: unknown article');
        return unknownArticle(turn);
      }
      await kb.feedback.record(articleId, lng, helpful);
      turn.log.info('feedback recorded', { articleId, helpful });
      await say(turn, deps.i18n.t(lng)('knowledge:feedback.thanks'));
    },
    unknownArticle,
  );

  /**
   * "Ask a coordinator": the question becomes a case of its own kind, delivered through the outbox
   * to the coordinators like a note, whose answer comes back to this chat. Personal chat only: the
   * answer must not land in a channel. No name goes with it, only the kind of user who asked.
   */
  const askCoordinator = onCardSubmit(deps, Verb.KnowledgeAskCoordinator, async (turn, data) => {
    const lng = turn.locale;
    const t = deps.i18n.t(lng);
    if (!isPersonalChat(turn)) return say(turn, t('knowledge:handoff.personalOnly'));
    const conversation = turn.state.conversation;
    const pending = conversation.pendingQuestion;
    if (!pending) return say(turn, t('knowledge:handoff.nothingToSend'));
    const access = await turn.access();
    const audience = access.audience;
    const shown = data.articleId ? kb.knowledgeBase.current().index.article(data.articleId, pending.language) : undefined;
    const articleTitle = shown && canRead(audience, shown) ? shown.title : undefined;
    // One hand-off per question: a second press, or a retried submit, finds the same case id.
    const token = pending.token ?? randomUUID();
    // The asker's municipality's coordinators get it (their site's, when that is unambiguous).
    const choices = originChoices(access, kb.municipalities, kb.defaultMunicipality);
    const origin = new Set(choices.map((c) => c.origin.municipality)).size === 1 ? { municipality: choices[0]!.origin.municipality, municipalityName: choices[0]!.origin.municipalityName } : undefined;
    const note = questionNote({ question: pending.text, language: pending.language, audience, ...(articleTitle ? { articleTitle } : {}) });
    const stored = await kb.submitCase(newCase(`handoff:${turn.conversation.tag}:${token}`, note, reporterOf(turn, lng), kb.clock.now(), origin));
    delete conversation.pendingQuestion;
    turn.log.info('question handed off to coordinator', { caseId: stored.id });
    await say(turn, fillPlaceholders(t('knowledge:handoff.saved', { code: stored.code }), kb.placeholders[lng]));
  });

  const answerTyped = async (turn: Turn, text: string): Promise<void> => {
    // The question's own words decide its language; the client's setting decides when they do not.
    const lng = detectLanguage(text) ?? turn.locale;
    const t = deps.i18n.t(lng);
    const audience: Audience = await audienceOf(turn);
    const result = answerQuestion(text, kb.knowledgeBase.current().index, { language: lng, audience, minConfidence: kb.minConfidence });
    const log = turn.log;
    const conversation = turn.state.conversation;
    if (result.type === 'answer') {
      log.info('question answered', { articleId: result.article.id, confidence: Number(result.confidence.toFixed(2)), audience, kind: result.kind, danger: result.danger });
      // Someone may be in danger now: 112 comes first, before anything else.
      if (result.danger) await turn.send({ card: dangerCard({ title: t('intake:emergency.title'), message: t('intake:emergency.message') }) });
      conversation.pendingQuestion = { text, language: lng, token: randomUUID() };
      let generated: string | undefined;
      if (kb.phraserFor) {
        const phrased = await phraseWithGuard(kb.phraserFor(turn), {
          question: text,
          language: lng,
          sources: [{ id: result.article.id, title: result.article.title, text: answerText(result.article, answerCardLabels(t), kb.placeholders[lng]) }],
        });
        // Only the mode and the rejected facts' count are logged: never the question or the model's text.
        log.info('answer phrased', phrased.mode === 'generated' ? { mode: 'generated' } : { mode: 'plain', reason: phrased.reason, unsupported: phrased.unsupported.length });
        if (phrased.mode === 'generated') generated = phrased.text;
      }
      // A described situation offers "Report this": a note with the description filled in, for review.
      await sendArticle(turn, result.article, result.related, lng, audience, generated, result.kind === 'situation');
      return;
    }
    log.info('question not answered', { reason: result.reason, confidence: Number(result.bestConfidence.toFixed(2)), audience });
    // A question in the domain that no routine answers, or that asks what no routine holds (a figure, an
    // address, one case): a coordinator may know, so it can be passed on.
    if (result.reason === 'lowConfidence' || result.reason === 'nearMiss') {
      // A count for the statistics; losing one must not cost the asker their answer.
      await kb.countUnanswered?.(await turn.access()).catch((err: unknown) => log.warn('unanswered question not counted', errorFields(err)));
      conversation.pendingQuestion = { text, language: lng, token: randomUUID() };
      const choices = result.choices.map((a) => ({ id: a.id, title: a.title }));
      const message = t(result.reason === 'nearMiss' ? 'knowledge:noAnswer.nearMiss' : choices.length > 0 ? 'knowledge:noAnswer.choices' : 'knowledge:noAnswer.lowConfidence');
      await turn.send({ card: noAnswerCard({ message, danger: t('knowledge:noAnswer.danger'), askCoordinator: t('knowledge:answer.askCoordinator') }, choices) });
      return;
    }
    await say(turn, t(`knowledge:noAnswer.${result.reason}`));
  };

  // Every other text message is a question for the knowledge base (the edge tries it last).
  const otherMessage = async (turn: Turn): Promise<void> => {
    const text = (turn.text ?? '').trim();
    if (!text) return say(turn, deps.i18n.t(turn.locale)(turn.hasCardData ? 'common:fallback.notUnderstood' : 'common:input.unsupported'));
    await answerTyped(turn, text);
  };

  return { routes: [showArticle, feedback, askCoordinator], answerTyped, otherMessage };
}
