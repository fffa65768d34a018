/** Why an input was refused or must be given again; each is a key in `locales/<lng>/intake.json`. */
export const REASON = {
  noSession: 'intake:reason.noSession',
  formChanged: 'intake:reason.formChanged',
  stale: 'intake:reason.stale',
  unknownField: 'intake:reason.unknownField',
  notCurrentStep: 'intake:reason.notCurrentStep',
  wrongType: 'intake:reason.wrongType',
  notAnOption: 'intake:reason.notAnOption',
  notUnderstood: 'intake:reason.notUnderstood',
  tooLong: 'intake:reason.tooLong',
  tooFewLetters: 'intake:reason.tooFewLetters',
  required: 'intake:reason.required',
  cannotSkipRequired: 'intake:reason.cannotSkipRequired',
  atFirstStep: 'intake:reason.atFirstStep',
  notInReview: 'intake:reason.notInReview',
  reviewNotYet: 'intake:reason.reviewNotYet',
  notEditable: 'intake:reason.notEditable',
  nothingToConfirm: 'intake:reason.nothingToConfirm',
  emergencyFirst: 'intake:reason.emergencyFirst',
  useReviewActions: 'intake:reason.useReviewActions',
  notANumber: 'intake:reason.notANumber',
  wholeNumber: 'intake:reason.wholeNumber',
  numberRange: 'intake:reason.numberRange',
  dateFormat: 'intake:reason.dateFormat',
  dateInFuture: 'intake:reason.dateInFuture',
  dateTooOld: 'intake:reason.dateTooOld',
  endBeforeStart: 'intake:reason.endBeforeStart',
  phone: 'intake:reason.phone',
} as const;

export type ReasonKey = (typeof REASON)[keyof typeof REASON];

/** Values a reason's text interpolates, e.g. `{{max}}` in `intake:reason.tooLong`. */
export type ReasonParams = Readonly<Record<string, string | number>>;

/** Fixed keys the engine uses besides reasons (help, words, commands). */
export const KEYS = {
  helpGeneral: 'intake:help.general',
  helpReview: 'intake:help.review',
  wordsYes: 'intake:words.yes',
  wordsNo: 'intake:words.no',
  wordsNone: 'intake:words.none',
  wordsNow: 'intake:words.now',
  wordsToday: 'intake:words.today',
  wordsYesterday: 'intake:words.yesterday',
} as const;

export const COMMAND_WORDS = {
  back: 'intake:command.back',
  skip: 'intake:command.skip',
  cancel: 'intake:command.cancel',
  help: 'intake:command.help',
  review: 'intake:command.review',
  submit: 'intake:command.submit',
} as const;
