import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Translate } from '../i18n/create-i18n';
import type { TeamsDeps } from './deps';
import { aadObjectIdOf, addressOf } from './conversation-refs';
import { isPersonalChat } from './turn-context';
import { turnLocale } from './turn-locale';
import type { AppTurnState } from './turn-state';

/** The welcome / help text: what the bot does, 112 first. */
export function welcomeText(t: Translate, withTitle = false): string {
  const lines = [
    withTitle ? `**${t('common:help.title')}**` : t('common:welcome.greeting'),
    t('common:welcome.danger'),
    t('common:welcome.canDo'),
    `- ${t('common:welcome.ask')}`,
    `- ${t('common:welcome.report')}`,
    `- ${t('common:welcome.practice')}`,
    `- ${t('common:welcome.status')}`,
    withTitle ? t('common:help.language') : t('common:welcome.help'),
  ];
  return lines.join('\n\n');
}

const HELP = /^\s*(help|hjälp|hjalp|\?|start|hej|hello|hi)\s*[.!?]?\s*$/i;
const LANGUAGE = /^\s*(english|engelska|svenska|swedish)\s*$/i;

function isBotAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((m) => m.id === botId);
}

export function registerWelcomeRoutes(app: Application<AppTurnState>, deps: TeamsDeps): void {
  const locale = (context: TurnContext, state: AppTurnState) => turnLocale(context, deps.defaultLocale, state);

  app.conversationUpdate('membersAdded', async (context, state) => {
    if (!isBotAdded(context)) return;
    state.conversation.welcomedAt = new Date().toISOString();
    if (isPersonalChat(context) && deps.people) {
      const aad = await aadObjectIdOf(context);
      if (aad) await deps.people.set(aad, addressOf(context));
    }
    await context.sendActivity(welcomeText(deps.i18n.t(locale(context, state))));
  });

  app.message(HELP, async (context, state) => {
    // The word itself tells the language: "hjälp" is Swedish, "help" English, whatever the client says (turnLocale).
    await context.sendActivity(welcomeText(deps.i18n.t(locale(context, state)), true));
  });

  app.message(LANGUAGE, async (context, state) => {
    const word = (context.activity.text ?? '').trim().toLowerCase();
    state.user.locale = word === 'english' || word === 'engelska' ? 'en' : 'sv';
    state.conversation.language = state.user.locale;
    await context.sendActivity(deps.i18n.t(state.user.locale)('common:language.changed'));
  });
}
