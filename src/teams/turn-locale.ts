import type { TurnContext } from 'botbuilder';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../config';
import { resolveLocale } from '../i18n/locale';

/** The language for this turn: the user's explicit choice, else the Teams client's locale, else the default. */
export function turnLocale(context: TurnContext, fallback: SupportedLocale, chosen?: SupportedLocale): SupportedLocale {
  if (chosen) return chosen;
  const fromClient = context.activity.locale ?? (context.activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: string } | undefined)?.locale;
  return resolveLocale(fromClient, SUPPORTED_LOCALES, fallback);
}
