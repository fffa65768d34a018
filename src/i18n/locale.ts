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
