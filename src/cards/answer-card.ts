import type { Article } from '../knowledge/article';
import { fillPlaceholders, type PlaceholderValues } from '../knowledge/placeholders';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { answerText, type AnswerLabels } from './answer-text';
import { Verb } from './verbs';

export interface AnswerCardLabels extends AnswerLabels {
  readonly dangerBanner: string;
  readonly related: string;
  readonly helpful: string;
  readonly yes: string;
  readonly no: string;
  readonly report: string;
  /** The report button under a described situation: starts a note with the description filled in. */
  readonly reportThis: string;
  readonly askCoordinator: string;
  /** Shown to staff under the review date when the routine is past its review interval. */
  readonly reviewOverdue: string;
}

/**
 * The answer card: the routine's steps as written, its escalation, sources with links, the review
 * date (and "review overdue" when `reviewOverdue`), "Did this help?", and the next moves (report,
 * ask a coordinator, related routines).
 * @example answerCard(article, related, labels, values).version === '1.5'
 */
export function answerCard(
  article: Article,
  related: readonly Article[],
  labels: AnswerCardLabels,
  values: PlaceholderValues,
  generated?: { readonly text: string; readonly label: string },
  situation = false,
  reviewOverdue = false,
): AdaptiveCard {
  const fill = (s: string) => fillPlaceholders(s, values);
  const body: CardElement[] = [
    textBlock(labels.dangerBanner, { size: 'Small', color: 'Attention', weight: 'Bolder' }),
    textBlock(article.title, { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    ...(article.label ? [textBlock(article.label, { size: 'Small', isSubtle: true })] : []),
    // A generated answer (already checked against the article) comes first, marked as such; the routine follows.
    ...(generated
      ? [{ type: 'Container', style: 'emphasis', items: [textBlock(generated.label, { size: 'Small', isSubtle: true }), textBlock(generated.text)] }]
      : []),
    textBlock(fill(article.summary)),
    {
      type: 'Container',
      items: article.steps.map((s, i) => textBlock(`${i + 1}. ${fill(s)}`, { spacing: 'Small' })),
    },
    textBlock(`**${labels.escalation}:** ${fill(article.escalation)}`),
    ...article.notes.map((n) => textBlock(fill(n), { isSubtle: true, size: 'Small' })),
    textBlock(`**${labels.sources}:** ${article.sources.map((s) => `[${s.title}](${s.url})`).join(' · ')}`, { size: 'Small', separator: true }),
    textBlock(labels.lastReviewed(article.lastReviewed, article.owner), { size: 'Small', isSubtle: true, spacing: 'None' }),
    ...(reviewOverdue ? [textBlock(labels.reviewOverdue, { size: 'Small', color: 'Warning', weight: 'Bolder', spacing: 'None' })] : []),
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [textBlock(labels.helpful, { size: 'Small' })] },
        {
          type: 'Column',
          width: 'auto',
          items: [
            {
              type: 'ActionSet',
              actions: [
                submitAction(labels.yes, Verb.KnowledgeFeedback, { articleId: article.id, helpful: true }),
                submitAction(labels.no, Verb.KnowledgeFeedback, { articleId: article.id, helpful: false }),
              ],
            },
          ],
        },
      ],
    },
  ];
  if (related.length > 0) {
    body.push(textBlock(labels.related, { weight: 'Bolder', size: 'Small', separator: true }));
    body.push({ type: 'ActionSet', actions: related.map((r) => submitAction(r.title, Verb.KnowledgeShowArticle, { articleId: r.id })) });
  }
  const actions = [
    situation
      ? submitAction(labels.reportThis, Verb.IntakeStart, { lang: article.language, situation: true }, { style: 'positive' })
      : submitAction(labels.report, Verb.IntakeStart, { lang: article.language }, { style: 'positive' }),
    submitAction(labels.askCoordinator, Verb.KnowledgeAskCoordinator, { articleId: article.id }),
  ];
  return adaptiveCard(body, actions, answerText(article, labels, values));
}
