/** Every card verb, declared once and used by the card builders and the Teams routes. */
export const Verb = {
  KnowledgeShowArticle: 'knowledge.showArticle',
  KnowledgeFeedback: 'knowledge.feedback',
  KnowledgeAskCoordinator: 'knowledge.askCoordinator',
  KnowledgeReviewed: 'knowledge.reviewed',
  IntakeStart: 'intake.start',
  IntakeAnswer: 'intake.answer',
  IntakeCommand: 'intake.command',
  IntakeEdit: 'intake.edit',
  IntakeEmergency: 'intake.emergency',
  IntakeResume: 'intake.resume',
  IntakeForm: 'intake.form',
  IntakeOrigin: 'intake.origin',
  CaseAcknowledge: 'case.acknowledge',
  CaseTake: 'case.take',
  CaseClose: 'case.close',
  CaseRefresh: 'case.refresh',
  CaseList: 'case.list',
  CaseAsk: 'case.ask',
  CaseReply: 'case.reply',
  CaseNeedsRoutine: 'case.needsRoutine',
  CaseConsultRegional: 'case.consultRegional',
  StatisticsShow: 'statistics.show',
} as const;

export type VerbName = (typeof Verb)[keyof typeof Verb];
