import { adaptiveCard, submitAction, textBlock, type AdaptiveCard } from './adaptive-card';
import { Verb } from './verbs';

export interface NoAnswerLabels {
  readonly message: string;
  readonly danger: string;
  readonly askCoordinator: string;
}

/** "I have no routine for that" with the offer to pass the question to a coordinator. */
export function noAnswerCard(labels: NoAnswerLabels): AdaptiveCard {
  return adaptiveCard(
    [textBlock(labels.message), textBlock(labels.danger, { size: 'Small', color: 'Attention', weight: 'Bolder' })],
    [submitAction(labels.askCoordinator, Verb.KnowledgeAskCoordinator)],
    `${labels.message}\n${labels.danger}`,
  );
}
