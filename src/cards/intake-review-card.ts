import { DateTime } from 'luxon';
import type { FieldDef } from '../intake/form-types';
import type { ReviewOutcome } from '../intake/intake-outcome';
import type { AnswerValue } from '../intake/session';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card';
import { allOptionsOf } from './intake-step-card';
import type { Translate } from './translate';
import { Verb } from './verbs';

/** An answer as the reporter reads it: option labels, local date-times, "Not answered". */
export function formatAnswer(field: FieldDef, value: AnswerValue | undefined, t: Translate, timeZone: string): string {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('intake:review.notAnswered');
  const label = (v: string) => {
    const opt = allOptionsOf(field).find((o) => o.value === v);
    return opt ? t(opt.labelKey) : v;
  };
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (field.type === 'dateTime' && typeof value === 'string') {
    const dt = DateTime.fromISO(value, { zone: 'utc' }).setZone(timeZone);
    return dt.isValid ? dt.toFormat('yyyy-MM-dd HH:mm') : value;
  }
  if (field.type === 'choice' || field.type === 'yesNoUnsure') return label(String(value));
  return String(value);
}

/** Every answer before submit, each changeable, with who receives the note and what anonymity means. */
export function intakeReviewCard(
  outcome: ReviewOutcome,
  t: Translate,
  o: { readonly timeZone: string; readonly notices: readonly { title: string; body: string }[]; readonly reason?: string },
): AdaptiveCard {
  const { session } = outcome;
  const body: CardElement[] = [];
  if (session.practice) body.push(textBlock(t('intake:card.practiceBanner'), { color: 'Warning', weight: 'Bolder', size: 'Small' }));
  body.push(textBlock(t('intake:review.title'), { size: 'Medium', weight: 'Bolder', style: 'heading' }));
  body.push(textBlock(`${t('intake:review.urgency')}: ${t(`intake:urgency.${outcome.urgency}`)}`, { weight: 'Bolder' }));
  if (o.reason) body.push(textBlock(o.reason, { color: 'Attention', weight: 'Bolder' }));
  for (const item of outcome.items) {
    body.push({
      type: 'ColumnSet',
      separator: true,
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            textBlock(t(item.field.promptKey), { size: 'Small', isSubtle: true }),
            textBlock(formatAnswer(item.field, item.value, t, o.timeZone), { spacing: 'None' }),
          ],
        },
        ...(item.editable
          ? [
              {
                type: 'Column',
                width: 'auto',
                verticalContentAlignment: 'Center',
                items: [{ type: 'ActionSet', actions: [submitAction(t('intake:card.edit'), Verb.IntakeEdit, { fieldId: item.field.id, revision: session.revision })] }],
              },
            ]
          : []),
      ],
    });
  }
  for (const n of o.notices) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(n.title, { weight: 'Bolder' }), textBlock(n.body, { size: 'Small' })] });
  const actions = [
    submitAction(session.practice ? t('intake:card.finishPractice') : t('intake:card.submit'), Verb.IntakeCommand, { command: 'submit', revision: session.revision }, { style: 'positive' }),
    submitAction(t('intake:card.cancel'), Verb.IntakeCommand, { command: 'cancel', revision: session.revision }),
  ];
  const fallback = outcome.items.map((i) => `${t(i.field.promptKey)}: ${formatAnswer(i.field, i.value, t, o.timeZone)}`).join('\n');
  return adaptiveCard(body, actions, fallback);
}

/** "Do you want to cancel?" with the two ways out. */
export function intakeConfirmCancelCard(t: Translate, revision: number): AdaptiveCard {
  return adaptiveCard(
    [textBlock(t('intake:confirmCancel.title'), { weight: 'Bolder' }), textBlock(t('intake:confirmCancel.body'))],
    [
      submitAction(t('intake:card.confirmCancel'), Verb.IntakeCommand, { command: 'confirmCancel', revision }, { style: 'destructive' }),
      submitAction(t('intake:card.keepGoing'), Verb.IntakeCommand, { command: 'keepGoing', revision }),
    ],
    `${t('intake:confirmCancel.title')} ${t('intake:confirmCancel.body')}`,
  );
}

/** A draft exists: go on where it was, or start over. */
export function intakeResumeCard(t: Translate, practice: boolean): AdaptiveCard {
  return adaptiveCard(
    [textBlock(t('intake:draft.found'), { weight: 'Bolder' })],
    [
      submitAction(t('intake:draft.resume'), Verb.IntakeResume, { choice: 'resume' }, { style: 'positive' }),
      submitAction(t('intake:draft.restart'), Verb.IntakeResume, { choice: 'restart', practice }),
    ],
    t('intake:draft.found'),
  );
}
