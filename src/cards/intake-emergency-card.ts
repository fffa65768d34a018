import type { FieldDef } from '../intake/form-types';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard } from './adaptive-card';
import type { Translate } from './translate';
import { Verb } from './verbs';

/**
 * "Call 112 now": shown before any other question when someone may be in danger, and shown again
 * until the reporter says 112 was called or was not needed after all.
 */
export function intakeEmergencyCard(
  field: FieldDef,
  t: Translate,
  revision: number,
  practice: boolean,
  o: { readonly lead?: string; readonly notices?: readonly { readonly title: string; readonly body: string }[] } = {},
): AdaptiveCard {
  const body = [
    ...(practice ? [textBlock(t('intake:card.practiceBanner'), { color: 'Warning', weight: 'Bolder', size: 'Small' })] : []),
    {
      type: 'Container',
      style: 'attention',
      bleed: true,
      items: [textBlock(t(field.promptKey), { size: 'ExtraLarge', weight: 'Bolder', color: 'Attention' })],
    },
    // Why 112 now, when it is not the danger gate (review D1: a possible child, still going on).
    ...(o.lead ? [textBlock(o.lead, { weight: 'Bolder' })] : []),
    ...(field.helpKey ? [textBlock(t(field.helpKey))] : []),
    // A notice the last answer brought (the child-protection steps), after the call to 112.
    ...(o.notices ?? []).map((n) => ({ type: 'Container', style: 'warning', items: [textBlock(n.title, { weight: 'Bolder' }), textBlock(n.body)] })),
    { type: 'Input.Text', id: 'eventNumber', label: t('intake:card.eventNumberLabel'), maxLength: 40, isRequired: false },
  ];
  const [called, notNeeded] = field.options ?? [];
  return adaptiveCard(
    body,
    [
      submitAction(t(called?.labelKey ?? 'intake:emergency.called'), Verb.IntakeEmergency, { outcome: 'called', revision }, { style: 'positive' }),
      submitAction(t(notNeeded?.labelKey ?? 'intake:emergency.notNeeded'), Verb.IntakeEmergency, { outcome: 'notNeeded', revision }),
      submitAction(t('intake:card.help'), Verb.IntakeCommand, { command: 'help', revision }),
      submitAction(t('intake:card.cancel'), Verb.IntakeCommand, { command: 'cancel', revision }),
    ],
    [t(field.promptKey), ...(o.lead ? [o.lead] : [])].join('\n'),
  );
}
