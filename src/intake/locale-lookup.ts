import { wordsAt, type LocaleResources } from '../i18n/locale-words';

/**
 * The `labelsOf` an IntakeContext needs: every language's text for a key (a label, or all words of a
 * word list), so typed answers match in any language.
 * @example labelsFromResources(res)('intake:option.yes') → ['Ja', 'Yes']
 */
export function labelsFromResources(resources: LocaleResources): (key: string) => string[] {
  return (key) => [...new Set(Object.keys(resources).flatMap((lng) => wordsAt(resources, lng, key)))];
}

/** A `knownKeys` check for parseFormDefinition: the key holds a string or a list of strings in every language. */
export function hasLocaleKey(resources: LocaleResources): (key: string) => boolean {
  const languages = Object.keys(resources);
  return (key) => languages.length > 0 && languages.every((lng) => wordsAt(resources, lng, key).length > 0);
}
