import { SUPPORTED_LOCALES, type SupportedLocale } from '../config';
import { commandLanguage, replyLocale, type CommandWords } from '../i18n/locale';
import { detectLanguage } from '../knowledge/text-analysis';
import type { ConversationState, UserState } from './turn';

/** The language this message's own words clearly are: a one-language command word, or prose the knowledge base's analysis recognises. */
export function typedLanguage(text: string | undefined, commandWords: CommandWords): SupportedLocale | undefined {
  const said = (text ?? '').trim();
  if (!said) return undefined;
  return commandLanguage(said, commandWords) ?? detectLanguage(said);
}

/**
 * The language for this turn's replies, decided in one place (i18n/locale.ts replyLocale): a report
 * in progress keeps its language; else the words the user typed when they are clearly Swedish or
 * English; else the language they last wrote in here; else their explicit choice; else the Teams
 * client's locale; else the default.
 */
export function turnLocale(
  said: { readonly text?: string | undefined; readonly clientLocale?: string | undefined },
  state: { readonly conversation?: ConversationState; readonly user?: UserState } | undefined,
  fallback: SupportedLocale,
  commandWords: CommandWords,
): SupportedLocale {
  const conversation = state?.conversation;
  return replyLocale(
    {
      ...(conversation?.intakeLocale ? { report: conversation.intakeLocale } : {}),
      ...optional('typed', typedLanguage(said.text, commandWords)),
      ...optional('conversation', conversation?.language),
      ...optional('chosen', state?.user?.locale),
      client: said.clientLocale,
    },
    SUPPORTED_LOCALES,
    fallback,
  );
}

const optional = <K extends string>(key: K, value: SupportedLocale | undefined) => (value ? ({ [key]: value } as { [P in K]: SupportedLocale }) : {});
