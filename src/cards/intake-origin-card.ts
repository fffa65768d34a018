import type { OriginChoice } from '../forwarding/case-origin';
import { adaptiveCard, submitAction, textBlock, type AdaptiveCard } from './adaptive-card';
import type { Translate } from './translate';
import { Verb } from './verbs';

/** "Which site is this about?" (a partner with several) or "Which municipality?" (staff, several municipalities). */
export function intakeOriginCard(choices: readonly OriginChoice[], t: Translate, token: string): AdaptiveCard {
  const bySite = choices.some((c) => c.origin.site);
  const question = t(bySite ? 'intake:origin.site' : 'intake:origin.municipality');
  const label = (c: OriginChoice) => (c.origin.site ? `${c.origin.site.name} (${t(`intake:siteKind.${c.origin.site.kind}`)}, ${c.origin.municipalityName})` : c.origin.municipalityName);
  return adaptiveCard(
    [textBlock(question, { weight: 'Bolder' }), textBlock(t('intake:origin.why'), { isSubtle: true, size: 'Small' })],
    // Numbered, so that the choice can be typed too.
    choices.map((c, i) => submitAction(`${i + 1}. ${label(c)}`, Verb.IntakeOrigin, { origin: c.id, token })),
    question,
  );
}
