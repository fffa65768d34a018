/**
 * The languages the bot speaks, in one place. Adding one is a folder `locales/<code>/` (every file
 * of `locales/en/` translated; a test fails until every key exists) and one entry here; the
 * compiler then points at what each language needs (a stemmer and stop words in
 * `knowledge/text-analysis.ts`, the manifest's localization file).
 */
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
