import { LANGUAGES, type Language } from './languages';
/**
 * Pure locale resolution: the Teams client sends tags like `sv-SE` or `en-US`.
 * @example resolveLocale('en-GB', ['sv', 'en'], 'sv') === 'en'
 * @example resolveLocale('fi-FI', ['sv', 'en'], 'sv') === 'sv'
 */
export function resolveLocale<T extends string>(requested: string | undefined | null, supported: readonly T[], fallback: T): T {
  if (!requested) return fallback;
  const tag = requested.trim().toLowerCase().replace(/_/g, '-');
  const exact = supported.find((s) => s.toLowerCase() === tag);
  if (exact) return exact;
  const primary = tag.split('-')[0];
  // Norwegian and Danish readers understand Swedish better than English; nb/nn/da fall to sv if offered.
  const byPrimary = supported.find((s) => s.toLowerCase() === primary);
  if (byPrimary) return byPrimary;
  return fallback;
}

/**
 * Command words and short replies that belong to one language only, as typed at the start of a
 * message. A word both languages use ("status", "start", "ok") is in neither list, so it decides
 * nothing. Keep in step with the routes' commands (status.routes, forwarding.routes,
 * welcome.routes) and the intake's start words.
 */
export const COMMAND_WORDS = {
  sv: [
    'rapportera', 'rapport', 'anmäl', 'anmäla', 'övning', 'öva', 'snabbformulär', 'formulär', 'ett kort',
    'läge', 'ärende', 'dra tillbaka', 'återkalla', 'svar', 'tillägg', 'lägg till',
    'länka', 'olevererade', 'skicka om', 'granska', 'exportera', 'mina ärenden', 'mina', 'öppna ärenden', 'öppna', 'försenade',
    'hjälp', 'hjalp', 'hej', 'svenska', 'engelska', 'fråga', 'fortsätt', 'börja om', 'avbryt', 'tillbaka', 'hoppa över', 'skicka', 'ja', 'nej', 'tack',
  ],
  en: [
    'report', 'report a suspicion', 'new report', 'practice', 'practise', 'quick form', 'form', 'one card',
    'withdraw', 'answer', 'add info', 'add', 'link', 'dead letters', 'redrive', 'audit', 'export', 'my cases', 'open cases', 'overdue',
    'help', 'hello', 'hi', 'english', 'swedish', 'question', 'continue', 'start over', 'cancel', 'back', 'skip', 'submit', 'send', 'yes', 'no', 'thanks', 'thank you',
  ],
} as const;

/**
 * The language of a command or short reply typed at the start of `text`, when its words belong to
 * one language only; undefined otherwise (also for "status", which both languages use).
 * @example commandLanguage('svar K-7F3Q: ja') === 'sv'
 * @example commandLanguage('status K-7F3Q') === undefined
 */
export function commandLanguage(text: string | undefined): Language | undefined {
  const said = (text ?? '').trim().toLowerCase().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
  if (!said) return undefined;
  const starts = (word: string) => said === word || said.startsWith(`${word} `) || said.startsWith(`${word}:`);
  // The longest matching phrase wins, so "add info" is English and "skicka om" Swedish.
  let best: { lng: Language; length: number } | undefined;
  for (const lng of LANGUAGES) {
    for (const word of COMMAND_WORDS[lng]) if (starts(word) && word.length > (best?.length ?? 0)) best = { lng, length: word.length };
  }
  return best?.lng;
}

/** What the language of a reply can be decided from, most telling first. */
export interface LocaleSignals<T extends string> {
  /** A report in progress keeps the language it was started in (its cards and answers belong together). */
  readonly report?: T;
  /** The language the words of this message clearly are (a one-language command, or prose). */
  readonly typed?: T;
  /** The language the user last clearly wrote in, in this conversation. */
  readonly conversation?: T;
  /** A language the user chose explicitly ("english", "svenska"). */
  readonly chosen?: T;
  /** The Teams client's locale tag (`sv-SE`, `en-US`, …). */
  readonly client?: string | null;
}

/**
 * The one decision of the language a reply is in: a report in progress keeps its language; else
 * the words the user typed, when they are clearly Swedish or English ("svar K-7F3Q: ja" gets a
 * Swedish reply in an English client); else the language the user last wrote in here; else the
 * one they chose; else the Teams client's; else the configured default.
 * @example replyLocale({ typed: 'sv', client: 'en-US' }, ['sv', 'en'], 'sv') === 'sv'
 * @example replyLocale({ client: 'en-US' }, ['sv', 'en'], 'sv') === 'en'
 */
export function replyLocale<T extends string>(signals: LocaleSignals<T>, supported: readonly T[], fallback: T): T {
  return signals.report ?? signals.typed ?? signals.conversation ?? signals.chosen ?? resolveLocale(signals.client, supported, fallback);
}
