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

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The `labelsOf` an IntakeContext needs: every language's text for a key (a label, or all words of a
 * word list), so typed answers match in any language.
 * @example labelsFromResources(res)('intake:option.yes') → ['Ja', 'Yes']
 */
export function labelsFromResources(resources: LocaleResources): (key: string) => string[] {
  return (key) => [...new Set(Object.keys(resources).flatMap((lng) => strings(lookup(resources, lng, key))))];
}

/** A `knownKeys` check for parseFormDefinition: the key holds a string or a list of strings in every language. */
export function hasLocaleKey(resources: LocaleResources): (key: string) => boolean {
  const languages = Object.keys(resources);
  return (key) => languages.length > 0 && languages.every((lng) => strings(lookup(resources, lng, key)).length > 0);
}
