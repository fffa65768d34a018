import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../config';
import { commandWords, type CommandWords } from './locale';
import { wordsAt } from './locale-words';

export type Translate = TFunction;

export interface I18n {
  /** A translator fixed to one locale. */
  t(locale: SupportedLocale): Translate;
  /** The words of a key in one language (locale-words.ts wordsAt): a word list, or a text as a list of one. */
  readonly words: (locale: SupportedLocale, key: string) => string[];
  /** The command words and short replies that mark a message as one language (i18n/locale.ts). */
  readonly commandWords: CommandWords;
  readonly defaultLocale: SupportedLocale;
  readonly namespaces: readonly string[];
}

/** Read `locales/<lng>/<namespace>.json` for every supported locale (sub-folders such as the KB are not namespaces). */
export function readLocaleResources(localesDir: string): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of SUPPORTED_LOCALES) {
    const dir = path.join(localesDir, lng);
    const bucket: Record<string, unknown> = {};
    resources[lng] = bucket;
    for (const file of readdirSync(dir)) {
      const full = path.join(dir, file);
      if (!file.endsWith('.json') || !statSync(full).isFile()) continue;
      bucket[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(full, 'utf8'));
    }
  }
  return resources;
}

/** One i18next instance for the process; resources are loaded synchronously at start. */
export function createI18n(localesDir: string, defaultLocale: SupportedLocale): I18n {
  const resources = readLocaleResources(localesDir);
  const namespaces = Object.keys(resources[defaultLocale] ?? {});
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: resources as never,
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    supportedLngs: [...SUPPORTED_LOCALES],
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return {
    t: (locale) => instance.getFixedT(locale),
    words: (locale, key) => wordsAt(resources, locale, key),
    commandWords: commandWords((locale, key) => wordsAt(resources, locale, key)),
    defaultLocale,
    namespaces,
  };
}
