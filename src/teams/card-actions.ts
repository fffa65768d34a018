import type { AdaptiveCard as TeamsAiCard, Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { CARD_PAYLOADS, type CardPayload } from '../cards/payloads';
import type { VerbName } from '../cards/verbs';
import { audit, type TeamsDeps } from './deps';
import { actorOf, turnLogger } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';

const actor = (context: TurnContext) => actorOf(context) ?? 'unknown';

/** Log and audit a card action whose data did not parse (a forged or broken card); never its content. */
async function refuseMalformed(context: TurnContext, deps: TeamsDeps, verb: VerbName): Promise<void> {
  turnLogger(deps.logger, context).warn('audit: card action refused: malformed data', { verb });
  await audit(deps, { actor: actor(context), action: verb, result: 'refused', reason: 'invalidPayload' });
}

/**
 * The one way a card submit (Action.Submit) reaches a handler: its data parsed by the verb's schema
 * first. Malformed data is audited and answered by `onInvalid` (default: "I could not read that").
 */
export function onCardSubmit<V extends VerbName>(
  app: Application<AppTurnState>,
  deps: TeamsDeps,
  verb: V,
  handler: (context: TurnContext, state: AppTurnState, data: CardPayload<V>) => Promise<void>,
  onInvalid?: (context: TurnContext, state: AppTurnState) => Promise<void>,
): void {
  app.adaptiveCards.actionSubmit(verb, async (context, state, raw) => {
    const parsed = CARD_PAYLOADS[verb].safeParse(raw);
    if (parsed.success) return handler(context, state, parsed.data);
    await refuseMalformed(context, deps, verb);
    if (onInvalid) return onInvalid(context, state);
    await context.sendActivity(deps.i18n.t(turnLocale(context, deps.defaultLocale, state))('common:error.TURN_INVALID_ACTIVITY'));
  });
}

/** The same for a Universal Action (Action.Execute): malformed data gets the refusal text as the card's answer. */
export function onCardExecute<V extends VerbName>(
  app: Application<AppTurnState>,
  deps: TeamsDeps,
  verb: V,
  handler: (context: TurnContext, state: AppTurnState, data: CardPayload<V>) => Promise<TeamsAiCard | string>,
): void {
  app.adaptiveCards.actionExecute(verb, async (context, state, raw) => {
    const parsed = CARD_PAYLOADS[verb].safeParse(raw);
    if (parsed.success) return handler(context, state, parsed.data);
    await refuseMalformed(context, deps, verb);
    return deps.i18n.t(turnLocale(context, deps.defaultLocale, state))('common:error.TURN_INVALID_ACTIVITY');
  });
}
