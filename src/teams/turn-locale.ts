import type { TurnContext } from 'botbuilder';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../config';
import { commandLanguage, replyLocale } from '../i18n/locale';
import { detectLanguage } from '../knowledge/text-analysis';

/** The parts of the turn state the language is decided from (AppTurnState has them). */
export interface LocaleState {
  readonly conversation?: { readonly intakeLocale?: SupportedLocale; readonly language?: SupportedLocale };
  readonly user?: { readonly locale?: SupportedLocale };
}

/** The language this message's own words clearly are: a one-language command word, or prose the knowledge base's analysis recognises. */
export function typedLanguage(context: TurnContext): SupportedLocale | undefined {
  const text = typeof context.activity.text === 'string' ? context.activity.text.trim() : '';
  if (!text) return undefined;
  return commandLanguage(text) ?? detectLanguage(text);
}

/**
 * The language for this turn's replies, decided in one place (i18n/locale.ts replyLocale): a report
 * in progress keeps its language; else the words the user typed when they are clearly Swedish or
 * English; else the language they last wrote in here; else their explicit choice; else the Teams
 * client's locale; else the default.
 */
export function turnLocale(context: TurnContext, fallback: SupportedLocale, state?: LocaleState): SupportedLocale {
  const client = context.activity.locale ?? (context.activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: string } | undefined)?.locale;
  const conversation = state?.conversation;
  return replyLocale(
    {
      ...(conversation?.intakeLocale ? { report: conversation.intakeLocale } : {}),
      ...optional('typed', typedLanguage(context)),
      ...optional('conversation', conversation?.language),
      ...optional('chosen', state?.user?.locale),
      client,
    },
    SUPPORTED_LOCALES,
    fallback,
  );
}

const optional = <K extends string>(key: K, value: SupportedLocale | undefined) => (value ? ({ [key]: value } as { [P in K]: SupportedLocale }) : {});
