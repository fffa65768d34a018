import type { FieldDef, FieldOption } from '../intake/form-types';
import { YES_NO_UNSURE_OPTIONS } from '../intake/form-types';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import type { Translate } from './translate';
import { Verb } from './verbs';

export interface StepCardOptions {
  /** The session revision the card answers; a submit with another revision is stale. */
  readonly revision: number;
  readonly practice: boolean;
  /** Notices to show above the question (already chosen by the engine), as title + body. */
  readonly notices?: readonly { readonly title: string; readonly body: string }[];
  /** Why the last answer was not accepted (already translated). */
  readonly reason?: string;
  readonly canGoBack: boolean;
  readonly offerSkip: boolean;
  readonly offerStop: boolean;
  /** A line shown first, e.g. "Back to the report where we were". */
  readonly lead?: string;
  /** The current answer, when the field is edited from the review. */
  readonly current?: unknown;
  /** On the first question: offer the one-card form instead. */
  readonly offerForm?: boolean;
}

/** The options offered for a new answer (a retired option is not). */
export function optionsOf(field: FieldDef): readonly FieldOption[] {
  return allOptionsOf(field).filter((o) => !o.retired);
}

/** Every option, retired ones too: the labels older notes are shown with. */
export function allOptionsOf(field: FieldDef): readonly FieldOption[] {
  return field.type === 'yesNoUnsure' ? YES_NO_UNSURE_OPTIONS : (field.options ?? []);
}

/** The warnings of a field's offered options (e.g. "do not end a booking on your own"), each with its option's label. */
export function optionWarnings(field: FieldDef, t: Translate): CardElement[] {
  return optionsOf(field)
    .filter((o) => o.warningKey !== undefined)
    .map((o) => textBlock(`⚠ **${t(o.labelKey)}:** ${t(o.warningKey!)}`, { color: 'Warning', size: 'Small', spacing: 'Small' }));
}

/**
 * One question of the guided note. Every option is also listed with its number, so the question can
 * be answered by typing ("2", or the label) on a phone or with a screen reader; the card's inputs
 * and buttons are the faster path.
 */
export function intakeStepCard(field: FieldDef, t: Translate, o: StepCardOptions): AdaptiveCard {
  const body: CardElement[] = [];
  if (o.practice) body.push(textBlock(t('intake:card.practiceBanner'), { color: 'Warning', weight: 'Bolder', size: 'Small' }));
  if (o.lead) body.push(textBlock(o.lead, { isSubtle: true, size: 'Small' }));
  for (const n of o.notices ?? []) {
    body.push({ type: 'Container', style: 'warning', items: [textBlock(n.title, { weight: 'Bolder' }), textBlock(n.body)] });
  }
  body.push(textBlock(t(field.promptKey), { weight: 'Bolder', size: 'Medium' }));
  if (field.helpKey) body.push(textBlock(t(field.helpKey), { isSubtle: true, size: 'Small', spacing: 'Small' }));
  if (o.reason) body.push(textBlock(o.reason, { color: 'Attention', weight: 'Bolder' }));

  const options = optionsOf(field);
  const data = { fieldId: field.id, revision: o.revision };
  const actions: CardElement[] = [];
  const current = o.current;
  switch (field.type) {
    case 'yesNoUnsure':
      // Three big buttons: one tap on a phone.
      body.push({
        type: 'ActionSet',
        actions: options.map((opt) => submitAction(t(opt.labelKey), Verb.IntakeAnswer, { ...data, value: opt.value })),
      });
      break;
    case 'choice':
    case 'multiChoice':
      body.push({
        type: 'Input.ChoiceSet',
        id: 'value',
        style: 'expanded',
        isMultiSelect: field.type === 'multiChoice',
        label: t('intake:card.chooseLabel'),
        isRequired: field.required,
        errorMessage: t('intake:card.requiredError'),
        choices: options.map((opt, i) => ({ title: `${i + 1}. ${t(opt.labelKey)}`, value: opt.value })),
        ...(Array.isArray(current) ? { value: current.join(',') } : typeof current === 'string' ? { value: current } : {}),
      });
      body.push(...optionWarnings(field, t));
      actions.push(submitAction(t('intake:card.next'), Verb.IntakeAnswer, data, { style: 'positive' }));
      break;
    case 'text':
      body.push({
        type: 'Input.Text',
        id: 'value',
        label: t('intake:card.answerLabel'),
        isMultiline: (field.maxLength ?? 1000) > 200,
        maxLength: field.maxLength ?? 1000,
        isRequired: field.required,
        errorMessage: t('intake:card.requiredError'),
        ...(typeof current === 'string' ? { value: current } : {}),
      });
      actions.push(submitAction(t('intake:card.next'), Verb.IntakeAnswer, data, { style: 'positive' }));
      break;
    case 'number':
      body.push({
        type: 'Input.Number',
        id: 'value',
        label: t('intake:card.answerLabel'),
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        isRequired: field.required,
        errorMessage: t('intake:card.requiredError'),
        ...(typeof current === 'number' ? { value: current } : {}),
      });
      actions.push(submitAction(t('intake:card.next'), Verb.IntakeAnswer, data, { style: 'positive' }));
      break;
    case 'dateTime':
      body.push(
        { type: 'Input.Date', id: 'date', label: t('intake:card.dateLabel'), isRequired: field.required, errorMessage: t('intake:card.requiredError') },
        { type: 'Input.Time', id: 'time', label: t('intake:card.timeLabel'), isRequired: field.required, errorMessage: t('intake:card.requiredError') },
      );
      actions.push(submitAction(t('intake:card.next'), Verb.IntakeAnswer, data, { style: 'positive' }));
      actions.push(submitAction(t('intake:card.now'), Verb.IntakeAnswer, { ...data, value: 'now' }));
      break;
  }
  body.push(textBlock(t('intake:card.typeHint'), { isSubtle: true, size: 'Small', separator: true }));

  if (o.canGoBack) actions.push(submitAction(t('intake:card.back'), Verb.IntakeCommand, { command: 'back', revision: o.revision }));
  if (o.offerSkip || !field.required) actions.push(submitAction(t('intake:card.skip'), Verb.IntakeCommand, { command: 'skip', revision: o.revision }));
  actions.push(submitAction(o.offerStop ? t('intake:card.stop') : t('intake:card.cancel'), Verb.IntakeCommand, { command: 'cancel', revision: o.revision }));
  if (o.offerForm) actions.push(submitAction(t('intake:card.useForm'), Verb.IntakeStart, { form: true, practice: o.practice }));

  const fallback = [
    t(field.promptKey),
    ...options.map((opt, i) => `${i + 1}. ${t(opt.labelKey)}${opt.warningKey ? ` (${t(opt.warningKey)})` : ''}`),
  ].join('\n');
  return adaptiveCard(body, actions, fallback);
}
