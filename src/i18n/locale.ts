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

/** The bot's typed commands, each a word list per language under `common:commands.<name>`. */
export const COMMANDS = ['help', 'english', 'swedish', 'status', 'withdraw', 'answer', 'addInfo', 'link', 'deadLetters', 'redrive', 'audit', 'export', 'question', 'thanks'] as const;
export type Command = (typeof COMMANDS)[number];

/** The locale key of a command's words. */
export const commandKey = (command: Command) => `common:commands.${command}`;

/**
 * Every locale key whose words are a command or a short reply typed at the start of a message: the
 * commands above, and the words the report, the case lists and the form answer to.
 */
const COMMAND_WORD_KEYS = [
  ...COMMANDS.map(commandKey),
  'intake:start.words',
  'intake:start.practiceWords',
  'intake:start.formWords',
  'intake:draft.resumeWords',
  'intake:draft.restartWords',
  'intake:command.cancel',
  'intake:command.back',
  'intake:command.skip',
  'intake:command.submit',
  'intake:words.yes',
  'intake:words.no',
  'forwarding:list.words.mine',
  'forwarding:list.words.open',
  'forwarding:list.words.overdue',
];

/** Per language, the command words and short replies only that language has. */
export type CommandWords = Readonly<Record<Language, readonly string[]>>;

/** A message's start as command words are compared: lower case, one space, no closing punctuation. */
const normalize = (text: string) => text.trim().toLowerCase().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');

/**
 * The command words of each language, read from the locales (`wordsOf`, e.g. I18n.words): a word
 * both languages use ("status", "start", "ok") is in neither list, so it decides nothing.
 */
export function commandWords(wordsOf: (language: Language, key: string) => readonly string[]): CommandWords {
  const all = Object.fromEntries(LANGUAGES.map((lng) => [lng, new Set(COMMAND_WORD_KEYS.flatMap((key) => wordsOf(lng, key).map(normalize)).filter((w) => w !== ''))])) as Record<Language, Set<string>>;
  const only = (lng: Language) => [...all[lng]].filter((w) => LANGUAGES.every((other) => other === lng || !all[other].has(w)));
  return Object.fromEntries(LANGUAGES.map((lng) => [lng, only(lng)])) as Record<Language, string[]>;
}

/**
 * The language of a command or short reply typed at the start of `text`, when its words belong to
 * one language only; undefined otherwise (also for "status", which both languages use).
 * @example commandLanguage('svar K-7F3Q: ja', words) === 'sv'
 * @example commandLanguage('status K-7F3Q', words) === undefined
 */
export function commandLanguage(text: string | undefined, words: CommandWords): Language | undefined {
  const said = normalize(text ?? '');
  if (!said) return undefined;
  const starts = (word: string) => said === word || said.startsWith(`${word} `) || said.startsWith(`${word}:`);
  // The longest matching phrase wins, so "add info" is English and "skicka om" Swedish.
  let best: { lng: Language; length: number } | undefined;
  for (const lng of LANGUAGES) {
    for (const word of words[lng]) if (starts(word) && word.length > (best?.length ?? 0)) best = { lng, length: word.length };
  }
  return best?.lng;
}

/**
 * A command's words in every language as a regular-expression alternation (for the routes' patterns).
 * @example new RegExp(`^\\s*(${commandPattern(i18n.words, 'status')})\\b`, 'i')
 */
export function commandPattern(wordsOf: (language: Language, key: string) => readonly string[], command: Command): string {
  return alternation(LANGUAGES.flatMap((lng) => wordsOf(lng, commandKey(command))));
}

/**
 * A regular-expression alternation of typed words, longest first, each taken literally.
 * @example alternation(['add', 'add info']) === 'add info|add'
 */
export function alternation(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
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
