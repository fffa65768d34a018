import { adaptiveCard, submitAction, textBlock, type AdaptiveCard } from './adaptive-card';
import { Verb } from './verbs';

export interface NoAnswerLabels {
  readonly message: string;
  readonly danger: string;
  readonly askCoordinator: string;
}

/**
 * "I have no routine for that" with the offer to pass the question to a coordinator, and, when the
 * question is in the domain, the two or three closest routines as buttons.
 */
export function noAnswerCard(labels: NoAnswerLabels, choices: readonly { readonly id: string; readonly title: string }[] = []): AdaptiveCard {
  return adaptiveCard(
    [
      textBlock(labels.message),
      ...(choices.length > 0 ? [{ type: 'ActionSet', actions: choices.map((c) => submitAction(c.title, Verb.KnowledgeShowArticle, { articleId: c.id })) }] : []),
      textBlock(labels.danger, { size: 'Small', color: 'Attention', weight: 'Bolder' }),
    ],
    [submitAction(labels.askCoordinator, Verb.KnowledgeAskCoordinator)],
    [labels.message, ...choices.map((c) => `- ${c.title}`), labels.danger].join('\n'),
  );
}
