/** Locale resources as read from `locales/<lng>/<namespace>.json`: language → namespace → tree. */
export type LocaleResources = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The value at `ns:dotted.path` in one language's resources, or undefined. */
function lookup(resources: LocaleResources, language: string, key: string): unknown {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
  let node: unknown = resources[language]?.[ns];
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * The words of a key in one language: a word list (`statistics:words`), or a single text as a list
 * of one; none for a key the language does not have. The one way the bot reads words from the locales.
 * @example wordsAt(resources, 'sv', 'intake:start.words') → ['rapportera', 'rapport', …]
 */
export function wordsAt(resources: LocaleResources, language: string, key: string): string[] {
  const value = lookup(resources, language, key);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
