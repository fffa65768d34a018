import type { FieldDef, FormDefinition } from '../intake/form-types';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { optionsOf, optionWarnings } from './intake-step-card';
import type { Translate } from './translate';
import { Verb } from './verbs';

/** Date-time fields are two inputs on a card; the edge joins them. */
export const DATE_SUFFIX = '__date';
export const TIME_SUFFIX = '__time';

function input(field: FieldDef, t: Translate, value: unknown, error?: string): CardElement[] {
  const label = `${t(field.promptKey)}${field.required ? '' : ` (${t('intake:card.optional')})`}`;
  const common = { id: field.id, label, ...(error ? { errorMessage: error } : {}) };
  const str = typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : typeof value === 'number' ? String(value) : undefined;
  switch (field.type) {
    case 'choice':
    case 'yesNoUnsure':
    case 'multiChoice':
      return [
        {
          type: 'Input.ChoiceSet',
          ...common,
          style: field.type === 'multiChoice' ? 'expanded' : 'compact',
          isMultiSelect: field.type === 'multiChoice',
          choices: optionsOf(field).map((o) => ({ title: t(o.labelKey), value: o.value })),
          ...(str !== undefined ? { value: str } : {}),
        },
        ...optionWarnings(field, t),
      ];
    case 'number':
      return [{ type: 'Input.Number', ...common, ...(field.min !== undefined ? { min: field.min } : {}), ...(field.max !== undefined ? { max: field.max } : {}), ...(str ? { value: Number(str) } : {}) }];
    case 'dateTime':
      return [
        { type: 'Input.Date', id: field.id + DATE_SUFFIX, label, ...(error ? { errorMessage: error } : {}) },
        { type: 'Input.Time', id: field.id + TIME_SUFFIX, label: t('intake:card.timeLabel') },
      ];
    case 'text':
      return [{ type: 'Input.Text', ...common, maxLength: field.maxLength ?? 1000, isMultiline: (field.maxLength ?? 1000) > 200, ...(str !== undefined ? { value: str } : {}) }];
  }
}

/**
 * The whole note on one card, for people who know what they are doing. 112 comes first on it too;
 * the server validates it with the same rules as the guided dialog and sends it back with the
 * reasons (and the answers kept) when something is wrong.
 */
export function intakeFormCard(
  form: FormDefinition,
  t: Translate,
  o: { readonly practice: boolean; readonly token: string; readonly values?: Readonly<Record<string, unknown>>; readonly errors?: Readonly<Record<string, string>>; readonly notices: readonly { title: string; body: string }[] },
): AdaptiveCard {
  const body: CardElement[] = [];
  if (o.practice) body.push(textBlock(t('intake:card.practiceBanner'), { color: 'Warning', weight: 'Bolder', size: 'Small' }));
  body.push({ type: 'Container', style: 'attention', items: [textBlock(t('intake:emergency.message'), { weight: 'Bolder', color: 'Attention' })] });
  body.push(textBlock(t(form.titleKey), { size: 'Medium', weight: 'Bolder', style: 'heading' }));
  if (o.errors && Object.keys(o.errors).length > 0) body.push(textBlock(t('intake:card.formHasErrors'), { color: 'Attention', weight: 'Bolder' }));
  for (const n of o.notices) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(n.title, { weight: 'Bolder' }), textBlock(n.body, { size: 'Small' })] });
  for (const field of form.fields) {
    // The 112 screen's recorded time is filled in by the server.
    if (field.records === undefined && !field.editable && field.display !== 'emergency') continue;
    body.push(...input(field, t, o.values?.[field.id], o.errors?.[field.id]));
    const error = o.errors?.[field.id];
    if (error) body.push(textBlock(error, { color: 'Attention', size: 'Small', spacing: 'None' }));
  }
  return adaptiveCard(
    body,
    [
      submitAction(o.practice ? t('intake:card.finishPractice') : t('intake:card.submit'), Verb.IntakeForm, { practice: o.practice, token: o.token }, { style: 'positive' }),
    ],
    t(form.titleKey),
  );
}
