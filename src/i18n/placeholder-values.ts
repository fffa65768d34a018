import { KB_LANGUAGES, PLACEHOLDERS, type KbLanguage, type PlaceholderName } from '../knowledge/article';
import type { PlaceholderValues } from '../knowledge/placeholders';
import type { I18n } from './create-i18n';

/**
 * The value of every knowledge-base placeholder in every language: the municipality's own where
 * configured, otherwise the neutral wording from `knowledge:placeholder.*` (never an invented number).
 */
export function placeholderValues(
  i18n: I18n,
  local: Partial<Record<KbLanguage, Partial<Record<PlaceholderName, string>>>> = {},
): Record<KbLanguage, PlaceholderValues> {
  const out = {} as Record<KbLanguage, PlaceholderValues>;
  for (const lng of KB_LANGUAGES) {
    const t = i18n.t(lng);
    out[lng] = Object.fromEntries(PLACEHOLDERS.map((name) => [name, local[lng]?.[name] ?? t(`knowledge:placeholder.${name}`)])) as PlaceholderValues;
  }
  return out;
}
