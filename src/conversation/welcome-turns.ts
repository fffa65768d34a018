import type { Translate } from '../i18n/create-i18n';
import { LANGUAGES } from '../i18n/languages';
import { commandKey, commandPattern } from '../i18n/locale';
import { isPersonalChat, type Turn } from './turn';
import type { TurnDeps } from './turn-deps';
import { onMessage, type TurnRoute } from './turn-routes';

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

/** The bot was added here: welcome once, and keep a personal chat's address (to reach the person later). */
export function welcome(deps: TurnDeps): (turn: Turn) => Promise<void> {
  return async (turn) => {
    turn.state.conversation.welcomedAt = new Date().toISOString();
    if (isPersonalChat(turn) && deps.people) {
      const aad = await turn.aadObjectId();
      if (aad) await deps.people.set(aad, turn.conversation.address);
    }
    await turn.send({ text: welcomeText(deps.i18n.t(turn.locale)) });
  };
}

/** "help" and the language choice ("english", "svenska"). */
export function welcomeRoutes(deps: TurnDeps): TurnRoute[] {
  // The command words are the locales' (common:commands.*), in every language.
  const HELP = new RegExp(`^\\s*(${commandPattern(deps.i18n.words, 'help')})\\s*[.!?]?\\s*$`, 'i');
  const LANGUAGE = new RegExp(`^\\s*(${commandPattern(deps.i18n.words, 'english')}|${commandPattern(deps.i18n.words, 'swedish')})\\s*$`, 'i');
  const english = new Set(LANGUAGES.flatMap((lng) => deps.i18n.words(lng, commandKey('english')).map((w) => w.toLowerCase())));
  return [
    // The word itself tells the language: "hjälp" is Swedish, "help" English, whatever the client says (turn.locale).
    onMessage(HELP, async (turn) => turn.send({ text: welcomeText(deps.i18n.t(turn.locale), true) })),
    onMessage(LANGUAGE, async (turn) => {
      const word = (turn.text ?? '').trim().toLowerCase();
      const { user, conversation } = turn.state;
      user.locale = english.has(word) ? 'en' : 'sv';
      conversation.language = user.locale;
      await turn.send({ text: deps.i18n.t(user.locale)('common:language.changed') });
    }),
  ];
}
