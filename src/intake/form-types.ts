/** The shape of a guided form once parsed (see form-definition.ts for the YAML and its checks). */
export const FIELD_TYPES = ['text', 'choice', 'multiChoice', 'yesNoUnsure', 'dateTime', 'number'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One answer option of a choice field; `wordsKey` names extra words (an array in the locale) that also pick it when typed. */
export interface FieldOption {
  readonly value: string;
  readonly labelKey: string;
  readonly wordsKey?: string;
  /** A warning shown with the option wherever it is offered (e.g. "do not end a booking on your own"). */
  readonly warningKey?: string;
  /**
   * No longer offered or accepted, but kept so that notes of older form versions still show its label
   * (and a draft that chose it is asked that question again).
   */
  readonly retired?: boolean;
  /** Heading the option is listed under (the indicator checklist's sections). */
  readonly groupKey?: string;
  /** Adapted from other sources, not verified for this setting (the campsite indicators). */
  readonly adapted?: boolean;
}

/**
 * A condition on an earlier answer (`field` with exactly one of `equals`, `in`, `includes`), or a
 * named rule of the code (`rule`, see rules.ts FORM_RULES), so that the same rule decides a question
 * and the urgency. Only a `display: emergency` field may name a rule that reads later answers: it is
 * shown as soon as its rule holds.
 */
export interface Condition {
  readonly field?: string;
  readonly rule?: string;
  readonly equals?: string;
  readonly in?: readonly string[];
  /** For multi-choice answers: true when the answer contains any of these values. */
  readonly includes?: readonly string[];
}

export interface FieldDef {
  readonly id: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly promptKey: string;
  readonly helpKey?: string;
  /** Choice and multi-choice options; yes/no/unsure fields get the standard three. */
  readonly options?: readonly FieldOption[];
  /** Text only; at most 1000. */
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly format?: 'phone';
  /** The field is asked, and its answer kept, only while this holds. */
  readonly when?: Condition;
  /** Date-time only: the answer may not be earlier than this (earlier) date-time field. */
  readonly notBefore?: string;
  /** False for answers recorded by the 112 screen: they cannot be changed from review or reached with back. */
  readonly editable: boolean;
  /**
   * `emergency`: shown as the 112 screen; nothing else is asked until it is answered. It is asked as
   * soon as its condition holds, wherever it stands in the form (a rule may make it hold later on).
   */
  readonly display?: 'emergency';
  /** Emergency fields: where the 112 screen records the time and the police event number. */
  readonly records?: { readonly time?: string; readonly eventNumber?: string };
  /** A notice shown once, before this field is first asked. */
  readonly noticeBefore?: string;
  /** A notice shown once, after this field is answered, if the condition holds. */
  readonly noticeAfter?: { readonly notice: string; readonly when: Condition };
}

export interface NoticeDef {
  readonly titleKey: string;
  readonly bodyKey: string;
}

/** A guided form: ordered fields, the notices it can show and what the review shows. */
export interface FormDefinition {
  readonly id: string;
  readonly version: number;
  readonly titleKey: string;
  readonly notices: Readonly<Record<string, NoticeDef>>;
  readonly reviewNotices: readonly string[];
  /**
   * Earlier versions whose drafts continue on this one (their answers are checked again and any that
   * no longer fit are asked again). Other versions' drafts are refused as "the form has changed".
   */
  readonly upgradesFrom: readonly number[];
  /** The text field that takes a situation the reporter already described to the bot ("Report this"). */
  readonly situationField?: string;
  readonly fields: readonly FieldDef[];
}

/** The options every yes/no/unsure field has, in this order (typed "1", "2", "3" follow it). */
export const YES_NO_UNSURE_OPTIONS: readonly FieldOption[] = [
  { value: 'yes', labelKey: 'intake:option.yes', wordsKey: 'intake:words.yes' },
  { value: 'no', labelKey: 'intake:option.no', wordsKey: 'intake:words.no' },
  { value: 'unsure', labelKey: 'intake:option.unsure', wordsKey: 'intake:words.unsure' },
];

export const MAX_TEXT_LENGTH = 1000;
