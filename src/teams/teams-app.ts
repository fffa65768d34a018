import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import type { TurnRoutes } from '../conversation/turn-routes';
import { teamsTurn, type AppTurnState, type TeamsTurnDeps } from './teams-turn';

export interface TeamsAppOptions {
  readonly adapter: TeamsAdapter;
  readonly botAppId: string;
  readonly storage: Storage;
  /** Teams shows typing itself for slow turns; tests turn it off (it sends extra activities). */
  readonly startTypingTimer?: boolean;
}

const isMessage = (context: TurnContext) => context.activity.type === (ActivityTypes.Message as string);

/** Was the bot itself among the members added (not someone joining a chat it is already in)? */
function isBotAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((m) => m.id === botId);
}

/**
 * The teams-ai Application running the bot's plain route table (conversation/bot-routes.ts): each
 * activity becomes a plain turn (teams-turn.ts), and each route is registered in the table's order
 * (teams-ai takes the first that matches). Card data is handed over raw; the route parses it.
 */
export function createTeamsApp(options: TeamsAppOptions, deps: TeamsTurnDeps, routes: TurnRoutes): Application<AppTurnState> {
  const app = new Application<AppTurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    storage: options.storage,
    startTypingTimer: options.startTypingTimer ?? false,
    removeRecipientMention: true,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });
  const turnOf = (context: TurnContext, state: AppTurnState) => teamsTurn(context, state, deps);

  app.turn('beforeTurn', async (context, state) => {
    if (!isMessage(context)) return true;
    const turn = turnOf(context, state);
    for (const guard of routes.beforeMessage) if (!(await guard(turn))) return false;
    return true;
  });

  app.conversationUpdate('membersAdded', async (context, state) => {
    if (isBotAdded(context)) await routes.botAdded(turnOf(context, state));
  });

  for (const route of routes.routes) {
    switch (route.kind) {
      case 'message':
        app.message(
          async (context) => isMessage(context) && route.matches(context.activity.text ?? ''),
          (context, state) => route.run(turnOf(context, state)),
        );
        break;
      case 'submit':
        app.adaptiveCards.actionSubmit(route.verb, (context, state, data: unknown) => route.run(turnOf(context, state), data));
        break;
      case 'execute':
        app.adaptiveCards.actionExecute(route.verb, async (context, state, data: unknown) => {
          const reply = await route.run(turnOf(context, state), data);
          // The invoke's answer: a card replaces the one pressed, a text is shown as a message.
          return 'text' in reply ? reply.text : { ...reply.card };
        });
        break;
    }
  }

  // Last: every other message.
  app.activity(ActivityTypes.Message, (context, state) => routes.otherMessage(turnOf(context, state)));
  return app;
}
