/** Every card verb, declared once and used by the card builders and the Teams routes. */
export const Verb = {
  KnowledgeShowArticle: 'knowledge.showArticle',
  KnowledgeFeedback: 'knowledge.feedback',
  KnowledgeAskCoordinator: 'knowledge.askCoordinator',
  IntakeStart: 'intake.start',
} as const;

export type VerbName = (typeof Verb)[keyof typeof Verb];
