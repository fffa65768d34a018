import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/create-i18n';
import { alternation, commandLanguage, commandWords, replyLocale, resolveLocale } from '../../src/i18n/locale';
import { LOCALES_DIR } from '../../src/paths';

const WORDS = createI18n(LOCALES_DIR, 'sv').commandWords;

describe('resolveLocale', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['en-US', 'en'],
    ['EN_gb', 'en'],
    ['sv', 'sv'],
    ['fi-FI', 'sv'],
    ['', 'sv'],
    [undefined, 'sv'],
  ])('resolves %s to %s', (requested, expected) => {
    expect(resolveLocale(requested, ['sv', 'en'], 'sv')).toBe(expected);
  });

  it('falls back to the configured default, not the first supported locale', () => {
    expect(resolveLocale('de-DE', ['sv', 'en'], 'en')).toBe('en');
  });
});

describe('commandWords: the command words of each language, from the locales', () => {
  it('keeps a word both languages use out of both lists, so it decides nothing', () => {
    const words = commandWords((lng, key) => ({ 'common:commands.status': { sv: ['status', 'läge'], en: ['Status'] }, 'intake:words.yes': { sv: ['ja'], en: ['yes'] } })[key]?.[lng] ?? []);
    expect(words).toEqual({ sv: ['läge', 'ja'], en: ['yes'] });
  });

  it('holds the locales\' commands, report words and case-list words', () => {
    expect(WORDS.sv).toEqual(expect.arrayContaining(['läge', 'dra tillbaka', 'rapportera', 'mina ärenden', 'hjälp', 'svenska', 'tack']));
    expect(WORDS.en).toEqual(expect.arrayContaining(['withdraw', 'add info', 'report', 'my cases', 'help', 'english', 'thank you']));
    expect([...WORDS.sv, ...WORDS.en]).not.toContain('status');
  });
});

describe('alternation', () => {
  it('puts longer words first and takes every word literally', () => {
    expect(alternation(['add', 'add info', '?', 'add'])).toBe('add info|add|\\?');
  });
});

describe('commandLanguage: the language of a one-language command or short reply', () => {
  it.each([
    ['svar K-7F3Q: ja, han var där', 'sv'],
    ['läge K-7F3Q', 'sv'],
    ['dra tillbaka K-7F3Q', 'sv'],
    ['tillägg K-7F3Q: bilen var röd', 'sv'],
    ['mina ärenden', 'sv'],
    ['skicka om 123', 'sv'],
    ['Hjälp!', 'sv'],
    ['rapportera', 'sv'],
    ['answer K-7F3Q: yes', 'en'],
    ['withdraw K-7F3Q', 'en'],
    ['add info K-7F3Q: a red car', 'en'],
    ['my cases', 'en'],
    ['help', 'en'],
    ['status K-7F3Q', undefined],
    ['start', undefined],
    ['K-7F3Q', undefined],
    ['', undefined],
    ['jag undrar om något', undefined],
  ] as const)('"%s" → %s', (text, expected) => {
    expect(commandLanguage(text, WORDS)).toBe(expected);
  });
});

describe('replyLocale: the one decision of the reply language', () => {
  const decide = (s: Parameters<typeof replyLocale<'sv' | 'en'>>[0]) => replyLocale(s, ['sv', 'en'], 'sv');
  it.each<[string, Parameters<typeof replyLocale<'sv' | 'en'>>[0], 'sv' | 'en']>([
    ['Swedish words in an English client', { typed: 'sv', client: 'en-US' }, 'sv'],
    ['English words in a Swedish client', { typed: 'en', client: 'sv-SE' }, 'en'],
    ['English words after the user chose Swedish', { typed: 'en', chosen: 'sv' }, 'en'],
    ['a report keeps its language, whatever is typed', { report: 'sv', typed: 'en', client: 'en-US' }, 'sv'],
    ['words both languages use: the conversation\'s language', { conversation: 'sv', client: 'en-US' }, 'sv'],
    ['the conversation\'s language before an older explicit choice', { conversation: 'en', chosen: 'sv' }, 'en'],
    ['an explicit choice before the client', { chosen: 'sv', client: 'en-US' }, 'sv'],
    ['nothing else: the client', { client: 'en-GB' }, 'en'],
    ['a client language we do not have: the default', { client: 'fi-FI' }, 'sv'],
    ['nothing at all: the default', {}, 'sv'],
  ])('%s', (_name, signals, expected) => {
    expect(decide(signals)).toBe(expected);
  });
});
